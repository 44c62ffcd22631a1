"""How cost grows with the archive: ours and SQLite FTS5 on 1×, 2× and 4× the UN corpus.

For each factor it grows the corpus (``bench/grow.py``), imports it into a
fresh SQLite database with our index (the build), rebuilds the index from the
database (the rebuild), builds the FTS5 reference from the same records, and
measures in process, engines interleaved:

- build and rebuild time, and each index's size on disk;
- page p50 and p95 per category of ``bench/queries.json``;
- memory: a fresh process per engine answers every page twice; its resident
  memory then, the private part of it (not file pages shared with the
  operating system's cache), and how much searching added.

It fits cost = a·Nᵇ through the points of each measure and extrapolates to
one million statements. ``make growth`` runs it; ``--reuse`` keeps the grown
databases in ``--workdir`` between runs.

    .venv/bin/python -m bench.growth --factors 1 2 4 --workdir var/growth
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import time
from pathlib import Path

from bench import grow
from bench.harness import (
    DEFAULT_CORPUS,
    PYTHON,
    ROOT,
    fts_rows,
    manage,
    query_string,
    summary,
)

TARGET = 1_000_000  # statements, for the extrapolation
ENGINES = ("ours", "cold", "fts5")  # cold: ours with its postings cache bypassed
MEMORY = ("ours", "fts5")


def environment(workdir: Path) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
        "SEARCH_INDEX_DIR": str(workdir / "index"),
        "DJANGO_SETTINGS_MODULE": "archive.project.settings",
        "LOG_LEVEL": "ERROR",
    }


def size_mb(path: Path) -> float:
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    return round(sum(p.stat().st_size for p in files) / 2**20, 1)


def child(mode: str, workdir: Path, *extra: str) -> dict:
    """Run one measurement in a fresh process on ``workdir``'s database; return its JSON."""
    result = subprocess.run(
        [PYTHON, "-m", "bench.growth", "--child", mode, "--workdir", str(workdir), *extra],
        cwd=ROOT,
        env=environment(workdir),
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise SystemExit(f"bench.growth --child {mode} failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def measure_factor(factor: int, args) -> dict:
    workdir = Path(args.workdir) / f"{factor}x"
    workdir.mkdir(parents=True, exist_ok=True)
    env = environment(workdir)
    row: dict = {"factor": factor}
    if not (workdir / "db.sqlite3").exists() or not args.reuse:
        for stale in ("db.sqlite3", "fts5.sqlite3"):
            (workdir / stale).unlink(missing_ok=True)
        corpus = Path(args.workdir) / f"ungdc-{factor}x.jsonl.gz"
        print(f"{factor}×: growing the corpus", flush=True)
        records = grow.read(Path(args.corpus))[: args.limit]
        grow.write(corpus, grow.resampled(records, factor))
        manage(env, "migrate", "-v0")
        print(f"{factor}×: importing", flush=True)
        seconds, _ = manage(env, "import_statements", str(corpus), "--no-progress")
        row["build_seconds"] = round(seconds, 1)
        corpus.unlink()
    print(f"{factor}×: rebuilding the index", flush=True)
    seconds, _ = manage(env, "rebuild_search_index", "--no-progress")
    row["rebuild_seconds"] = round(seconds, 1)
    print(f"{factor}×: building FTS5 and timing the pages", flush=True)
    row |= child("time", workdir, "--repeat", str(args.repeat))
    row["index_mb"] = {
        "ours": size_mb(workdir / "index"),
        "fts5": size_mb(workdir / "fts5.sqlite3"),
    }
    row["memory_mb"] = {engine: child(f"memory-{engine}", workdir) for engine in MEMORY}
    return row


def pages() -> list[dict]:
    return json.loads((ROOT / "bench" / "queries.json").read_text())["pages"]


def setup(workdir: Path):
    """Django on ``workdir``'s database; return our answer, our cold answer and FTS5's
    answer to page i."""
    import django

    django.setup()
    from django.http import QueryDict

    from bench import fts5
    from search import searching
    from search.backends import get_backend
    from search.web.filters import parse_parameters

    backend = get_backend()
    fts_path = workdir / "fts5.sqlite3"
    listed = pages()
    queries = [parse_parameters(QueryDict(query_string(p["params"]))).query for p in listed]
    reference = fts5.FTS5Search(fts_path) if fts_path.exists() else None

    def cold(i: int):
        with backend.postings_cache.bypassed():
            return searching.run(backend, queries[i])

    return (
        lambda i: searching.run(backend, queries[i]),
        cold,
        lambda i: reference.page(listed[i]["params"]),
    )


def resident_mb() -> dict[str, float]:
    """This process's resident memory, and the part of it that is its own (not file pages
    it shares with the operating system's cache)."""
    status = Path("/proc/self/status").read_text()

    def field(name: str) -> float:
        return round(int(status.split(f"{name}:")[1].split()[0]) / 1024, 1)

    return {"resident": field("VmRSS"), "private": field("RssAnon")}


def run_child(mode: str, workdir: Path, repeat: int) -> dict:
    if mode == "time":
        import django

        django.setup()
        from bench import fts5
        from search import documents

        started = time.perf_counter()
        count = fts5.build(workdir / "fts5.sqlite3", fts_rows(documents))
        fts5_build = round(time.perf_counter() - started, 1)
        answers = dict(zip(ENGINES, setup(workdir), strict=True))
        listed = pages()
        times = {name: [[] for _ in listed] for name in ENGINES}
        for i in range(len(listed)):
            for name in ENGINES:
                answers[name](i)  # opening files is not searching
        for round_number in range(repeat):
            for i in range(len(listed)):
                turn = round_number % len(ENGINES)
                for name in ENGINES[turn:] + ENGINES[:turn]:
                    started = time.perf_counter()
                    answers[name](i)
                    times[name][i].append(time.perf_counter() - started)
        kinds = sorted({p["kind"] for p in listed})
        by_kind = {
            kind: {
                name: summary(
                    [t for i, p in enumerate(listed) if p["kind"] == kind for t in times[name][i]]
                )
                for name in ENGINES
            }
            for kind in kinds
        }
        overall = {name: summary([t for ts in times[name] for t in ts]) for name in ENGINES}
        return {
            "statements": count,
            "fts5_build_seconds": fts5_build,
            "overall": overall,
            "by_kind": by_kind,
        }
    engine = mode.removeprefix("memory-")
    answers = dict(zip(ENGINES, setup(workdir), strict=True))
    before = resident_mb()
    for _ in range(2):
        for i in range(len(pages())):
            answers[engine](i)
    after = resident_mb()
    return {**after, "searching_added": round(after["resident"] - before["resident"], 1)}


def fit(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Least squares of log(cost) on log(N): return (a, b) of cost = a·Nᵇ."""
    xs = [math.log(n) for n, _ in points]
    ys = [math.log(max(c, 1e-6)) for _, c in points]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    b = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread
    return math.exp(mean_y - b * mean_x), b


def measures(row: dict) -> dict[str, float]:
    """The figures of one factor that the extrapolation follows, by name."""
    found = {
        "ours build (import + index), s": row.get("build_seconds"),
        "ours rebuild, s": row["rebuild_seconds"],
        "FTS5 build, s": row["fts5_build_seconds"],
        "ours index, MB": row["index_mb"]["ours"],
        "FTS5 index, MB": row["index_mb"]["fts5"],
        "ours all pages p50, ms": row["overall"]["ours"]["p50_ms"],
        "ours cold all pages p50, ms": row["overall"]["cold"]["p50_ms"],
        "FTS5 all pages p50, ms": row["overall"]["fts5"]["p50_ms"],
        "ours all pages p95, ms": row["overall"]["ours"]["p95_ms"],
        "FTS5 all pages p95, ms": row["overall"]["fts5"]["p95_ms"],
        "ours resident memory, MB": row["memory_mb"]["ours"]["resident"],
        "ours private memory, MB": row["memory_mb"]["ours"].get("private"),
        "FTS5 resident memory, MB": row["memory_mb"]["fts5"]["resident"],
        "FTS5 private memory, MB": row["memory_mb"]["fts5"].get("private"),
    }
    for kind, figures in row["by_kind"].items():
        for engine, label in (("ours", "ours"), ("cold", "ours cold"), ("fts5", "FTS5")):
            found[f"{label} {kind} p50, ms"] = figures[engine]["p50_ms"]
    return {name: value for name, value in found.items() if value is not None}


def render(rows: list[dict]) -> str:
    factors = [row["factor"] for row in rows]
    header = " | ".join(
        f"{f}× ({row['statements']:,})" for f, row in zip(factors, rows, strict=True)
    )
    lines = [
        f"| measure | {header} | growth exponent b | at {TARGET:,} statements |",
        "| --- |" + " --- |" * (len(rows) + 2),
    ]
    table = [measures(row) for row in rows]
    for name in table[0]:
        values = [t.get(name) for t in table]
        cells = " | ".join("—" if v is None else f"{v:g}" for v in values)
        points = [(r["statements"], v) for r, v in zip(rows, values, strict=True) if v]
        if len(points) >= 2:
            a, b = fit(points)
            projected = f"{a * TARGET**b:,.0f}"
            exponent = f"{b:.2f}"
        else:
            projected = exponent = "—"
        lines.append(f"| {name} | {cells} | {exponent} | {projected} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    parser.add_argument("--factors", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--workdir", default=str(ROOT / "var" / "growth"))
    parser.add_argument("--limit", type=int, help="grow only the first N records (a quick run)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each page")
    parser.add_argument("--reuse", action="store_true", help="keep grown databases")
    parser.add_argument("--output", default=str(ROOT / "bench" / "results" / "growth.json"))
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        os.environ.update(environment(Path(args.workdir)))
        print(json.dumps(run_child(args.child, Path(args.workdir), args.repeat)))
        return
    rows = [measure_factor(factor, args) for factor in sorted(args.factors)]
    output = Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(rows, indent=2))
    print(render(rows))
    print(f"\nFull results: {output}")


if __name__ == "__main__":
    main()
