"""Who and where: seats held by historical states, countries named, speakers as persons."""

import csv
import datetime as dt
from io import StringIO

import pytest
from django.contrib.admin.models import LogEntry
from django.core.management import call_command
from django.urls import reverse

from archive import countries, country_tags
from archive.models import Country, Person, Statement
from tests.test_importers import record, run, write_jsonl


def speech(code, year, body="We speak for peace.", speaker="A. Speaker", **fields):
    return record(
        id=f"ungdc-{code}-{year - 1945}-{year}",
        title=f"Statement by {speaker} ({year})",
        body=body,
        date=str(year),
        country_iso3=code,
        country=code,
        speaker=speaker,
        venue=f"UN General Assembly, {year - 1945}th session, General Debate",
        **fields,
    )


def imported(tmp_path, capture, *records):
    with capture():
        out, err, error = run(write_jsonl(tmp_path / "corpus.jsonl", list(records)))
    assert error is None, err
    return out


def issuer_code(source_id):
    return Statement.objects.get(source_id=source_id).issuer.country.code


# Seats --------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "year", "state"),
    [
        ("RUS", 1951, "SUN"),
        ("RUS", 1991, "SUN"),
        ("RUS", 1992, "RUS"),
        ("CHN", 1971, "TWN"),
        ("CHN", 1972, "CHN"),
        ("DEU", 1985, "FRG"),
        ("DEU", 1991, "DEU"),
        ("YEM", 1985, "YAR"),
        ("YEM", 1990, "YEM"),
        ("YUG", 1985, "YUG"),
        ("YUG", 1995, "FRY"),
        ("YUG", 2004, "SCG"),
        ("EGY", 1959, "UAR"),
        ("EGY", 1961, "EGY"),
        ("BLR", 1970, "BYS"),
        ("USA", 1951, "USA"),
    ],
)
def test_the_importer_gives_each_seat_to_the_state_that_held_it(
    tmp_path, capture, code, year, state
):
    imported(tmp_path, capture, speech(code, year))
    assert issuer_code(f"ungdc-{code}-{year - 1945}-{year}") == state


@pytest.mark.django_db
def test_no_speech_before_1992_is_issued_by_the_russian_federation(tmp_path, capture, client):
    imported(tmp_path, capture, speech("RUS", 1951), speech("RUS", 2000))
    soviet = Statement.objects.get(issued_on__year=1951)
    assert soviet.issuer.name == "Government of Soviet Union"
    assert soviet.issuer.country.code == "SUN"
    russia = Country.objects.get(code="RUS")
    assert list(russia.predecessors.values_list("code", flat=True)) == ["SUN"]
    page = client.get(soviet.issuer.country.get_absolute_url()).content.decode()
    assert "Succeeded by" in page and russia.get_absolute_url() in page
    page = client.get(russia.get_absolute_url()).content.decode()
    assert "Preceded by" in page and soviet.issuer.country.get_absolute_url() in page


@pytest.mark.django_db
def test_searching_soviet_union_or_ussr_finds_the_ussrs_speeches(tmp_path, capture, client):
    imported(tmp_path, capture, speech("RUS", 1951), speech("RUS", 2000), speech("FRA", 1951))
    for words in ("Soviet Union", "USSR"):
        data = client.get("/api/search/", {"q": words}).json()
        assert [r["source_id"] for r in data["results"]] == ["ungdc-RUS-6-1951"], words
        issuers = {v["value"]: v["label"] for v in data["facets"]["country"]}
        assert issuers == {"SUN": "Soviet Union"}


@pytest.mark.django_db
def test_importing_twice_creates_and_changes_nothing_the_second_time(tmp_path, capture):
    corpus = [
        speech("RUS", 1960, body="The Soviet Union and France", speaker="Mr. GROMYKO"),
        speech("USA", 1960, body="The USSR and the DPRK; the United States", speaker="Mr. Herter"),
    ]
    imported(tmp_path, capture, *corpus)
    counts = (Country.objects.count(), Person.objects.count(), Statement.objects.count())
    links = sorted(
        Statement.countries_mentioned.through.objects.values_list("statement", "country")
    )
    out = imported(tmp_path, capture, *corpus)
    assert "created 0, updated 0, unchanged 2" in out
    assert (Country.objects.count(), Person.objects.count(), Statement.objects.count()) == counts
    assert (
        sorted(Statement.countries_mentioned.through.objects.values_list("statement", "country"))
        == links
    )


# Countries named --------------------------------------------------------------------


def named(statement):
    return sorted(statement.countries_mentioned.values_list("code", flat=True))


@pytest.mark.django_db
def test_the_import_tags_the_countries_a_speech_names_but_not_its_own(tmp_path, capture):
    body = "The United States, the USSR and the Democratic People's Republic of Korea; Japan."
    imported(tmp_path, capture, speech("USA", 1960, body=body))
    statement = Statement.objects.get()
    assert named(statement) == ["JPN", "PRK", "SUN"]
    assert sorted(statement.countries_extracted.values_list("code", flat=True)) == named(statement)


