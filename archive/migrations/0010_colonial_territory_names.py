"""Names the country authority gained (issue 28): colonial and trust territories, and
"Korea" for both Koreas. Each state's record gets the lines it lacks, as the authority
file writes them; whatever archivists wrote stays."""

from django.db import migrations

NAMES = {
    "TGO": [
        "Togoland [-1960]",
        "French Togoland [-1960]",
        "British Togoland [-1957]",
        "Togoland under French administration [-1960]",
        "Togoland under British administration [-1957]",
    ],
    "CMR": [
        "Cameroons [-1961]",
        "British Cameroons [-1961]",
        "French Cameroons [-1960]",
        "Cameroons under French administration [-1960]",
        "Cameroons under British administration [-1961]",
    ],
    "SOM": ["Somaliland [-1960]"],
    # Both Koreas: alone, the name designates neither, unless one of them speaks of itself.
    "KOR": ["Korea"],
    "PRK": ["Korea"],
    "MLI": ["French Sudan [-1960]"],
}


def add_names(apps, schema_editor):
    Country = apps.get_model("archive", "Country")
    for country in Country.objects.filter(code__in=NAMES):
        lines = country.aliases.splitlines()
        missing = [name for name in NAMES[country.code] if name not in lines]
        if missing:
            country.aliases = "\n".join([*lines, *missing])
            country.save(update_fields=["aliases"])


class Migration(migrations.Migration):
    dependencies = [("archive", "0009_permalinks_merges_revisions")]

    operations = [migrations.RunPython(add_names, migrations.RunPython.noop)]
