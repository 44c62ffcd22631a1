"""What every benchmark shares: the corpus, Django's commands, ports, HTTP GETs, percentiles,
a server as deployed, the load generator, and the references' rows.

Every benchmark runs as a module from the checkout's root (``python -m bench.run``).
"""

from __future__ import annotations

import http.client
import json
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "ungdc.jsonl.gz"
PYTHON = sys.executable
# Measured in turn, each going first in turn. "cold" is ours reading every postings list
# afresh, its cache of decoded postings bypassed (search/backends/whoosh/postings_cache.py).
ENGINES = ["ours", "cold", "fts5", "tantivy"]


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def summary(values_s: list[float]) -> dict:
    ms = [v * 1000 for v in values_s]
    return {
        "n": len(ms),
        "p50_ms": round(statistics.median(ms), 2),
        "p95_ms": round(percentile(ms, 0.95), 2),
        "max_ms": round(max(ms), 2),
    }


def manage(env, *args, check=True, checkout: Path = ROOT) -> tuple[float, str]:
    """Run a ``manage.py`` command of ``checkout`` with ``env``: its seconds and its output."""
    started = time.perf_counter()
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=checkout, env=env, capture_output=True, text=True
    )
    elapsed = time.perf_counter() - started
    if check and result.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return elapsed, result.stdout + result.stderr


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def query_string(params: dict) -> str:
    return urlencode(params, doseq=True)


def http_get(port: int, path: str) -> float:
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", path)
    response = connection.getresponse()
    response.read()
    connection.close()
    if response.status != 200:
        raise RuntimeError(f"GET {path} answered {response.status}")
    return time.perf_counter() - started


def drive(port: int, paths: list[str], **options) -> dict:
    """Run ``bench.load`` against the server (``seconds``, ``concurrency``, ``requests``…)."""
    command = [PYTHON, "-m", "bench.load", "--base", f"http://127.0.0.1:{port}"]
    command += ["--paths", json.dumps(paths)]
    for name, value in options.items():
        command += [f"--{name}", str(value)]
    load = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(load.stdout)


def resident_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return round(int(status.split("VmRSS:")[1].split()[0]) / 1024, 1)


def edit_latency(Statement, backend, SearchQuery, edits: int = 20) -> dict:
    """Median time from an edit's save (commit) until a search finds it."""
    times = []
    statements = list(Statement.objects.published().order_by("pk")[:edits])
    for n, statement in enumerate(statements):
        word = f"benchmarkedit{n}x{int(time.time())}"
        statement.summary = f"{statement.summary} {word}".strip()
        started = time.perf_counter()
        statement.save()  # autocommit: the index is updated on commit
        while backend.search(SearchQuery(text=word, with_facets=False)).total != 1:
            if time.perf_counter() - started > 30:
                raise RuntimeError("an edit did not become searchable within 30 s")
            time.sleep(0.005)
        times.append(time.perf_counter() - started)
    return summary(times)


def fts_rows(documents):
    for doc in documents.iter_documents():
        year = doc.facets.get("year", ("",))
        yield {
            "id": int(doc.id),
            "title": doc.title,
            "body": doc.body,
            "issuer": (doc.facets.get("issuer") or ("",))[0],
            "country": (doc.facets.get("country") or ("",))[0],
            "kind": doc.facets["kind"][0],
            "language": doc.facets["language"][0],
            "year": year[0] if year else "",
            "decade": (doc.facets.get("decade") or ("",))[0],
            "events": doc.facets.get("event", ()),
            "date_start": int(doc.date_start.strftime("%Y%m%d")) if doc.date_start else 0,
            "date_end": int(doc.date_end.strftime("%Y%m%d")) if doc.date_end else 0,
        }


def deployed(env: dict, workdir: Path, checkout: Path = ROOT) -> dict:
    """The environment of a server as deployed: DEBUG off, static files collected for WhiteNoise."""
    server_env = {
        **env,
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-secret-key-not-for-production-0123456789abcdef",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "STATIC_ROOT": str(workdir / "static"),
    }
    manage(server_env, "collectstatic", "--noinput", "-v0", checkout=checkout)
    return server_env


def project_module(checkout: Path) -> str:
    """The package of a checkout's settings and WSGI application: ``archive.project``, or
    ``archive`` in a checkout from before the reshaping of issue 30."""
    return "archive.project" if (checkout / "archive/project/wsgi.py").exists() else "archive"


def wsgi_module(checkout: Path) -> str:
    """The WSGI application module of a checkout of the archive, this one or an older one."""
    return f"{project_module(checkout)}.wsgi"


def start_server(env, port: int, cwd: Path = ROOT) -> subprocess.Popen:
    """Start gunicorn of the checkout ``cwd`` with ``env`` (production-like settings) and wait
    until it answers."""
    server = subprocess.Popen(
        [
            str(Path(PYTHON).parent / "gunicorn"),
            # The WSGI module of the checkout served (it moved in the reshaping of issue 30).
            wsgi_module(cwd),
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=cwd,
        env=env,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            http_get(port, "/api/search/?q=warmup")
            return server
        except (OSError, RuntimeError):
            time.sleep(0.2)
    server.terminate()
    raise SystemExit(f"gunicorn did not start in {cwd}")
