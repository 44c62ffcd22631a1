"""Re-tag every statement with the countries its text names, after the authority list changed."""

import time

from django.core.management.base import BaseCommand

from archive import country_tags
from archive.management.progress import progress_bar
from archive.models import Country, Statement
from archive.signals import bulk_import_finished, bulk_import_started


class Command(BaseCommand):
    help = (
        "Find the countries each statement names, with the current country names, aliases and "
        "adjectives. Hand-entered countries and archivists' corrections are kept; running it "
        "twice changes nothing the second time."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true", help="Hide the progress bar.")

    def handle(self, no_progress, **options):
        started = time.perf_counter()
        finder = Country.objects.finder()
        pks = list(Statement.objects.order_by("pk").values_list("pk", flat=True))
        changed = 0
        bulk_import_started.send(sender=Statement)  # the index catches up once, at the end
        try:
            with progress_bar(self, len(pks), "statements", no_progress) as bar:
                for first in range(0, len(pks), country_tags.CHUNK):
                    chunk = pks[first : first + country_tags.CHUNK]
                    changed += len(country_tags.tag(chunk, finder))
                    bar.update(len(chunk))
        finally:
            bulk_import_finished.send(sender=Statement)
        self.stdout.write(
            f"Tagged {len(pks)} statements with {finder.size} name forms: "
            f"{changed} changed, in {time.perf_counter() - started:.1f} s."
        )
