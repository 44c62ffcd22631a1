"""Hostile queries through a real gunicorn server: no 5xx, and no request over 2 s.

    .venv/bin/python -m bench.fuzz --reuse var/bench-full            # full corpus, 10,000 queries
    .venv/bin/python -m bench.fuzz --limit 500 --queries 300         # a quick run

It imports the corpus into a scratch database (``--reuse DIR`` keeps it, and
shares it with ``make bench``), starts gunicorn as deployed (DEBUG off,
``archive/project/deploy/gunicorn.conf.py``), and sends generated queries to the JSON
API, the search page, the Atom feed and both exports, with hostile parameters
beside them: operator words, ``*`` and ``?`` alone and inside words, field
prefixes known and unknown, control characters and non-characters, deep
parentheses, long OR chains, and junk years, dates, pages and facet values.
It prints the status counts, the latency percentiles per endpoint and the
slowest requests, and exits non-zero on any 5xx or on a request slower than
``--max-seconds``.
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

from bench import servers
from bench.harness import DEFAULT_CORPUS, ROOT, deployed, free_port, manage, percentile

ENDPOINTS = [
    ("/api/search/", 0.5),
    ("/search/", 0.25),
    ("/search/feed/", 0.1),
    ("/search/export.csv", 0.08),
    ("/search/export.jsonl", 0.07),
]
OPERATORS = ["AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "REQUIRE", "and", "or", "not", "-", "+"]
WILDCARDS = ["*", "?", "**", "*?*", "pe*", "*ce", "p?ace", "nucl*", "*a*", "?*"]
FIELDS = [
    "title:",
    "body:",
    "summary:",
    "country:",
    "issuer:",
    "event:",
    "speaker:",
    "nosuch:",
    ":",
]
WORDS = [
    "peace", "korea", "nuclear", "the", "a", "of", "NATO", "hegemonism", "sanctions",
    "Asian NATO", "Kim Jong Un", "weapons of mass destruction", "²", "日本", "Ω", "x" * 300,
]  # fmt: skip
CONTROL = ["\x00", "\x01", "\x0b", "\x1f", "\x7f", "\ufffe", "\uffff", "\u200b", "\r\n", "\t"]
JUNK = ["", "0", "-1", "1.5", "²", "99999999999999999999", "2024-13-45", "<script>", "%00", "'"]


def token(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.25:
        return rng.choice(OPERATORS)
    if kind < 0.4:
        return rng.choice(WILDCARDS)
    if kind < 0.5:
        return rng.choice(FIELDS) + rng.choice(WORDS + WILDCARDS + ['"Asian NATO"', "(peace"])
    if kind < 0.6:
        return rng.choice(CONTROL).join(rng.sample(WORDS, 2))
    if kind < 0.7:
        return f'"{rng.choice(WORDS)} {rng.choice(WORDS)}"' + rng.choice(["", "~2", "*"])
    return rng.choice(WORDS) + rng.choice(["", "~", "~1", "~9", "*", "?"])


def query(rng: random.Random) -> str:
    shape = rng.random()
    if shape < 0.1:
        depth = rng.randint(1, 200)
        return "(" * depth + rng.choice(WORDS) + ")" * rng.randint(0, depth)
    if shape < 0.2:
        return " OR ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 300)))
    if shape < 0.25:
        return "".join(chr(rng.randint(0, 0x2FFF)) for _ in range(rng.randint(1, 40)))
    return " ".join(token(rng) for _ in range(rng.randint(1, 8)))


def parameters(rng: random.Random) -> dict:
    params: dict = {"q": query(rng)}
    for name in ("year", "decade", "country", "issuer", "event", "kind", "language"):
        if rng.random() < 0.08:
            values = [rng.choice([*JUNK, "2024", "1990s", "PRK", "dprk-mfa", "speech", "en"])]
            params[name] = values * rng.choice([1, 2, 60])
    for name in ("from", "to", "page", "page_size", "sort"):
        if rng.random() < 0.06:
            params[name] = rng.choice([*JUNK, "2024", "2024-07", "newest", "3", "100", "1000"])
    if rng.random() < 0.03:
        params[rng.choice(["utm", "q2", "\x01", "page[]"])] = rng.choice(JUNK)
    return params


def endpoint(rng: random.Random) -> str:
    return rng.choices([e for e, _ in ENDPOINTS], weights=[w for _, w in ENDPOINTS])[0]


def fetch(port: int, path: str) -> tuple[int, float, float]:
    """Status, seconds to the response's first byte, seconds to its last.

    The first byte is the latency: a page is rendered whole before it is sent,
    while an export streams up to 10,000 rows after its header row.
    """
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", path)
    response = connection.getresponse()
    first = time.perf_counter() - started
    response.read()
    connection.close()
    return response.status, first, time.perf_counter() - started


def serve(env: dict, port: int, log: Path) -> subprocess.Popen:
    """gunicorn as deployed (archive/project/deploy/gunicorn.conf.py) on ``port``, once it
    answers."""
    command = [str(Path(sys.executable).parent / "gunicorn"), "archive.project.wsgi"]
    command += ["-c", str(ROOT / "archive" / "project" / "deploy" / "gunicorn.conf.py")]
    command += ["-b", f"127.0.0.1:{port}"]
    with log.open("w") as stream:
        server = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=stream, stderr=stream, start_new_session=True
        )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            fetch(port, "/api/search/?q=warmup")  # raises until the server listens
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit(f"gunicorn did not start: see {log}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    parser.add_argument("--limit", type=int, help="import at most N records")
    parser.add_argument("--reuse", help="keep the database and index in this directory")
    parser.add_argument("--queries", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--max-seconds", type=float, default=2.0)
    parser.add_argument("--output", help="write the report as JSON here")
    args = parser.parse_args()

    workdir = Path(args.reuse) if args.reuse else Path(tempfile.mkdtemp(prefix="archive-fuzz-"))
    workdir.mkdir(parents=True, exist_ok=True)
    env = {
        "PATH": "/usr/bin:/bin",
        "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
        "SEARCH_INDEX_DIR": str(workdir / "index"),
        "DJANGO_SETTINGS_MODULE": "archive.project.settings",
        "LOG_LEVEL": "ERROR",
    }
    if not (workdir / "db.sqlite3").exists():
        manage(env, "migrate", "-v0")
        limit = ["--limit", str(args.limit)] if args.limit else []
        manage(env, "import_statements", args.corpus, "--no-progress", *limit)
    manage(env, "rebuild_search_index", "--if-missing", "--no-progress")
    server_env = deployed(env, workdir)
    port = free_port()
    server = serve(server_env, port, workdir / "gunicorn.log")
    rng = random.Random(args.seed)
    statuses: Counter = Counter()
    times: dict[str, list[float]] = {e: [] for e, _ in ENDPOINTS}
    downloads: dict[str, list[float]] = {e: [] for e, _ in ENDPOINTS}
    slowest: list[tuple[float, str, int]] = []
    failures: list[tuple[int, str]] = []
    started = time.perf_counter()
    try:
        for _ in range(args.queries):
            where = endpoint(rng)
            path = f"{where}?{urlencode(parameters(rng), doseq=True)}"
            status, seconds, whole = fetch(port, path)
            statuses[status] += 1
            times[where].append(seconds)
            downloads[where].append(whole)
            slowest = sorted([*slowest, (seconds, path, status)], reverse=True)[:5]
            if status >= 500:
                failures.append((status, path))
    finally:
        servers.stop(server)
    elapsed = time.perf_counter() - started

    report = {
        "queries": args.queries,
        "seed": args.seed,
        "seconds": round(elapsed, 1),
        "statuses": dict(sorted(statuses.items())),
        "server_errors": len(failures),
        "max_ms": round(max(s for s, _, _ in slowest) * 1000, 1) if slowest else 0,
        "endpoints": {
            where: {
                "n": len(values),
                "p50_ms": round(statistics.median(values) * 1000, 1),
                "p95_ms": round(percentile(values, 0.95) * 1000, 1),
                "max_ms": round(max(values) * 1000, 1),
                "whole_p50_ms": round(statistics.median(downloads[where]) * 1000, 1),
                "whole_max_ms": round(max(downloads[where]) * 1000, 1),
            }
            for where, values in times.items()
            if values
        },
        "slowest": [
            {"ms": round(s * 1000, 1), "status": st, "path": p[:200]} for s, p, st in slowest
        ],
        "failures": [{"status": st, "path": p[:300]} for st, p in failures[:20]],
    }
    print(f"{args.queries} queries in {elapsed:.0f} s; statuses {report['statuses']}")
    print("| endpoint | n | first byte p50 ms | p95 ms | max ms | whole p50 ms | whole max ms |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for where, row in report["endpoints"].items():
        print(
            f"| {where} | {row['n']} | {row['p50_ms']} | {row['p95_ms']} | {row['max_ms']} "
            f"| {row['whole_p50_ms']} | {row['whole_max_ms']} |"
        )
    print(f"5xx: {len(failures)}; slowest request: {report['max_ms']} ms")
    for row in report["slowest"]:
        print(f"  {row['ms']} ms ({row['status']}): {row['path'][:120]}")
    if args.output:
        Path(args.output).write_text(json.dumps(report, indent=2, ensure_ascii=False))
    if failures or report["max_ms"] > args.max_seconds * 1000:
        sys.exit(1)


if __name__ == "__main__":
    main()
