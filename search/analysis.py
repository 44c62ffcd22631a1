"""How text becomes terms, for every backend: tokens, accent folding, stop words, stemming.

Both backends index and query the terms made here, so a query means the same
on each, and the highlighter (``search.highlighting``) marks the words that
matched with the same stemmer. Nothing here belongs to a backend's library:
the PostgreSQL backend runs without Whoosh installed.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Callable
from functools import lru_cache

import Stemmer

from archive.name_forms import russian_morphology
from search.arabic import light_stem

# Limits of the query language's wildcards and fuzzy words, the same on every backend.
MIN_PREFIX = 3  # letters before a trailing *
MAX_EXPANSIONS = 64  # indexed terms a prefix or a fuzzy word stands for, the most common
FUZZY_PREFIX = 2  # letters a fuzzy match keeps as typed
MAX_TYPO_LENGTH = 40  # longer words get no fuzzy expansion and no "did you mean"

# The short English stop list (Whoosh's, which the index was built with) less "us": "US" is
# a country here.
# fmt: off
STOP = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "by", "can", "for", "from", "have", "if", "in",
    "is", "it", "may", "not", "of", "on", "or", "tbd", "that", "the", "this", "to", "we", "when",
    "will", "with", "yet", "you", "your",
})
# fmt: on
TOKEN_PATTERN = r"\w+(?:\.?\w+)*"
TOKEN = re.compile(TOKEN_PATTERN)

# Stop words and single letters or digits: "small words". They are not indexed
# as terms (their postings would each be as long as the corpus); a backend
# that can keeps them some other way, so that a quoted phrase still matches
# them exactly ("as a matter of", "Côte d'Ivoire").
SMALL_WORDS = (*sorted(STOP), *"abcdefghijklmnopqrstuvwxyz0123456789")
SMALL_CODES = {word: code for code, word in enumerate(SMALL_WORDS, 1)}
assert len(SMALL_WORDS) < 256


# Letters that Unicode does not decompose into a plain letter and an accent, and ligatures,
# as a reader types them without the key: "Łódź" is "lodz", "Ærø" is "aeroe".
BEYOND_ACCENTS = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ð": "d", "ħ": "h", "ı": "i", "ŀ": "l", "ŧ": "t"}
    | {"æ": "ae", "œ": "oe", "þ": "th", "ĳ": "ij"}
)


# Combining marks that are part of a letter rather than an accent on it: the kana voicing
# marks (カ is not ガ) and the breve of the Cyrillic й (новый is not новыи).
LETTER_MARKS = frozenset("\u3099\u309a")
BREVE, CYRILLIC_I = "\u0306", frozenset("иИ")


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Case and accents folded, the one way for the index, the query and the snippet:
    "Côte" is "cote", "Straße" "strasse", "İstanbul" "istanbul", "Łódź" "lodz"; Arabic loses
    its vowel marks; Hangul, kana and й keep what makes them the letters they are."""
    if text.isascii():
        return text.lower()
    kept: list[str] = []
    for char in unicodedata.normalize("NFKD", text.casefold()):
        breve_of_i = char == BREVE and kept and kept[-1] in CYRILLIC_I
        if not unicodedata.combining(char) or char in LETTER_MARKS or breve_of_i:
            kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept)).translate(BEYOND_ACCENTS)


# Scripts written without spaces between words (Chinese, Japanese) or with particles glued
# to them (Korean): a run of their letters is indexed as overlapping pairs, as Lucene's CJK
# analyzer does. "北约军事演习" is 北约 约军 军事 事演 演习; "나토를" is 나토 토를, so that
# 나토 finds it.
CJK_LETTERS = (
    "\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff\uf900-\ufaff\uff66-\uff9f"
)
CJK = re.compile(f"[{CJK_LETTERS}]+")
_CJK_OR_NOT = re.compile(f"[{CJK_LETTERS}]+|[^{CJK_LETTERS}]+")


