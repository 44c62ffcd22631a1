"""The Archivists and Editors groups and what each may do.

Archivists add, change and view every archive record but cannot delete,
publish or withdraw; editors can do all of that. The admin also keeps
archivists from changing statements that are no longer drafts. A data
migration creates the groups; ``sync_groups`` can restore them at any time.
"""

MODELS = ["country", "issuingbody", "event", "person", "post", "statement", "statementrelation"]
ARCHIVIST = [f"{action}_{model}" for model in MODELS for action in ("add", "change", "view")]
# Removing a wrong relation link is part of editing a draft, not deleting a record.
ARCHIVIST.append("delete_statementrelation")
EDITOR = [
    *ARCHIVIST,
    *(f"delete_{model}" for model in MODELS if model != "statementrelation"),
    "publish_statement",
    "withdraw_statement",
]
GROUPS = {"Archivists": ARCHIVIST, "Editors": EDITOR}


def sync_groups(apps) -> None:
    """Create or update both groups with exactly their permissions (``apps``: a registry)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    # A migration's registry holds the models of its time: leave out the later ones.
    present = {model._meta.model_name for model in apps.get_app_config("archive").get_models()}
    for name, codenames in GROUPS.items():
        codenames = [c for c in codenames if c.split("_", 1)[1] in present]
        group, _ = Group.objects.get_or_create(name=name)
        perms = Permission.objects.filter(content_type__app_label="archive", codename__in=codenames)
        if perms.count() != len(set(codenames)):
            raise RuntimeError(f"missing permissions for {name}")
        group.permissions.set(perms)


def install_groups(apps) -> None:
    """For migrations: create the permissions of the models so far, then sync both groups.

    Permissions are normally created after ``migrate``; the groups need them now.
    """
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    sync_groups(apps)
