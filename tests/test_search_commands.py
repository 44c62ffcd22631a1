"""rebuild_search_index, check_search_index and the index directory check."""

import datetime as dt
import errno
import os
import shutil
import threading
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.core.management.base import SystemCheckError
from django.utils import timezone

from archive.models import Statement
from search import backends, documents
from search.backends import get_backend
from search.backends.base import IndexBehind, LogPosition, SearchQuery
from search.backends.whoosh import schema
from search.backends.whoosh.backend import IndexOutdated
from search.backends.whoosh.checks import unsafe_index_dir, unwritable_index_dir
from search.checks import check_search_backend
from search.models import IndexChange
from search.sync import indexing


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_rebuild_indexes_every_published_statement(make_statement):
    shown = [make_statement(title=f"Published {n}") for n in range(3)]
    make_statement(title="Draft", status="draft")
    output = run("rebuild_search_index", "--batch-size", "2", "--no-progress")
    assert "Indexed 3 published statements" in output
    assert set(get_backend().stored_versions()) == {str(s.pk) for s in shown}


class Terminal(StringIO):
    def isatty(self):
        return True


def test_rebuild_shows_its_progress_on_a_terminal_and_hides_it_when_asked(make_statement):
    for n in range(3):
        make_statement(title=f"Published {n}")
    shown, hidden = Terminal(), Terminal()
    call_command("rebuild_search_index", stdout=StringIO(), stderr=shown)
    call_command("rebuild_search_index", "--no-progress", stdout=StringIO(), stderr=hidden)
    assert "Indexing: 100%" in shown.getvalue() and "3/3 [" in shown.getvalue()
    assert "\x1b[" not in shown.getvalue()  # not coloured as an error
    assert hidden.getvalue() == ""


def test_rebuild_if_missing_leaves_an_existing_index(make_statement):
    make_statement()
    run("rebuild_search_index", "--no-progress")
    assert "not rebuilt" in run("rebuild_search_index", "--if-missing")


def test_an_index_in_an_older_format_is_reported_and_rebuilt_if_missing(
    make_statement, monkeypatch
):
    make_statement(title="Written before an upgrade")
    run("rebuild_search_index", "--no-progress")
    # The code moves on to a newer index format: the index on disk is outdated.
    monkeypatch.setattr(schema, "INDEX_FORMAT", schema.INDEX_FORMAT + 1)
    backends.close_all()
    backend = get_backend()
    assert backend.is_outdated()
    assert [m.id for m in check_search_backend()] == ["search.W001"]
    with pytest.raises(IndexOutdated, match="rebuild_search_index"):
        backend.search(SearchQuery(text="upgrade"))
    assert "Indexed 1 published statements" in run("rebuild_search_index", "--if-missing")
    assert not backend.is_outdated()
    assert backend.search(SearchQuery(text="upgrade")).total == 1


def test_rebuild_keeps_answering_searches_and_swaps_atomically(make_statement, fresh_search_index):
    make_statement(title="Before the rebuild")
    run("rebuild_search_index", "--no-progress")
    first = os.readlink(fresh_search_index / "current")
    backend = get_backend()
    assert backend.search(SearchQuery(text="rebuild")).total == 1
    make_statement(title="Added before the second rebuild")
    run("rebuild_search_index", "--no-progress")
    assert os.readlink(fresh_search_index / "current") != first
    assert backend.search(SearchQuery(text="rebuild")).total == 2
    # Old generations are pruned, the previous one kept for open readers.
    assert len(list(fresh_search_index.glob("gen-*"))) <= 2


def test_check_reports_drift_and_fix_repairs_it(make_statement):
    statements = [make_statement(title=f"Statement {n}") for n in range(3)]
    run("rebuild_search_index", "--no-progress")
    backend = get_backend()
    backend.remove([str(statements[0].pk)])
    Statement.objects.filter(pk=statements[1].pk).update(title="Edited behind the index")
    statements[2].delete()  # without commit callbacks: a ghost stays in the index
    out = StringIO()
    with pytest.raises(CommandError, match="drifted"):
        call_command("check_search_index", stdout=out)
    report = out.getvalue()
    assert f"missing: 1 ({statements[0].pk})" in report
    assert f"stale: 1 ({statements[1].pk})" in report
    assert "ghost: 1" in report
    assert "Repaired" in run("check_search_index", "--fix")
    assert "No drift" in run("check_search_index")


def test_rebuild_while_another_runs_is_refused(make_statement):
    make_statement()
    store = get_backend().store
    with store.rebuild_lock(), pytest.raises(CommandError, match="Another rebuild"):
        call_command("rebuild_search_index", "--no-progress", stdout=StringIO())


def test_changes_logged_during_a_rebuild_are_applied_before_the_swap(make_statement):
    first = make_statement(title="Existing statement")
    backend = get_backend()
    late = {}

    def documents_with_a_write_in_the_middle():
        yield from documents.iter_documents()
        # Another process saves (and logs) while the rebuild is still writing.
        late["statement"] = make_statement(title="Saved during the rebuild")
        first.title = "Existing statement, renamed meanwhile"
        first.save()

    backend.rebuild(documents_with_a_write_in_the_middle(), feed=indexing.feed())
    assert set(backend.stored_versions()) == {str(first.pk), str(late["statement"].pk)}
    assert indexing.drift() == (set(), set(), set())
    assert backend.position() == indexing.feed().pending(backend.position()).position


