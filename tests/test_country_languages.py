"""Countries named in the archive's other languages: their names are searched, and found in
texts of that language."""

import pytest

from archive import countries, country_tags
from archive.models import Country, StatementVersion
from search.backends.base import SearchQuery
from search.searching import search

pytestmark = pytest.mark.every_backend


@pytest.fixture
def named(capture, country, make_statement):
    """A DPRK statement naming the United States, the two countries named in Chinese and
    Korean as the authority file gives them."""
    country.names_in_languages = "zh: 朝鲜\nko: 북한\nfr: Corée du Nord"
    country.save()
    usa = Country.objects.create(
        code="USA", name="United States", names_in_languages="ko: 미국\nzh: 美国"
    )
    with capture():
        statement = make_statement(
            title="On the exercise", body="The United States staged the exercise again."
        )
        statement.countries_mentioned.add(usa)
        statement.save()
    return statement


def test_a_country_is_searched_by_its_names_in_other_languages(named):
    assert [hit.id for hit in search(SearchQuery(text="朝鲜")).hits] == [str(named.pk)]
    assert [hit.id for hit in search(SearchQuery(text="미국")).hits] == [str(named.pk)]
    assert [hit.id for hit in search(SearchQuery(text="country:북한")).hits] == [str(named.pk)]
    assert search(SearchQuery(text="country:日本")).total == 0


def test_a_version_names_the_countries_of_its_language(capture, named):
    """The Korean original names the United States as 미국, with a particle glued on."""
    named.countries_mentioned.clear()
    with capture():
        StatementVersion.objects.create(
            statement=named,
            language="ko",
            body="미국은 합동군사연습을 또다시 벌렸다.",
            original=True,
        )
    named.body = "The exercise was staged again."
    named.save()
    country_tags.tag([named.pk])
    assert set(named.countries_mentioned.values_list("code", flat=True)) == {"USA"}


def test_the_shipped_authority_names_every_current_state_in_the_archive_languages():
    info = countries.authority()
    assert info["PRK"].in_languages["ko"][0] == "북한"  # CLDR's name, first
    assert "조선민주주의인민공화국" in info["PRK"].in_languages["ko"]  # and the state's own
    assert info["USA"].in_languages["ru"] == ("Соединенные Штаты", "США")
    named = [i for i in info.values() if not i.historic and i.in_languages]
    assert len(named) > 190
    assert all(set(i.in_languages) >= {"zh", "ja", "ko", "ru", "ar"} for i in named)


def test_a_name_added_in_another_language_is_searched_as_a_rename_is(
    capture, named, country, indexer
):
    assert search(SearchQuery(text="北朝鮮")).total == 0
    with capture():
        country.names_in_languages += "\nja: 北朝鮮"
        country.save()
    indexer()  # the node's indexer expands the change into the country's statements
    assert [hit.id for hit in search(SearchQuery(text="北朝鮮")).hits] == [str(named.pk)]
