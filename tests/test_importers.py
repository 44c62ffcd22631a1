"""import_statements: good, bad and repeated records, gzip, line-numbered errors."""

import gzip
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from archive.importers import RecordError, StatementImporter, open_lines, parse_record
from archive.models import Country, Event, IssuingBody, Statement
from archive.signals import records_changed


def record(**overrides):
    base = {
        "id": "ungdc-PRK-73-2018",
        "title": "Statement by Ri Yong Ho, Minister for Foreign Affairs of North Korea",
        "body": "Peace on the Korean peninsula.\nA second paragraph.",
        "date": "2018",
        "date_precision": "year",
        "speaker": "Ri Yong Ho",
        "speaker_post": "Minister for Foreign Affairs",
        "country": "North Korea",
        "country_iso3": "PRK",
        "doc_type": "speech",
        "venue": "UN General Assembly, 73rd session, General Debate",
        "source": "UN General Debate Corpus (UNGDC) 1946-2024, Harvard Dataverse, CC0",
        "url": "https://doi.org/10.7910/DVN/0TJX8Y",
        "source_path": "x.txt",
        "language": "en",
    }
    return {**base, **overrides}


def write_jsonl(path, lines, gz=False):
    text = "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines) + "\n"
    if gz:
        with gzip.open(path, "wt", encoding="utf-8") as f:
            f.write(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def run(path, *args):
    out, err = StringIO(), StringIO()
    try:
        call_command("import_statements", str(path), "--no-progress", *args, stdout=out, stderr=err)
    except CommandError as exc:
        return out.getvalue(), err.getvalue(), exc
    return out.getvalue(), err.getvalue(), None


@pytest.mark.django_db
def test_a_good_record_creates_country_body_event_and_published_statement(tmp_path):
    out, _, error = run(write_jsonl(tmp_path / "c.jsonl", [record()]))
    assert error is None
    assert "created 1, updated 0, unchanged 0, failed 0" in out
    statement = Statement.objects.get(source_id="ungdc-PRK-73-2018")
    assert statement.status == "published"
    assert statement.slug == "north-korea-general-debate-2018"
    assert statement.date_display == "2018"
    assert statement.issuer == IssuingBody.objects.get(slug="government-of-north-korea")
    assert statement.issuer.country == Country.objects.get(code="PRK")
    assert statement.issuer.country.region == "asia"
    event = Event.objects.get(slug="unga-73-general-debate")
    assert list(statement.events.all()) == [event]
    assert event.dates_display == "2018"
    assert statement.history.count() == 1


@pytest.mark.django_db
def test_importing_twice_changes_nothing(tmp_path):
    path = write_jsonl(
        tmp_path / "c.jsonl.gz",
        [record(), record(id="ungdc-KOR-73-2018", country_iso3="KOR", country="South Korea")],
        gz=True,
    )
    run(path)
    out, _, error = run(path)
    assert error is None
    assert "created 0, updated 0, unchanged 2, failed 0" in out
    assert Statement.objects.count() == 2
    assert Event.objects.count() == 1


@pytest.mark.django_db
def test_a_changed_record_is_updated_in_place(tmp_path):
    run(write_jsonl(tmp_path / "a.jsonl", [record()]))
    out, _, _ = run(write_jsonl(tmp_path / "b.jsonl", [record(speaker="Ri Yong-ho")]))
    assert "created 0, updated 1" in out
    statement = Statement.objects.get()
    assert statement.speaker == "Ri Yong-ho"
    assert statement.history.count() == 2


@pytest.mark.django_db
def test_bad_records_are_reported_by_line_and_good_ones_kept(tmp_path):
    lines = [
        record(id="ok-1"),
        "{broken json",
        record(id="no-title", title=""),
        record(id="bad-date", date="2023-02-30", date_precision="day"),
        record(id="bad-precision", date_precision="fortnight"),
        "[1, 2]",
        record(id="mismatch", date="2018-06-01", date_precision="year"),
        record(id="ok-2", country_iso3="KOR", country="South Korea"),
    ]
    out, err, error = run(write_jsonl(tmp_path / "c.jsonl", lines))
    assert isinstance(error, CommandError)  # non-zero exit
    assert "created 2, updated 0, unchanged 0, failed 6" in out
    assert "line 2: broken JSON" in err
    assert "line 3: missing title" in err
    assert "line 4: impossible date" in err
    assert "line 5: unknown date precision" in err
    assert "line 6: a record must be a JSON object" in err
    assert "line 7: date “2018-06-01” does not match precision" in err
    assert set(Statement.objects.values_list("source_id", flat=True)) == {"ok-1", "ok-2"}


@pytest.mark.django_db
def test_limit_reads_only_the_first_records(tmp_path):
    lines = [record(id=f"r-{n}", country_iso3="PRK") for n in range(5)]
    out, _, _ = run(write_jsonl(tmp_path / "c.jsonl", lines), "--limit", "3")
    assert "created 3" in out
    assert Statement.objects.count() == 3


@pytest.mark.django_db
def test_records_are_written_in_batches_with_one_signal_each_inside_its_transaction(tmp_path):
    batches = []

    def receiver(sender, pks, created, **kwargs):
        assert transaction.get_connection().in_atomic_block  # listeners write with the batch
        if sender is Statement and created:
            batches.append(len(pks))

    records_changed.connect(receiver)
    try:
        lines = [(n + 1, json.dumps(record(id=f"r-{n}", date=str(2000 + n)))) for n in range(7)]
        report = StatementImporter(batch_size=3).run(lines)
    finally:
        records_changed.disconnect(receiver)
    assert report.created == 7
    assert batches == [3, 3, 1]


@pytest.mark.django_db
def test_the_same_id_twice_in_one_file_updates_rather_than_duplicates():
    lines = [(1, json.dumps(record(id="a"))), (2, json.dumps(record(id="a", speaker="B")))]
    report = StatementImporter().run(lines)
    assert (report.created, report.updated, report.failed) == (1, 1, 0)
    assert Statement.objects.get(source_id="a").speaker == "B"


@pytest.mark.django_db
def test_a_batch_the_database_refuses_is_retried_record_by_record():
    # Two speeches of one country in one year share a slug within a batch: the
    # batch insert fails on the unique slug, and the retry keeps both.
    lines = [(1, json.dumps(record(id="a"))), (2, json.dumps(record(id="b")))]
    report = StatementImporter().run(lines)
    assert (report.created, report.failed) == (2, 0)
    assert sorted(Statement.objects.values_list("slug", flat=True)) == [
        "north-korea-general-debate-2018",
        "north-korea-general-debate-2018-2",
    ]


def test_non_utf8_input_is_reported_not_crashed(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_bytes(json.dumps(record()).encode() + b"\n\xff\xfe broken\n")
    items = list(open_lines(path))
    assert isinstance(items[-1][1], RecordError)


def test_missing_file_is_a_clear_command_error(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_statements", str(tmp_path / "nope.jsonl"))


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        ({"id": ""}, "missing id"),
        ({"body": None}, "missing body"),
        ({"country_iso3": None}, "missing country_iso3"),
        ({"title": 5}, "title must be text"),
        ({"doc_type": "tweet"}, "unknown doc_type"),
    ],
)
def test_parse_record_names_the_reason(overrides, reason):
    with pytest.raises(RecordError, match=reason):
        parse_record(1, json.dumps(record(**overrides)))


def test_parse_record_accepts_nulls_for_optional_fields():
    parsed = parse_record(1, json.dumps(record(speaker=None, speaker_post=None, language="xx")))
    assert parsed.speaker == "" and parsed.language == "other"


@pytest.mark.django_db
def test_a_seat_holders_speech_is_titled_and_tagged_with_the_state_as_it_was(tmp_path):
    from archive import countries

    countries.install()
    soviet = record(
        id="ungdc-RUS-16-1961",
        title="Statement by Mr. Gromyko, Russian Federation in the General Debate of the 16th "
        "session of the UN General Assembly (1961)",
        body="The Soviet Union stands for general and complete disarmament.",
        date="1961",
        speaker="Mr. Gromyko",
        country="Russian Federation",
        country_iso3="RUS",
        venue="UN General Assembly, 16th session, General Debate",
    )
    today = record(
        id="ungdc-RUS-73-2018",
        title="Statement by Sergey Lavrov, Minister for Foreign Affairs of Russian Federation in "
        "the General Debate of the 73rd session of the UN General Assembly (2018)",
        country="Russian Federation",
        country_iso3="RUS",
    )
    _, _, error = run(write_jsonl(tmp_path / "c.jsonl", [soviet, today]))
    assert error is None
    old = Statement.objects.get(source_id="ungdc-RUS-16-1961")
    assert old.title == (
        "Statement by Mr. Gromyko, Union of Soviet Socialist Republics in the General Debate "
        "of the 16th session of the UN General Assembly (1961)"
    )
    assert old.issuer.country.code == "SUN"
    assert "RUS" not in {c.code for c in old.countries_mentioned.all()}
    new = Statement.objects.get(source_id="ungdc-RUS-73-2018")
    assert "of Russian Federation in the General Debate" in new.title  # today's state, today
    assert new.issuer.country.code == "RUS"


def german_1990():
    return [
        record(
            id="ungdc-DDR-45-1990",
            title="Statement by GENSCHER, German Democratic Republic in the General Debate of "
            "the 45th session of the UN General Assembly (1990)",
            body="I wish to thank you on behalf of the German Government. In his speech during "
            "the general debate Foreign Minister Genscher said that German unity…",
            date="1990",
            speaker="GENSCHER",
            speaker_post=None,
            country="German Democratic Republic",
            country_iso3="DDR",
            venue="UN General Assembly, 45th session, General Debate",
        ),
        record(
            id="ungdc-DEU-45-1990",
            title="Statement by BRAUTIGAM, Germany in the General Debate of the 45th session of "
            "the UN General Assembly (1990)",
            body="We are partners with Malta in developing security and co-operation in Europe.",
            date="1990",
            speaker="BRAUTIGAM",
            speaker_post=None,
            country="Germany",
            country_iso3="DEU",
            venue="UN General Assembly, 45th session, General Debate",
        ),
    ]


@pytest.mark.django_db
def test_the_reviewed_corrections_are_applied_on_import_and_shown(tmp_path, client):
    _, _, error = run(write_jsonl(tmp_path / "c.jsonl", german_1990()))
    assert error is None
    unity = Statement.objects.get(source_id="ungdc-DDR-45-1990")
    assert unity.issuer.country.code == "DEU"  # unified Germany, not the GDR
    assert (unity.issued_on.isoformat(), unity.issued_precision) == ("1990-10-03", "day")
    assert unity.speaker == "Hans Otto Bräutigam"
    assert unity.title.startswith("Statement by Hans Otto Bräutigam, Germany")
    genscher = Statement.objects.get(source_id="ungdc-DEU-45-1990")
    assert genscher.speaker == "GENSCHER" and genscher.issuer.country.code == "FRG"
    assert genscher.title.startswith("Statement by GENSCHER, Federal Republic of Germany")
    html = client.get(unity.get_absolute_url()).content.decode()
    assert "Archivist's corrections of the corpus" in html
    assert "the corpus gives “GENSCHER”; corrected to “Hans Otto Bräutigam”" in html
    assert "Evidence:" in html


@pytest.mark.django_db
def test_a_correction_the_corpus_no_longer_needs_is_left_and_noted(tmp_path):
    fixed = german_1990()[1] | {"speaker": "Hans-Dietrich Genscher"}  # fixed upstream
    out, err, error = run(write_jsonl(tmp_path / "c.jsonl", [fixed]))
    assert error is None and "created 1" in out
    assert Statement.objects.get(source_id="ungdc-DEU-45-1990").speaker == (
        "Hans-Dietrich Genscher"
    )
    assert "the corpus no longer says what the correction of its speaker quotes" in err


def test_a_malformed_corrections_table_is_refused_with_its_reason(tmp_path):
    from django.core.exceptions import ImproperlyConfigured

    from archive import corpus_corrections

    bad = tmp_path / "corrections.json"
    row = {
        "source_id": "x",
        "field": "colour",
        "corpus": "a",
        "corrected": "b",
        "reason": "r",
        "evidence": "e",
    }
    bad.write_text(json.dumps([row]))
    with pytest.raises(ImproperlyConfigured, match="corrects “colour”"):
        corpus_corrections.table(bad)
    bad.write_text(json.dumps([row | {"field": "speaker", "evidence": " "}]))
    with pytest.raises(ImproperlyConfigured, match="needs its reason and its evidence"):
        corpus_corrections.table(bad)
    assert len(corpus_corrections.table()["ungdc-DDR-45-1990"]) == 4  # the shipped table


KOREAN = {
    "language": "ko",
    "title": "외무상 연설",
    "body": "조선 외무성은 나토를 규탄했다.",
    "original": True,
    "source": "조선중앙통신",
}


@pytest.mark.django_db
def test_a_record_texts_become_versions_and_a_second_import_keeps_them(tmp_path):
    translation = record(translated=True, translator="UN interpreters", texts=[KOREAN])
    out, _, error = run(write_jsonl(tmp_path / "c.jsonl", [translation]))
    assert error is None and "created 1" in out
    statement = Statement.objects.get()
    assert statement.translated and statement.translator == "UN interpreters"
    (version,) = statement.versions.all()
    assert (version.language, version.original, version.source) == ("ko", True, "조선중앙통신")
    out, _, _ = run(write_jsonl(tmp_path / "c.jsonl", [translation]))
    assert "unchanged 1" in out and statement.versions.get().pk == version.pk


@pytest.mark.django_db
def test_texts_given_again_update_and_remove_versions_and_no_texts_leave_them(tmp_path):
    japanese = {"language": "ja", "body": "北朝鮮はミサイルを発射した。", "translator": "KCNA"}
    run(write_jsonl(tmp_path / "c.jsonl", [record(texts=[KOREAN, japanese])]))
    changed = {**KOREAN, "body": "조선 외무성은 합동군사연습을 규탄했다."}
    run(write_jsonl(tmp_path / "c.jsonl", [record(texts=[changed])]))
    statement = Statement.objects.get()
    assert [(v.language, v.body) for v in statement.versions.all()] == [
        ("ko", "조선 외무성은 합동군사연습을 규탄했다.")
    ]
    run(write_jsonl(tmp_path / "c.jsonl", [record()]))  # says nothing of versions
    assert statement.versions.count() == 1


@pytest.mark.django_db
def test_a_text_without_a_language_has_it_detected(tmp_path):
    unsaid = record(body="Министр заявил, что переговоры продолжатся.", texts=[])
    del unsaid["language"]
    versions = [{"body": "北朝鮮はミサイルを発射した。日本政府は強く抗議した。"}]
    run(write_jsonl(tmp_path / "c.jsonl", [{**unsaid, "texts": versions}]))
    statement = Statement.objects.get()
    assert statement.language == "ru"
    assert [v.language for v in statement.versions.all()] == ["ja"]


@pytest.mark.parametrize(
    ("texts", "reason"),
    [
        ("Korean", "texts must be a list"),
        (["Korean"], "texts item 1 must be an object"),
        ([{"language": "ko"}], "texts item 1: missing body"),
        ([KOREAN, KOREAN], "texts item 2: a second text in ko"),
        ([{**KOREAN, "language": "en"}], "texts item 1: a second text in en"),
        ([{**KOREAN, "translator": "X"}], "texts item 1: an original has no translator"),
        ([{**KOREAN, "original": "yes"}], "texts item 1: original must be true or false"),
    ],
)
def test_bad_texts_are_refused_with_the_reason(texts, reason):
    with pytest.raises(RecordError, match=reason):
        parse_record(1, json.dumps(record(texts=texts)))


@pytest.mark.django_db
def test_a_bad_texts_line_fails_alone_and_the_good_lines_are_kept(tmp_path):
    lines = [record(id="ungdc-A-1-2000", texts="x"), record(id="ungdc-B-1-2000", texts=[KOREAN])]
    out, _, _ = run(write_jsonl(tmp_path / "c.jsonl", lines))
    assert "created 1" in out and "failed 1" in out
    assert Statement.objects.get().versions.get().language == "ko"


@pytest.mark.django_db
def test_a_reimport_keeps_the_countries_an_archivists_version_names(tmp_path):
    """A record that says nothing of versions leaves the archivist's Korean version, and the
    countries found in it, as they are."""
    from archive import country_tags
    from archive.models import StatementVersion

    path = write_jsonl(tmp_path / "c.jsonl", [record()])
    run(path)
    statement = Statement.objects.get()
    StatementVersion.objects.create(
        statement=statement, language="ko", body="미국과 남조선의 합동군사연습.", original=True
    )
    country_tags.tag([statement.pk])
    assert "USA" in set(statement.countries_mentioned.values_list("code", flat=True))
    run(write_jsonl(path, [record(body="Peace on the Korean peninsula, again.")]))
    assert "USA" in set(statement.countries_mentioned.values_list("code", flat=True))
