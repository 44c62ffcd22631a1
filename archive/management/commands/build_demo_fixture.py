"""Write the demo fixtures: every country, and a curated subset of the UN corpus."""

import hashlib
import json
from collections import defaultdict
from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from archive import countries, dates
from archive.importers import RecordError, StatementImporter, open_lines
from archive.models import Country, Event, IssuingBody, Person, Post, Statement

ALWAYS = {"PRK", "KOR"}  # every speech by both Koreas is in the demo
PERMANENT_MEMBERS = ("USA", "RUS", "CHN", "GBR", "FRA")
PER_DECADE_AND_REGION = 5


def stable_rank(source_id: str) -> str:
    """Order records the same way on every machine, without favouring any country."""
    return hashlib.sha256(source_id.encode()).hexdigest()


def choose(records: list[dict]) -> set[str]:
    """Pick all Korean speeches, a P5 speech a decade, and a spread per decade and region."""
    chosen = {r["id"] for r in records if r["country_iso3"] in ALWAYS}
    cells: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for r in records:
        decade = r["date"][:3]
        cells[(decade, countries.region_of(r["country_iso3"]) or "other")].append(r)
        if r["country_iso3"] in PERMANENT_MEMBERS:
            cells[(decade, r["country_iso3"])].append(r)
    for (_decade, group), members in cells.items():
        members.sort(key=lambda r: stable_rank(r["id"]))
        take = 1 if group in PERMANENT_MEMBERS else PER_DECADE_AND_REGION
        chosen.update(r["id"] for r in members[:take])
    return chosen


class Command(BaseCommand):
    help = "Write fixtures/countries.json and fixtures/ungdc_demo.json from the corpus."

    def add_arguments(self, parser):
        parser.add_argument(
            "--corpus",
            default=str(settings.BASE_DIR.parent / "shared" / "corpora" / "ungdc.jsonl.gz"),
        )
        parser.add_argument("--output-dir", default=str(settings.BASE_DIR / "fixtures"))

    def handle(self, corpus, output_dir, **options):
        if Statement.objects.exists():
            raise CommandError(
                "Run this on an empty scratch database, e.g. "
                "DATABASE_URL=sqlite:////tmp/demo.sqlite3 (after migrate)."
            )
        lines = [(n, line) for n, line in open_lines(corpus) if not isinstance(line, RecordError)]
        records = [json.loads(line) for _, line in lines]
        chosen = choose(records)
        countries.install()
        report = StatementImporter().run(
            (n, line) for (n, line), r in zip(lines, records, strict=True) if r["id"] in chosen
        )
        if report.failed:
            raise CommandError(f"{report.failed} demo records failed: {report.errors[:3]}")
        out = Path(output_dir)
        self._dump(out / "countries.json", Country.objects.order_by("code"))
        statements = Statement.objects.order_by("issued_on", "source_id")
        objects = [
            *IssuingBody.objects.filter(statements__in=statements).distinct().order_by("slug"),
            *Event.objects.filter(statements__in=statements).distinct().order_by("start_date"),
            *Person.objects.filter(statements__in=statements).distinct().order_by("slug"),
            *Post.objects.filter(person__statements__in=statements).distinct().order_by("pk"),
            *statements,
        ]
        self._dump(out / "ungdc_demo.json", objects)
        decades = sorted({dates.decade_of(s.issued_on.year) for s in statements})
        self.stdout.write(
            f"{statements.count()} speeches from {len(decades)} decades "
            f"({decades[0]}s–{decades[-1]}s) written to {out} on {connection.vendor}."
        )

    def _dump(self, path: Path, objects) -> None:
        with path.open("w", encoding="utf-8") as stream:
            serializers.serialize(
                "json",
                objects,
                indent=1,
                use_natural_foreign_keys=True,
                use_natural_primary_keys=True,
                stream=stream,
                ensure_ascii=False,
            )
            stream.write("\n")
