"""The JSON API under hostile input: escaped snippets, and any parameters answer 200."""

import json

import html5lib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.api_support import (
    FACET_KEYS,
    FACET_VALUE_KEYS,
    RESULT_KEYS,
    SEARCH,
    TOP_KEYS,
    get,
)

# Every backend answers these the same way.
pytestmark = pytest.mark.every_backend

# XSS ---------------------------------------------------------------------------

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    '"><svg onload=alert(1)>',
    "<mark onclick=alert(1)>alert</mark>",
    "</mark><script>alert(1)</script><mark>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<scr<script>ipt>alert(1)</script>",
    "<iframe src=javascript:alert(1)></iframe>",
]


@pytest.fixture
def hostile(capture, make_statement):
    with capture():
        for n, payload in enumerate(PAYLOADS):
            make_statement(
                title=f"Hostile {payload} title {n}",
                body=f"Before the payload {payload} after the payload, alert ends.",
                summary=f"Summary {payload} alert",
            )
        make_statement(
            title="Long hostile",
            body=" ".join(["filler words"] * 40 + PAYLOADS + ["alert"] + ["filler"] * 40),
        )


def assert_safe(snippet: str) -> None:
    fragment = html5lib.parseFragment(snippet, namespaceHTMLElements=False)
    for element in fragment.iter():
        if element is fragment:
            continue
        assert element.tag != "script", snippet
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), snippet
            if name.lower() == "href":
                assert not value.strip().lower().startswith("javascript:"), snippet
        assert element.tag == "mark", snippet
        assert element.attrib == {}, snippet


@pytest.mark.parametrize(
    "q", ["alert", "payload", "script", "onerror", "javascript", "mark", "hostile", "iframe"]
)
def test_snippets_contain_no_markup_but_marks(client, hostile, q):
    data = get(client, q=q, page_size="100")
    assert data["total"] > 0
    assert data["results"]
    for row in data["results"]:
        assert_safe(row["snippet"])


def test_snippets_escape_the_payloads_they_show(client, hostile):
    data = get(client, q="alert", page_size="100")
    assert data["total"] == len(PAYLOADS) + 1
    snippets = " ".join(row["snippet"] for row in data["results"])
    assert "<mark>alert</mark>" in snippets
    assert "&lt;script&gt;" in snippets
    assert "<script" not in snippets
    assert "<img" not in snippets


def test_payload_titles_are_returned_as_plain_text(client, hostile):
    data = get(client, q="title:hostile", page_size="100")
    titles = {row["title"] for row in data["results"]}
    assert f"Hostile {PAYLOADS[0]} title 0" in titles


# Properties --------------------------------------------------------------------

TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)),
    max_size=60,
)
PLAUSIBLE = st.sampled_from(
    [
        "PRK",
        "prk",
        "JPN",
        "speech",
        "statement",
        "en",
        "ja",
        "1990s",
        "2020s",
        "1990",
        "2024",
        "1990-06",
        "2023-02-30",
        "newest",
        "oldest",
        "relevance",
        "0",
        "1",
        "2",
        "-1",
        "100",
        "500",
        "1e3",
        "NaN",
        "drills",
        '"naval drills',
        "dril*",
        "drills~",
        "AND",
        "NOT",
        "war -peace",
        "Asia-Pacific",
        "-drills",
        "drills +naval",
        "",
    ]
)
VALUE = st.one_of(TEXT, PLAUSIBLE)
PARAMETERS = (
    "q",
    "issuer",
    "country",
    "kind",
    "event",
    "language",
    "decade",
    "year",
    "from",
    "to",
    "sort",
    "page",
    "page_size",
)


def assert_documented_shape(response) -> dict:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    assert set(data) == TOP_KEYS
    assert isinstance(data["total"], int)
    assert data["total"] >= 0
    assert isinstance(data["page"], int)
    assert 1 <= data["page_size"] <= 100
    assert isinstance(data["notices"], list)
    assert all(isinstance(notice, str) for notice in data["notices"])
    assert set(data["facets"]) == FACET_KEYS
    for row in data["results"]:
        assert set(row) == RESULT_KEYS
        assert_safe(row["snippet"])
    for entries in data["facets"].values():
        for entry in entries:
            assert set(entry) == FACET_VALUE_KEYS
    return data


@settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(q=TEXT)
def test_any_query_text_answers_200_with_the_documented_keys(client, drills, q):
    data = assert_documented_shape(client.get(SEARCH, {"q": q}))
    assert data["page"] == 1


@settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    params=st.fixed_dictionaries(
        {},
        optional={
            name: st.one_of(VALUE, st.lists(VALUE, min_size=1, max_size=3)) for name in PARAMETERS
        },
    ),
    extra=st.dictionaries(TEXT.filter(lambda k: k not in PARAMETERS), TEXT, max_size=2),
)
def test_any_parameters_answer_200_with_the_documented_keys(client, drills, params, extra):
    assert_documented_shape(client.get(SEARCH, {**params, **extra}))
