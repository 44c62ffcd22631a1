"""Load the demo fixtures into an empty archive."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from archive import country_tags
from archive.models import Statement

DEMO_FIXTURES = ["countries", "ungdc_demo", "seed_asian_nato"]


class Command(BaseCommand):
    help = (
        "Load the demo fixtures (countries, UN speeches, the seed statement) into an empty archive."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Load even if statements exist.")

    def handle(self, force, **options):
        if Statement.objects.exists() and not force:
            self.stdout.write("The archive already holds statements; demo data not loaded.")
            return
        call_command("loaddata", *DEMO_FIXTURES, verbosity=options["verbosity"])
        # Fixtures load raw rows: read the texts for the countries they name, as an import does.
        country_tags.tag(Statement.objects.values_list("pk", flat=True))
        self.stdout.write(f"Demo data loaded: {Statement.objects.count()} statements.")
