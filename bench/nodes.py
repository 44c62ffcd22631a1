"""Nodes and databases of a benchmark: gunicorn as shipped, PostgreSQL scratch databases."""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from pathlib import Path

from bench.harness import PYTHON, percentile
from bench.probes import api
from bench.servers import stop as stop_node

ROOT = Path(__file__).resolve().parent.parent


def scratch_env(tmp: Path, index: str = "index", **extra: str) -> dict[str, str]:
    """This process's environment for an archive of its own in ``tmp``: SQLite there unless
    ``DATABASE_URL`` is given, its index in ``tmp / index``, the Whoosh backend."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    return env | {
        "ARCHIVE_VAR_DIR": str(tmp / "var"),
        "SEARCH_INDEX_DIR": str(tmp / index),
        "SEARCH_ENGINE": "whoosh",
        "DJANGO_SETTINGS_MODULE": "archive.project.settings",
        **extra,
    }


def start_node(env: dict, port: int, log: Path) -> subprocess.Popen:
    """gunicorn with the shipped config, in its own process group; waits until it answers.

    Not in a session of its own: the kernel shares the processors between sessions
    (autogroups) as equals, whatever their processes' priorities, so each node's indexer
    would take as much as the other node's web workers, which nodes on two machines never
    do. In this session, the indexers' lower priority holds against every node's searches.
    """
    command = [
        str(Path(PYTHON).parent / "gunicorn"),
        "-c",
        "archive/project/deploy/gunicorn.conf.py",
    ]
    command += ["archive.project.wsgi", "--bind", f"127.0.0.1:{port}"]
    with log.open("w") as out:
        server = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=out, stderr=out, process_group=0
        )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            api(port, {"q": "warmup"})
            return server
        except (OSError, RuntimeError, ValueError):
            time.sleep(0.2)
    stop_node(server)
    raise SystemExit(f"gunicorn did not answer on port {port}:\n{log.read_text()[-3000:]}")


def postgres_database(action: str, name: str) -> str:
    """Create or drop a database on the benchmark's PostgreSQL server; return its URL."""
    import psycopg

    from bench.backends import SERVER

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        if action == "create":
            admin.execute(f"CREATE DATABASE {name}")
    return f"{SERVER}/{name}".replace("postgresql://", "postgres://", 1)


def stats(values: list[float], scale: float = 1.0, digits: int = 1) -> dict:
    if not values:
        return {"n": 0}
    values = [v * scale for v in values]
    return {
        "n": len(values),
        "p50": round(statistics.median(values), digits),
        "p95": round(percentile(values, 0.95), digits),
        "p99": round(percentile(values, 0.99), digits),
        "max": round(max(values), digits),
    }
