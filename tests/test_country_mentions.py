"""Finding the states a text names: the hard cases, the shipped authority, the labelled sample."""

import pytest

from archive import countries
from archive.mentions import CountryFinder, CountryNames
from archive.names import NameForm, parse_line, parse_lines
from bench.investigations.mentions import SAMPLES, load_sample, score


def names(code, *forms, adjectives=(), first=None, last=None):
    return CountryNames(
        code=code,
        forms=tuple(parse_line(f) for f in forms),
        adjectives=tuple(parse_line(a) for a in adjectives),
        exists_from=first,
        exists_until=last,
    )


@pytest.fixture(scope="module")
def finder():
    """A small authority with every kind of hard case, independent of the shipped data."""
    return CountryFinder(
        [
            names("GIN", "Guinea", adjectives=["Guinean"]),
            names("GNB", "Guinea-Bissau"),
            names("GNQ", "Equatorial Guinea"),
            names("PNG", "Papua New Guinea"),
            names("NER", "Niger", adjectives=["Nigerien"]),
            names("NGA", "Nigeria", adjectives=["Nigerian"]),
            names("DMA", "Dominica"),
            names("DOM", "Dominican Republic"),
            names("COG", "Republic of the Congo", "Congo [1971-1997]", "Congo-Brazzaville"),
            names("COD", "Democratic Republic of the Congo", "Zaire"),
            names("KOR", "Republic of Korea", "South Korea"),
            names("PRK", "Democratic People's Republic of Korea", "DPRK", "North Korea"),
            names("TCD", "Chad"),
            names("JOR", "Jordan"),
            names("TUR", "Turkey", "Türkiye", adjectives=["Turkish"]),
            names("GEO", "Georgia"),
            names("CHN", "China", "People's Republic of China", adjectives=["Chinese"]),
            names("TWN", "Republic of China", "Taiwan"),
            names(
                "SUN",
                "Soviet Union",
                "USSR",
                "Russia [-1991]",
                adjectives=["Soviet"],
                first=1922,
                last=1991,
            ),
            names("RUS", "Russian Federation", "Russia", first=1991),
            names(
                "FRG", "Federal Republic of Germany", "Germany [1949-1990]", first=1949, last=1990
            ),
            names("DEU", "Germany", first=1990),
            names("GRC", "Greece", adjectives=["Greek"]),
            names("USA", "United States", "United States of America", adjectives=["American"]),
            names("FRA", "France", adjectives=["French"]),
        ]
    )


def found(finder, text, year=2000):
    return [(m.surface, m.code) for m in finder.mentions(text, year)]


def test_the_longest_name_wins(finder):
    text = (
        "Guinea, Guinea-Bissau, Equatorial Guinea and Papua New Guinea; "
        "Niger and Nigeria; Dominica and the Dominican Republic."
    )
    assert found(finder, text) == [
        ("Guinea", "GIN"),
        ("Guinea-Bissau", "GNB"),
        ("Equatorial Guinea", "GNQ"),
        ("Papua New Guinea", "PNG"),
        ("Niger", "NER"),
        ("Nigeria", "NGA"),
        ("Dominica", "DMA"),
        ("Dominican Republic", "DOM"),
    ]


def test_a_name_inside_a_word_is_not_a_name(finder):
    assert found(finder, "Nigerian and Nigerien troops; the Dominican people; Guineans") == [
        ("Nigerian", "NGA"),
        ("Nigerien", "NER"),
        ("Guineans", "GIN"),
    ]


def test_places_named_after_states_name_no_state(finder):
    text = (
        "West New Guinea, the Gulf of Guinea, Lake Chad, the Niger River, the Jordan River "
        "and South Georgia are places."
    )
    assert found(finder, text) == []


def test_the_two_koreas_and_the_korean_question(finder):
    text = (
        "The Korean question: the Republic of Korea and the Democratic People's Republic of "
        "Korea, North Korea and South Korea, the DPRK; the unification of Korea."
    )
    assert found(finder, text) == [
        ("Republic of Korea", "KOR"),
        ("Democratic People's Republic of Korea", "PRK"),
        ("North Korea", "PRK"),
        ("South Korea", "KOR"),
        ("DPRK", "PRK"),
    ]


def test_the_two_congos_by_name_and_by_year(finder):
    text = "the Democratic Republic of the Congo and the Republic of the Congo; the Congo"
    assert found(finder, text, 2005) == [
        ("Democratic Republic of the Congo", "COD"),
        ("Republic of the Congo", "COG"),
    ]
    # While the other Congo was Zaire, "Congo" alone was Brazzaville.
    assert found(finder, "Zaire and the Congo", 1980) == [("Zaire", "COD"), ("Congo", "COG")]


