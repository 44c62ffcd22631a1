"""Known-item checks on the benchmark's corpus: does the one right speech come first?

Three kinds, each on a fixed, deterministic sample of speeches:

- "speaker surname, country, year" typed as plain words;
- eight consecutive words from a third of the way into the speech, quoted;
- five consecutive words, at least three of them stop words, quoted, that
  occur in exactly one speech: the search must find that speech and no other.

A speech "contains" a phrase when its words, case and accents folded and
stemmed (Porter), come in that order: how docs/readers/search.md says quoted phrases
match. Candidates come from FTS5's phrase match and our own results.
"""

from __future__ import annotations

import re
import unicodedata

from whoosh.lang.porter import stem as porter_stem

# Common English words: a phrase mostly made of them is the hard case for exactness.
STOP_WORDS = frozenset(
    {"a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in"}
    | {"is", "it", "its", "of", "on", "or", "that", "the", "this", "to", "was", "we", "were"}
    | {"which", "will", "with"}
)
SAMPLE = 60
COMMON_PHRASES = 40


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def stems(text: str) -> list[str]:
    return [porter_stem(fold(word)) for word in words(text)]


def contains(text: str, phrase_words: list[str]) -> bool:
    """Whether ``text`` holds the phrase as search matches phrases: same stems, in order."""
    wanted, found = stems(" ".join(phrase_words)), stems(text)
    size = len(wanted)
    return any(found[i : i + size] == wanted for i in range(len(found) - size + 1))


def speeches(Statement) -> list:
    """Speeches with a speaker and a date, in source order."""
    return list(
        Statement.objects.published()
        .exclude(speaker="")
        .exclude(issued_on=None)
        .select_related("issuer__country")
        .order_by("source_id")
    )


def sample(all_speeches: list) -> list:
    return all_speeches[:: max(1, len(all_speeches) // SAMPLE)][:SAMPLE]


def first_hit(backend, SearchQuery, text: str) -> str | None:
    query = SearchQuery(text=text, page_size=1, with_facets=False, with_snippets=False)
    hits = backend.search(query).hits
    return hits[0].id if hits else None


def speaker_country_year(backend, SearchQuery, Statement) -> str:
    """ "found of asked": speeches first for "speaker surname, country, year"."""
    named = [s for s in sample(speeches(Statement)) if s.issuer.country]
    found = 0
    for speech in named:
        text = f"{speech.speaker.split()[-1]} {speech.issuer.country.name} {speech.issued_on.year}"
        found += first_hit(backend, SearchQuery, text) == str(speech.pk)
    return f"{found}/{len(named)}"


def eight_word_phrases(backend, SearchQuery, Statement) -> str:
    """ "found of asked": speeches first for eight of their words, quoted."""
    chosen = sample(speeches(Statement))
    found = 0
    for speech in chosen:
        body = words(speech.body)
        start = len(body) // 3
        phrase = '"' + " ".join(body[start : start + 8]) + '"'
        found += first_hit(backend, SearchQuery, phrase) == str(speech.pk)
    return f"{found}/{len(chosen)}"


def common_phrases(backend, SearchQuery, Statement, reference) -> tuple[str, list[dict]]:
    """ "exact of asked" for quoted five-word phrases of common words found in one speech."""
    everything = speeches(Statement)
    checked = exact = 0
    misses = []
    for speech in everything[:: max(1, len(everything) // (COMMON_PHRASES * 4))]:
        if checked >= COMMON_PHRASES:
            break
        phrase = _common_phrase(speech.body)
        if phrase is None:
            continue
        candidates = {str(pk) for pk in reference.phrase_matches(phrase)}
        results = backend.search(
            SearchQuery(text=f'"{" ".join(phrase)}"', page_size=100, with_facets=False)
        )
        ours = {hit.id for hit in results.hits}
        texts = Statement.objects.filter(pk__in=candidates | ours | {str(speech.pk)})
        truth = {str(pk) for pk, body in texts.values_list("pk", "body") if contains(body, phrase)}
        if truth != {str(speech.pk)}:
            continue  # the phrase occurs in more than one speech: not a known item
        checked += 1
        if ours == truth and results.total == 1:
            exact += 1
        else:
            misses.append({"phrase": " ".join(phrase), "found": results.total})
    return f"{exact}/{checked}", misses


def run(backend, SearchQuery, Statement, reference) -> dict:
    """All three checks, for the benchmark's report."""
    exact, misses = common_phrases(backend, SearchQuery, Statement, reference)
    return {
        "speaker_country_year": speaker_country_year(backend, SearchQuery, Statement),
        "eight_word_phrases": eight_word_phrases(backend, SearchQuery, Statement),
        "common_phrases_only_their_speech": exact,
        "common_phrase_misses": misses[:10],
    }


def _common_phrase(body: str) -> list[str] | None:
    """Five consecutive words, three or more of them stop words, from the middle on."""
    body_words = words(body)
    for start in range(len(body_words) // 2, len(body_words) - 5):
        window = body_words[start : start + 5]
        stops = sum(fold(w) in STOP_WORDS for w in window)
        if stops >= 3 and all(w.isalpha() for w in window):
            return window
    return None
