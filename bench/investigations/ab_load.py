"""Compare the search page (or the API) of two checkouts under load, the loads alternated.

    git worktree add ../before <commit>
    .venv/bin/python -m bench.investigations.ab_load --before ../before --after . \
        --data var/bench-full [--before-data var/bench-before] [--api]

Each checkout runs its own gunicorn server (2 workers, ``DEBUG`` off, as
``make bench`` runs it) on the same benchmark directory (database, index and
collected static files, as ``make bench --reuse`` leaves them). Both are
warmed on the 33 pages of ``bench/queries.json``; then ``bench/load.py``
drives one and the other in turn, with 4 and with 8 clients, the order
swapped every round, so that the machine's drift falls on both alike.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
from pathlib import Path

from bench.harness import (
    ROOT,
    deployed,
    drive,
    free_port,
    http_get,
    project_module,
    query_string,
    start_server,
)
from bench.servers import stop


def start(checkout: Path, data: Path) -> tuple[subprocess.Popen, int]:
    """A gunicorn server of ``checkout`` on ``data``, deployed as ``make bench`` deploys it."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{data / 'db.sqlite3'}",
        "SEARCH_INDEX_DIR": str(data / "index"),
        "DJANGO_SETTINGS_MODULE": f"{project_module(checkout)}.settings",
        "LOG_LEVEL": "ERROR",
    }
    port = free_port()
    return start_server(deployed(env, data, checkout), port, cwd=checkout), port


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, required=True, help="the checkout before")
    parser.add_argument("--after", type=Path, required=True, help="the checkout after")
    parser.add_argument("--data", type=Path, required=True, help="a make bench --reuse directory")
    parser.add_argument(
        "--before-data", type=Path, help="the before side's, when its index format differs"
    )
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--api", action="store_true", help="the JSON API's pages, not the HTML")
    args = parser.parse_args()
    pages = json.loads((ROOT / "bench" / "queries.json").read_text())["pages"]
    base = "/api/search/" if args.api else "/search/"
    paths = [f"{base}?{query_string(page['params'])}" for page in pages]
    data = args.data.resolve()
    servers = {
        "before": start(args.before.resolve(), (args.before_data or args.data).resolve()),
        "after": start(args.after.resolve(), data),
    }
    try:
        for _, port in servers.values():
            for path in paths * 3:
                http_get(port, path)
        print("| round | clients | side | pages/s | p50 ms | p95 ms | errors |")
        print("| --- | --- | --- | --- | --- | --- | --- |")
        for round_ in range(args.rounds):
            order = ["before", "after"] if round_ % 2 == 0 else ["after", "before"]
            for clients in (4, 8):
                for side in order:
                    load = drive(servers[side][1], paths, seconds=args.seconds, concurrency=clients)
                    print(
                        f"| {round_ + 1} | {clients} | {side} | {load['pages_per_second']} "
                        f"| {load['p50_ms']} | {load['p95_ms']} | {load['errors']} |",
                        flush=True,
                    )
    finally:
        for server, _ in servers.values():
            stop(server)


if __name__ == "__main__":
    main()
