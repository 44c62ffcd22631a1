"""The node's indexer: one per index, woken at commit, dying with its parent; clean leftovers."""

import errno
import shutil
import subprocess
import sys
import threading
import time

import pytest
from django.conf import settings
from django.db import connection
from whoosh.writing import SegmentWriter

from search.backends import get_backend
from search.backends.base import IndexUnavailable, SearchQuery
from search.backends.whoosh import internals
from search.sync import indexing, wakeup
from search.sync.indexer import Indexer
from tests.process_support import alive


def test_a_second_indexer_stands_by_while_the_first_holds_the_index(db):
    said = []
    second = Indexer(say=said.append)
    stop = threading.Event()
    with get_backend().indexer_lock(0):  # the first indexer
        runner = threading.Thread(target=second.run, args=(stop.is_set,))
        runner.start()
        time.sleep(1.5)
        assert "Following the change log." not in said  # standing by
    time.sleep(1.5)
    stop.set()
    runner.join(timeout=30)
    assert not runner.is_alive()
    assert "Following the change log." in said  # took over when the first let go


@pytest.mark.django_db(transaction=True)
def test_the_indexer_is_woken_at_commit():
    listener = wakeup.Listener()
    try:
        if connection.vendor != "postgresql":
            # No notifications on SQLite: the indexer looks again after a short poll.
            started = time.monotonic()
            assert listener.wait(30) is False
            assert time.monotonic() - started < 5
            return
        assert listener.wait(0) is False  # listening from here on
        wakeup.notify()  # autocommit: delivered at once
        assert listener.wait(30) is True
        assert listener.wait(0) is False  # one notification wakes one round
    finally:
        listener.close()


@pytest.mark.slow
def test_the_indexer_dies_with_the_process_that_started_it(tmp_path):
    """``make run`` starts it with --parent $$ from the shell that runs the server."""
    manage = f"{sys.executable} manage.py sync_search_index --follow --parent $$"
    shell = subprocess.Popen(
        ["sh", "-c", f"{manage} > {tmp_path / 'out'} 2>&1 & echo $!; sleep 4"],
        cwd=settings.BASE_DIR,
        env={
            "PATH": "/usr/bin:/bin",
            "ARCHIVE_VAR_DIR": str(tmp_path),
            "SEARCH_INDEX_DIR": str(tmp_path / "index"),
        },
        stdout=subprocess.PIPE,
        text=True,
    )
    pid = int(shell.stdout.readline())
    assert alive(pid)
    shell.wait(timeout=30)
    deadline = time.monotonic() + 30
    while alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not alive(pid), (tmp_path / "out").read_text()


def test_parent_must_be_the_commands_parent(db):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="is not this command's parent"):
        call_command("sync_search_index", "--follow", "--parent", "1")


