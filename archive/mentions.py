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
"Turkish Cypriot") are found too and name nothing, so they hide the shorter
state name inside them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

import ahocorasick

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
)

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


def plural_forms(form: NameForm) -> list[NameForm]:
    """An adjective and the plural it takes as a noun: "Cuban", "Cubans"; "Chinese" alone."""
    word = form.text
    if word[-1:] in ("s", "h", "e", "x", "z"):
        return [form]
    return [form, form._replace(text=word + "s")]


class CountryFinder:
    """The states named in a text, found by every name form of the country authority."""

    def __init__(self, countries: Iterable[CountryNames]) -> None:
        claims: dict[str, list[Claim]] = {}
        self.ids: dict[str, int] = {}  # code -> database id, for countries read from it
        for country in countries:
            if country.pk is not None:
                self.ids[country.code] = country.pk
            forms = [*country.forms]
            for adjective in country.adjectives:
                forms.extend(plural_forms(adjective))
            for form in forms:
                text = plain(form.text).strip()
                if not text:
                    continue
                claim = Claim(country.code, form, country.exists_from, country.exists_until)
                claims.setdefault(text, [])
                if claim not in claims[text]:
                    claims[text].append(claim)
        for text in NOT_STATES:
            claims.setdefault(text, [])
        self.automaton = ahocorasick.Automaton()
        for text, owners in claims.items():
            self.automaton.add_word(text, (text, tuple(owners)))
        self.automaton.make_automaton()
        self.size = len(claims)

    def mentions(self, text: str, on: dt.date | int | None = None) -> list[Mention]:
        """Every state named in ``text``, leftmost longest first, as of the year ``on``."""
        if not text or not self.size:
            return []
        year = _year(on)
        matched = plain(text)
        found: list[tuple[int, int, tuple[Claim, ...]]] = []
        size = len(matched)
        for end_index, (form, owners) in self.automaton.iter(matched):
            start, end = end_index - len(form) + 1, end_index + 1
            if start > 0 and matched[start - 1].isalnum():
                continue
            if end < size and matched[end].isalnum():
                continue
            found.append((start, end, owners))
        # Leftmost first, longest first at one start; then drop what overlaps a kept span.
        found.sort(key=lambda item: (item[0], -(item[1] - item[0])))
        mentions, reach = [], 0
        for start, end, owners in found:
            if start < reach:
                continue
            reach = end
            if matched.startswith(_LANGUAGE_SUFFIX, end):
                continue
            code = resolve(owners, year)
            if code:
                mentions.append(Mention(start, end, text[start:end], code))
        return mentions

    def codes(self, text: str, on: dt.date | int | None = None) -> set[str]:
        return {mention.code for mention in self.mentions(text, on)}


def resolve(owners: tuple[Claim, ...], year: int) -> str | None:
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
    return next(iter(dated)) if len(dated) == 1 else None


def _year(on: dt.date | int | None) -> int:
    if on is None:
        return dt.date.today().year
    return on if isinstance(on, int) else on.year
