"""How a state's name in another language is written in running text of that language.

The country finder (``archive.mentions``) matches names as written; Chinese, Japanese and
Korean names stand anywhere their letters do. Other languages change the name's letters:

- Russian declines it: "Россия" is "России", "Россию"…, "Соединенные Штаты" is
  "Соединенных Штатов" (pymorphy3, each word in each case; an apposition such as "Корея"
  in "Республика Корея" may stay as it is);
- Arabic glues one-letter words to it: "والصين", "بالصين", "للصين" (for China);
- German adds the genitive s: "Russlands".
"""

from __future__ import annotations

from functools import cache, lru_cache

import pymorphy3

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
# Names that are common words of their language, not looked for in its texts: 수단 (Sudan;
# "means"), 오만 (Oman; "arrogance"), 가나 (Ghana), مالي (Mali; "financial").
COMMON_WORDS = {"ko": frozenset({"수단", "오만", "가나"}), "ar": frozenset({"مالي"})}
# Words holding a name that name no state: 인도적 (humanitarian) is not India's, nor is the
# Indian Ocean.
NOT_NAMES = {"ko": ("인도적", "인도주의", "인도양"), "ja": ("インド洋",), "zh": ("印度洋",)}
# What may follow a Korean name in the same word: the first syllable of a particle (미국은,
# 미국과의, 러시아로부터), never another noun's (인도네시아 is found as itself).
KOREAN_PARTICLES = frozenset("은는이가을를의에와과로으도만까부나보처라")
# "و" (and) glued to a name, and the one-letter words of ``search.arabic.PROCLITICS``.
ARABIC_PROCLITICS = ("و", "ب", "ل", "ك", "ف", "وب", "ول", "وك", "فب", "فل")


@cache
def russian_morphology() -> pymorphy3.MorphAnalyzer:
    """pymorphy3's analyser with its Russian dictionary, one a process (read-only, shared by
    threads; search.analysis lemmatises with it too)."""
    return pymorphy3.MorphAnalyzer(lang="ru")


@lru_cache(maxsize=8192)
def written_forms(language: str, name: str) -> tuple[str, ...]:
    """``name`` and the forms it takes in a text in ``language``, without repeats (worked out
    once a process: a finder is built for every statement saved in the admin)."""
    if language == "ru":
        forms = _declined(name)
    elif language == "ar":
        article = name.startswith("ال")
        forms = [name, *(p + name for p in ARABIC_PROCLITICS if not (article and "ل" in p))]
        if article:  # ل + ال is written لل: للصين
            forms += ["لل" + name[2:], "ولل" + name[2:], "فلل" + name[2:]]
    elif language == "de" and not name.endswith(("s", "x", "z", "ß")):
        forms = [name, name + "s"]
    else:
        forms = [name]
    return tuple(dict.fromkeys(forms))


def _declined(name: str) -> list[str]:
    """A Russian name in each case, every word declined, or only the first."""
    words = name.split()
    forms = [name]
    for case in CASES:
        declined = [_in_case(word, case) for word in words]
        forms.append(" ".join(declined))
        forms.append(" ".join([declined[0], *words[1:]]))
    forms += [form.replace("ё", "е") for form in forms]  # texts seldom write ё
    return forms


def _in_case(word: str, case: str) -> str:
    """``word`` in ``case``, its capitals kept; an abbreviation ("США") as it is."""
    if word.isupper() or "-" in word:
        parts = word.split("-")
        if word.isupper() or len(parts) == 1:
            return word
        return "-".join([*parts[:-1], _in_case(parts[-1], case)])  # Народно-Демократической
    found = russian_morphology().parse(word)[0].inflect({case})
    if found is None:
        return word
    return found.word.capitalize() if word[:1].isupper() else found.word
