"""Finding the states a text names, with the country authority's names, aliases and adjectives.

One Aho-Corasick automaton (``pyahocorasick``) holds every name form of every
country, so a text is read once whatever the size of the authority. Of the
forms found, the leftmost longest wins ("Guinea-Bissau" over "Guinea",
"Republic of China" over "China"), and a form counts only between word
boundaries ("Niger" is not in "Nigeria").

Some names belong to several states, each for a time ("Congo", "Germany",
"Yemen"): the statement's year decides, and a name that still belongs to
more than one state names none of them. Geographic and group names that
contain a state's name ("New Guinea", "Lake Chad", "Latin America",
"Turkish Cypriot"), and organisations and documents named after one ("the
Organization of American States", "the Mauritius Strategy"), are found too
and name nothing, so they hide the shorter state name inside them. A name
next to a geographic word in any case ("the river Jordan", "the Formosa
Strait") and an adjective of a people or community ("of British stock",
"the Greek and Turkish communities") name no state either.

Texts are matched with their line breaks and runs of spaces read as one
space, and a word hyphenated across a line joined ("Guinea-⏎Bissau",
"Guinea- Bissau"); mentions keep the offsets of the original text.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from archive.name_forms import COMMON_WORDS, NOT_NAMES, written_forms
from archive.name_matching import automaton, found_names
from archive.names import NameForm

# Names that contain a state's name but designate a place, a sea, a group or a community.
NOT_STATES = (
    "New Guinea",
    "West New Guinea",
    "Gulf of Guinea",
    "Guinea Current",
    "Lake Chad",
    "Niger River",
    "River Niger",
    "Niger Delta",
    "Jordan River",
    "River Jordan",
    "Jordan Valley",
    "South Georgia",
    "Congo River",
    "Congo Basin",
    "Panama Canal",
    "Suez Canal",
    "Northern Ireland",
    "Southern Sudan",
    "New Mexico",
    "American Samoa",
    "West Timor",
    "Gulf of Oman",
    "Gulf of Mexico",
    "Sea of Japan",
    "South China Sea",
    "East China Sea",
    "Taiwan Strait",
    "Taiwan Straits",
    "Korea Strait",
    "Bight of Benin",
    "Indian Ocean",
    "American Indian",
    "American Indians",
    "West Indian",
    "West Indians",
    "Latin America",
    "Latin American",
    "Latin Americans",
    "Central America",
    "Central American",
    "Central Americans",
    "South America",
    "South American",
    "South Americans",
    "North America",
    "North American",
    "North Americans",
    "Inter-American",
    "Pan-American",
    "Turkish Cypriot",
    "Turkish Cypriots",
    "Greek Cypriot",
    "Greek Cypriots",
    "Turkish Republic of Northern Cyprus",
    "Mexico City",
    "Guatemala City",
    "Panama City",
    "Kuwait City",
    # Organisations, treaties and documents named after a state or with its adjective.
    "Organization of American States",
    "Organisation of American States",
    "American Convention on Human Rights",
    "American Declaration of the Rights and Duties of Man",
    "American Treaty on Pacific Settlement",
    "Mauritius Strategy",
    "Barbados Programme of Action",
    "Panama Canal Treaties",
    "Panama Canal Treaty",
    "Monterrey Consensus",
    "Kyoto Protocol",
    "Marshall Plan",
    "Japan Sea",
    "Persian Gulf",
    "Arabian Gulf",
    "Formosa Strait",
    "Formosa Straits",
    # Parties and movements.
    "South West Africa People's Organization",
    "South West Africa People's Organisation",
    "Fiji First",
)
# A state's name next to one of these words, in any case, is a place: "the river Jordan",
# "the Formosa Strait", "the Lake Chad basin".
GEOGRAPHIC_BEFORE = ("river", "lake", "gulf of", "sea of", "bay of", "strait of", "straits of")
GEOGRAPHIC_AFTER = (
    "river",
    "valley",
    "basin",
    "delta",
    "sea",
    "gulf",
    "strait",
    "straits",
    "canal",
    "peninsula",
    "lake",
)
# An adjective followed by one of these designates a people or a community, not the state:
# "of British stock", "the Greek and Turkish communities".
PEOPLE_AFTER = (
    "stock",
    "descent",
    "origin",
    "extraction",
    "minority",
    "minorities",
    "diaspora",
    "cypriot",
    "cypriots",
)
# Two adjectives before "communities" are two peoples ("the Greek and Turkish
# communities"); one is the state's ("the two Cypriot communities").
COMMUNITIES = ("community", "communities")

# A language group, not a state: "French-speaking", "Spanish-speaking countries".
_LANGUAGE_SUFFIX = "-speaking"

# Plain and typographic variants that must read the same, one character for one, so that
# offsets in the plain text are offsets in the original.
_SAME_LENGTH = (("’", "'"), ("‘", "'"), ("\n", " "), ("\t", " "), ("\r", " "), ("\xa0", " "))


def plain(text: str) -> str:
    """The text as names are matched: straight apostrophes, every space a plain space."""
    for old, new in _SAME_LENGTH:  # str.replace is C-fast; str.translate is not
        if old in text:
            text = text.replace(old, new)
    return text


# Runs of spaces, and a hyphen a line break or a space split from the rest of its word.
_LOOSE = re.compile(r"  +|(?<=\w)- +(?=\w)")


def normalised(text: str) -> tuple[str, list[tuple[int, int]]]:
    """``plain(text)`` with runs of spaces read as one, and "Guinea- Bissau" (a hyphenated
    word split at a line) as "Guinea-Bissau"; and the breakpoints (position in the
    normalised text, position in the original) that map a normalised offset back."""
    flat = plain(text)
    if "  " not in flat and "- " not in flat:
        return flat, []
    pieces, points, taken, removed = [], [], 0, 0
    for match in _LOOSE.finditer(flat):
        start, end = match.span()
        kept = match.group()[0] if match.group()[0] == "-" else " "
        pieces.append(flat[taken:start] + kept)
        removed += end - start - 1
        taken = end
        points.append((end - removed, end))
    pieces.append(flat[taken:])
    return "".join(pieces), points


def original_offset(points: list[tuple[int, int]], offset: int) -> int:
    """An offset in the normalised text as an offset in the original (``normalised``)."""
    at = bisect.bisect_right(points, (offset, float("inf"))) - 1
    if at < 0:
        return offset
    normal, original = points[at]
    return original + (offset - normal)


class Mention(NamedTuple):
    start: int
    end: int
    surface: str
    code: str


@dataclass(frozen=True)
class Claim:
    """A country's claim to a name form: for the form's own years, or while the state existed."""

    code: str
    form: NameForm
    exists_from: int | None
    exists_until: int | None
    adjective: bool = False  # "Cuban", "Cubans": a people's word as well as the state's

    def existed_in(self, year: int) -> bool:
        return (self.exists_from is None or self.exists_from <= year) and (
            self.exists_until is None or year <= self.exists_until
        )


@dataclass(frozen=True)
class CountryNames:
    """What the finder needs of one country: its code, years and name forms."""

    code: str
    forms: tuple[NameForm, ...]
    pk: int | None = None
    exists_from: int | None = None
    exists_until: int | None = None
    adjectives: tuple[NameForm, ...] = ()
    in_languages: dict[str, list[str]] = field(default_factory=dict)  # "ko": ["북한"]


def plural_forms(form: NameForm) -> list[NameForm]:
    """An adjective and the plural it takes as a noun: "Cuban", "Cubans"; "Chinese" alone."""
    word = form.text
    if word[-1:] in ("s", "h", "e", "x", "z"):
        return [form]
    return [form, form._replace(text=word + "s")]


class CountryFinder:
    """The states named in a text, found by every name form of the country authority; in a
    text in another language, by the state's names in that language too."""

    def __init__(self, countries: Iterable[CountryNames]) -> None:
        claims: dict[str, list[Claim]] = {}
        foreign: dict[str, dict[str, list[Claim]]] = {}
        self.ids: dict[str, int] = {}  # code -> database id, for countries read from it
        for country in countries:
            if country.pk is not None:
                self.ids[country.code] = country.pk
            forms = [(form, False) for form in country.forms]
            for adjective in country.adjectives:
                forms.extend((form, True) for form in plural_forms(adjective))
            for form, adjective in forms:
                _claim(claims, country, form, adjective)
            for language, found in country.in_languages.items():
                for name in found:
                    if name in COMMON_WORDS.get(language, ()):
                        continue
                    for written in written_forms(language, name):  # "России", "والصين"
                        _claim(foreign.setdefault(language, {}), country, NameForm(written), False)
        for language, phrases in NOT_NAMES.items():
            for text in phrases:
                foreign.setdefault(language, {}).setdefault(text, [])
        for text in NOT_STATES:
            claims.setdefault(text, [])
        self.automaton = automaton(claims)
        self.in_languages = {language: automaton(found) for language, found in foreign.items()}
        self.size = len(claims) + sum(len(found) for found in foreign.values())

    def mentions(
        self,
        text: str,
        on: dt.date | int | None = None,
        issuer: str | None = None,
        language: str = "",
    ) -> list[Mention]:
        """Every state named in ``text``, leftmost longest first, as of the year ``on``. A name
        several states share then ("Korea") names the ``issuer``'s state when it is one of
        them: the Republic of Korea speaking of "Korea" speaks of itself. A text in another
        ``language`` is read for the states' names in it too ("미국을", "США")."""
        if not text or not self.size:
            return []
        year = _year(on)
        matched, points = normalised(text)
        found = found_names(self.automaton, matched)
        if language in self.in_languages:
            found += found_names(self.in_languages[language], matched)
        # Leftmost first, longest first at one start; then drop what overlaps a kept span.
        found.sort(key=lambda item: (item[0], -(item[1] - item[0])))
        mentions, reach = [], 0
        for start, end, owners in found:
            if start < reach:
                continue
            reach = end
            if matched.startswith(_LANGUAGE_SUFFIX, end) or _a_place(matched, start, end):
                continue
            if owners and all(c.adjective for c in owners) and _a_people(matched, start, end):
                continue
            code = resolve(owners, year, issuer)
            if code:
                first = original_offset(points, start)
                last = original_offset(points, end - 1) + 1
                mentions.append(Mention(first, last, text[first:last], code))
        return mentions

    def codes(
        self,
        text: str,
        on: dt.date | int | None = None,
        issuer: str | None = None,
        language: str = "",
    ) -> set[str]:
        return {mention.code for mention in self.mentions(text, on, issuer, language)}


