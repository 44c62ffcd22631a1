"""What the results pages show, dumped byte for byte, to compare two checkouts.

    .venv/bin/python -m bench.investigations.page_dumps dump --data var/bench-full \
        --checkout ../before --out var/before.json
    .venv/bin/python -m bench.investigations.page_dumps dump --data var/bench-full \
        --checkout . --out var/after.json
    .venv/bin/python -m bench.investigations.page_dumps compare var/before.json var/after.json

The HTML search page and the JSON API of the 33 pages of ``bench/queries.json``
and of the filtered pages below (ticked boxes, selected values past the cap, a
value no statement has, dates, paging, sorting), through Django's test client
with ``DEBUG`` off. The index's lag, a measure of the moment, is left out (the
API's field and the page's notice). ``tests/test_bench_pages_unchanged.py``
checks the hits of the bench pages on the demo data; this checks the whole
pages, facets included, on the full corpus.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]
FILTERED = [
    "q=peace&country=USA&country=RUS",
    "q=peace&decade=1980s",
    "q=nuclear&year=1991&year=2003&year=1950",
    "q=peace&issuer=government-of-india",
    "q=&country=ZZZ&country=<b>",
    "q=peace&page=2&sort=newest",
    "q=%22weapons+of+mass+destruction%22&decade=2000s",
    "q=korea&event=unga-79-general-debate",
    "decade=1950s&decade=1960s&decade=1970s&decade=1980s&decade=1990s&decade=2000s"
    "&decade=2010s&decade=2020s&decade=1940s",
    "q=climate&country=USA&country=RUS&country=CHN&country=FRA&country=GBR&country=IND"
    "&country=BRA&country=JPN&country=DEU&country=ITA",
    "q=water&kind=speech",
    "q=terror*&language=en",
    "q=chernobyl&from=1986&to=1990",
]
LAG = re.compile(r"<[^>]*>[^<]*Recent changes are not all searchable yet[^<]*</[^>]*>")

# What the checkout's own process runs (an older checkout has no copy of this module): the
# queries arrive as JSON, every page leaves as one JSON object.
WORKER = """
import json, re, sys
import django
django.setup()
from django.test import Client
queries, lag = json.loads(sys.argv[1]), re.compile(sys.argv[2])
client, shown = Client(), {}
for query in queries:
    for base in ("/search/?", "/api/search/?"):
        response = client.get(base + query)
        body = response.content.decode()
        if base.startswith("/api/"):
            answer = json.loads(body)
            answer.pop("index", None)
            notices = answer.get("notices", [])
            answer["notices"] = [n for n in notices if "not all searchable" not in n]
            body = json.dumps(answer, sort_keys=True)
        else:
            body = lag.sub("", body)
        shown[base + query] = [response.status_code, body]
json.dump(shown, sys.stdout)
"""


def dump(checkout: Path, data: Path, out: Path) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{data / 'db.sqlite3'}",
        "SEARCH_INDEX_DIR": str(data / "index"),
        "STATIC_ROOT": str(data / "static"),
        "DEBUG": "0",
        "SECRET_KEY": "page-dumps-" + "x" * 50,
        "ALLOWED_HOSTS": "testserver",
        "SECURE_SSL_REDIRECT": "0",
        "DJANGO_SETTINGS_MODULE": "archive.project.settings",
        "LOG_LEVEL": "ERROR",
    }
    pages = json.loads((ROOT / "bench" / "queries.json").read_text())["pages"]
    queries = [urlencode(page["params"], doseq=True) for page in pages] + FILTERED
    found = subprocess.run(
        [sys.executable, "-c", WORKER, json.dumps(queries), LAG.pattern],
        cwd=checkout.resolve(),
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    out.write_text(found.stdout)
    print(f"{len(json.loads(found.stdout))} pages written to {out}")


def compare(first: Path, second: Path) -> int:
    a, b = json.loads(first.read_text()), json.loads(second.read_text())
    differ = [page for page in a if a[page] != b.get(page)]
    print(f"{len(a)} pages, {sum(len(v[1]) for v in a.values()):,} bytes: {len(differ)} differ")
    for page in differ[:10]:
        print("  ", page)
    return 1 if differ or set(a) != set(b) else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    dumping = commands.add_parser("dump")
    dumping.add_argument("--checkout", type=Path, required=True)
    dumping.add_argument("--data", type=Path, required=True, help="a make bench --reuse directory")
    dumping.add_argument("--out", type=Path, required=True)
    comparing = commands.add_parser("compare")
    comparing.add_argument("first", type=Path)
    comparing.add_argument("second", type=Path)
    args = parser.parse_args()
    if args.command == "dump":
        dump(args.checkout, args.data.resolve(), args.out)
    else:
        raise SystemExit(compare(args.first, args.second))


if __name__ == "__main__":
    main()
