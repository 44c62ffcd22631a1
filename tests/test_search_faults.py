"""Fault injection: the index converges on the database by itself, whatever goes wrong.

Each test is one fault of issue 9, done to real processes on a scratch
database (SQLite, or PostgreSQL when the suite runs on it): concurrent
writers, a lock holder that stops, a killed import, a killed rebuild, a
process killed between its commit and its index update, and a second server.
"""

import json
import logging
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

import pytest

from search.backends import get_backend
from search.backends.base import SearchQuery
from search.backends.whoosh import storage
from search.backends.whoosh.storage import IndexStore
from search.sync import indexing
from tests.process_support import alive, children, finish, free_port, kill

# Real processes, servers and signals: left out of `make test-fast`.
pytestmark = pytest.mark.slow

SETUP = """
from archive.models import Country, IssuingBody, Statement
country = Country.objects.create(code="PRK", name="North Korea", aliases="DPRK")
for n in range({bodies}):
    IssuingBody.objects.create(name=f"Body {{n}}", slug=f"body-{{n}}", country=country)
body = IssuingBody.objects.get(slug="body-0")
for n in range({statements}):
    Statement.objects.create(
        title=f"Statement {{n}}", body="Words of the setup.", issuer=body, status="published")
"""

DRIFT = "No drift: the index matches the published statements."


def setup(scratch, bodies=1, statements=0):
    scratch.run(script=SETUP.format(bodies=bodies, statements=statements))


def title_of(scratch, pk):
    return scratch.sql("SELECT title FROM archive_statement WHERE id = ?", pk)[0][0]


def log_rows(scratch):
    return scratch.sql("SELECT COUNT(*) FROM search_indexchange")[0][0]


def search_total(scratch, text, **env):
    """How many statements a search finds, asked the way a visitor's request asks."""
    script = (
        "from search.sync.indexing import current_backend; "
        "from search.backends.base import SearchQuery; "
        f"print(current_backend().search(SearchQuery(text={text!r})).total)"
    )
    return int(scratch.run(script=script, **env).split()[-1])


WRITER = """
import random
from archive.models import IssuingBody, Statement
random.seed({seed})
bodies = list(IssuingBody.objects.order_by("pk"))
mine = []
for t in range({transactions}):
    roll = random.random()
    if roll < 0.3 or not mine:
        s = Statement.objects.create(
            title=f"Writer {seed} statement {{t}}", body="Concurrent words.",
            issuer=random.choice(bodies), status="published")
        mine.append(s.pk)
    elif roll < 0.6:
        s = Statement.objects.get(pk=random.choice(mine))
        s.title = f"Writer {seed} edit {{t}}"
        s.save()
    elif roll < 0.75:
        s = Statement.objects.get(pk=random.choice(mine))
        s.status = random.choice(["published", "withdrawn", "draft"])
        s.save()
    else:
        b = random.choice(bodies)
        b.name = f"Body renamed by writer {seed} at {{t}}"
        b.save()
"""


def test_eight_concurrent_writers_with_renames_leave_no_drift(scratch):
    setup(scratch, bodies=3, statements=30)
    with scratch.indexer():
        writers = [scratch.manage(script=WRITER.format(seed=n, transactions=50)) for n in range(8)]
        for writer in writers:
            finish(writer, timeout=600)
        # No command: the saves' quick syncs and the indexer leave the newest versions.
        scratch.converged()
    assert DRIFT in scratch.run("check_search_index")


EDIT = """
from archive.models import Statement
s = Statement.objects.get(slug="statement-0")
s.title = "{title}"
s.save()
print("saved", flush=True)
"""


STALLED_CATCH_UP = """
from search.sync import indexing
print("catching up", flush=True)
indexing.catch_up()
"""


def test_a_stalled_older_update_never_overwrites_a_newer_one(scratch):
    """Issue 9's repro: an update that waited for the lock through the first edit resumes
    after the second edit was indexed. Saves never wait now; a catch-up does."""
    setup(scratch, statements=1)
    (pk,) = scratch.sql("SELECT id FROM archive_statement")[0]
    store = IndexStore(scratch.index)
    with store.write_lock():
        finish(scratch.manage(script=EDIT.format(title="first")))  # left to the log
        first = scratch.manage(script=STALLED_CATCH_UP, SEARCH_LOCK_TIMEOUT="600")
        assert first.stdout.readline().strip() == "catching up"
        time.sleep(1)  # it is waiting for the lock
        first.send_signal(signal.SIGSTOP)
        finish(scratch.manage(script=EDIT.format(title="second")))
    assert title_of(scratch, pk) == "second"
    scratch.run("sync_search_index")  # the second edit is indexed
    first.send_signal(signal.SIGCONT)
    finish(first)
    assert DRIFT in scratch.run("check_search_index")
    assert search_total(scratch, "second") == 1
    assert search_total(scratch, "first") == 0


