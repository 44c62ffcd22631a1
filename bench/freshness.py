"""How soon an edit is searchable on every node while writers write.

On a fresh archive of the demo data in a temporary directory (SQLite, or a new
PostgreSQL database on ``BENCH_POSTGRES``), each of ``--nodes`` gunicorn
servers (the shipped config) gets its own Whoosh index. ``--writers``
processes save at ``--rate`` saves a second in all, writer i through node
i % N: edits of published statements (a unique token appended to the summary),
some new statements, and renames of issuing bodies and countries. Per node an
observer polls the HTTP API until each token is found, and a searcher times a
fixed set of searches at rest and while the writers write.

    .venv/bin/python -m bench.freshness --database postgres --seconds 30 --output /tmp/f.json
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import queue
import random
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from bench.harness import PYTHON, ROOT, deployed, free_port, manage
from bench.nodes import (
    postgres_database,
    scratch_env,
    start_node,
    stats,
    stop_node,
)
from bench.probes import (
    SEARCH_RATE,
    SEARCHES,
    SEED_FILLER,
    Observer,
    Searcher,
    api,
    processor_seconds,
)

QUIET_SECONDS = 20  # at least: searches timed before the writers start, as long as they write
GRACE_SECONDS = 60  # how long observers keep looking once the writers stop
SUFFIX = " (renamed)"


def writer(index: int, env: dict, options: dict, messages, ready, go, start) -> None:
    """One writer process: saves on its schedule through node ``index % nodes``'s settings."""
    os.environ.clear()  # the node's settings only: no DATABASE_URL of a calling benchmark
    os.environ.update(env)
    import django

    django.setup()
    from django.utils import timezone

    from archive.models import Country, IssuingBody, Statement, Status

    count, rate, seconds = options["writers"], options["rate"], options["seconds"]
    rng = random.Random(index)
    published = Statement.objects.published()
    mine = [pk for pk in published.values_list("pk", flat=True) if pk % count == index]
    bodies = sorted(set(published.values_list("issuer_id", flat=True)))
    countries = sorted(set(published.values_list("issuer__country_id", flat=True)) - {None})
    pools = {"body": bodies[index::count], "country": countries[index::count]}
    issuers = IssuingBody.objects.filter(pk__in=bodies[:50])
    ready.put(index)
    go.wait()
    interval = count / rate
    due, end = start.value + index * interval / count, start.value + seconds
    n = renames = 0
    while due < end:
        time.sleep(max(0.0, due - time.time()))
        due = max(due + interval, time.time() - 3 * interval)  # behind: catch up, no burst
        n += 1
        token = f"frsh{index}x{n}q"
        if rng.random() < options["renames"] and (pools["body"] or pools["country"]):
            kind = "country" if renames % 5 == 4 and pools["country"] else "body"
            kind = kind if pools[kind] else "country"
            renames += 1
            target = (Country if kind == "country" else IssuingBody).objects.get(
                pk=rng.choice(pools[kind])
            )
            named, kind = target.name, f"rename_{kind}"
            target.name = named.removesuffix(SUFFIX) if named.endswith(SUFFIX) else named + SUFFIX
        elif rng.random() < 0.1:
            kind, text = "new", f"A statement written by the freshness benchmark: {token}."
            target = Statement(title=f"Freshness probe {token}", body=text, summary=token)
            target.issuer, target.issued_on = rng.choice(issuers), timezone.now().date()
            target.status = Status.PUBLISHED
        else:
            kind, target = "edit", Statement.objects.get(pk=rng.choice(mine))
            target.summary = f"{target.summary} {token}".strip()
        started = time.perf_counter()
        target.save()
        record = {"writer": index, "node": env["NODE"], "kind": kind}
        record |= {"save_ms": 1000 * (time.perf_counter() - started), "commit": time.time()}
        if kind in ("new", "edit"):
            record |= {"token": token, "slug": target.slug}
        messages.put(record)
    messages.put({"done": index})


