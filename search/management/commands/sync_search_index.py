"""Bring the search index up to date with the change log, once or continuously."""

import signal
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections

from search import indexing
from search.management.index_errors import index_errors


class Command(BaseCommand):
    help = (
        "Apply the changes in the change log that this server's index has not applied "
        "(rebuilding it if it is missing or too far behind), and prune the log. With "
        "--follow, keep doing it: run it as a service beside each application server."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--follow", action="store_true", help="Keep the index current until stopped."
        )
        parser.add_argument(
            "--interval", type=float, default=1.0, help="Seconds between checks with --follow."
        )

    def handle(self, follow, interval, **options):
        if interval <= 0:
            raise CommandError("--interval must be more than 0 seconds.")
        if not follow:
            self.stdout.write(self._once())
            return
        stopping = []
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: stopping.append(True))
        self.stdout.write(f"Following the change log every {interval:g} s; stop with SIGTERM.")
        last_prune = float("-inf")
        while not stopping:
            close_old_connections()
            try:
                with index_errors("bring the search index up to date"):
                    applied = indexing.catch_up(rebuild_above=int(indexing.option("REBUILD_ABOVE")))
                    if applied:
                        self.stdout.write(f"Applied {applied} change(s).")
                    if time.monotonic() - last_prune >= indexing.PRUNE_EVERY:
                        last_prune = time.monotonic()
                        indexing.prune_log()
            except CommandError as exc:
                self.stderr.write(str(exc))  # keep following: the next round may succeed
            time.sleep(interval)
        self.stdout.write("Stopped.")

    def _once(self) -> str:
        with index_errors("bring the search index up to date"):
            applied = indexing.catch_up(rebuild_above=int(indexing.option("REBUILD_ABOVE")))
            pruned = indexing.prune_log()
        return f"The search index is up to date ({applied} change(s) applied, {pruned} pruned)."