def test_a_name_with_years_beats_another_states_name_without():
    finder = CountryFinder(
        [
            names("COG", "Congo", "Congo-Brazzaville", first=1960),
            names("COD", "Zaire", "Congo [1960-1971]", first=1960),
        ]
    )
    assert found(finder, "the Congo", 1962) == [("Congo", "COD")]
    assert found(finder, "the Congo", 1980) == [("Congo", "COG")]
    assert found(finder, "Congo-Brazzaville", 1962) == [("Congo-Brazzaville", "COG")]


def test_ordinary_words_are_not_states(finder):
    text = "a hanging chad, a roast turkey, Jordan, Chad, Turkey and Georgia"
    assert found(finder, text) == [
        ("Jordan", "JOR"),
        ("Chad", "TCD"),
        ("Turkey", "TUR"),
        ("Georgia", "GEO"),
    ]


def test_china_inside_the_republic_of_china(finder):
    text = "the Republic of China on Taiwan, the People's Republic of China, and China"
    assert found(finder, text, 1960) == [
        ("Republic of China", "TWN"),
        ("Taiwan", "TWN"),
        ("People's Republic of China", "CHN"),
        ("China", "CHN"),
    ]


def test_historical_names_follow_the_statement_date(finder):
    text = "Russia and Germany"
    assert found(finder, text, 1975) == [("Russia", "SUN"), ("Germany", "FRG")]
    assert found(finder, text, 2005) == [("Russia", "RUS"), ("Germany", "DEU")]
    # A later reference to a state that ended still names it.
    assert found(finder, "the former Soviet Union", 2005) == [("Soviet Union", "SUN")]


def test_groups_and_languages_are_not_states(finder):
    text = "Greek Cypriots, Latin American and French-speaking States; Soviet-American talks"
    assert found(finder, text) == [("Soviet", "SUN"), ("American", "USA")]


def test_line_breaks_and_typographic_apostrophes_inside_a_name(finder):
    text = "the Democratic People’s Republic\nof Korea"
    assert found(finder, text) == [("Democratic People’s Republic\nof Korea", "PRK")]


def test_names_split_across_lines_and_spaces_keep_their_original_offsets(shipped):
    text = (
        "In the Democratic Republic of the\r\n  Congo, Guinea-\nBissau and Guinea- Bissau, "
        "New\nZealand"
    )
    mentions = shipped.mentions(text, 2000)
    assert [m.code for m in mentions] == ["COD", "GNB", "GNB", "NZL"]
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.surface
    assert mentions[0].surface == "Democratic Republic of the\r\n  Congo"
    assert mentions[1].surface == "Guinea-\nBissau" and mentions[2].surface == "Guinea- Bissau"


@pytest.mark.parametrize(
    "text",
    [
        "the Organization of American States",
        "the American Convention on Human Rights",
        "the Mauritius Strategy",
        "the river Jordan",
        "the Jordan valley",
        "the Formosa Strait",
        "people of British stock",
        "the Greek and Turkish communities",
        "the South West Africa People's Organization",
    ],
)
def test_organisations_places_and_peoples_name_no_state(shipped, text):
    assert shipped.mentions(text, 1975) == []


def test_a_community_of_one_state_is_of_that_state(shipped):
    assert [m.code for m in shipped.mentions("the two Cypriot communities", 1977)] == ["CYP"]


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [
        ("the people of Togoland", 1955, ["TGO"]),
        ("the people of Togoland", 1975, []),
        ("the Cameroons under British administration", 1959, ["CMR"]),
        ("the Cameroons", 1958, ["CMR"]),
        ("Somaliland", 1955, ["SOM"]),
        ("Somaliland", 1995, []),
        ("French Sudan", 1958, ["MLI"]),
    ],
)
def test_colonial_and_trust_territories_name_their_state_in_their_years(
    shipped, text, year, expected
):
    assert [m.code for m in shipped.mentions(text, year)] == expected


def test_a_name_both_koreas_share_names_the_one_speaking_of_itself(shipped):
    assert [m.code for m in shipped.mentions("Korea", 2021, "KOR")] == ["KOR"]
    assert shipped.mentions("Korea", 2021) == []
    assert shipped.mentions("Korea", 2021, "USA") == []


