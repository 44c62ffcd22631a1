"""Several processes save statements while another rebuilds: no drift, no lost write.

The processes share a SQLite file and an index directory of their own, so
the test exercises cross-process locking exactly as gunicorn workers and a
cron'd rebuild would.
"""

import os
import subprocess
import sys

from django.conf import settings

WRITERS = 3
SAVES = 12

WRITER = """
import random, time
from archive.models import IssuingBody, Statement
body = IssuingBody.objects.get(slug="concurrency-body")
for n in range({saves}):
    s = Statement.objects.create(
        title=f"Writer {{WRITER}} statement {{n}}", body="Concurrent words.",
        issuer=body, status="published")
    if n % 3 == 0:
        s.title += " edited"
        s.save()
    if n % 4 == 0:
        s.status = "withdrawn"
        s.save()
    time.sleep(random.random() / 20)
"""

SETUP = """
from archive.models import IssuingBody
IssuingBody.objects.create(name="Concurrency body", slug="concurrency-body")
"""


def manage(env, *args, script=None):
    command = [sys.executable, "manage.py", *args]
    if script is not None:
        command += ["--no-imports", "-c", script]
    return subprocess.Popen(
        command,
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process, timeout=180):
    out, err = process.communicate(timeout=timeout)
    assert process.returncode == 0, out + err
    return out


def test_concurrent_saves_and_rebuild_leave_no_drift(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        SEARCH_INDEX_DIR=str(tmp_path / "index"),
        DJANGO_SETTINGS_MODULE="archive.settings",
    )
    finish(manage(env, "migrate", "-v0"))
    finish(manage(env, "shell", script=SETUP))
    writers = [
        manage(env, "shell", script=WRITER.format(saves=SAVES).replace("{WRITER}", str(n)))
        for n in range(WRITERS)
    ]
    rebuilds = [manage(env, "rebuild_search_index", "--no-progress", "--batch-size", "5")]
    for process in writers:
        finish(process)
    rebuilds.append(manage(env, "rebuild_search_index", "--no-progress"))
    for process in rebuilds:
        finish(process)

    report = finish(manage(env, "check_search_index"))
    assert "No drift" in report
    count = finish(
        manage(
            env,
            "shell",
            script="from archive.models import Statement; "
            "print(Statement.objects.count(), Statement.objects.published().count())",
        )
    )
    total, published = map(int, count.split())
    assert total == WRITERS * SAVES
    assert published == WRITERS * (SAVES - len(range(0, SAVES, 4)))