def _claim(claims: dict[str, list[Claim]], country: CountryNames, form: NameForm, adjective):
    """Add ``country``'s claim to ``form`` to the claims by name."""
    text = plain(form.text).strip()
    if not text:
        return
    claim = Claim(country.code, form, country.exists_from, country.exists_until, adjective)
    claims.setdefault(text, [])
    if claim not in claims[text]:
        claims[text].append(claim)


_WORD = re.compile(r"[\w-]+")


def _words_after(text: str, end: int, count: int) -> list[str]:
    return [w.lower() for w in _WORD.findall(text, end, min(len(text), end + 40))[:count]]


def _a_place(text: str, start: int, end: int) -> bool:
    """Whether a geographic word next to the name makes it a place ("river Jordan")."""
    after = _words_after(text, end, 1)
    if after and after[0] in GEOGRAPHIC_AFTER:
        return True
    before = text[max(0, start - 12) : start].lower().rstrip()
    return any(before.endswith(word) for word in GEOGRAPHIC_BEFORE)


_PAIRED_BEFORE = re.compile(r"[A-Z][\w-]+ (?:and|or) $")


def _a_people(text: str, start: int, end: int) -> bool:
    """Whether a people's word follows an adjective, perhaps past "and <adjective>": "of
    British stock", "the Greek and Turkish communities"."""
    after = _words_after(text, end, 3)
    if after[:1] and after[0] in PEOPLE_AFTER:
        return True
    if after[:1] and after[0] in COMMUNITIES:  # "Greek and Turkish communities": the second
        return bool(_PAIRED_BEFORE.search(text, max(0, start - 30), start))
    return (
        len(after) == 3
        and after[0] in ("and", "or")
        and (after[2] in PEOPLE_AFTER or after[2] in COMMUNITIES)
    )


def resolve(owners: tuple[Claim, ...], year: int, issuer: str | None = None) -> str | None:
    """The one state a name form designates in ``year``, or None when it names none or several.

    A form limited to years that include ``year`` beats a form without years;
    a form without years belongs to the states that existed then, or, when no
    state with that form existed then, to the one state that ever had it (a
    later reference to "the Soviet Union").
    """
    if not owners:
        return None
    dated = {c.code for c in owners if c.form.dated and c.form.covers(year)}
    if not dated:
        undated = [c for c in owners if not c.form.dated]
        dated = {c.code for c in undated if c.existed_in(year)}
        if not dated:
            dated = {c.code for c in undated}
    if len(dated) > 1 and issuer in dated:
        return issuer
    return next(iter(dated)) if len(dated) == 1 else None


def _year(on: dt.date | int | None) -> int:
    if on is None:
        return dt.date.today().year
    return on if isinstance(on, int) else on.year
