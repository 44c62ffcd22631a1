"""Countries named in the archive's other languages: a query that is such a name finds the
country's statements and those naming it, in any language; the names are found in texts of
that language."""

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


@pytest.mark.parametrize(
    "typed",
    ["朝鲜", "미국", "country:북한", "Corée du Nord", '"Corée du Nord"', "corée du nord"],
)
def test_a_country_is_searched_by_its_names_in_other_languages(named, typed):
    results = search(SearchQuery(text=typed))
    assert [hit.id for hit in results.hits] == [str(named.pk)]


def test_a_name_in_another_language_finds_nothing_else(named):
    assert search(SearchQuery(text="country:日本")).total == 0
    assert search(SearchQuery(text="Corée du Sud")).total == 0
    assert search(SearchQuery(text="Corée")).total == 0  # a word of a name is not the name


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
    korean = dict(info["PRK"].in_languages)["ko"]
    assert korean[0] == "북한"  # CLDR's name, first
    assert "조선민주주의인민공화국" in korean  # and the state's own
    assert dict(info["USA"].in_languages)["ru"] == ("Соединенные Штаты", "США")
    named = [i for i in info.values() if not i.historic and i.in_languages]
    assert len(named) > 190
    assert all(set(dict(i.in_languages)) >= {"zh", "ja", "ko", "ru", "ar"} for i in named)


def test_a_name_added_in_another_language_is_searched_as_a_rename_is(
    capture, named, country, indexer
):
    assert search(SearchQuery(text="北朝鮮")).total == 0
    with capture():
        country.names_in_languages += "\nja: 北朝鮮"
        country.save()
    indexer()  # the node's indexer expands the change into the country's statements
    assert [hit.id for hit in search(SearchQuery(text="北朝鮮")).hits] == [str(named.pk)]


def test_a_name_that_is_a_common_word_of_the_archive_reads_as_that_word(
    capture, make_statement, monkeypatch
):
    """German "Island" is Iceland; in an archive whose texts say "island", it is the word."""
    from search import country_names

    iceland = Country.objects.create(code="ISL", name="Iceland", names_in_languages="de: Island")
    with capture():
        speech = make_statement(title="Small states", body="An island state speaks.")
        named = make_statement(title="Fisheries", body="Fishing rights off Iceland.")
        named.countries_mentioned.add(iceland)
        named.save()
    monkeypatch.setattr(country_names, "COMMON", 1)  # "island" is common in this archive
    assert [hit.id for hit in search(SearchQuery(text="Island")).hits] == [str(speech.pk)]
    monkeypatch.setattr(country_names, "COMMON", 2)
    assert {hit.id for hit in search(SearchQuery(text="Island")).hits} == {
        str(speech.pk),
        str(named.pk),
    }
