"""Light stemming for Arabic: the article and the conjunction off the front, common suffixes
off the end (Larkey, Ballesteros & Connell's "light10", as Lucene's Arabic analyzer has it),
and the broken plurals of news and diplomatic vocabulary read as their singulars.

Snowball's Arabic stemmer cuts roots too far for search ("فلسطين", Palestine, became
"لسط") and keeps "وال" (and the): light stemming keeps words recognisable and joins the
forms a reader means as one. Words arrive folded (``search.analysis.fold``): vowel marks
gone, the hamza forms of alef read as alef.

Light stemming cannot join a broken plural to its singular (صواريخ, missiles, and صاروخ, a
missile, share no stem): ``arabic_plurals.tsv`` lists about 200 of the most common, with
their singulars, and a plural's stem is read as its singular's. The dual of a feminine noun
(سفينتان, two ships) is read as the noun (سفينة).
"""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path

PLURALS_FILE = Path(__file__).with_name("arabic_plurals.tsv")

# Letters written one way or another: alef maksura is read as yeh, teh marbuta as heh, and
# the tatweel (a stretching stroke) is dropped.
NORMAL_FORMS = str.maketrans({"ى": "ي", "ة": "ه", "ـ": None})

# One of these comes off the front: "the", "and the", "with the", "like the", "so the",
# "for the"; "and", alone, from longer words only.
PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال", "و")
# One-letter proclitics ("with", "for", "like", "so", and "and" before them) that stay on the
# indexed word, since a word may as well begin with the letter (لقاح, vaccine, is not ل قاح):
# a typed word is searched behind each of them too (``search.query.forms.variants``).
PROCLITICS = ("ب", "ل", "ك", "ف", "وب", "ول", "وك", "فب", "فل")
# Each of these comes off the end, in this order, as long as two letters remain.
# "ية" and "ة" are read as "يه" and "ه"; the alef of an indefinite accusative (نزاعا, a dispute)
# comes off too.
SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي", "ا")


def light_stem(word: str) -> str:
    """The stem of a folded Arabic word: "والصواريخ" and "الصاروخ" are "صاروخ"; "موانئها"
    (its ports) is "ميناء"."""
    found = _light_stem(word, _written_plurals())
    return _singulars().get(found, found)


@cache
def _singulars() -> dict[str, str]:
    """The stems of the listed broken plurals, each with its singular's."""
    found = {}
    for line in PLURALS_FILE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            plural, singular = (_light_stem(_unmarked(w)) for w in line.split("\t"))
            if plural != singular and len(plural) > 2:  # two letters would catch other words
                found[plural] = singular
    # A singular that is some plural's stem as well (سجين, a prisoner, and سجون, prisons,
    # are both سج) reads as what that plural reads as.
    return {plural: found.get(singular, singular) for plural, singular in found.items()}


@cache
def _written_plurals() -> dict[str, str]:
    """The listed broken plurals as written (folded), each with its singular's stem: a plural
    is recognised before its suffixes are cut, "موانئها" as "موانئ" + "ها"."""
    found = {}
    for line in PLURALS_FILE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            plural, singular = line.split("\t")
            stem = _light_stem(_unmarked(singular))
            found[_unmarked(plural).translate(NORMAL_FORMS)] = _singulars().get(stem, stem)
    return found


@cache
def _plurals() -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for plural, singular in (*_singulars().items(), *_written_plurals().items()):
        found.setdefault(singular, []).append(plural)
    return {singular: tuple(dict.fromkeys(plurals)) for singular, plurals in found.items()}


def plural_stems(stem: str) -> tuple[str, ...]:
    """The broken plurals read as ``stem``, as stems and as written: where the highlighter
    looks for the words a search for it matched ("صواريخ" for "صاروخ", "مواني" for
    "ميناء")."""
    return _plurals().get(stem, ())


def _unmarked(word: str) -> str:
    """A word of the list as ``search.analysis.fold`` leaves Arabic: hamza and marks off."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


# The dual of a feminine noun writes its ة as ت: سفينتان, سفينتين (two ships) are سفينة.
# Not in the names of countries in ـستان (باكستان).
DUAL_ENDINGS = ("تان", "تين")


def _light_stem(word: str, plurals: dict[str, str] | None = None) -> str:
    """Light10, and the singular's stem of a listed plural met before a suffix is cut."""
    word = word.translate(NORMAL_FORMS)
    for prefix in PREFIXES:
        # "و" only from a word of four letters or more; any prefix leaves two letters.
        shortest = 4 if len(prefix) == 1 else len(prefix) + 2
        if word.startswith(prefix) and len(word) >= shortest:
            word = word[len(prefix) :]
            break
    if word.endswith(DUAL_ENDINGS) and len(word) >= 6 and not word.endswith("ستان"):
        word = word[:-3] + "ه"
    changed = True
    while changed:  # to a fixed point, so that "فلسطينيه" and "فلسطين" meet at "فلسط"
        changed = False
        for suffix in SUFFIXES:
            if plurals and word in plurals:
                return plurals[word]
            if word.endswith(suffix) and len(word) >= len(suffix) + 2:
                word = word[: -len(suffix)]
                changed = True
    return word
