"""Build a fresh search index beside the live one and swap it in atomically."""

import time

from django.core.management.base import BaseCommand, CommandError

from archive.management.progress import progress_bar
from archive.models import Statement
from search.backends import get_backend
from search.backends.base import IndexBehind, IndexBusy
from search.management.index_errors import index_errors
from search.sync import indexing


class Command(BaseCommand):
    help = "Rebuild the search index from the database; searches keep answering meanwhile."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500, help="Statements per read.")
        parser.add_argument(
            "--if-missing",
            action="store_true",
            help="Only build if there is no index yet, it is in an outdated format, or it is "
            "further behind than the change log reaches back.",
        )
        parser.add_argument("--no-progress", action="store_true", help="Hide the progress bar.")

    def handle(self, batch_size, if_missing, no_progress, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        if if_missing and self._usable():
            self.stdout.write("The search index exists; not rebuilt.")
            return
        total = Statement.objects.published().count()
        bar = progress_bar(self, total, "statements", no_progress, desc="Indexing")
        started = time.perf_counter()
        try:
            with index_errors("rebuild the search index"):
                count = indexing.rebuild(batch_size=batch_size, progress=bar.update)
        except CommandError as exc:
            if isinstance(exc.__cause__, IndexBusy):
                raise CommandError(f"Another rebuild is running ({exc.__cause__}).") from exc
            raise
        finally:
            bar.close()
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"Indexed {count} published statements in {seconds:.1f} s "
            f"({count / seconds if seconds else 0:.0f} statements/s)."
        )

    @staticmethod
    def _usable() -> bool:
        """Whether the index exists, in this code's format, within reach of the change log."""
        backend = get_backend()
        position = backend.position()
        if position is None or backend.is_outdated():
            return False
        try:
            indexing.feed().pending(position, 1)
        except IndexBehind:
            return False
        return True
