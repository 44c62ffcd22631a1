"""Speakers' names as corpora write them, cleaned for display and reduced to a matching key.

"H.E. Mr. KIM Song", "Song Kim" and "Kim  Song," are one name written three
ways: the key drops titles, case, accents and punctuation, and sorts the
words, so family-name-first orders (Korean, Chinese, Hungarian) meet the
given-name-first ones. The key keeps every word of the name: two people who
share only a surname never share a key.
"""

import re
import unicodedata

# Titles and honorifics written before a name; matched as whole words, case-insensitively.
TITLES = (
    "the right honourable",
    "right honourable",
    "the honourable",
    "honourable",
    "the hon",
    "rt hon",
    "his excellency",
    "her excellency",
    "his royal highness",
    "her royal highness",
    "his majesty",
    "her majesty",
    "his highness",
    "her highness",
    "excellency",
    "tan sri",
    "h e",
    "h r h",
    "hrh",
    "mr",
    "mrs",
    "ms",
    "miss",
    "mme",
    "madame",
    "dr",
    "sir",
    "dame",
    "prof",
    "professor",
    "dato",
    "datuk",
    "dato'",
    "sheikh",
    "shaikh",
    "ambassador",
    "monsignor",
    "msgr",
    "archbishop",
    "cardinal",
)
_TITLE_RE = re.compile(
    r"^(?:(?:" + "|".join(re.escape(t).replace(r"\ ", r"\.?\s*") for t in TITLES) + r")\.?\s+)+",
    re.IGNORECASE,
)
_SPACE = re.compile(r"\s+")
_NOT_WORD = re.compile(r"[^\w]+")


def _fold(text: str) -> str:
    """Lower case without accents: "Koštunica" -> "kostunica"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


# Letters a corpus decoded as Latin-1 from Windows-1252: "Mu\x92izzaddin", "Dra\x9aković".
_C1 = re.compile("[\x80-\x9f]")
# A name's last word that keeps its full stop: "Jr.", "Sr.", an initial ("Fernandez G.").
_ABBREVIATION = re.compile(r"(?:\b(?:Jr|Sr|Snr|Jnr)|\b\w)\.$", re.IGNORECASE)


def _windows_1252(match: re.Match) -> str:
    try:
        return match.group().encode("latin-1").decode("cp1252")
    except UnicodeDecodeError:
        return ""


def tidy(name: str) -> str:
    """The name as written, without stray punctuation at its ends ("Choe Su Hon," and
    "Mr. DHANABALAN:"), line breaks or mis-decoded letters; a "Jr." keeps its stop."""
    name = _SPACE.sub(" ", _C1.sub(_windows_1252, name or "")).strip(" ,;:")
    while name.endswith(".") and not _ABBREVIATION.search(name):
        name = name[:-1].rstrip(" ,;:")
    return name


def clean(name: str) -> str:
    """The name for display: tidied, titles off, ALL-CAPS words in title case."""
    name = _TITLE_RE.sub("", tidy(name)).strip(" ,;:")
    words = []
    for word in name.split(" "):
        if len(word) > 1 and word.isupper():
            word = "-".join(part.capitalize() for part in word.split("-"))
        words.append(word)
    return " ".join(words)


def words(name: str) -> list[str]:
    """The words of a cleaned, folded name; hyphens and dots separate words."""
    folded = _fold(clean(name)).replace("'", "").replace("’", "")
    return [w for w in _NOT_WORD.split(folded) if w]


# Articles and particles of family names: "Al-Thani" and "de Moura" are one surname each.
PARTICLES = frozenset(
    [
        "al",
        "el",
        "ad",
        "as",
        "ash",
        "at",
        "az",
        "ar",
        "an",
        "bin",
        "ibn",
        "bint",
        "ben",
        "abu",
        "de",
        "da",
        "di",
        "do",
        "dos",
        "das",
        "del",
        "della",
        "van",
        "von",
        "der",
        "den",
        "le",
        "la",
        "du",
    ]
)


def is_bare_surname(key: str) -> bool:
    """Whether a matching key holds one name only, particles aside ("al thani", "kim")."""
    return sum(1 for word in key.split() if word not in PARTICLES) <= 1


def key(name: str) -> str:
    """The matching key: the name's words, sorted. "" when nothing is left."""
    return " ".join(sorted(words(name)))


def family_name(name: str) -> str:
    """A guess for sorting: the last word, or the first one when it is written in capitals
    before given names ("KIM Song")."""
    parts = _SPACE.sub(" ", _TITLE_RE.sub("", (name or "").strip())).split(" ")
    parts = [p.strip(",.") for p in parts if p.strip(",.")]
    if not parts:
        return ""
    if len(parts) > 1 and len(parts[0]) > 1 and parts[0].isupper() and not parts[1].isupper():
        return clean(parts[0])
    return clean(parts[-1])
