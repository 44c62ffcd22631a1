"""The JSON API: /api/search/ and /api/statements/<slug>/."""

import pytest

from archive.models import RelationKind, StatementRelation, Status
from tests.api_support import (
    FACET_KEYS,
    FACET_VALUE_KEYS,
    RESULT_KEYS,
    TOP_KEYS,
    facet,
    get,
    slugs,
)

# Every backend answers these the same way.
pytestmark = pytest.mark.every_backend

# Shape -------------------------------------------------------------------------


def test_response_has_exactly_the_documented_keys(client, drills):
    data = get(client, q="drills")
    assert set(data) == TOP_KEYS
    assert data["query"] == "drills"
    assert data["total"] == 5
    assert data["page"] == 1
    assert data["page_size"] == 20
    assert data["suggestion"] is None
    assert data["notices"] == []
    assert len(data["results"]) == 5
    for row in data["results"]:
        assert set(row) == RESULT_KEYS
    assert set(data["facets"]) == FACET_KEYS
    for entries in data["facets"].values():
        for entry in entries:
            assert set(entry) == FACET_VALUE_KEYS


def test_result_fields_describe_the_statement(client, drills):
    statement = drills["prk_2024"]
    data = get(client, q="denounce")
    assert data["total"] == 1
    (row,) = data["results"]
    assert row["slug"] == statement.slug
    assert row["url"] == f"http://testserver{statement.get_absolute_url()}"
    assert row["title"] == "Denunciation of the naval drills"
    assert row["source_id"] == "kcna-2024-0630"
    assert row["issuer"] == "DPRK Ministry of Foreign Affairs"
    assert row["issuer_country"] == "PRK"
    assert row["date"] == "2024-06-30"
    assert row["date_precision"] == "day"
    assert row["kind"] == "statement"
    assert row["language"] == "en"
    assert "<mark>denounce</mark>" in row["snippet"]
    assert isinstance(row["score"], float)
    assert row["score"] > 0


def test_year_precision_and_undated_results_report_their_dates(client, drills):
    rows = {row["slug"]: row for row in get(client, q="drills")["results"]}
    assert rows[drills["prk_1990"].slug]["date"] == "1990"
    assert rows[drills["prk_1990"].slug]["date_precision"] == "year"
    assert rows[drills["jpn_undated"].slug]["date"] is None
    assert rows[drills["jpn_undated"].slug]["date_precision"] is None


def test_country_facet_values_are_iso_codes_labelled_with_names(client, drills):
    country = facet(get(client, q="drills"), "country")
    assert country["PRK"] == {"value": "PRK", "label": "North Korea", "count": 3, "selected": False}
    assert country["JPN"] == {"value": "JPN", "label": "Japan", "count": 2, "selected": False}


def test_facets_count_every_value_with_labels(client, drills, event, japan_body):
    data = get(client, q="drills")
    assert {v: e["count"] for v, e in facet(data, "decade").items()} == {
        "2020s": 2,
        "1990s": 2,
    }
    assert all(entry["label"] == entry["value"] for entry in data["facets"]["decade"])
    assert {v: e["count"] for v, e in facet(data, "year").items()} == {
        "2024": 1,
        "2023": 1,
        "1995": 1,
        "1990": 1,
    }
    assert facet(data, "kind")["press_release"]["label"] == "Press release"
    assert {v: e["count"] for v, e in facet(data, "kind").items()} == {
        "statement": 2,
        "speech": 2,
        "press_release": 1,
    }
    assert facet(data, "language")["ja"] == {
        "value": "ja",
        "label": "Japanese",
        "count": 1,
        "selected": False,
    }
    assert facet(data, "event") == {
        event.slug: {"value": event.slug, "label": event.name, "count": 1, "selected": False}
    }
    assert facet(data, "issuer")[japan_body.slug]["label"] == japan_body.name
    assert facet(data, "issuer")[japan_body.slug]["count"] == 2


def test_facets_are_ordered_by_count(client, drills):
    counts = [entry["count"] for entry in get(client, q="drills")["facets"]["kind"]]
    assert counts == sorted(counts, reverse=True)


# Facet filters -----------------------------------------------------------------


