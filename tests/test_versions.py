"""A statement's text in several languages: the original beside translations, each marked,
shown, cited, carried by the API and the exports, and searched in every language."""

import pytest
from django.urls import reverse

from archive import citations
from archive.models import StatementVersion
from search.backends.base import SearchQuery
from search.searching import search


@pytest.fixture
def kcna(capture, make_statement):
    """An English translation whose Korean original the archive holds too."""
    with capture():
        statement = make_statement(
            title="Foreign Ministry denounces the exercise",
            body="The DPRK Foreign Ministry denounced the Freedom Edge exercise.",
            translated=True,
            translator="KCNA",
        )
        StatementVersion.objects.create(
            statement=statement,
            language="ko",
            title="외무성 대변인 담화",
            body="조선 외무성은 나토를 규탄했다.",
            original=True,
            source="조선중앙통신",
        )
    return statement


def test_the_page_shows_every_version_marked_with_its_language(client, kcna):
    page = client.get(kcna.get_absolute_url()).content.decode()
    assert 'id="text-en" lang="en"' in page and 'id="text-ko" lang="ko"' in page
    assert 'English <span class="meta">(translation by KCNA)</span>' in page
    assert 'Korean <span class="meta">(original; 조선중앙통신)</span>' in page
    assert "조선 외무성은 나토를 규탄했다." in page


def test_the_citation_names_the_language_of_the_text_cited(kcna):
    chicago = citations.chicago(kcna, "https://archive.example/s/1/")
    assert "English translation by KCNA." in chicago
    assert "language = {english}" in citations.bibtex(kcna, "https://archive.example/s/1/")


def test_the_api_carries_every_version(client, kcna):
    data = client.get(reverse("search:api-statement", args=[kcna.slug])).json()
    assert data["translated"] is True and data["translator"] == "KCNA"
    (korean,) = data["versions"]
    assert korean["language"] == "ko" and korean["original"] is True
    assert korean["body"] == "조선 외무성은 나토를 규탄했다."


def test_an_export_lists_the_languages_of_every_version(client, kcna):
    response = client.get("/search/export.jsonl", {"q": "exercise"})
    (row,) = [line for line in b"".join(response.streaming_content).decode().splitlines()]
    assert '"language": "en", "versions": ["ko"]' in row


@pytest.mark.every_backend
def test_a_word_of_any_version_finds_the_statement_and_the_language_facet_lists_both(kcna):
    results = search(SearchQuery(text="나토"))
    assert [hit.id for hit in results.hits] == [str(kcna.pk)]
    assert "<mark>나토</mark>" in results.hits[0].snippet
    assert results.hits[0].language == "ko"  # the version the snippet was cut from
    assert {value.value for value in results.facets["language"]} == {"en", "ko"}
    filtered = search(SearchQuery(text="exercise", filters={"language": ("ko",)}))
    assert [hit.id for hit in filtered.hits] == [str(kcna.pk)]


@pytest.mark.every_backend
def test_a_version_changed_or_deleted_is_searched_as_it_now_is(capture, kcna):
    version = kcna.versions.get()
    with capture():
        version.body = "조선 외무성은 합동군사연습을 규탄했다."
        version.save()
    assert search(SearchQuery(text="나토")).total == 0
    assert search(SearchQuery(text="합동군사연습")).total == 1
    with capture():
        version.delete()
    assert search(SearchQuery(text="합동군사연습")).total == 0


def test_a_version_in_the_statement_own_language_or_a_translated_original_is_refused(kcna):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        StatementVersion(statement=kcna, language="en", body="Again.", translator="X").full_clean()
    assert set(refused.value.message_dict) == {"language"}
    with pytest.raises(ValidationError) as refused:
        StatementVersion(
            statement=kcna, language="ja", body="声明。", original=True, translator="X"
        ).full_clean()
    assert set(refused.value.message_dict) == {"translator"}


def test_a_hit_says_which_version_matched_on_the_page_and_in_the_api(client, kcna):
    page = client.get("/search/", {"q": "나토"}).content.decode()
    assert '<p class="snippet" lang="ko">' in page
    assert f'(in the <a href="{kcna.get_absolute_url()}#text-ko">Korean version</a>)' in page
    (row,) = client.get("/api/search/", {"q": "나토"}).json()["results"]
    assert row["snippet_language"] == "ko"
    (row,) = client.get("/api/search/", {"q": "denounced"}).json()["results"]
    assert row["snippet_language"] == "en"


@pytest.mark.every_backend
def test_each_version_is_stemmed_by_its_own_language(capture, kcna):
    """A Spanish version's verbs are found in the form a reader types, and its words are
    marked in the snippet; the English text beside it keeps its own stemming."""
    with capture():
        StatementVersion.objects.create(
            statement=kcna,
            language="es",
            title="El Ministerio condena el ejercicio",
            body="El Ministerio de Asuntos Exteriores condenó el ejercicio Freedom Edge.",
            translator="Archivo",
        )
    results = search(SearchQuery(text="condenar"))
    assert [hit.id for hit in results.hits] == [str(kcna.pk)]
    assert results.hits[0].language == "es"
    assert "<mark>condenó</mark>" in results.hits[0].snippet
    assert search(SearchQuery(text="denounce")).total == 1  # the English text, by Porter


def test_each_version_can_be_cited_in_its_language(client, kcna):
    korean = kcna.versions.get()
    permalink = "https://archive.example/s/1/"
    chicago = citations.chicago(kcna, permalink, korean)
    assert "“외무성 대변인 담화.”" in chicago and "In Korean." in chicago
    assert "조선중앙통신." in chicago  # where the version was published
    assert chicago.endswith(f"{permalink}#text-ko.")
    assert "English translation by KCNA." in citations.chicago(kcna, permalink)
    page = client.get(kcna.get_absolute_url()).content.decode()
    assert "Cite the Korean original" in page and "In Korean." in page
    url = reverse("archive:statement-citation", args=[kcna.slug, "ris"])
    ris = client.get(url, {"language": "ko"}).content.decode()
    assert "TI  - 외무성 대변인 담화" in ris and "LA  - ko" in ris and "#text-ko" in ris
    assert client.get(url, {"language": "fr"}).status_code == 404


@pytest.mark.every_backend
def test_a_trend_counts_a_word_in_every_language_and_by_language(capture, client, kcna):
    with capture():
        korean = StatementVersion.objects.get(statement=kcna)
        korean.body += " 조선은 나토를 다시 규탄하였다."
        korean.save()
    (series,) = client.get("/api/trends/", {"q": "나토"}).json()["series"]
    assert series["total"] == 1 and series["years"][0]["year"] == 2024
    (series,) = client.get("/api/trends/", {"q": "나토", "language": "ja"}).json()["series"]
    assert series["total"] == 0
    (series,) = client.get("/api/trends/", {"q": "나토", "language": "ko"}).json()["series"]
    assert series["total"] == 1
