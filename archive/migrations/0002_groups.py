"""Create the Archivists and Editors groups with their permissions.

Archivists add, change and view every archive record but cannot delete,
publish or withdraw; editors can do all of that. The admin also keeps
archivists from changing statements that are no longer drafts.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ["country", "issuingbody", "event", "statement", "statementrelation"]
ARCHIVIST = [f"{action}_{model}" for model in MODELS for action in ("add", "change", "view")]
# Removing a wrong relation link is part of editing a draft, not deleting a record.
ARCHIVIST.append("delete_statementrelation")
EDITOR = [
    *ARCHIVIST,
    *(f"delete_{model}" for model in MODELS if model != "statementrelation"),
    "publish_statement",
    "withdraw_statement",
]


def create_groups(apps, schema_editor):
    # Permissions are normally created after migrate; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in (("Archivists", ARCHIVIST), ("Editors", EDITOR)):
        group, _ = Group.objects.get_or_create(name=name)
        perms = Permission.objects.filter(content_type__app_label="archive", codename__in=codenames)
        if perms.count() != len(set(codenames)):
            raise RuntimeError(f"missing permissions for {name}")
        group.permissions.set(perms)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Archivists", "Editors"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