def test_repeated_values_of_one_facet_combine_with_or(client, drills):
    data = get(client, q="drills", kind=["press_release", "speech"])
    assert set(slugs(data)) == {
        drills["prk_1995"].slug,
        drills["jpn_2023"].slug,
        drills["jpn_undated"].slug,
    }
    assert data["total"] == 3


def test_different_facets_combine_with_and(client, drills):
    data = get(client, q="drills", country="PRK", kind="speech")
    assert slugs(data) == [drills["prk_1995"].slug]
    data = get(client, q="drills", country=["PRK", "JPN"], kind="speech")
    assert set(slugs(data)) == {drills["prk_1995"].slug, drills["jpn_undated"].slug}


def test_country_parameter_accepts_lower_case_codes(client, drills):
    assert get(client, q="drills", country="jpn")["total"] == 2


def test_selected_facet_counts_as_if_it_were_not_selected(client, drills):
    data = get(client, q="drills", country="PRK")
    assert data["total"] == 3
    country = facet(data, "country")
    assert country["PRK"] == {"value": "PRK", "label": "North Korea", "count": 3, "selected": True}
    assert country["JPN"] == {"value": "JPN", "label": "Japan", "count": 2, "selected": False}
    # Other facets are counted within the selection.
    assert {v: e["count"] for v, e in facet(data, "kind").items()} == {
        "statement": 2,
        "speech": 1,
    }


def test_selected_facet_counts_still_apply_the_other_facets(client, drills):
    data = get(client, q="drills", country="PRK", kind="speech")
    assert {v: e["count"] for v, e in facet(data, "country").items()} == {"PRK": 1, "JPN": 1}
    kind = facet(data, "kind")
    assert {v: e["count"] for v, e in kind.items()} == {"statement": 2, "speech": 1}
    assert kind["speech"]["selected"] is True
    assert kind["statement"]["selected"] is False


def test_selected_value_without_matches_is_still_listed(client, drills):
    data = get(client, q="drills", event="no-such-event")
    assert data["total"] == 0
    assert data["results"] == []
    assert data["facets"]["event"] == [
        {"value": "freedom-edge-2024", "label": "Freedom Edge 2024", "count": 1, "selected": False},
        {"value": "no-such-event", "label": "no-such-event", "count": 0, "selected": True},
    ]


def test_decade_and_year_filters(client, drills):
    data = get(client, decade="1990s")
    assert set(slugs(data)) == {drills["prk_1995"].slug, drills["prk_1990"].slug}
    data = get(client, decade="1990s", year="1990")
    assert slugs(data) == [drills["prk_1990"].slug]


# Invalid parameters ------------------------------------------------------------


def test_invalid_page_is_reported_and_ignored(client, drills):
    data = get(client, q="drills", page="0")
    assert data["page"] == 1
    assert len(data["results"]) == 5
    assert len(data["notices"]) == 1
    assert data["notices"][0].startswith("Ignored page: ")


def test_oversized_page_size_is_clamped_with_a_notice(client, drills):
    data = get(client, q="drills", page_size="500")
    assert data["page_size"] == 100
    assert data["notices"] == ["page_size is at most 100; 100 was used."]


def test_invalid_sort_is_reported_and_ignored(client, drills):
    data = get(client, q="drills", sort="bogus")
    assert data["total"] == 5
    assert len(data["notices"]) == 1
    assert data["notices"][0].startswith("Ignored sort: ")
    assert "bogus" in data["notices"][0]


def test_impossible_from_date_is_reported_and_ignored(client, drills):
    data = get(client, q="drills", **{"from": "2023-02-30"})
    assert data["total"] == 5
    assert len(data["notices"]) == 1
    assert data["notices"][0].startswith("Ignored from: ")
    assert "2023-02-30" in data["notices"][0]


def test_malformed_to_date_is_reported_and_ignored(client, drills):
    data = get(client, q="drills", to="banana")
    assert data["total"] == 5
    assert len(data["notices"]) == 1
    assert data["notices"][0].startswith("Ignored to: ")
    assert "banana" in data["notices"][0]


def test_unknown_parameter_is_reported_and_ignored(client, drills):
    data = get(client, q="drills", colour="blue")
    assert data["total"] == 5
    assert data["notices"] == ["Unknown parameters ignored: colour"]


