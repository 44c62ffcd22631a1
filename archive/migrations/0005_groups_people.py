"""Give the Archivists and Editors groups the permissions on people and posts."""

from django.db import migrations

from archive.groups import install_groups


def update_groups(apps, schema_editor):
    install_groups(apps)


class Migration(migrations.Migration):
    dependencies = [("archive", "0004_entities")]

    operations = [migrations.RunPython(update_groups, migrations.RunPython.noop)]