def unfinished_generations(scratch):
    """Index generations other than the live one: what a killed rebuild leaves behind."""
    live = (scratch.index / "current").resolve()
    return {path for path in scratch.index.glob("gen-*") if path != live}


def corpus(path, records):
    lines = [
        json.dumps(
            {
                "id": f"ungdc-PRK-{n}-{1900 + n}",
                "title": f"Speech number {n}",
                "body": "Peaceful reunification of the fatherland. " * 40,
                "date": str(1900 + n),
                "date_precision": "year",
                "country_iso3": "PRK",
                "country": "North Korea",
                "doc_type": "speech",
            }
        )
        for n in range(records)
    ]
    path.write_text("\n".join(lines))
    return str(path)


@pytest.mark.parametrize("moment", ["between batches", "in the final rebuild"])
def test_a_killed_import_run_again_leaves_no_drift(scratch, moment):
    path = corpus(scratch.tmp_path / "corpus.jsonl", 600)
    env = {"SEARCH_REBUILD_ABOVE": "100", "SEARCH_INDEX_PROCS": "2"}
    importer = scratch.manage("import_statements", path, "--batch-size", "20", **env)
    if moment == "between batches":
        scratch.wait_for(lambda: log_rows(scratch) >= 300, what="half the import")
    else:
        # Its rebuild is running while its worker processes are: stopped at once, so that a
        # short rebuild on a busy machine cannot swap its generation in before the kill. A
        # child alone does not say so (multiprocessing's resource tracker outlives the
        # rebuild): stopped, the import must also have a generation it has not swapped in.
        def rebuilding() -> bool:
            if not children(importer.pid):
                return False
            os.kill(importer.pid, signal.SIGSTOP)
            if unfinished_generations(scratch):
                return True
            os.kill(importer.pid, signal.SIGCONT)
            return False

        scratch.wait_for(rebuilding, what="the import's rebuild")
    kill(importer)
    leftovers = unfinished_generations(scratch)
    assert bool(leftovers) == (moment == "in the final rebuild")
    assert "missing" in scratch.manage("check_search_index").communicate()[0]
    report = scratch.run("import_statements", path, "--batch-size", "20", **env)
    assert "failed 0" in report
    assert DRIFT in scratch.run("check_search_index")
    assert not any(path.exists() for path in leftovers)


BULK = """
from archive.models import IssuingBody, Statement
body = IssuingBody.objects.get(slug="body-0")
Statement.objects.bulk_create(
    Statement(title=f"Bulk {{n}}", slug=f"bulk-{{n}}", body="Words of the bulk. " * 200,
              issuer=body, status="published")
    for n in range({statements}))
"""


def test_a_killed_rebuild_leaves_no_process_and_the_next_rebuild_succeeds(scratch):
    setup(scratch)
    scratch.run(script=BULK.format(statements=3000))
    rebuild = scratch.manage("rebuild_search_index", "--no-progress", SEARCH_INDEX_PROCS="2")
    workers = []

    def workers_started():
        workers[:] = children(rebuild.pid)
        return len(workers) >= 2

    scratch.wait_for(workers_started, timeout=60, what="the rebuild's worker processes")
    kill(rebuild)
    leftovers = unfinished_generations(scratch)
    assert leftovers
    scratch.wait_for(
        lambda: not any(alive(pid) for pid in workers), timeout=5, what="the workers to die"
    )
    out = scratch.run("rebuild_search_index", "--no-progress", SEARCH_INDEX_PROCS="2")
    assert "Indexed 3000 published statements" in out
    assert not any(path.exists() for path in leftovers)
    assert DRIFT in scratch.run("check_search_index")


CRASH_AFTER_COMMIT = """
import os, signal
from django.db import transaction
from archive.models import IssuingBody, Statement
with transaction.atomic():
    # Registered first, so it runs before the index update the save registers.
    transaction.on_commit(lambda: os.kill(os.getpid(), signal.SIGKILL))
    Statement.objects.create(
        title="Orphaned by a crash", body="Committed, never indexed by its writer.",
        issuer=IssuingBody.objects.get(slug="body-0"), status="published")
"""

WAIT_FOR_HIT = """
import time
from search.backends.base import SearchQuery
from search.sync.indexing import current_backend
started = time.monotonic()
while current_backend().search(SearchQuery(text="orphaned")).total == 0:
    if time.monotonic() - started > 5:
        raise SystemExit("not found within 5 s")
    time.sleep(0.05)
print(f"found after {time.monotonic() - started:.2f} s")
"""