def test_several_invalid_parameters_are_all_reported(client, drills):
    data = get(
        client,
        q="drills",
        page="0",
        page_size="500",
        sort="bogus",
        to="banana",
        kind="nonsense",
        country="P",
        colour="blue",
        **{"from": "2023-02-30"},
    )
    assert data["total"] == 5
    assert data["page"] == 1
    assert data["page_size"] == 100
    prefixes = sorted(notice.split(":")[0] for notice in data["notices"])
    assert prefixes == [
        "Ignored country",
        "Ignored from",
        "Ignored kind",
        "Ignored page",
        "Ignored sort",
        "Ignored to",
        "Unknown parameters ignored",
        "page_size is at most 100; 100 was used.",
    ]


def test_reversed_date_range_is_reported_and_ignored(client, drills):
    data = get(client, q="drills", **{"from": "2024", "to": "1990"})
    assert data["total"] == 5
    assert data["notices"] == ["Ignored from/to: the range ends before it starts."]


def test_one_requests_invalid_values_never_reach_the_next(client, drills):
    """Search forms share their fields (``search.web.filters._SharedFields``): whatever one
    request's values did to them, the next request is validated afresh."""
    bad = get(client, q="drills", page="0", sort="bogus", country="P", **{"from": "2023-02-30"})
    assert len(bad["notices"]) == 4
    good = get(client, q="drills", page="1", sort="newest", country="PRK", **{"from": "1990"})
    assert good["notices"] == []
    assert good["total"] > 0
    assert get(client, q="drills", page="x")["notices"][0].startswith("Ignored page: ")


# Dates and order ---------------------------------------------------------------


def test_year_precision_date_overlaps_a_later_month_of_that_year(client, drills):
    data = get(client, q="drills", **{"from": "1990-06"})
    assert drills["prk_1990"].slug in slugs(data)
    data = get(client, q="drills", **{"from": "1990-06", "to": "1990-06"})
    assert slugs(data) == [drills["prk_1990"].slug]
    data = get(client, q="drills", **{"from": "1991"})
    assert drills["prk_1990"].slug not in slugs(data)


@pytest.mark.parametrize(
    ("bounds", "found"),
    [
        ({"from": "June 2024"}, {"prk_2024"}),  # from 1 June
        ({"to": "June 2024", "from": "2024"}, {"prk_2024"}),  # to 30 June
        ({"to": "May 2024", "from": "2024"}, set()),
        ({"from": "30/6/2024", "to": "30/6/2024"}, {"prk_2024"}),
        ({"from": "summer 2024"}, {"prk_2024"}),
        ({"from": "1 July 2024"}, set()),
        ({"from": "March 2023", "to": "spring 2023"}, {"jpn_2023"}),
    ],
)
def test_from_and_to_take_the_admins_forms_over_the_span_they_stand_for(
    client, drills, bounds, found
):
    data = get(client, q="drills", **bounds)
    assert data["notices"] == []
    assert set(slugs(data)) == {drills[key].slug for key in found}


def test_an_ambiguous_date_is_reported_with_the_forms_to_use(client, drills):
    data = get(client, q="drills", **{"from": "6/7/2024"})
    assert data["total"] == 5
    [notice] = data["notices"]
    assert notice.startswith("Ignored from: ") and "ambiguous" in notice and "June 2024" in notice


def test_date_range_includes_overlapping_and_excludes_undated(client, drills):
    data = get(client, q="drills", **{"from": "1995", "to": "2023-03"})
    assert set(slugs(data)) == {drills["prk_1995"].slug, drills["jpn_2023"].slug}
    data = get(client, q="drills", to="2100")
    assert drills["jpn_undated"].slug not in slugs(data)
    assert data["total"] == 4


@pytest.mark.parametrize("q", ["drills", ""])
def test_newest_first_puts_undated_last(client, drills, q):
    data = get(client, q=q, sort="newest")
    assert slugs(data) == [
        drills[key].slug for key in ("prk_2024", "jpn_2023", "prk_1995", "prk_1990", "jpn_undated")
    ]


@pytest.mark.parametrize("q", ["drills", ""])
def test_oldest_first_puts_undated_last(client, drills, q):
    data = get(client, q=q, sort="oldest")
    assert slugs(data) == [
        drills[key].slug for key in ("prk_1990", "prk_1995", "jpn_2023", "prk_2024", "jpn_undated")
    ]