def is_cjk(word: str) -> bool:
    """Whether ``word`` (a token, or a term) is written in a CJK script."""
    return bool(word) and CJK.fullmatch(word[0]) is not None


def is_latin(word: str) -> bool:
    """Whether ``word`` begins with a Latin letter or a digit (or is empty)."""
    return word[:1] < "\u0370"


def is_cyrillic(word: str) -> bool:
    return "\u0400" <= word[:1] <= "\u04ff"


def is_arabic(word: str) -> bool:
    return "\u0600" <= word[:1] <= "\u06ff"


def cjk_typo_notice(word: str) -> str:
    """What a search says of a typo mark (``~``) on a CJK word, which it cannot apply."""
    return (
        f"A typo mark (~) does not apply to Chinese, Japanese or Korean words: “{word}” was "
        "searched as written."
    )


def cjk_prefix_notice(word: str) -> str:
    """What a search says of a wildcard after a CJK word of two letters or more."""
    return (
        f"A wildcard is not needed after Chinese, Japanese or Korean letters: “{word}” is found "
        "inside longer words as it is."
    )


def bigrams(run: str) -> list[str]:
    """A run of CJK letters as its overlapping pairs (a single letter stands alone)."""
    return [run[i : i + 2] for i in range(len(run) - 1)] if len(run) > 1 else [run]


def word_spans(text: str) -> list[tuple[str, int, int]]:
    """``words`` with where each lies in ``text`` (a CJK pair as written, half-width or not)."""
    spans: list[tuple[str, int, int]] = []
    for match in TOKEN.finditer(text):
        word, start = match.group(), match.start()
        if not CJK.search(word):
            spans.append((word, start, match.end()))
            continue
        for part in _CJK_OR_NOT.finditer(word):
            at = start + part.start()
            if CJK.match(part.group()):
                run = part.group()
                spans.extend(
                    (pair, at + i, at + i + len(pair)) for i, pair in enumerate(bigrams(run))
                )
            else:
                spans.extend(
                    (m.group(), at + m.start(), at + m.end()) for m in TOKEN.finditer(part.group())
                )
    return spans


def words(text: str) -> list[str]:
    """The words of ``text`` in order, a run of CJK letters as its pairs: one a position."""
    found = TOKEN.findall(text)
    if not CJK.search(text):
        return found
    split: list[str] = []
    for word in found:
        if not CJK.search(word):
            split.append(word)
            continue
        for part in _CJK_OR_NOT.findall(word):  # "NATO를": NATO, then 를
            if CJK.match(part):  # half-width kana as full-width, before pairing
                split.extend(bigrams(unicodedata.normalize("NFKC", part)))
            else:
                split.extend(TOKEN.findall(part))
    return split


_stemmers = threading.local()  # a Snowball stemmer is not to be shared between threads


def _stemmer(algorithm: str) -> Stemmer.Stemmer:
    stemmer = getattr(_stemmers, algorithm, None)
    if stemmer is None:
        stemmer = Stemmer.Stemmer(algorithm)
        setattr(_stemmers, algorithm, stemmer)
    return stemmer


def lemma(word: str) -> str:
    """A folded Russian word's dictionary form, by pymorphy3's likeliest reading: "посла" is
    "посол", "освобождены" "освободить"; a word it does not know, as its guess has it."""
    return russian_morphology().parse(word)[0].normal_form


# Latin-script languages whose texts are stemmed by their own Snowball stemmer, not English
# Porter: such a text's terms carry the language's tag ("negoci@fr"), so that they never
# meet an English word's, and a word typed is searched in each of these languages too
# (search.query.forms). Every other Latin-script text is stemmed as English.
STEMMED_LANGUAGES = {"fr": "french", "es": "spanish", "de": "german", "pt": "portuguese"}
TAG = "@"
# Where a document's text changes language, a mark says so (``marked``): a private-use
# letter per language, which no tokenizer takes for a word; RESET goes back to English.
RESET = "\ue000"
MARKS = {language: chr(0xE001 + n) for n, language in enumerate(STEMMED_LANGUAGES)}
_MARKED = re.compile(f"([{RESET}{''.join(MARKS.values())}])")
_LANGUAGE_OF_MARK = {mark: language for language, mark in MARKS.items()} | {RESET: ""}


