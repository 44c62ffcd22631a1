"""Compare the database and the search index; report and optionally repair drift."""

from django.core.management.base import BaseCommand, CommandError

from search.backends import get_backend
from search.management.index_errors import index_errors
from search.sync import indexing, lag


class Command(BaseCommand):
    help = "Report statements missing from, stale in or ghosting in the search index."

    def add_arguments(self, parser):
        parser.add_argument("--fix", action="store_true", help="Repair the drift found.")

    def handle(self, fix, **options):
        with index_errors("check the search index"):
            self._check(fix)

    def _check(self, fix):
        if get_backend().exists():
            self.stdout.write(f"Lag: {lag.measure().describe()}")
        missing, stale, ghosts = indexing.drift()
        for label, ids in (("missing", missing), ("stale", stale), ("ghost", ghosts)):
            if ids:
                shown = ", ".join(sorted(ids, key=int)[:20])
                more = f" and {len(ids) - 20} more" if len(ids) > 20 else ""
                self.stdout.write(f"{label}: {len(ids)} ({shown}{more})")
        if not (missing or stale or ghosts):
            self.stdout.write("No drift: the index matches the published statements.")
            return
        if not fix:
            raise CommandError("The search index has drifted; run with --fix to repair it.")
        indexing.repair(missing, stale, ghosts)
        if any(indexing.drift()):
            raise CommandError("Drift remains after repair; see the log.")
        self.stdout.write(self.style.SUCCESS("Repaired: the index now matches the database."))
