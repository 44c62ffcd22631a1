"""The 33 bench pages show what they showed when their hits were model instances.

Issue 32 reads a results page's hits as flat rows instead of model
instances. What the pages show must not change: for each page of
``bench/queries.json``, on the demo data, the API's answer and the search
page's list of hits equal what the instance-reading code returned, recorded
in ``tests/golden/bench_pages_<database>_<engine>.json`` (hits of equal score
come in the order the database loaded the demo). Left out: the facets, which
come from the index and the label cache alone, and the index's lag, a
measure of the moment.

A change meant to alter what these pages show records them again:

    RECORD_BENCH_PAGES=1 .venv/bin/pytest tests/test_bench_pages_unchanged.py
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
PAGES = json.loads((ROOT / "bench" / "queries.json").read_text())["pages"]
GOLDEN = Path(__file__).resolve().parent / "golden"
LAG_NOTICE = "Recent changes are not all searchable yet"
HITS = re.compile(r'<ol class="hits".*?</ol>', re.DOTALL)
ITEM = re.compile(r'<li class="hit">.*?</li>', re.DOTALL)
SLUG = re.compile(r'href="/statements/([^/"]+)/"')

pytestmark = pytest.mark.every_backend


def shown(client) -> list[dict]:
    """Each bench page's API answer and its search page's hits, in the bench's order."""
    pages = []
    for page in PAGES:
        query = urlencode(page["params"], doseq=True)
        api = client.get(f"/api/search/?{query}")
        html = client.get(f"/search/?{query}")
        assert api.status_code == html.status_code == 200, page
        answer = api.json()
        del answer["index"], answer["facets"]
        answer["notices"] = [n for n in answer["notices"] if not n.startswith(LAG_NOTICE)]
        found = HITS.search(html.content.decode())
        items = ITEM.findall(found.group()) if found else []
        # The page lists the hits the API gives, in its order.
        assert [SLUG.search(item).group(1) for item in items] == [
            row["slug"] for row in answer["results"]
        ], page
        pages.append({"params": page["params"], "api": answer, "hits": items})
    return pages


def canonical(page: dict) -> dict:
    """The page with hits of equal (rounded) score in one order: a rebuild on several
    processes numbers the documents, and so orders exact ties, differently each time."""
    api = dict(page["api"], results=sorted(page["api"]["results"], key=by_score))
    return {"params": page["params"], "api": api, "hits": sorted(page["hits"])}


def by_score(row: dict) -> tuple:
    return (-row["score"], row["slug"])


def test_the_bench_pages_show_what_they_showed(client, demo, search_engine):
    golden = GOLDEN / f"bench_pages_{connection.vendor}_{search_engine}.json"
    pages = shown(client)
    if os.environ.get("RECORD_BENCH_PAGES"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(json.dumps(pages, indent=0, ensure_ascii=False) + "\n")
    recorded = json.loads(golden.read_text())
    assert len(pages) == len(PAGES) == 33
    assert sum(bool(page["api"]["results"]) for page in pages) >= 25  # the demo finds most
    for page, before in zip(pages, recorded, strict=True):
        assert canonical(page) == canonical(before), page["params"]