_UNMARKED = str.maketrans(dict.fromkeys((RESET, *MARKS.values())))


def marked(parts: list[tuple[str, str]], separator: str = "\n\n") -> str:
    """(language, text) parts joined as one field, each part marked with its language when
    any is stemmed by its own; all-English (or unstemmed) text stays as it is. A mark's letter
    already in a text (a PDF's private-use glyph) is dropped, so it changes no language."""
    parts = [(language, _without_marks(text)) for language, text in parts]
    if not any(language in MARKS for language, _ in parts):
        return separator.join(text for _, text in parts)
    return separator.join(MARKS.get(language, RESET) + text for language, text in parts)


def _without_marks(text: str) -> str:
    return text.translate(_UNMARKED) if _MARKED.search(text) else text


def language_parts(text: str) -> list[tuple[str, str]]:
    """A field's text cut where its language marks stand: (language, text), "" for English."""
    if not _MARKED.search(text):
        return [("", text)]
    pieces = _MARKED.split(text)
    found = [("", pieces[0])] if pieces[0] else []
    found += [(_LANGUAGE_OF_MARK[m], t) for m, t in zip(pieces[1::2], pieces[2::2], strict=True)]
    return found


def untagged(term: str) -> str:
    """A term without its language tag: "negoci@fr" is "negoci"."""
    return term.partition(TAG)[0]


@lru_cache(maxsize=200_000)
def stem(word: str, language: str = "") -> str:
    """Stem an already folded word by the rules of its script: Snowball's English Porter for
    Latin ("negotiated", "negotiating" and "negotiate" are all "negoti"), or in a French,
    Spanish, German or Portuguese text that language's Snowball, tagged ("condenó" and
    "condenar" are "conden@es"); for Cyrillic the dictionary form stemmed by Snowball's
    Russian ("России" and "Россия" are "росс"; "посла" is "посол", which Snowball alone cuts
    to "посл"), light stemming for Arabic; CJK pairs and other scripts as they are."""
    if not word:
        return word
    if is_latin(word):
        algorithm = STEMMED_LANGUAGES.get(language)
        if algorithm is None:
            return _stemmer("porter").stemWord(word)
        return _stemmer(algorithm).stemWord(word) + TAG + language
    if is_cyrillic(word):
        return _stemmer("russian").stemWord(lemma(word))
    if is_arabic(word):
        return light_stem(word)
    return word


def stemmer_for(language: str) -> Callable[[str], str]:
    """``stem`` for the words of a text in ``language``."""
    if language not in STEMMED_LANGUAGES:
        return stem
    return lambda word: stem(word, language)


def is_searchable(word: str) -> bool:
    """Whether a word counts outside quotes: not a stop word, not a single Latin letter or
    digit (a single CJK letter is a word)."""
    folded = fold(word)
    return (len(folded) > 1 or is_cjk(folded)) and folded not in STOP


# The endings of the dictionary form a reader types for a verb or adjective, which the texts
# conjugate: Japanese する-verbs (抗議する: 抗議した), the last kana of other verbs and of
# adjectives (受け入れる: 受け入れた; 打ち上げる: 打ち上げ), and Korean 하다, 되다 and 다
# (파견하다: 파견했다). Longest first.
JAPANESE_ENDINGS = ("される", "させる", "する", *"うくぐすつぬぶむるい")
KOREAN_ENDINGS = ("시키다", "하다", "되다", "다")
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_HIRAGANA = re.compile("[\u3040-\u309f]")
_HANGUL = re.compile("[\uac00-\ud7af]+")


