"""Several processes save statements while another rebuilds: no drift, no lost write.

The processes share a scratch database (SQLite, or PostgreSQL when the suite
runs on it) and an index directory of their own, so the test exercises
cross-process locking exactly as gunicorn workers and a cron'd rebuild would.
"""

import pytest

from tests.process_support import finish

# Real processes: left out of `make test-fast`.
pytestmark = pytest.mark.slow

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


def test_concurrent_saves_and_rebuild_leave_no_drift(scratch):
    scratch.run(script=SETUP)
    writers = [
        scratch.manage(script=WRITER.format(saves=SAVES).replace("{WRITER}", str(n)))
        for n in range(WRITERS)
    ]
    rebuilds = [scratch.manage("rebuild_search_index", "--no-progress", "--batch-size", "5")]
    for process in writers:
        finish(process)
    rebuilds.append(scratch.manage("rebuild_search_index", "--no-progress"))
    for process in rebuilds:
        finish(process)

    report = scratch.run("check_search_index")
    assert "No drift" in report
    count = scratch.run(
        script="from archive.models import Statement; "
        "print(Statement.objects.count(), Statement.objects.published().count())",
    )
    total, published = map(int, count.split())
    assert total == WRITERS * SAVES
    assert published == WRITERS * (SAVES - len(range(0, SAVES, 4)))