def run(args: argparse.Namespace) -> dict:
    """Set up, start the nodes, write and observe, and return the report."""
    tmp = Path(tempfile.mkdtemp(prefix="archive-fresh-"))
    database = f"bench_fresh_{os.getpid()}"
    env = scratch_env(tmp, "index-0", LOG_LEVEL="ERROR")
    servers: list[subprocess.Popen] = []
    try:
        if args.database == "postgres":
            env["DATABASE_URL"] = postgres_database("create", database)
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "load_demo_data")
        manage(env, "shell", "-c", SEED_FILLER)
        server_env = deployed(env, tmp)
        nodes = [
            {**server_env, "SEARCH_INDEX_DIR": str(tmp / f"index-{k}"), "NODE": str(k)}
            for k in range(args.nodes)
        ]
        for node_env in nodes:
            manage(node_env, "rebuild_search_index", "--no-progress")
        ports = [free_port() for _ in nodes]
        for k, node_env in enumerate(nodes):
            servers.append(start_node(node_env, ports[k], tmp / f"node-{k}.log"))
        report = observe(args, nodes, ports, [server.pid for server in servers])
        logs = {f"node-{k}": (tmp / f"node-{k}.log").read_text()[-2000:] for k in range(len(nodes))}
        return {**report, "logs": logs}
    finally:
        for server in servers:
            stop_node(server)
        if args.database == "postgres":
            postgres_database("drop", database)
        shutil.rmtree(tmp, ignore_errors=True)


def observe(
    args: argparse.Namespace, nodes: list[dict], ports: list[int], node_pids: list[int]
) -> dict:
    """Searchers at rest, then the writers with observers and searchers on every node."""
    context = multiprocessing.get_context("spawn")
    messages, ready, go = context.Queue(), context.Queue(), context.Event()
    start = context.Value("d")
    options = {k: getattr(args, k) for k in ("writers", "rate", "renames", "seconds")}
    writers = [
        context.Process(
            target=writer,
            args=(i, nodes[i % len(nodes)], options, messages, ready, go, start),
            daemon=True,
        )
        for i in range(args.writers)
    ]
    for process in writers:
        process.start()
    for _ in writers:
        ready.get(timeout=120)
    for port in ports:  # both workers of each node open the index and warm their caches
        for params in SEARCHES * 2:
            api(port, params)
    observers, searchers = [Observer(p) for p in ports], [Searcher(p) for p in ports]
    for thread in observers + searchers:
        thread.start()
    writer_pids = [process.pid for process in writers]
    quiet_from = processor_seconds(node_pids, writer_pids)
    time.sleep(max(QUIET_SECONDS, args.seconds))  # as many quiet samples as writing ones
    start.value = time.time() + 0.2
    for searcher in searchers:
        searcher.phase = "writing"
    cpu_before = processor_seconds(node_pids, writer_pids)
    go.set()
    saves, done = [], 0
    while done < len(writers):
        try:
            message = messages.get(timeout=args.seconds + 120)
        except queue.Empty:
            raise SystemExit("the writers stopped answering") from None
        if "done" in message:
            done += 1
            if done == len(writers):
                cpu_after = processor_seconds(node_pids, writer_pids)
            continue
        saves.append(message)
        if "token" in message:
            for observer in observers:
                observer.add(message["token"], message["slug"], message["commit"])
    for searcher in searchers:
        searcher.phase = None
    for observer in observers:
        observer.deadline = time.time() + GRACE_SECONDS
    for thread in observers + searchers:
        thread.join()
    for process in writers:
        process.join(timeout=30)
    cpu = {k: round(v - cpu_before.get(k, 0.0), 1) for k, v in sorted(cpu_after.items())}
    quiet = {k: round(v - quiet_from.get(k, 0.0), 1) for k, v in sorted(cpu_before.items())}
    report = summarize(args, saves, observers, searchers)
    return {**report, "cpu_quiet_s": quiet, "cpu_while_writing_s": cpu}


