"""Whether a busy process at a lower priority slows a node's searches.

    .venv/bin/python -m bench.investigations.priority [--searches 60]

A node on the demo data (the shipped gunicorn configuration, its indexer off)
is searched with ``bench.probes.SEARCHES`` at rest, then beside two busy loops
at nice 10 (the indexer's ``SEARCH_INDEXER_NICENESS``), at nice 19 and at nice
0, and at rest again: p50 and p95 in milliseconds. The loops run in this
process's session, as the node does (``bench.nodes.start_node``).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from bench.harness import PYTHON, deployed, free_port, manage, percentile
from bench.nodes import scratch_env, start_node, stop_node
from bench.probes import SEARCHES, api

BUSY = "while True: pass"


def timed(port: int, count: int) -> str:
    took = []
    for n in range(count):
        took.append(api(port, SEARCHES[n % len(SEARCHES)])[0] * 1000)
        time.sleep(0.1)
    return f"p50 {statistics.median(took):.1f} / p95 {percentile(took, 0.95):.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--searches", type=int, default=60)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="archive-priority-"))
    env = scratch_env(tmp, LOG_LEVEL="ERROR")
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo_data")
    server_env = deployed(env, tmp) | {"SEARCH_INDEXER": "off"}
    manage(server_env, "rebuild_search_index", "--no-progress")
    port = free_port()
    server = start_node(server_env, port, tmp / "node.log")
    try:
        for params in SEARCHES * 2:
            api(port, params)
        print(f"at rest: {timed(port, args.searches)}")
        for niceness in (10, 19, 0):
            command = ["nice", "-n", str(niceness), PYTHON, "-c", BUSY]
            loops = [subprocess.Popen(command) for _ in range(2)]
            try:
                time.sleep(1)
                print(f"two busy loops at nice {niceness}: {timed(port, args.searches)}")
            finally:
                for loop in loops:
                    loop.kill()
                    loop.wait()
        print(f"at rest again: {timed(port, args.searches)}")
    finally:
        stop_node(server)


if __name__ == "__main__":
    main()