def stem_of_typed_word(run: str) -> str:
    """A CJK word typed in a dictionary form, less the ending its conjugations change, so
    that its pairs are found in every form: "受け入れる" is "受け入れ", "파견하다" "파견".
    At least two letters stay, with a Han letter in Japanese; anything else is as typed."""
    if _HAN.search(run) and _HIRAGANA.fullmatch(run[-1]):
        endings = JAPANESE_ENDINGS
    elif _HANGUL.fullmatch(run) and run.endswith("다"):
        endings = KOREAN_ENDINGS
    else:
        return run
    korean = endings is KOREAN_ENDINGS
    for ending in endings:
        rest = run[: -len(ending)]
        if run.endswith(ending) and len(rest) >= 2 and (korean or _HAN.search(rest)):
            return rest
    return run


# A Korean verb stem ending in a syllable without a final consonant takes the endings of its
# forms into that syllable: 보내 + 었 is 보냈 (sent), + ㄹ 보낼, + ㄴ 보낸, + ㅂ(니다) 보냅;
# 오, 우, 이, 으 and 외 change their vowel in the past: 보 + 았 is 봤, 리 + 었 렸.
_PAST_VOWELS = {8: 9, 13: 14, 20: 6, 18: 4, 11: 10}  # ㅗ ㅜ ㅣ ㅡ ㅚ -> ㅘ ㅝ ㅕ ㅓ ㅙ
_FINALS = {"past": 20, "future": 8, "adnominal": 4, "formal": 17}  # ㅆ ㄹ ㄴ ㅂ


def typed_alternatives(text: str) -> list[str]:
    """``text`` as typed, then, for a Korean verb typed in its dictionary form whose stem's
    last syllable takes its endings in (보내다), each stem so changed: "보냈", "보낼"…"""
    stem = stem_of_typed_word(text) if _HANGUL.fullmatch(text) else text
    if stem == text or not stem.endswith(tuple(chr(c) for c in range(0xAC00, 0xD7A4, 28))):
        return [text]  # not a verb, or its last syllable has a final consonant of its own
    code = ord(stem[-1]) - 0xAC00
    initial, vowel = divmod(code // 28, 21)
    forms = []
    for name, final in _FINALS.items():
        changed = _PAST_VOWELS.get(vowel, vowel) if name == "past" else vowel
        if name == "past" and stem.endswith("하"):
            changed = 1  # 하 + 였 is 했
        forms.append(stem[:-1] + chr(0xAC00 + (initial * 21 + changed) * 28 + final))
    return [text, *dict.fromkeys(forms)]


def query_words(text: str) -> list[str]:
    """The folded words of text typed outside quotes, as they are searched: stop words and
    single letters are dropped, and a CJK word typed in its dictionary form stands for every
    conjugation of it."""
    if CJK.search(text):
        text = CJK.sub(lambda run: stem_of_typed_word(run.group()), text)
    return [fold(word) for word in words(text) if is_searchable(word)]


def query_terms(text: str, language: str = "") -> list[str]:
    """The terms of text typed outside quotes (``query_words``), stemmed as a text in
    ``language`` is indexed (English by default)."""
    return [stem(word, language) for word in query_words(text)]


def transpositions(word: str) -> list[str]:
    """``word`` with each pair of neighbouring letters swapped: "nucelar" -> "nuclear"…"""
    return [
        word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        for i in range(len(word) - 1)
        if word[i] != word[i + 1]
    ]


def phrase_words(text: str) -> list[str | int]:
    """Every word of a quoted phrase: an indexed term, or a small word's code."""
    return [w if isinstance(w, int) else stem(w) for w in phrase_folded(text)]


def phrase_folded(text: str) -> list[str | int]:
    """Every word of a quoted phrase: folded, or a small word's code."""
    found: list[str | int] = []
    for word in words(text):
        folded = fold(word)
        found.append(SMALL_CODES.get(folded) or folded)
    return found
