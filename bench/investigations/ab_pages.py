"""Compare the whole search page (or the API) of two checkouts in process, interleaved.

    git worktree add ../before <commit>
    .venv/bin/python -m bench.investigations.ab_pages --before ../before --after . \
        --data var/bench-full [--api] [--rounds 10]

Each side runs in a process of its own and answers the 33 pages of
``bench/queries.json`` through Django's test client (middleware, view and
template included, ``DEBUG`` off) on the data ``make bench --reuse`` left.
The sides take turns page by page, each page three times in a row, in a
different order every round. A page's figure is the fastest of all its
runs: on these machines the same code measures up to 2x slower from one
minute to the next, and the minimum is what the code itself costs. Under
load (``ab_load``) the same work costs more; this isolates the request.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# What each side's process runs: answer the page whose index arrives on stdin.
WORKER = """
import json, os, sys, time
data, api = sys.argv[1], sys.argv[2] == "api"
os.environ.update({
    "DATABASE_URL": f"sqlite:///{data}/db.sqlite3", "SEARCH_INDEX_DIR": f"{data}/index",
    "STATIC_ROOT": f"{data}/static", "DEBUG": "0", "SECRET_KEY": "ab-pages-" + "x" * 50,
    "ALLOWED_HOSTS": "testserver", "SECURE_SSL_REDIRECT": "0",
    "DJANGO_SETTINGS_MODULE": "archive.project.settings", "LOG_LEVEL": "ERROR",
})
import django
django.setup()
from urllib.parse import urlencode
from django.test import Client
pages = json.load(open("bench/queries.json"))["pages"]
base = "/api/search/?" if api else "/search/?"
paths = [base + urlencode(p["params"], doseq=True) for p in pages]
client = Client()
for path in paths * 3:
    if client.get(path).status_code != 200:
        raise SystemExit(f"{path} did not answer 200")
print(len(paths), flush=True)
for line in sys.stdin:
    path, best = paths[int(line)], float("inf")
    for _ in range(3):
        started = time.perf_counter()
        client.get(path)
        best = min(best, time.perf_counter() - started)
    print(best, flush=True)
"""


class Side:
    def __init__(self, checkout: Path, data: Path, api: bool) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", WORKER, str(data), "api" if api else "html"],
            cwd=checkout.resolve(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.pages = int(self.process.stdout.readline())
        self.best = [float("inf")] * self.pages

    def answer(self, page: int) -> None:
        self.process.stdin.write(f"{page}\n")
        self.process.stdin.flush()
        self.best[page] = min(self.best[page], float(self.process.stdout.readline()))

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, required=True, help="the checkout before")
    parser.add_argument("--after", type=Path, required=True, help="the checkout after")
    parser.add_argument("--data", type=Path, required=True, help="a make bench --reuse directory")
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--api", action="store_true", help="the JSON API's pages, not the HTML")
    args = parser.parse_args()
    data = args.data.resolve()
    before, after = Side(args.before, data, args.api), Side(args.after, data, args.api)
    try:
        for round_ in range(args.rounds):
            for page in range(before.pages):
                first, second = (before, after) if (round_ + page) % 2 else (after, before)
                first.answer(page)
                second.answer(page)
    finally:
        before.close()
        after.close()
    old, new = (1000 * sum(side.best) / side.pages for side in (before, after))
    print("| pages | before (ms) | after (ms) | after ÷ before |")
    print("| --- | --- | --- | --- |")
    kind = "API" if args.api else "HTML"
    print(f"| {kind}, {before.pages} | {old:.3f} | {new:.3f} | {new / old:.3f} |")


if __name__ == "__main__":
    main()