@pytest.mark.django_db
def test_hand_entered_countries_and_corrections_survive_retagging(tmp_path, capture):
    imported(tmp_path, capture, speech("FRA", 2000, body="Japan and Chad signed."))
    statement = Statement.objects.get()
    japan, chad, korea = (Country.objects.get(code=c) for c in ("JPN", "TCD", "KOR"))
    assert named(statement) == ["JPN", "TCD"]
    # The archivist: Chad is wrong here (say, a person), Korea is meant though not named.
    before = set(statement.countries_mentioned.values_list("pk", flat=True))
    statement.countries_mentioned.remove(chad)
    statement.countries_mentioned.add(korea)
    country_tags.record_corrections(statement, before, {japan.pk, korea.pk})
    assert list(statement.countries_not_named.all()) == [chad]

    with capture():
        call_command("tag_countries", "--no-progress", stdout=StringIO())
        call_command("tag_countries", "--no-progress", stdout=StringIO())
    assert named(statement) == ["JPN", "KOR"]
    assert country_tags.tag([statement.pk]) == []  # idempotent

    # Putting Chad back takes it off the corrections.
    statement.countries_mentioned.add(chad)
    country_tags.record_corrections(statement, {japan.pk, korea.pk}, {japan.pk, korea.pk, chad.pk})
    assert list(statement.countries_not_named.all()) == []


@pytest.mark.django_db
def test_retagging_follows_a_new_alias(tmp_path, capture):
    imported(tmp_path, capture, speech("FRA", 2000, body="Talks with Ruritania."))
    statement = Statement.objects.get()
    assert named(statement) == []
    Country.objects.create(code="RUR", name="Ruritania")
    out = StringIO()
    with capture():
        call_command("tag_countries", "--no-progress", stdout=out)
    assert named(statement) == ["RUR"]
    assert "1 changed" in out.getvalue()


@pytest.mark.django_db
def test_country_page_lists_statements_naming_it_and_reconciles_with_the_facet(
    tmp_path, capture, client
):
    corpus = [
        speech("USA", 2000 + i, body="We call on the DPRK to return to talks.") for i in range(3)
    ] + [
        speech("JPN", 2001, body="North Korea must stop its launches."),
        speech("PRK", 2001, body="The DPRK will defend itself."),
        speech("FRA", 2001, body="Nothing about Asia."),
    ]
    imported(tmp_path, capture, *corpus)
    north_korea = Country.objects.get(code="PRK")
    page = client.get(north_korea.get_absolute_url())
    assert page.context["naming"].paginator.count == 4  # not its own speech
    facet = client.get("/api/search/", {"named": "PRK"}).json()
    assert facet["total"] == 4
    counts = {v["value"]: v["count"] for v in facet["facets"]["named"]}
    assert counts["PRK"] == 4
    assert "/search/?named=PRK" in page.content.decode()


# Speakers -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_family_name_order_and_titles_resolve_to_one_person(tmp_path, capture, client):
    imported(
        tmp_path,
        capture,
        speech("PRK", 1990, speaker="Kim Song"),
        speech("PRK", 1992, speaker="H.E. Mr. Song KIM"),
        speech("PRK", 1994, speaker="SONG KIM"),
    )
    people = list(Person.objects.all())
    assert len(people) == 1
    person = people[0]
    assert person.statements.count() == 3
    page = client.get(person.get_absolute_url())
    assert page.status_code == 200
    assert page.context["page_obj"].paginator.count == 3


@pytest.mark.django_db
def test_people_sharing_a_surname_stay_apart(tmp_path, capture):
    imported(
        tmp_path,
        capture,
        speech("PRK", 1990, speaker="Kim Song"),
        speech("PRK", 1991, speaker="Kim Yong Nam"),
        speech("PRK", 1980, speaker="Mr. KIM"),
        speech("PRK", 2000, speaker="Mr. KIM"),  # a bare surname twenty years on
        speech("KOR", 1992, speaker="Kim Song"),  # another country
    )
    assert Person.objects.count() == 5
    assert Person.objects.filter(name="Kim").count() == 2


@pytest.mark.django_db
def test_a_family_name_handed_from_minister_to_minister_is_not_one_person(tmp_path, capture):
    # Qatar's foreign ministers, 1973-1995, all recorded as "AL-THANI": several people.
    imported(tmp_path, capture, *(speech("QAT", y, speaker="AL-THANI") for y in range(1973, 1996)))
    spans = sorted(
        (min(years), max(years))
        for years in (
            [s.issued_on.year for s in person.statements.all()] for person in Person.objects.all()
        )
    )
    assert len(spans) > 1
    assert all(last - first <= 6 for first, last in spans)


@pytest.mark.django_db
def test_a_speaker_search_matches_every_variant(tmp_path, capture, client):
    imported(
        tmp_path,
        capture,
        speech("PRK", 1990, speaker="Kim Song"),
        speech("PRK", 1992, speaker="Song Kim"),
        speech("PRK", 1993, speaker="Ri Yong Ho"),
    )
    data = client.get("/api/search/", {"q": 'speaker:"Kim Song"'}).json()
    assert sorted(r["date"] for r in data["results"]) == ["1990", "1992"]


