"""The country authority list, and which state held a seat the corpus files under today's code.

``countries.json`` beside this module holds every state the archive knows,
past and present: code, name, region, years of existence, predecessors, the
other names and the adjectives that designate it (some limited to years:
"Congo [1971-1997]", see ``archive.names``). It seeds the database's
country records (``install``) and the demo fixture; once in the database,
the records are the archivists' to edit.

The UN General Debate Corpus files each seat under today's ISO code: the
USSR's speeches are ``RUS``, the Republic of China's ``CHN``. ``SEATS``
says which state actually spoke, by year.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path
from typing import NamedTuple

from archive.names import language_lines

AUTHORITY_FILE = Path(__file__).with_name("countries.json")


class CountryInfo(NamedTuple):
    code: str
    name: str
    region: str
    historic: bool
    aliases: tuple[str, ...]
    adjectives: tuple[str, ...] = ()
    exists_from: dt.date | None = None
    exists_until: dt.date | None = None
    predecessors: tuple[str, ...] = ()
    in_languages: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (language, its names)


# (corpus code, first year, last year, the state that held the seat); years inclusive.
SEATS: tuple[tuple[str, int | None, int | None, str], ...] = (
    ("RUS", None, 1991, "SUN"),  # the Soviet Union, until it dissolved in December 1991
    ("CHN", None, 1971, "TWN"),  # the Republic of China: its 1971 speech preceded resolution 2758
    ("DEU", None, 1990, "FRG"),  # the Federal Republic spoke in September 1990, before unification
    ("YEM", None, 1989, "YAR"),  # the Yemen Arab Republic, until unification in May 1990
    ("YUG", 1992, 2002, "FRY"),  # the Federal Republic of Yugoslavia
    ("YUG", 2003, None, "SCG"),  # the State Union of Serbia and Montenegro
    ("EGY", 1958, 1960, "UAR"),  # the United Arab Republic of Egypt and Syria
    ("MYS", None, 1962, "MLY"),  # the Federation of Malaya, before Malaysia (September 1963)
    ("TZA", None, 1963, "TGY"),  # Tanganyika, before the union with Zanzibar (April 1964)
    ("BLR", None, 1991, "BYS"),  # the Byelorussian SSR
    ("UKR", None, 1991, "UKS"),  # the Ukrainian SSR
)


# How the titles of a seat holder's speeches name it: the name it spoke under, never today's
# state's ("Statement by Mr. Molotov, Union of Soviet Socialist Republics").
HOLDER_TITLE_NAMES = {
    "SUN": "Union of Soviet Socialist Republics",
    "TWN": "Republic of China",
    "FRG": "Federal Republic of Germany",
    "YAR": "Yemen Arab Republic",
    "FRY": "Federal Republic of Yugoslavia",
    "SCG": "Serbia and Montenegro",
    "UAR": "United Arab Republic",
    "MLY": "Federation of Malaya",
    "TGY": "Tanganyika",
    "BYS": "Byelorussian Soviet Socialist Republic",
    "UKS": "Ukrainian Soviet Socialist Republic",
}


def historical_title(title: str, corpus_name: str, holder: str) -> str:
    """A corpus title with today's name of the seat replaced by its holder's at the time:
    the corpus titles the USSR's speeches "…, Russian Federation in the General Debate…"."""
    name = HOLDER_TITLE_NAMES.get(holder)
    if not name or not corpus_name or corpus_name == name or name in title:
        return title
    for before in (", ", " of "):  # "Mr. X, Russian Federation in…", "Minister of Y in…"
        written = f"{before}{corpus_name} in the "
        if written in title:
            return title.replace(written, f"{before}{name} in the ", 1)
    return title


def lineage(code: str | None) -> str | None:
    """The UN seat a state's speakers keep across its successions: the USSR's people speak
    on as the Russian Federation's (``RUS``), West Germany's as Germany's (``DEU``). The
    Republic of China's seat passed to another state, not a successor: it stays its own."""
    for seat, _first, _last, holder in SEATS:
        if holder == code and holder != "TWN":
            return seat
    return code


def seat_holder(code: str, year: int | None) -> str:
    """The state that spoke for a corpus code in a year: ``seat_holder("RUS", 1951) == "SUN"``."""
    if year is not None:
        for seat, first, last, holder in SEATS:
            if seat == code and (first is None or first <= year) and (last is None or year <= last):
                return holder
    return code


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


@cache
def authority() -> dict[str, CountryInfo]:
    """Every entry of ``countries.json`` by code."""
    entries = json.loads(AUTHORITY_FILE.read_text(encoding="utf-8"))
    return {
        entry["code"]: CountryInfo(
            code=entry["code"],
            name=entry["name"],
            region=entry.get("region", ""),
            historic=bool(entry.get("historic")),
            aliases=tuple(entry.get("names", ())),
            adjectives=tuple(entry.get("adjectives", ())),
            exists_from=_date(entry.get("exists_from")),
            exists_until=_date(entry.get("exists_until")),
            predecessors=tuple(entry.get("predecessors", ())),
            in_languages=tuple((k, tuple(v)) for k, v in entry.get("names_in", {}).items()),
        )
        for entry in entries
    }


def region_of(code: str) -> str:
    info = authority().get(code.upper())
    return info.region if info else ""


def country_info(code: str, corpus_name: str = "") -> CountryInfo:
    """Return the authority entry for ``code``, or a bare one named as the corpus names it."""
    code = code.upper()
    info = authority().get(code)
    if info is not None:
        return info
    return CountryInfo(code=code, name=corpus_name or code, region="", historic=False, aliases=())


def install(codes=None) -> int:
    """Create the country records the database lacks, with their predecessor links.

    Existing records are left as they are: archivists may have edited them.
    ``codes`` limits it to some codes; returns how many records were created.
    """
    from archive.models import Country

    entries = [info for code, info in authority().items() if codes is None or code in codes]
    have = set(Country.objects.values_list("code", flat=True))
    created = []
    for info in entries:
        if info.code in have:
            continue
        created.append(
            Country.objects.create(
                code=info.code,
                name=info.name,
                region=info.region,
                historic=info.historic,
                aliases="\n".join(info.aliases),
                adjectives="\n".join(info.adjectives),
                names_in_languages=language_lines(dict(info.in_languages)),
                exists_from=info.exists_from,
                exists_until=info.exists_until,
            )
        )
    by_code = {c.code: c for c in Country.objects.all()}
    for country in created:
        predecessors = [by_code[p] for p in authority()[country.code].predecessors if p in by_code]
        if predecessors:
            country.predecessors.add(*predecessors)
    return len(created)


def finder():
    """A country finder built from the authority file alone, without a database."""
    from archive.mentions import CountryFinder, CountryNames
    from archive.names import NameForm, parse_lines

    return CountryFinder(
        CountryNames(
            code=info.code,
            forms=(NameForm(info.name), *parse_lines("\n".join(info.aliases))),
            adjectives=tuple(parse_lines("\n".join(info.adjectives))),
            exists_from=info.exists_from.year if info.exists_from else None,
            exists_until=info.exists_until.year if info.exists_until else None,
            in_languages={k: list(v) for k, v in info.in_languages},
        )
        for info in authority().values()
    )
