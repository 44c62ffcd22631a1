"""What a word typed stands for in the index besides its own term.

- A Latin-script word is also searched as French, Spanish, German or Portuguese
  stems it, for each of those languages the index holds texts in
  (``search.analysis.STEMMED_LANGUAGES``): "condenar" finds "condenó" in a
  Spanish text, and never an English word that happens to share the stem; and
  in the forms that language's stemmer leaves apart (``OTHER_FORMS``).
- An Arabic word is also searched behind each one-letter proclitic the index
  keeps on its words (``search.arabic.PROCLITICS``) and behind the article; a
  verb in the past, in its feminine and plural forms too.

A quoted phrase is searched in each language as a whole, and behind the
proclitics word by word, at most ``MAX_PHRASE_FORMS`` forms. Both backends ask
here, each giving what its index holds (``held``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import product

from search.analysis import is_arabic, is_latin, stem
from search.arabic import PROCLITICS, light_stem

MAX_PHRASE_FORMS = 16  # forms of one quoted phrase searched
MAX_WORD_FORMS = 4  # forms of one Arabic word of a phrase
# The forms a word typed as a dictionary gives it stands for, where its language's Snowball
# stemmer leaves them apart: (ending typed, ending in the text). A singular stands for its
# plural ("nuclear" is "nucl", as if a verb, "nucleares" "nuclear"); an infinitive for the
# forms Snowball does not cut back to it: French "condamner" for "condamnent", "suspendre"
# for "suspendu"; German weak verbs' past and participle, "verurteilen" for "verurteilt(e)".
OTHER_FORMS = {
    "fr": (("", "s"), ("er", "ent"), ("ir", "issent"), ("re", "u"), ("re", "ent"), ("re", "")),
    "es": (("", "s"), ("", "es")),
    "pt": (("", "s"), ("", "es")),
    "de": (("", "e"), ("", "n"), ("", "en"), ("", "s"), ("en", "t"), ("en", "te"), ("n", "t")),
}
# The past tense of an Arabic verb typed (أدان, he condemned) as written for "she" and "they":
# أدانت (a ministry, feminine), أدانوا.
ARABIC_PAST_ENDINGS = ("ت", "وا")


def other_forms(word: str, language: str) -> list[str]:
    """``word`` and the forms of it that ``OTHER_FORMS`` gives in ``language``."""
    return [
        word,
        *(
            word[: len(word) - len(typed)] + written
            for typed, written in OTHER_FORMS.get(language, ())
            if word.endswith(typed) and len(word) > len(typed) + 2
        ),
    ]


def variants(word: str, languages: Iterable[str] = ()) -> tuple[str, ...]:
    """The terms a folded word typed stands for, its English (or script's) term first:
    "condenar" is also "conden@es" where ``languages`` has "es", and its other forms'
    (``OTHER_FORMS``); "لقاح", vaccine, is also "بلقاح", with a vaccine, and "قاح" (of "للقاح",
    for the vaccine); "أدان" is also "أدانت"; "وباء" is also "الوباء"'s term."""
    first = stem(word)
    found = [first]
    if is_latin(word):
        for language in languages:
            found.extend(stem(form, language) for form in other_forms(word, language))
    elif is_arabic(word):
        written = [word, *(word + end for end in ARABIC_PAST_ENDINGS)]
        found.extend(light_stem(form) for form in written[1:])
        # Behind the article, a word's first و is its own: وباء (an epidemic) typed alone
        # loses it as if it were "and", as written in الوباء it keeps it.
        found.append(light_stem("ال" + word))
        found.extend(light_stem(p + form) for form in written for p in PROCLITICS)
    return tuple(dict.fromkeys(found))


def held_variants(word: str, languages: Iterable[str], held: Callable[[str], bool]) -> list[str]:
    """``variants`` the index holds, and the word's own term whether or not it does."""
    found = variants(word, languages)
    return [found[0], *(v for v in found[1:] if held(v))]


def phrase_forms(
    found: list[str | int], languages: Iterable[str], held: Callable[[str], bool]
) -> list[tuple[str | int, ...]]:
    """A quoted phrase's words (``search.analysis.phrase_folded``) as the index's terms, in
    each form it may hold them, as typed first: "وقف إطلاق النار" is also "لوقف إطلاق النار";
    "alto el fuego" is also its Spanish stems, all of them at once."""
    forms: dict[tuple[str | int, ...], None] = {}
    for language in ("", *languages):
        choices = []
        for word in found:
            if isinstance(word, int):
                choices.append([word])
            elif is_latin(word):
                term = stem(word, language)
                choices.append([term] if not language or held(term) else [])
            elif is_arabic(word):
                options = variants(word)
                held_options = [v for v in options[1:] if held(v)]
                choices.append([options[0], *held_options[: MAX_WORD_FORMS - 1]])
            else:
                choices.append([stem(word)])
        for form in product(*choices):  # lazily: a long phrase has many combinations
            forms[form] = None
            if len(forms) >= MAX_PHRASE_FORMS:
                return list(forms)
    return list(forms)
