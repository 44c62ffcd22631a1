"""Import statements from a JSON Lines corpus (plain or gzip)."""

import resource
import time

from django.core.management.base import BaseCommand, CommandError

from archive.importers import StatementImporter, open_lines
from archive.management.progress import progress_bar


class Command(BaseCommand):
    help = "Import statements from a JSON Lines corpus (plain or gzip), idempotently."

    def add_arguments(self, parser):
        parser.add_argument("path", help="A .jsonl or .jsonl.gz file in the corpus format.")
        parser.add_argument("--limit", type=int, help="Read at most N records.")
        parser.add_argument("--batch-size", type=int, default=250, help="Records per transaction.")
        parser.add_argument("--no-progress", action="store_true", help="Hide the progress bar.")

    def handle(self, path, limit, batch_size, no_progress, **options):
        if limit is not None and limit < 0:
            raise CommandError("--limit must not be negative.")
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        try:
            lines = open_lines(path)
            first = next(lines, None)
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc}") from exc
        bar = progress_bar(self, limit, "records", no_progress, desc="Importing")
        importer = StatementImporter(batch_size=batch_size, progress=bar.update)
        started = time.perf_counter()
        try:
            report = importer.run(_chain(first, lines), limit=limit)
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc}") from exc
        finally:
            bar.close()
        seconds = time.perf_counter() - started
        for lineno, reason in report.errors:
            self.stderr.write(f"line {lineno}: {reason}")
        for lineno, note in report.notes:
            self.stderr.write(f"line {lineno}: note: {note}")
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        rate = report.total / seconds if seconds else 0
        self.stdout.write(
            f"created {report.created}, updated {report.updated}, "
            f"unchanged {report.unchanged}, failed {report.failed} "
            f"({report.total} records in {seconds:.1f} s, "
            f"{rate:.0f} records/s, peak memory {peak_mb:.0f} MB)"
        )
        if report.failed:
            raise CommandError(f"{report.failed} record(s) failed; every other record was kept.")


def _chain(first, rest):
    if first is not None:
        yield first
    yield from rest
