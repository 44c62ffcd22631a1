"""The demo fixtures load on an empty database, twice, without duplicates."""

import gzip
import json
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from archive import countries
from archive.management.commands.load_demo_data import DEMO_FIXTURES
from archive.models import Country, Event, IssuingBody, Statement, StatementRelation

CORPUS = Path(settings.BASE_DIR).parent / "shared" / "corpora" / "ungdc.jsonl.gz"
MODELS = [Country, IssuingBody, Event, Statement, StatementRelation]


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_loading_twice_creates_no_duplicates(demo):
    first = counts()
    call_command("loaddata", *DEMO_FIXTURES, verbosity=0)
    assert counts() == first
    assert first["Statement"] >= 302


def test_demo_spans_every_decade_and_region(demo):
    speeches = Statement.objects.filter(source_id__startswith="ungdc-")
    assert speeches.count() >= 300
    decades = {s.issued_on.year // 10 * 10 for s in speeches}
    assert decades == set(range(1940, 2030, 10))
    regions = set(speeches.values_list("issuer__country__region", flat=True))
    assert regions >= {"africa", "americas", "asia", "europe", "oceania"}


def corpus_records():
    """The UN General Debate Corpus's records; the test skips where the corpus is absent (it
    lives beside the checkout, in ../shared, and is never committed)."""
    if not CORPUS.exists():
        pytest.skip(f"the corpus is not at {CORPUS}")
    with gzip.open(CORPUS, "rt", encoding="utf-8") as lines:
        yield from (json.loads(line) for line in lines)


def fixture_source_ids():
    fixture = json.loads((Path(settings.BASE_DIR) / "fixtures" / "ungdc_demo.json").read_text())
    return {o["fields"]["source_id"] for o in fixture if o["model"] == "archive.statement"}


@pytest.mark.slow
def test_demo_holds_every_speech_by_both_koreas():
    korean = {r["id"] for r in corpus_records() if r["country_iso3"] in {"PRK", "KOR"}}
    assert len(korean) == 68
    assert korean <= fixture_source_ids()


def test_every_authority_country_is_in_the_fixture(demo):
    assert set(Country.objects.values_list("code", flat=True)) == set(countries.authority())


def test_seed_statement_is_entered_as_an_archivist_would(demo):
    seed = Statement.objects.get(slug="dprk-foreign-ministry-freedom-edge-asian-nato-2024")
    assert seed.issuer.name.startswith("Ministry of Foreign Affairs")
    assert seed.issuer.country.code == "PRK"
    assert [b.slug for b in seed.co_issuers.all()] == ["kcna"]
    assert seed.date_display == "30 June 2024"
    assert "reckless and provocative military muscle-flexing" in seed.body
    assert "Asian NATO" in seed.title
    freedom_edge = seed.events.get(slug="freedom-edge-2024")
    assert freedom_edge.dates_display == "27 June 2024 – 29 June 2024"
    assert set(freedom_edge.countries.values_list("code", flat=True)) == {"USA", "JPN", "KOR"}
    assert set(seed.countries_mentioned.values_list("code", flat=True)) == {"USA", "JPN", "KOR"}
    (answer,) = seed.relations_in()
    assert answer.source.speaker == "Jens Stoltenberg"
    assert answer.get_kind_display() == "responds to"
    assert "article" in seed.source_citation
    assert Event.objects.filter(slug="aukus-2021").exists()


def test_load_demo_data_skips_a_non_empty_archive(demo, capsys):
    before = counts()
    call_command("load_demo_data")
    assert "already holds statements" in capsys.readouterr().out
    assert counts() == before


@pytest.mark.slow
def test_importing_the_corpus_over_the_demo_duplicates_nothing(demo, tmp_path):
    ids = fixture_source_ids()
    subset = [r for r in corpus_records() if r["id"] in ids][:40]
    path = tmp_path / "subset.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in subset), encoding="utf-8")
    before = counts()
    out = StringIO()
    call_command("import_statements", str(path), "--no-progress", stdout=out)
    assert "created 0, updated 0, unchanged 40, failed 0" in out.getvalue()
    assert counts() == before