def summarize(args, saves: list[dict], observers: list, searchers: list) -> dict:
    def save_stats(rows: list[dict]) -> dict:
        kinds = sorted({r["kind"] for r in rows})
        by_kind = {k: stats([r["save_ms"] for r in rows if r["kind"] == k]) for k in kinds}
        return {"all_ms": stats([r["save_ms"] for r in rows]), "by_kind_ms": by_kind}

    per_node = []
    for k, (observer, searcher) in enumerate(zip(observers, searchers, strict=True)):
        quiet = stats(searcher.times["quiet"], 1000)
        writing = stats(searcher.times["writing"], 1000)
        ratio = round(writing["p99"] / quiet["p99"], 2) if quiet["n"] and writing["n"] else None
        per_node.append(
            {
                "node": k,
                "visibility_s": stats(list(observer.visible.values()), digits=2),
                "unseen": len(observer.pending),
                "poll_round_s": stats(observer.rounds, digits=2),
                "poll_errors": observer.errors,
                "saves": save_stats([s for s in saves if s["node"] == str(k)]),
                "search_quiet_ms": quiet,
                "search_writing_ms": writing,
                "search_p99_ratio": ratio,
                "search_errors": searcher.errors,
            }
        )
    options = ("database", "nodes", "writers", "rate", "renames", "seconds")
    return {
        **{k: getattr(args, k) for k in options},
        "saves": {"n": len(saves), **save_stats(saves)},
        "tokens": sum("token" in s for s in saves),
        "per_node": per_node,
    }


def render(report: dict) -> str:
    """One row a node: visibility, saves and searches."""
    lines = [
        f"Freshness on {report['database']}: {report['nodes']} node(s), {report['writers']} "
        f"writers, {report['rate']} saves/s, renames {report['renames']}, {report['seconds']} s; "
        f"{report['saves']['n']} saves, {report['tokens']} tokens; searches at {SEARCH_RATE}/s "
        "a node besides the observers' polls",
        "",
        "| node | visible p50 / p95 / max s | unseen | save p95 ms (all; by kind) "
        "| search p99 quiet / writing ms | ratio |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for node in report["per_node"]:
        vis, saves = node["visibility_s"], node["saves"]
        kinds = ", ".join(f"{k} {v['p95']}" for k, v in saves["by_kind_ms"].items())
        lines.append(
            f"| {node['node']} | {vis.get('p50')} / {vis.get('p95')} / {vis.get('max')} "
            f"| {node['unseen']} | {saves['all_ms'].get('p95')}; {kinds} "
            f"| {node['search_quiet_ms'].get('p99')} / {node['search_writing_ms'].get('p99')} "
            f"| {node['search_p99_ratio']} |"
        )
    for phase, key in (("at rest", "cpu_quiet_s"), ("while writing", "cpu_while_writing_s")):
        used = ", ".join(f"{role} {seconds}" for role, seconds in report.get(key, {}).items())
        lines += ["", f"Processor seconds {phase} ({report['seconds']} s, 2 cores): {used}"]
    return "\n".join(lines)


def freshness_runs(seconds: float, output_dir: Path) -> dict:
    """SQLite with one node, and PostgreSQL with two if a server answers, each a subprocess."""
    from bench.backends import SERVER

    results: dict = {}
    for database in ("sqlite", "postgres"):
        if database == "postgres":
            try:
                import psycopg

                psycopg.connect(f"{SERVER}/postgres", connect_timeout=3).close()
            except Exception as exc:
                results[database] = {"skipped": f"no PostgreSQL at {SERVER} ({exc})"}
                continue
        output = Path(output_dir) / f"freshness-{database}.json"
        command = [PYTHON, "-m", "bench.freshness", "--database", database]
        command += ["--seconds", str(seconds), "--output", str(output)]
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
        if done.returncode:
            results[database] = {"error": (done.stdout + done.stderr)[-3000:]}
        else:
            results[database] = json.loads(output.read_text())
    return results


def render_runs(results: dict) -> str:
    return "\n\n".join(
        render(r) if "per_node" in r else f"Freshness on {name}: {r}" for name, r in results.items()
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--nodes", type=int, help="default: 1 on SQLite, 2 on PostgreSQL")
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--rate", type=float, default=8, help="saves a second, all writers")
    parser.add_argument("--renames", type=float, default=0.05, help="share of saves")
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--output", default=str(ROOT / "bench" / "results" / "freshness.json"))
    args = parser.parse_args()
    args.nodes = args.nodes or (2 if args.database == "postgres" else 1)
    report = run(args)
    output = Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(report, indent=2))
    print(render(report))
    print(f"\nFull results: {output}")


if __name__ == "__main__":
    main()
