"""Build a fresh search index beside the live one and swap it in atomically."""

import time

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from archive.models import Statement
from search import indexing
from search.backends import get_backend
from search.backends.base import IndexBusy


class Command(BaseCommand):
    help = "Rebuild the search index from the database; searches keep answering meanwhile."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500, help="Statements per read.")
        parser.add_argument(
            "--if-missing",
            action="store_true",
            help="Only build if there is no index yet, or it is in an outdated format.",
        )
        parser.add_argument("--no-progress", action="store_true", help="Hide the progress bar.")

    def handle(self, batch_size, if_missing, no_progress, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        backend = get_backend()
        if if_missing and not backend.is_outdated() and backend.stored_versions():
            self.stdout.write("The search index exists; not rebuilt.")
            return
        total = Statement.objects.published().count()
        bar = tqdm(
            total=total,
            unit=" statements",
            desc="Indexing",
            disable=True if no_progress else None,
            file=self.stderr._out,
        )
        started = time.perf_counter()
        try:
            count = indexing.rebuild(batch_size=batch_size, progress=bar.update)
        except IndexBusy as exc:
            raise CommandError(f"Another rebuild is running ({exc}).") from exc
        finally:
            bar.close()
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"Indexed {count} published statements in {seconds:.1f} s "
            f"({count / seconds if seconds else 0:.0f} statements/s)."
        )
