"""Give the Archivists and Editors groups the permissions on people and posts."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from archive.groups import sync_groups


def update_groups(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    sync_groups(apps)


class Migration(migrations.Migration):
    dependencies = [("archive", "0004_entities")]

    operations = [migrations.RunPython(update_groups, migrations.RunPython.noop)]