def test_name_lines_take_years_and_semicolons():
    assert parse_lines("Congo [1971-1997]; Zaire\nGermany [-1949]\n\nRussia [1992-]") == [
        NameForm("Congo", 1971, 1997),
        NameForm("Zaire"),
        NameForm("Germany", None, 1949),
        NameForm("Russia", 1992, None),
    ]


# The shipped authority ------------------------------------------------------


@pytest.fixture(scope="module")
def shipped():
    return countries.finder()


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [
        ("Guinea-Bissau and Papua New Guinea", 2000, ["GNB", "PNG"]),
        ("Niger and Nigeria", 2000, ["NER", "NGA"]),
        ("the Dominican Republic and Dominica", 2000, ["DOM", "DMA"]),
        ("the Korean peninsula", 2000, []),
        ("the DPRK, North Korea", 2018, ["PRK", "PRK"]),
        ("the Republic of China", 1960, ["TWN"]),
        ("the Soviet Union and the USSR", 1960, ["SUN", "SUN"]),
        ("Lake Chad and the Jordan River", 2000, []),
    ],
)
def test_shipped_authority_hard_cases(shipped, text, year, expected):
    assert [m.code for m in shipped.mentions(text, year)] == expected


def test_every_predecessor_and_seat_holder_is_in_the_authority():
    authority = countries.authority()
    for info in authority.values():
        assert set(info.predecessors) <= set(authority), info.code
    for _seat, _first, _last, holder in countries.SEATS:
        assert holder in authority


# The labelled sample ---------------------------------------------------------


@pytest.mark.parametrize("name", SAMPLES)
def test_the_labelled_samples_are_big_enough_and_well_formed(name):
    passages = load_sample(SAMPLES[name])
    assert len(passages) >= 40
    assert sum(len(p.gold) for p in passages) >= 150


@pytest.mark.parametrize("name", SAMPLES)
def test_precision_and_recall_on_the_labelled_samples(shipped, name):
    result = score(load_sample(SAMPLES[name]), shipped)
    assert result.precision >= 0.95, "\n".join(result.errors)
    assert result.recall >= 0.90, "\n".join(result.errors)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "외무성은 미국과 남조선의 합동군사연습을 규탄하였다.",
            "ko",
            {"USA"},
        ),  # a particle glued on
        ("美国和日本举行联合军事演习。", "zh", {"USA", "JPN"}),  # no spaces between words
        ("МИД России вызвал посла США.", "ru", {"RUS", "USA"}),
        ("Island verhängte Sanktionen gegen Nordkorea.", "de", {"ISL", "PRK"}),
        ("The island state and Corée du Nord.", "en", set()),  # no German or French in English
        ("La Corée du Nord a tiré un missile.", "fr", {"PRK"}),
        ("دعت الوزارة الولايات المتحدة والصين إلى الحوار.", "ar", {"USA", "CHN"}),  # و glued on
        ("Die Politik Russlands gegenüber Japan.", "de", {"RUS", "JPN"}),  # the genitive s
        ("Посол Соединенных Штатов и Республики Корея.", "ru", {"USA", "KOR"}),  # declined
        ("정부는 인도적 지원을 결정했다.", "ko", set()),  # 인도적: humanitarian, not India's
        ("인도 총리와 인도네시아 대통령이 만났다.", "ko", {"IND", "IDN"}),
        ("문제를 해결할 수단을 찾았다.", "ko", set()),  # 수단, "means": not looked for
        ("インド洋で合同演習が行われた。", "ja", set()),  # the Indian Ocean
        ("قدمت الدولة دعم مالي للاجئين.", "ar", set()),  # مالي, "financial": not looked for
    ],
)
def test_a_text_in_another_language_is_read_for_the_states_names_in_it(
    shipped, text, language, expected
):
    assert shipped.codes(text, 2024, language=language) == expected


def test_a_country_name_in_another_language_is_written_as_code_colon_name(db):
    from django.core.exceptions import ValidationError

    from archive.models import Country

    country = Country(code="ZZZ", name="Zedland", names_in_languages="fr: Zédie\nZedlandia")
    with pytest.raises(ValidationError) as refused:
        country.full_clean()
    assert "names_in_languages" in refused.value.message_dict
    country.names_in_languages = "fr: Zédie\nxx: Zedlandia"
    with pytest.raises(ValidationError):
        country.full_clean()
    country.names_in_languages = "fr: Zédie\nko: 제드랜드\nfr: la Zédie"
    assert country.names_by_language == {"fr": ["Zédie", "la Zédie"], "ko": ["제드랜드"]}
