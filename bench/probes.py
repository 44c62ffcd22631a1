"""The freshness benchmark's instruments: observers, searchers and processor accounting.

An ``Observer`` polls one node's HTTP API until each token written is found;
a ``Searcher`` times a fixed set of searches at a steady rate, by phase;
``processor_seconds`` reads what each part of the deployment used from /proc.
"""

from __future__ import annotations

import http.client
import json
import os
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlencode

SEARCH_RATE = 2  # searches a second on each node, besides the observers' polls
POLL = 0.2  # seconds between an observer's polls of its node (each: one search per 12 tokens)
BATCH = 12  # tokens one poll ORs together: 23 words, within the query's limit of 24
# Words that fill a poll's batch: the observers search as much at rest as while writing,
# so the searchers' quiet figure is taken under the same reading load. Each is in one
# statement's summary before the nodes start (``SEED_FILLER``), as a token written is, so
# a poll finds, cuts snippets for and lists as many statements at rest.
FILLER = [f"frshseed{k}q" for k in range(BATCH)]
SEED_FILLER = f"""
from archive.models import Statement
for word, statement in zip({FILLER!r}, Statement.objects.published().order_by("pk")):
    statement.summary = f"{{statement.summary}} {{word}}".strip()
    statement.save()
"""
SEARCHES = [
    {"q": "nuclear disarmament"},
    {"q": "climate change"},
    {"q": "sanctions"},
    {"q": "human rights"},
    {"q": '"cold war"'},
    {"q": "terror*"},
    {"q": "peace", "decade": "1990s", "country": "USA"},
    {"q": "nuclear", "country": "PRK"},
    {"q": "independence", "from": "1960", "to": "1969-12"},
    {"q": "development", "sort": "newest"},
]


def api(port: int, params: dict) -> tuple[float, dict]:
    """GET /api/search/ on a node: seconds taken and the JSON answer."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", "/api/search/?" + urlencode(params))
        response = connection.getresponse()
        body = response.read()
    finally:
        connection.close()
    if response.status != 200:
        raise RuntimeError(f"/api/search/ answered {response.status}")
    return time.perf_counter() - started, json.loads(body)


class Observer(threading.Thread):
    """Polls one node for the tokens written and not yet seen there.

    Every poll ORs ``BATCH`` tokens, filled up with seeded words (``FILLER``),
    and a round polls at least once: the same searches before the writers
    start as while they write.
    """

    def __init__(self, port: int):
        super().__init__(daemon=True)
        self.port = port
        self.pending: dict[str, tuple[str, float]] = {}  # token: (slug, commit time)
        self.visible: dict[str, float] = {}  # token: seconds from commit to found
        self.lock = threading.Lock()
        self.deadline: float | None = None  # set when the writers are done
        self.rounds: list[float] = []  # seconds a poll of every waiting token took
        self.errors = 0

    def add(self, token: str, slug: str, commit: float) -> None:
        with self.lock:
            self.pending[token] = (slug, commit)

    def run(self) -> None:
        while True:
            with self.lock:
                waiting = list(self.pending.items())
            if self.deadline and (not waiting or time.time() > self.deadline):
                return
            started = time.perf_counter()
            for i in range(0, max(1, len(waiting)), BATCH):
                try:
                    self.poll(waiting[i : i + BATCH])
                except (OSError, RuntimeError, ValueError):
                    self.errors += 1
            if waiting:
                self.rounds.append(time.perf_counter() - started)
            time.sleep(POLL)

    def poll(self, batch: list[tuple[str, tuple[str, float]]]) -> None:
        words = [t for t, _ in batch] + FILLER[: BATCH - len(batch)]
        _, answer = api(self.port, {"q": " OR ".join(words), "page_size": 100})
        now = time.time()
        by_slug = defaultdict(list)
        for token, (slug, commit) in batch:
            by_slug[slug].append((token, commit))
        for slug in {row["slug"] for row in answer["results"]} & by_slug.keys():
            found = by_slug[slug]
            if len(found) > 1:  # tokens of one statement: which of them matched?
                found = [(t, c) for t, c in found if api(self.port, {"q": t})[1]["total"]]
            with self.lock:
                for token, commit in found:
                    self.pending.pop(token, None)
                    self.visible[token] = now - commit


class Searcher(threading.Thread):
    """Runs ``SEARCHES`` on one node in turn, ``SEARCH_RATE`` a second, timing each by the
    phase it ran in."""

    def __init__(self, port: int):
        super().__init__(daemon=True)
        self.port = port
        self.phase: str | None = "quiet"
        self.times: dict[str, list[float]] = {"quiet": [], "writing": []}
        self.errors = 0

    def run(self) -> None:
        n, due = 0, time.monotonic()
        while self.phase:
            phase, n = self.phase, n + 1
            due += 1 / SEARCH_RATE  # a steady stream of visitors, not a saturating loop
            time.sleep(max(0.0, due - time.monotonic()))
            due = max(due, time.monotonic() - 1)
            try:
                seconds, _ = api(self.port, SEARCHES[n % len(SEARCHES)])
            except (OSError, RuntimeError, ValueError):
                self.errors += 1
                continue
            if self.phase == phase:
                self.times[phase].append(seconds)


def processor_seconds(node_pids: list[int], writer_pids: list[int]) -> dict[str, float]:
    """Processor seconds used so far by role: each node's indexer and web processes, the
    writers, PostgreSQL, and this process (observers and searchers)."""
    tick = os.sysconf("SC_CLK_TCK")
    used: dict[str, float] = defaultdict(float)
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            command = (stat.parent / "cmdline").read_bytes()
        except OSError:
            continue
        pid, group = int(stat.parent.name), int(fields[2])
        seconds = (int(fields[11]) + int(fields[12])) / tick
        if group in node_pids:  # each node leads its process group (bench.nodes.start_node)
            node = node_pids.index(group)
            role = "indexer" if b"sync_search_index" in command else "web"
            used[f"node-{node} {role}"] += seconds
        elif pid in writer_pids:
            used["writers"] += seconds
        elif command.startswith(b"postgres"):
            used["postgres"] += seconds
        elif pid == os.getpid():
            used["observers and searchers"] += seconds
    return dict(used)
