"""A bounded HTTP load from a second process: N threads for S seconds (or R requests),
loopback only.

Prints one JSON object: requests, errors, pages per second and latency
percentiles. Used by ``bench/run.py`` against a gunicorn server it started.
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import threading
import time
from urllib.parse import urlsplit

MAX_SECONDS = 60


def worker(host, port, paths, deadline, latencies, errors, offset, budget):
    n = offset
    while time.monotonic() < deadline and budget.take():
        path = paths[n % len(paths)]
        n += 1
        started = time.perf_counter()
        try:
            connection = http.client.HTTPConnection(host, port, timeout=30)
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            connection.close()
            ok = response.status == 200
        except OSError:
            ok = False
        elapsed = time.perf_counter() - started
        (latencies if ok else errors).append(elapsed)


class Budget:
    """At most ``total`` requests shared by every thread (None: no bound)."""

    def __init__(self, total: int | None) -> None:
        self.left = total
        self.lock = threading.Lock()

    def take(self) -> bool:
        if self.left is None:
            return True
        with self.lock:
            if self.left <= 0:
                return False
            self.left -= 1
            return True


def percentile(values, fraction):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base", required=True, help="e.g. http://127.0.0.1:8123")
    parser.add_argument("--paths", required=True, help="JSON list of paths to cycle through")
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--requests", type=int, help="stop after this many requests")
    parser.add_argument("--offset", type=int, default=0, help="start this far into the paths")
    args = parser.parse_args()
    base = urlsplit(args.base)
    if base.hostname not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit("load tests only target loopback")
    seconds = min(args.seconds, MAX_SECONDS)
    paths = json.loads(args.paths)
    latencies: list[float] = []
    errors: list[float] = []
    deadline = time.monotonic() + seconds
    budget = Budget(args.requests)
    started = time.monotonic()
    threads = [
        threading.Thread(
            target=worker,
            args=(
                base.hostname,
                base.port,
                paths,
                deadline,
                latencies,
                errors,
                args.offset + i * (len(paths) // args.concurrency or 7),
                budget,
            ),
        )
        for i in range(args.concurrency)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    print(
        json.dumps(
            {
                "seconds": round(elapsed, 1),
                "concurrency": args.concurrency,
                "requests": len(latencies),
                "errors": len(errors),
                "pages_per_second": round(len(latencies) / elapsed, 1),
                "p50_ms": round(1000 * statistics.median(latencies), 1) if latencies else None,
                "p95_ms": round(1000 * percentile(latencies, 0.95), 1) if latencies else None,
            }
        )
    )


if __name__ == "__main__":
    main()