@pytest.mark.django_db
def test_posts_are_kept_with_their_years(tmp_path, capture):
    imported(
        tmp_path,
        capture,
        speech("PRK", 1990, speaker="Kim Song", speaker_post="Minister of Foreign Affairs"),
        speech("PRK", 1994, speaker="Kim Song", speaker_post="Minister for Foreign Affairs"),
        speech("PRK", 1996, speaker="Kim Song", speaker_post="Vice-President"),
    )
    posts = [(p.title, p.dates_display) for p in Person.objects.get().posts.all()]
    assert posts == [("Minister of Foreign Affairs", "1990 – 1994"), ("Vice-President", "1996")]


@pytest.mark.django_db
def test_editors_merge_duplicates_and_a_later_import_keeps_the_merge(
    tmp_path, capture, editor_client
):
    imported(
        tmp_path,
        capture,
        speech("USA", 2021, speaker="Joseph R. Biden"),
        speech("USA", 2022, speaker="Joseph R. Biden"),
        speech("USA", 2023, speaker="Joe Biden"),
    )
    full, short = Person.objects.get(name="Joseph R. Biden"), Person.objects.get(name="Joe Biden")
    with capture():
        response = editor_client.post(
            reverse("admin:archive_person_changelist"),
            {
                "action": "merge",
                "_selected_action": [full.pk, short.pk],
                "confirm": "yes",
                "survivor": full.pk,
                "reason": "One president, two spellings",
            },
        )
    assert response.status_code == 302
    assert list(Person.objects.current()) == [full]
    full.refresh_from_db()
    assert full.statements.count() == 3
    assert "Joe Biden" in full.variant_list
    assert full.history.first().history_change_reason == (
        f"Merged Joe Biden (#{short.pk}): One president, two spellings"
    )
    assert LogEntry.objects.filter(
        object_id=str(full.pk), change_message__contains="Merged"
    ).exists()
    moved = Statement.objects.get(speaker="Joe Biden")
    assert moved.history.first().history_change_reason == (
        f"Speaker merged into Joseph R. Biden (#{full.pk})"
    )
    # A later import keeps the merge: the speech joins the survivor, no new person is made.
    imported(tmp_path, capture, speech("USA", 2024, speaker="Joe Biden"))
    assert list(Person.objects.current()) == [full]
    assert Statement.objects.get(speaker="Joe Biden", issued_on__year=2024).speaker_person == full


def test_seat_holders_and_authority_agree():
    for seat, first, last, holder in countries.SEATS:
        info = countries.authority()[holder]
        year = last or first
        assert info.exists_from is None or info.exists_from.year <= year, (seat, holder)
    assert countries.seat_holder("RUS", 1951) == "SUN"
    assert countries.seat_holder("RUS", None) == "RUS"
    assert dt.date(1991, 12, 26) == countries.authority()["SUN"].exists_until


@pytest.mark.django_db
def test_the_api_and_exports_carry_issuing_country_and_countries_named(tmp_path, capture, client):
    imported(
        tmp_path,
        capture,
        speech("USA", 1960, body="The USSR and Japan.", speaker="Mr. Herter"),
    )
    statement = Statement.objects.get()
    data = client.get(f"/api/statements/{statement.slug}/").json()
    assert data["issuer_country"] == "USA"
    assert data["countries_named"] == [
        {"code": "JPN", "name": "Japan", "found_in_text": True},
        {"code": "SUN", "name": "Soviet Union", "found_in_text": True},
    ]
    assert data["speaker_record"]["name"] == "Herter"
    assert client.get(data["speaker_record"]["url"]).status_code == 200
    row = client.get("/api/search/", {"q": "Japan"}).json()["results"][0]
    assert (row["issuer_country"], row["countries_named"]) == ("USA", ["JPN", "SUN"])
    text = b"".join(client.get("/search/export.csv", {"q": "Japan"}).streaming_content).decode()
    (cells,) = csv.DictReader(StringIO(text))
    assert (cells["issuer_country"], cells["countries_named"]) == ("USA", "JPN SUN")


@pytest.mark.django_db
def test_the_countries_a_speech_names_do_not_push_it_down_in_a_search_for_its_issuer(
    tmp_path, capture
):
    from search.backends import get_backend
    from search.backends.base import SearchQuery

    many = "We thank Japan, Brazil, Kenya, India, Chile, Egypt, Ghana, Peru and North Korea."
    imported(
        tmp_path,
        capture,
        speech("FRA", 2001, body="We speak for peace and for development."),
        speech("FRA", 2002, body=many),
    )
    hits = get_backend().search(SearchQuery(text="France", with_snippets=False)).hits
    assert len(hits) == 2
    assert hits[0].score == pytest.approx(hits[1].score)
    # The names still find the speeches that name them, under any alias.
    found = get_backend().search(SearchQuery(text="DPRK", with_snippets=False)).hits
    assert [Statement.objects.get(pk=h.id).source_id for h in found] == ["ungdc-FRA-57-2002"]