@pytest.mark.django_db(transaction=True)
def test_a_commit_that_fails_on_a_full_disk_leaves_no_segment_files(
    make_statement, monkeypatch, indexer
):
    make_statement(title="Indexed before the disk filled")
    live = get_backend().store.current()
    before = {path.name for path in live.iterdir()}

    def full(self, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(SegmentWriter, "_commit_toc", full)
    make_statement(title="Saved on a full disk")  # its quick sync fails; the save stands
    monkeypatch.undo()
    assert {path.name for path in live.iterdir()} == before
    backend = get_backend()
    assert backend.search(SearchQuery(text="full disk")).total == 0
    indexer()  # the disk has room again: the log still holds the change
    assert backend.search(SearchQuery(text="full disk")).total == 1


@pytest.mark.django_db(transaction=True)
def test_a_save_never_recreates_a_deleted_index_directory(make_statement, fresh_search_index):
    shutil.rmtree(fresh_search_index)
    make_statement(title="Saved with no index")
    assert not fresh_search_index.exists()
    with pytest.raises(IndexUnavailable):
        get_backend().catch_up(indexing.feed(), also=["1"])
    assert not fresh_search_index.exists()
    get_backend().indexer_beat()  # the heartbeat does not create it either
    assert not fresh_search_index.exists()


def segments():
    from search.backends.whoosh.backend import open_index

    return internals.segments(open_index(get_backend().store.current()))


@pytest.mark.django_db(transaction=True)
def test_commits_that_apply_changes_never_merge_and_idle_merges_are_bounded(
    make_statement, monkeypatch
):
    from search.backends.whoosh import merging

    monkeypatch.setattr(merging, "SMALL_SEGMENTS", 3)
    monkeypatch.setattr(merging, "MERGE_DOCS", 4)
    made = [make_statement(title=f"Segment {n}") for n in range(8)]  # a commit each
    assert sorted(s.doc_count() for s in segments()) == [1] * 8
    assert get_backend().merge_step()
    assert sorted(s.doc_count() for s in segments()) == [1, 1, 1, 1, 4]  # at most 4 merged
    while get_backend().merge_step():
        pass
    assert len(segments()) <= 3 + 1
    backend = get_backend()
    assert backend.search(SearchQuery(text="segment")).total == len(made)
    for n in range(8):
        make_statement(title=f"More {n}")
    with backend.store.write_lock():  # a writer holds the index: the merge waits for later
        assert backend.merge_step() is False


@pytest.mark.django_db(transaction=True)
def test_between_busy_rounds_only_a_pile_of_small_segments_is_merged(make_statement, monkeypatch):
    from search.backends.whoosh import merging

    monkeypatch.setattr(merging, "SMALL_SEGMENTS", 2)
    monkeypatch.setattr(merging, "PRESSING_SEGMENTS", 5)
    monkeypatch.setattr(merging, "MERGE_DOCS", 3)
    for n in range(5):
        make_statement(title=f"Segment {n}")  # a commit each
    backend = get_backend()
    assert backend.merge_step(pressing=True) is False  # 5 small segments: not yet a pile
    make_statement(title="Segment 5")
    assert backend.merge_step(pressing=True)  # 6: merged even while changes come
    assert len(segments()) == 6 - 3 + 1
    assert backend.merge_step(pressing=True) is False  # 4 left: no pile any more
    assert backend.merge_step()  # in a quiet moment, more than 2 small ones are worth it


@pytest.mark.django_db(transaction=True)
def test_the_indexer_merges_in_a_quiet_moment_not_while_changes_come(monkeypatch):
    from search.backends.whoosh.backend import WhooshBackend

    merges = []
    monkeypatch.setattr(
        WhooshBackend, "merge_step", lambda self, pressing=False: merges.append(pressing)
    )
    woken = iter([True, True, False])  # two changes in a row, then no change for a while
    monkeypatch.setattr(wakeup.Listener, "wait", lambda self, timeout: next(woken, False))
    monkeypatch.setattr(wakeup.Listener, "notifies", True)
    rounds = iter(range(3))
    Indexer(background=False)._follow(lambda: next(rounds, None) is None)
    assert merges == [True, True, False]  # a pile only, twice; then whatever is due


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("notifies", [True, False], ids=["notified", "polling"])
def test_while_saves_keep_coming_the_indexer_gathers_them_for_one_commit(monkeypatch, notifies):
    from search.backends.whoosh.backend import WhooshBackend

    monkeypatch.setattr(WhooshBackend, "merge_step", lambda self, pressing=False: False)
    # Notified (PostgreSQL): always woken. Polling (SQLite): never, the log is looked at.
    monkeypatch.setattr(wakeup.Listener, "wait", lambda self, timeout: notifies)
    monkeypatch.setattr(wakeup.Listener, "notifies", notifies)
    events = []
    applied = iter([True, False, False])  # a change applied; then a quiet spell

    def round_(self):
        self.changed = time.monotonic() if next(applied) else float("-inf")
        events.append("round")
        return False

    monkeypatch.setattr(Indexer, "round", round_)
    monkeypatch.setattr(Indexer, "_gather", lambda self: events.append("gather"))
    rounds = iter(range(3))
    Indexer(background=False)._follow(lambda: next(rounds, None) is None)
    # Woken right after a change: gather first. Woken after a quiet spell: at once.
    assert events == ["round", "gather", "round", "round"]


def _four_segments_and_a_waiting_edit(make_statement, monkeypatch, most: int, busy_most: int):
    """Four segments (a commit each) against compaction limits of ``most`` segments, and of
    ``busy_most`` while changes come; then an edit left to the indexer."""
    from search.backends.whoosh import merging
    from search.sync import indexer as indexer_module

    monkeypatch.setattr(merging, "MAX_SEGMENTS", most)
    monkeypatch.setattr(merging, "BUSY_MAX_SEGMENTS", busy_most)
    monkeypatch.setattr(indexer_module, "COMPACTION_CHECK", 0.0)
    for n in range(4):
        make_statement(title=f"Segment {n}")
    get_backend().indexer_beat()  # saves leave the rest to the indexer
    make_statement(title="Waiting edit")


@pytest.mark.django_db(transaction=True)
def test_a_compaction_waits_for_a_quiet_moment_unless_the_index_is_far_gone(
    make_statement, monkeypatch
):
    from search.sync import indexer as indexer_module

    _four_segments_and_a_waiting_edit(make_statement, monkeypatch, most=2, busy_most=6)
    backend = get_backend()
    before = backend.generation()
    said = []
    worker = Indexer(say=said.append, background=False)
    worker.round()  # a change was waiting: no compaction
    worker.round()  # one was applied a moment ago: none either
    assert backend.generation() == before
    assert backend.search(SearchQuery(text="waiting")).total == 1
    assert not any("compacting" in line for line in said)
    monkeypatch.setattr(indexer_module, "COMPACTION_QUIET", 0.0)  # the writers stopped
    worker.round()
    assert backend.generation() != before
    assert any("compacting" in line for line in said)
    assert backend.search(SearchQuery(text="segment")).total == 4
    assert len(segments()) == 1


@pytest.mark.django_db(transaction=True)
def test_a_far_gone_index_is_compacted_even_while_changes_come(make_statement, monkeypatch):
    _four_segments_and_a_waiting_edit(make_statement, monkeypatch, most=1, busy_most=2)
    backend = get_backend()
    before = backend.generation()
    Indexer(say=lambda line: None, background=False).round()
    assert backend.generation() != before
    assert backend.search(SearchQuery(text="segment")).total == 4


@pytest.mark.django_db(transaction=True)
def test_a_segment_whose_documents_were_all_replaced_is_dropped(make_statement):
    statement = make_statement(title="Replaced")
    before = len(segments())
    for n in range(3):
        statement.summary = f"Edit {n}"
        statement.save()
    assert len(segments()) == before  # each commit dropped the emptied one


@pytest.mark.django_db(transaction=True)
def test_saves_leave_the_index_to_a_running_indexer(make_statement, indexer):
    get_backend().indexer_beat()  # an indexer serves this index
    make_statement(title="Left to the indexer")
    assert get_backend().search(SearchQuery(text="indexer")).total == 0
    indexer()
    assert get_backend().search(SearchQuery(text="indexer")).total == 1


@pytest.mark.django_db(transaction=True)
def test_a_long_backlog_is_rebuilt_in_the_background_while_edits_reach_the_old_index(
    make_statement, settings, monkeypatch
):
    settings.SEARCH_INDEXING = {**settings.SEARCH_INDEXING, "REBUILD_ABOVE": 3}
    backend = get_backend()
    backend.indexer_beat()  # saves leave everything to the indexer
    for n in range(5):
        make_statement(title=f"Backlog {n}")
    worker = Indexer(say=lambda line: None)
    old = backend.generation()
    gate = threading.Event()
    real_rebuild = indexing.rebuild

    def held_rebuild(**kwargs):
        gate.wait(30)
        return real_rebuild(**kwargs)

    monkeypatch.setattr(indexing, "rebuild", held_rebuild)
    worker.round()  # starts the rebuild, which waits at the gate
    assert worker.rebuilding is not None and worker.rebuilding.is_alive()
    make_statement(title="Edited during the rebuild")
    worker.round()
    assert backend.generation() == old
    assert backend.search(SearchQuery(text="during")).total == 1  # fresh edits go on
    assert backend.search(SearchQuery(text="backlog")).total == 0  # the rebuild's work
    gate.set()
    worker.rebuilding.join(30)
    assert backend.generation() != old
    assert backend.search(SearchQuery(text="backlog")).total == 5
    assert backend.search(SearchQuery(text="during")).total == 1
    while worker.round():
        pass
    assert indexing.drift() == (set(), set(), set())


@pytest.mark.django_db(transaction=True)
def test_an_import_leaves_its_changes_to_a_running_indexer(tmp_path, monkeypatch, indexer):
    import json
    from io import StringIO

    from django.core.management import call_command

    backend = get_backend()
    backend.indexer_beat()
    catch_ups = []
    monkeypatch.setattr(indexing, "catch_up", lambda **kwargs: catch_ups.append(kwargs))
    record = {
        "id": "ungdc-PRK-1-1991",
        "title": "Speech",
        "body": "Juche and the reunification of the fatherland.",
        "date": "1991",
        "date_precision": "year",
        "country_iso3": "PRK",
        "country": "North Korea",
        "doc_type": "speech",
    }
    (tmp_path / "c.jsonl").write_text(json.dumps(record))
    call_command("import_statements", str(tmp_path / "c.jsonl"), "--no-progress", stdout=StringIO())
    assert catch_ups == []
    assert backend.search(SearchQuery(text="reunification")).total == 0
    indexer()
    assert backend.search(SearchQuery(text="reunification")).total == 1
