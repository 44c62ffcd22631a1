"""Light stemming for Arabic: the article and the conjunction off the front, common suffixes
off the end (Larkey, Ballesteros & Connell's "light10", as Lucene's Arabic analyzer has it).

Snowball's Arabic stemmer cuts roots too far for search ("فلسطين", Palestine, became
"لسط") and keeps "وال" (and the): light stemming keeps words recognisable and joins the
forms a reader means as one. Words arrive folded (``search.analysis.fold``): vowel marks
gone, the hamza forms of alef read as alef.
"""

from __future__ import annotations

# Letters written one way or another: alef maksura is read as yeh, teh marbuta as heh, and
# the tatweel (a stretching stroke) is dropped.
NORMAL_FORMS = str.maketrans({"ى": "ي", "ة": "ه", "ـ": None})

# One of these comes off the front: "the", "and the", "with the", "like the", "so the",
# "for the"; "and", alone, from longer words only.
PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال", "و")
# One-letter proclitics ("with", "for", "like", "so", and "and" before them) that stay on the
# indexed word, since a word may as well begin with the letter (لقاح, vaccine, is not ل قاح):
# a typed word is searched behind each of them too (``search.analysis.variants``).
PROCLITICS = ("ب", "ل", "ك", "ف", "وب", "ول", "وك", "فب", "فل")
# Each of these comes off the end, in this order, as long as two letters remain.
# "ية" and "ة" are read as "يه" and "ه"; the alef of an indefinite accusative (نزاعا, a dispute)
# comes off too.
SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي", "ا")


def light_stem(word: str) -> str:
    """The light stem of a folded Arabic word: "والصواريخ" and "الصواريخ" are "صواريخ"."""
    word = word.translate(NORMAL_FORMS)
    for prefix in PREFIXES:
        # "و" only from a word of four letters or more; any prefix leaves two letters.
        shortest = 4 if len(prefix) == 1 else len(prefix) + 2
        if word.startswith(prefix) and len(word) >= shortest:
            word = word[len(prefix) :]
            break
    changed = True
    while changed:  # to a fixed point, so that "فلسطينيه" and "فلسطين" meet at "فلسط"
        changed = False
        for suffix in SUFFIXES:
            if word.endswith(suffix) and len(word) >= len(suffix) + 2:
                word = word[: -len(suffix)]
                changed = True
    return word