def test_group_or_world_writable_index_directory_is_refused(tmp_path):
    root = tmp_path / "index"
    root.mkdir(mode=0o700)
    assert unsafe_index_dir(root) == []
    root.chmod(0o777)
    errors = unsafe_index_dir(root)
    assert [e.id for e in errors] == ["search.E002"]


def test_system_check_runs_on_the_configured_directory(settings, tmp_path):
    root = tmp_path / "open"
    root.mkdir()
    root.chmod(0o775)
    settings.SEARCH_BACKEND = {**settings.SEARCH_BACKEND, "PATH": root}
    with pytest.raises(SystemCheckError, match=r"search\.E002"):
        call_command("check")


@pytest.mark.django_db(transaction=True)
def test_searches_keep_answering_during_a_rebuild(settings, body):
    settings.SEARCH_BACKEND = {**settings.SEARCH_BACKEND, "PROCS": 1}
    for n in range(30):
        Statement.objects.create(
            title=f"Peace {n}", body="Peace talks.", issuer=body, status="published"
        )
    backend = get_backend()
    assert backend.search(SearchQuery(text="peace")).total == 30
    done = threading.Event()
    failures = []

    def rebuild_three_times():
        try:
            for _ in range(3):
                indexing.rebuild()
        except Exception as exc:
            failures.append(exc)
        finally:
            done.set()

    worker = threading.Thread(target=rebuild_three_times)
    worker.start()
    totals = []
    while not done.is_set():
        totals.append(backend.search(SearchQuery(text="peace")).total)
    worker.join()
    assert failures == []
    assert totals and set(totals) == {30}


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (PermissionError(errno.EACCES, "Permission denied", "/srv/index/write.lock"), "permission"),
        (OSError(errno.ENOSPC, "No space left on device"), "the disk is full"),
        (EOFError(), "cut short"),
    ],
)
@pytest.mark.parametrize(
    "command",
    [
        ("rebuild_search_index", "--no-progress"),
        ("check_search_index", "--fix"),
        ("sync_search_index",),
    ],
)
def test_index_failures_end_a_command_in_one_clear_line(
    make_statement, monkeypatch, command, error, message
):
    make_statement()
    backend = get_backend()

    def broken(*args, **kwargs):
        raise error

    for name in ("rebuild", "catch_up", "stored_versions", "position"):
        monkeypatch.setattr(backend, name, broken)
    with pytest.raises(CommandError, match=message) as failure:
        call_command(*command, stdout=StringIO(), stderr=StringIO())
    assert "\n" not in str(failure.value)
    assert str(failure.value).startswith("Could not")


def test_an_index_directory_this_process_cannot_write_is_reported(settings, tmp_path, monkeypatch):
    root = tmp_path / "index"
    root.mkdir(mode=0o700)
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: Path(p) != root and real_access(p, mode))
    errors = unwritable_index_dir(root)
    assert [e.id for e in errors] == ["search.E004"]
    monkeypatch.setattr(os, "access", real_access)
    assert unwritable_index_dir(root) == []


def test_sync_search_index_applies_the_log_and_prunes_it(make_statement, settings):
    statement = make_statement(title="Logged but never synced")  # no commit callbacks here
    assert str(statement.pk) not in get_backend().stored_versions()
    out = run("sync_search_index")
    assert "up to date (1 change(s) applied" in out
    assert str(statement.pk) in get_backend().stored_versions()
    IndexChange.objects.update(changed_at=timezone.now() - dt.timedelta(days=30))
    make_statement(title="A newer change")
    run("sync_search_index")
    assert IndexChange.objects.count() == 2  # the pruned-through marker and the newer change
    assert IndexChange.objects.horizon() > 0


def test_an_index_behind_the_pruned_log_is_rebuilt(make_statement, caplog):
    first = make_statement(title="Before the prune")
    backend = get_backend()
    assert backend.position() == LogPosition()
    make_statement(title="Also before the prune")
    IndexChange.objects.update(changed_at=timezone.now() - dt.timedelta(days=30))
    indexing.prune_log()
    with pytest.raises(IndexBehind):
        indexing.feed().pending(backend.position())
    assert "not rebuilt" not in run("rebuild_search_index", "--if-missing", "--no-progress")
    assert str(first.pk) in backend.stored_versions()
    assert backend.position().high >= IndexChange.objects.horizon()
    assert "not rebuilt" in run("rebuild_search_index", "--if-missing", "--no-progress")


def test_rebuild_if_missing_builds_a_missing_index(make_statement, fresh_search_index):
    make_statement(title="Indexed by the first build")
    shutil.rmtree(fresh_search_index)
    assert "Indexed 1 published statements" in run(
        "rebuild_search_index", "--if-missing", "--no-progress"
    )


def test_a_file_a_rebuild_removes_during_the_check_is_no_crash(tmp_path, monkeypatch):
    """A rebuild swaps and prunes generations while another process checks the directory:
    a file listed and then gone (its MAIN.tmp) is gone, not a FileNotFoundError."""
    from pathlib import Path

    (tmp_path / "gen-1").mkdir(mode=0o755)
    (tmp_path / "gen-1" / "MAIN.tmp").write_text("")
    real = Path.lstat

    def vanishing(path):
        if path.name == "MAIN.tmp":
            path.unlink(missing_ok=True)
        return real(path)

    monkeypatch.setattr(Path, "lstat", vanishing)
    tmp_path.chmod(0o755)
    assert unsafe_index_dir(tmp_path) == []
