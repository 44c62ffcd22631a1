"""Compare the search of two checkouts of the archive, page by page, interleaved.

    git worktree add ../before <commit>
    .venv/bin/python -m bench.investigations.ab --before ../before var/bench-before \
        --after . var/bench-full

Each side runs in a process of its own, with its own code and its own
benchmark directory (database and index, as ``make bench --reuse`` leaves
them), and answers the pages of ``bench/queries.json`` in-process. The two
alternate page by page, in a different order every round, so that the
machine's drift falls on both alike: on these noisy machines, two ``make
bench`` runs minutes apart can differ by 20 %, one interleaved run far less.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGES = json.loads((ROOT / "bench" / "queries.json").read_text())["pages"]

# What each side's process runs: search the page whose index arrives on stdin.
WORKER = """
import json, os, sys, time
workdir, queries = sys.argv[1:3]
# The checkout is this process's working directory (python -c puts it first on the path);
# its settings and filters moved in the reshaping of issue 30.
shell = "archive.project" if os.path.exists("archive/project/settings.py") else "archive"
os.environ.update({
    "DATABASE_URL": f"sqlite:///{workdir}/db.sqlite3", "SEARCH_INDEX_DIR": f"{workdir}/index",
    "DJANGO_SETTINGS_MODULE": f"{shell}.settings", "LOG_LEVEL": "ERROR",
})
import django
django.setup()
from urllib.parse import urlencode
from django.http import QueryDict
from search.backends import get_backend
try:
    from search.web.filters import parse_parameters
except ImportError:
    from search.filters import parse_parameters
try:  # snippets are cut by the caller since the second backend: measure a whole page
    from search.searching import run
except ImportError:
    def run(backend, query):
        return backend.search(query)
pages = json.load(open(queries))["pages"]
queries = [parse_parameters(QueryDict(urlencode(p["params"], doseq=True))).query for p in pages]
backend = get_backend()
for query in queries:
    run(backend, query)
print("ready", flush=True)
for line in sys.stdin:
    started = time.perf_counter()
    run(backend, queries[int(line)])
    print(time.perf_counter() - started, flush=True)
"""


class Side:
    def __init__(self, root: Path, workdir: Path) -> None:
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-c",
                WORKER,
                str(workdir.resolve()),
                str(ROOT / "bench" / "queries.json"),
            ],
            cwd=root.resolve(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        if self.process.stdout.readline().strip() != "ready":
            raise SystemExit(f"{root} did not start")
        self.times: dict[int, list[float]] = {i: [] for i in range(len(PAGES))}

    def search(self, page: int) -> None:
        self.process.stdin.write(f"{page}\n")
        self.process.stdin.flush()
        self.times[page].append(float(self.process.stdout.readline()))


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", nargs=2, required=True, metavar=("CHECKOUT", "BENCH_DIR"))
    parser.add_argument("--after", nargs=2, required=True, metavar=("CHECKOUT", "BENCH_DIR"))
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    before, after = Side(*map(Path, args.before)), Side(*map(Path, args.after))
    for round_ in range(args.repeat):
        for page in range(len(PAGES)):
            first, second = (before, after) if (round_ + page) % 2 else (after, before)
            first.search(page)
            second.search(page)
    print(
        "| pages | before p50 / p95 (ms) | after p50 / p95 (ms) "
        "| after ÷ before (geometric mean of the pages' medians) |"
    )
    print("| --- | --- | --- | --- |")
    for kind in ["all", *sorted({p["kind"] for p in PAGES})]:
        chosen = [i for i, p in enumerate(PAGES) if kind in ("all", p["kind"])]
        old = [t * 1000 for i in chosen for t in before.times[i]]
        new = [t * 1000 for i in chosen for t in after.times[i]]
        # A kind's pooled median jumps between its pages when they differ a lot:
        # the ratio compares each page with itself.
        ratios = [
            statistics.median(after.times[i]) / statistics.median(before.times[i]) for i in chosen
        ]
        print(
            f"| {kind} | {statistics.median(old):.1f} / {percentile(old, 0.95):.1f} "
            f"| {statistics.median(new):.1f} / {percentile(new, 0.95):.1f} "
            f"| {statistics.geometric_mean(ratios):.2f} |"
        )


if __name__ == "__main__":
    main()
