"""Names found in a text by an Aho-Corasick automaton, where they stand as words of their
script: between non-letters in spaced scripts; anywhere in Chinese and Japanese, written
without spaces; in Korean as a word of its own or one a particle ends (미국은, not 미국산).
"""

from __future__ import annotations

import re

import ahocorasick

from archive.name_forms import KOREAN_PARTICLES


def automaton(claims: dict[str, list]) -> ahocorasick.Automaton:
    """An automaton of names, each with the claims on it (``archive.mentions.Claim``)."""
    made = ahocorasick.Automaton()
    for text, owners in claims.items():
        made.add_word(text, (text, tuple(owners)))
    if claims:
        made.make_automaton()
    return made


_HANGUL = re.compile("[\uac00-\ud7af]")
# Letters of scripts written without spaces between words (Chinese, Japanese): a name in
# them stands wherever its letters do.
_UNSPACED = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")


def found_names(names: ahocorasick.Automaton, matched: str) -> list[tuple[int, int, tuple]]:
    """(start, end, claims) of every name of ``names`` in ``matched`` that stands as a word."""
    found = []
    size = len(matched)
    for end_index, (form, owners) in names.iter(matched):
        start, end = end_index - len(form) + 1, end_index + 1
        if _HANGUL.match(form):  # a word of its own, or one a particle ends
            if start > 0 and _HANGUL.match(matched[start - 1]):
                continue
            if end < size and _HANGUL.match(matched[end]) and matched[end] not in KOREAN_PARTICLES:
                continue
        elif not _UNSPACED.match(form):
            if start > 0 and matched[start - 1].isalnum():
                continue
            if end < size and matched[end].isalnum():
                continue
        found.append((start, end, owners))
    return found