def test_pages_split_the_results(client, drills):
    first = get(client, sort="oldest", page_size="2")
    second = get(client, sort="oldest", page_size="2", page="2")
    third = get(client, sort="oldest", page_size="2", page="3")
    assert (first["total"], first["page"], first["page_size"]) == (5, 1, 2)
    assert second["page"] == 2
    assert slugs(first) + slugs(second) + slugs(third) == [
        drills[key].slug for key in ("prk_1990", "prk_1995", "jpn_2023", "prk_2024", "jpn_undated")
    ]


# Publication -------------------------------------------------------------------


@pytest.fixture
def unpublished(capture, make_statement):
    with capture():
        draft = make_statement(title="Clandestine draft", body="Clandestine words.", status="draft")
        withdrawn = make_statement(title="Clandestine withdrawal", body="Clandestine text.")
        shown = make_statement(title="Public note", body="Nothing clandestine here.")
    with capture():
        withdrawn.status = Status.WITHDRAWN
        withdrawn.save()
    return draft, withdrawn, shown


def test_drafts_and_withdrawn_statements_are_never_in_results(client, unpublished):
    draft, withdrawn, shown = unpublished
    data = get(client, q="clandestine")
    assert slugs(data) == [shown.slug]
    assert data["total"] == 1
    browsed = get(client, page_size="100")
    assert browsed["total"] == 1
    assert draft.slug not in slugs(browsed)
    assert withdrawn.slug not in slugs(browsed)


def test_statement_withdrawn_behind_the_index_is_not_shown(client, unpublished):
    *_, shown = unpublished
    # A queryset update sends no signal: the index still holds the statement.
    type(shown).objects.filter(pk=shown.pk).update(status=Status.WITHDRAWN)
    data = get(client, q="clandestine")
    assert data["results"] == []


def test_statement_api_answers_404_for_drafts_and_withdrawn(client, unpublished):
    draft, withdrawn, shown = unpublished
    assert client.get(f"/api/statements/{draft.slug}/").status_code == 404
    assert client.get(f"/api/statements/{withdrawn.slug}/").status_code == 404
    assert client.get(f"/api/statements/{shown.slug}/").status_code == 200
    assert client.get("/api/statements/no-such-statement/").status_code == 404


def test_statement_api_returns_relations_in_both_directions(client, make_statement):
    original = make_statement(title="Announcement of the exercise")
    answer = make_statement(title="Answer to the announcement")
    draft = make_statement(title="Draft rejoinder", status=Status.DRAFT)
    StatementRelation.objects.create(source=answer, kind=RelationKind.RESPONDS_TO, target=original)
    StatementRelation.objects.create(source=draft, kind=RelationKind.RESPONDS_TO, target=original)

    data = client.get(f"/api/statements/{answer.slug}/").json()
    assert data["slug"] == answer.slug
    assert data["issuer_country"] == "PRK"
    assert data["relations"]["incoming"] == []
    (outgoing,) = data["relations"]["outgoing"]
    assert outgoing["kind"] == "responds_to"
    assert outgoing["statement"]["slug"] == original.slug
    assert outgoing["statement"]["title"] == "Announcement of the exercise"
    assert outgoing["statement"]["url"] == f"http://testserver{original.get_absolute_url()}"

    data = client.get(f"/api/statements/{original.slug}/").json()
    assert data["relations"]["outgoing"] == []
    # The draft's relation is not shown: only published statements are.
    (incoming,) = data["relations"]["incoming"]
    assert incoming["kind"] == "responds_to"
    assert incoming["inverse"] == "answered by"
    assert incoming["statement"]["slug"] == answer.slug
    assert incoming["statement"]["issuer"] == "DPRK Ministry of Foreign Affairs"


# Suggestions -------------------------------------------------------------------


def test_misspelled_word_that_finds_nothing_gets_a_suggestion(client, capture, make_statement):
    with capture():
        make_statement(title="Talks", body="We demand complete denuclearization of the region.")
    data = get(client, q="denucleariztion")
    assert data["total"] == 0
    assert data["suggestion"] == "denuclearization"
    corrected = get(client, q=data["suggestion"])
    assert corrected["total"] == 1
    assert corrected["suggestion"] is None
