"""Bring the search index up to date with the change log, once or as the node's indexer."""

import os
import signal

from django.core.management.base import BaseCommand, CommandError

from search.management.index_errors import index_errors
from search.sync import indexing
from search.sync.indexer import Indexer
from search.sync.parent_death import die_with_parent


class Command(BaseCommand):
    help = (
        "Apply the changes in the change log that this server's index has not applied "
        "(rebuilding it if it is missing or too far behind), and prune the log. With "
        "--follow, run as this node's indexer until stopped: the shipped gunicorn "
        "configuration and `make run` start it."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--follow",
            action="store_true",
            help="Keep the index current until SIGTERM (one indexer per index directory: a "
            "second one waits as a standby).",
        )
        parser.add_argument(
            "--parent",
            type=int,
            metavar="PID",
            help="With --follow: stop when process PID exits (for the process that started it).",
        )

    def handle(self, follow, parent, **options):
        if parent is not None and not follow:
            raise CommandError("--parent goes with --follow.")
        if not follow:
            self.stdout.write(self._once())
            return
        if parent is not None:
            if parent != os.getppid():
                raise CommandError(f"Process {parent} is not this command's parent.")
            die_with_parent(parent, signal.SIGTERM)
        os.nice(int(indexing.option("NICENESS")))  # searches being served come first
        stopping = []
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: stopping.append(True))
        indexer = Indexer(say=self._say)
        self.stdout.write("Waiting for this index's indexer lock; stop with SIGTERM.")
        indexer.run(lambda: bool(stopping))
        self.stdout.write("Stopped.")

    def _say(self, line: str) -> None:
        """One line of the indexer's log, written at once (a service's log is a pipe)."""
        self.stdout.write(line)
        self.stdout.flush()

    def _once(self) -> str:
        with index_errors("bring the search index up to date"):
            applied = indexing.catch_up(rebuild_above=int(indexing.option("REBUILD_ABOVE")))
            pruned = indexing.prune_log()
        return f"The search index is up to date ({applied} change(s) applied, {pruned} pruned)."