def test_a_writer_killed_after_its_commit_is_healed_by_the_indexer(scratch):
    setup(scratch)
    crash = scratch.manage(script=CRASH_AFTER_COMMIT)
    crash.communicate(timeout=60)
    assert crash.returncode == -signal.SIGKILL
    orphans = "SELECT COUNT(*) FROM archive_statement WHERE title = ?"
    assert scratch.sql(orphans, "Orphaned by a crash") == [(1,)]
    report = scratch.manage("check_search_index").communicate()[0]
    assert "missing: 1" in report and "1 change(s) behind" in report
    with scratch.indexer():
        healed = scratch.run(script=WAIT_FOR_HIT)
    assert "found after" in healed
    print(healed.strip())
    assert DRIFT in scratch.run("check_search_index")


# In one process, on the test database ------------------------------------------


def newest_segment(generation):
    return max(generation.glob("*.seg"), key=lambda p: p.stat().st_mtime_ns)


def test_a_damaged_segment_keeps_the_last_good_searcher_and_a_rebuild_heals(
    capture, make_statement, caplog
):
    with capture():
        make_statement(title="Peace talks one")
    backend = get_backend()
    assert backend.search(SearchQuery(text="peace")).total == 1
    with capture():
        make_statement(title="Peace talks two")
    segment = newest_segment(backend.store.current())
    segment.write_bytes(segment.read_bytes()[: segment.stat().st_size // 2])
    with caplog.at_level(logging.ERROR, logger="search.backends.whoosh.backend"):
        assert backend.search(SearchQuery(text="peace")).total == 1  # the last good searcher
    assert "still answering from the last good one" in caplog.text
    indexing.rebuild()
    for _ in range(20):
        assert backend.search(SearchQuery(text="peace")).total == 2


def test_a_deleted_index_answers_503_and_is_not_recreated(
    client, make_statement, fresh_search_index, caplog
):
    statement = make_statement(title="Peace talks")
    shutil.rmtree(fresh_search_index)
    with caplog.at_level(logging.ERROR, logger="search.web.unavailable"):
        page = client.get("/search/", {"q": "peace"})
    assert page.status_code == 503
    assert "Search is unavailable" in page.content.decode()
    assert page["Retry-After"]
    assert "There is no search index" in caplog.text
    api = client.get("/api/search/", {"q": "peace"})
    assert api.status_code == 503 and "unavailable" in api.json()["error"]
    assert client.get("/search/feed/").status_code == 503
    assert client.get("/search/export.csv").status_code == 503
    # Reading a statement needs no index; its "similar statements" are left out.
    assert client.get(statement.get_absolute_url()).status_code == 200
    assert not fresh_search_index.exists()


def test_an_unreadable_index_answers_503(client, make_statement, fresh_search_index):
    make_statement(title="Peace talks")
    get_backend().close()
    for toc in (fresh_search_index / "current").glob("_MAIN_*.toc"):
        toc.write_bytes(b"not a table of contents")
    page = client.get("/search/", {"q": "peace"})
    assert page.status_code == 503


@pytest.mark.django_db(transaction=True)
def test_a_save_never_waits_for_a_held_lock_and_the_indexer_applies_its_change(
    make_statement, monkeypatch, indexer
):
    backend = get_backend()

    def waited(seconds):
        raise AssertionError("a save waited for the index lock")

    with backend.store.write_lock():  # the indexer, or a hung writer elsewhere
        monkeypatch.setattr(storage.time, "sleep", waited)
        make_statement(title="Saved while the index was locked")
        monkeypatch.undo()
    assert backend.search(SearchQuery(text="locked")).total == 0
    for _ in range(3):  # searches never write the index
        assert indexing.current_backend().search(SearchQuery(text="locked")).total == 0
    indexer()
    assert backend.search(SearchQuery(text="locked")).total == 1


# Two servers, one database ---------------------------------------------------------

DRAFT = """
from django.contrib.auth.models import User
from archive.models import IssuingBody, Statement
User.objects.create_superuser("chief", password="pw-for-tests-0")
s = Statement.objects.create(
    title="Freedom Edge denounced", body="An Asian NATO, says the ministry.",
    issuer=IssuingBody.objects.get(slug="body-0"), status="draft")
print(s.pk)
"""


DEPLOY = Path(__file__).resolve().parent.parent / "archive" / "project" / "deploy"


def serve(scratch, index, port):
    """A node: gunicorn with the shipped configuration (and so its indexer), its own index."""
    command = [str(Path(sys.executable).parent / "gunicorn"), "archive.project.wsgi", "-w", "1"]
    command += ["-c", str(DEPLOY / "gunicorn.conf.py"), "-b", f"127.0.0.1:{port}"]
    return subprocess.Popen(
        command,
        cwd=Path(__file__).resolve().parent.parent,
        env=scratch.with_env(SEARCH_INDEX_DIR=str(index)),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def found_through(port, text):
    url = f"http://127.0.0.1:{port}/api/search/?{urlencode({'q': text})}"
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)["total"]


def publish_through_admin(port, pk):
    """Log in to one server's admin and publish a statement with the list action."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    base = f"http://127.0.0.1:{port}/admin/"

    def read(path):
        return opener.open(base + path, timeout=10).read().decode()

    def token(page):
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

    login = {"username": "chief", "password": "pw-for-tests-0", "next": "/admin/"}
    login["csrfmiddlewaretoken"] = token(read("login/"))
    opener.open(base + "login/", urlencode(login).encode(), timeout=10)
    listed = read("archive/statement/")
    revision = re.search(rf'name="revision-{pk}" value="(\d+)"', listed).group(1)
    action = {"action": "publish", "_selected_action": str(pk), "index": "0"}
    action[f"revision-{pk}"] = revision  # the revision the list showed, as a browser sends it
    action["csrfmiddlewaretoken"] = token(listed)
    page = opener.open(base + "archive/statement/", urlencode(action).encode(), timeout=30)
    assert "Published 1 statement" in page.read().decode()


def test_a_statement_published_on_one_server_is_found_on_both_within_2_s(scratch):
    setup(scratch)
    pk = int(scratch.run(script=DRAFT).split()[-1])
    second_index = scratch.tmp_path / "index-b"
    scratch.run("rebuild_search_index", "--no-progress", SEARCH_INDEX_DIR=str(second_index))
    ports = free_port(), free_port()
    servers = [serve(scratch, scratch.index, ports[0]), serve(scratch, second_index, ports[1])]
    try:
        for port in ports:
            scratch.wait_for(lambda p=port: answers(p), timeout=60, what=f"gunicorn on {port}")
        assert found_through(ports[1], "denounced") == 0
        publish_through_admin(ports[0], pk)
        for port in ports:  # each node's indexer, woken at the commit
            seconds = scratch.wait_for(
                lambda p=port: found_through(p, "denounced") == 1, timeout=2, what=f"node {port}"
            )
            print(f"found through {port} after {seconds:.2f} s")
    finally:
        for server in servers:
            server.terminate()
            server.communicate(timeout=30)


def answers(port):
    try:
        found_through(port, "x")
    except OSError:
        return False
    return True


def test_sync_search_index_follow_keeps_a_second_index_current(scratch):
    setup(scratch)
    second_index = scratch.tmp_path / "index-b"
    scratch.run("rebuild_search_index", "--no-progress", SEARCH_INDEX_DIR=str(second_index))
    follower = scratch.manage("sync_search_index", "--follow", SEARCH_INDEX_DIR=str(second_index))
    try:
        time.sleep(1)
        scratch.run(script=CRASH_AFTER_COMMIT.replace("transaction.on_commit", "print"))

        def second_index_current():
            report = scratch.manage("check_search_index", SEARCH_INDEX_DIR=str(second_index))
            return DRIFT in report.communicate()[0]

        scratch.wait_for(second_index_current, timeout=10, what="the follower")
        # It leaves the processors to the searches being served first.
        expected = min(19, os.getpriority(os.PRIO_PROCESS, 0) + 10)
        assert os.getpriority(os.PRIO_PROCESS, follower.pid) == expected
    finally:
        follower.send_signal(signal.SIGTERM)
        out, err = follower.communicate(timeout=30)
    assert follower.returncode == 0, err
    assert "Stopped." in out


def test_the_live_generation_is_found_when_two_rebuilds_swap_and_prune_during_the_lookup(
    tmp_path, monkeypatch
):
    """A search under load read `current` (generation A), then two quick rebuilds made C live
    and pruned A before it checked A's directory: it answered "no search index"."""
    store = IndexStore(tmp_path)
    store.ensure_root()
    first, second = store.new_generation(), store.new_generation()
    store.swap(first)
    real_readlink = os.readlink
    reads = []

    def readlink_then_rebuild(path):
        target = real_readlink(path)
        reads.append(target)
        if len(reads) == 1:  # between this read and the check, rebuilds swap and prune
            store.swap(second)
            store.prune(keep={second})
        return target

    monkeypatch.setattr(os, "readlink", readlink_then_rebuild)

    assert store.current() == second
