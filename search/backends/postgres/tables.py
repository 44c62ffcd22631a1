"""The PostgreSQL index's tables, and a document as one of their rows.

One row per document: a weighted ``tsvector`` of its texts (title A, summary
B, metadata C, body D), a second one of the countries it names, the
facet columns the registry declares (``search.facets``: text for a single
value, text[] for several), and its dated span. The vectors hold the terms
of ``search.analysis``, the same as Whoosh's, written as tsvector literals:
PostgreSQL's own parser and stemmer never see the text, so a query means
the same on both backends and the highlighter marks the right words.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from search import facets
from search.analysis import SMALL_CODES, fold, language_parts, stem, words
from search.backends.base import Document

DOCUMENTS = "search_pg_document"
STATE = "search_pg_state"  # one row: the log position and the format
TERMS = "search_pg_term"  # every term ever indexed, for fuzzy words and "did you mean"
TABLES = (DOCUMENTS, STATE, TERMS)
FORMAT = 6  # bump when what a row holds changes: an older index must be rebuilt

# Weight labels of the text fields; ts_rank's weights are given in the order D, C, B, A.
LABELS = {"title": "A", "summary": "B", "meta": "C", "body": "D"}
# ts_rank's weights (each at most 1), in the order body, metadata, summary, title. A
# title counts as much as a body: ts_rank gives a word's first occurrence its full
# weight and each further one less, so a heavier title would outweigh a body about
# the query (tests/contract/test_backend.py).
RANK_WEIGHTS = "{1.0, 0.4, 1.0, 1.0}"
NORMALIZATION = 1  # divide by 1 + the logarithm of the document's length
COVER_WEIGHT = 1.0  # how much words found close together add (ts_rank_cd)
MAX_POSITION = 16383  # PostgreSQL's: later words share the last position
MAX_POSITIONS = 256  # positions PostgreSQL keeps per term and document
GAP = 100  # positions between fields and between a multi-line field's lines


def rank_sql(any_part: str, all_parts: str | None) -> tuple[str, list[str]]:
    """The score of a match, and its parameters: ts_rank over the query's parts, plus,
    with several parts, ts_rank_cd's cover density of all of them (words close together)."""
    sql = f"ts_rank('{RANK_WEIGHTS}', vector, %s::tsquery, {NORMALIZATION})"
    if all_parts is None:
        return sql, [any_part]
    cover = f"ts_rank_cd('{RANK_WEIGHTS}', vector, %s::tsquery, {NORMALIZATION})"
    return f"({sql} + {COVER_WEIGHT} * {cover})", [any_part, all_parts]


def facet_columns() -> list[tuple[str, str]]:
    """(column, SQL type) of every facet in the registry."""
    return [(f"f_{f.name}", "text[]" if f.multi else "text") for f in facets.FACETS]


def create_sql(suffix: str = "") -> list[str]:
    """Statements creating an empty index under table names ending in ``suffix``."""
    columns = ",\n".join(f"{name} {kind}" for name, kind in facet_columns())
    documents, terms = DOCUMENTS + suffix, TERMS + suffix
    return [
        f"""CREATE TABLE {documents} (
            id text PRIMARY KEY,
            version text NOT NULL,
            written bigint NOT NULL,
            vector tsvector NOT NULL,
            named tsvector NOT NULL,
            date_start date,
            date_end date,
            {columns}
        )""",
        f'CREATE TABLE {terms} (term text COLLATE "C" PRIMARY KEY, df integer NOT NULL)',
        f"CREATE TABLE {STATE}{suffix} (one boolean PRIMARY KEY DEFAULT true CHECK (one), "
        "format integer NOT NULL, facets text NOT NULL, position jsonb NOT NULL, "
        "written bigint NOT NULL DEFAULT 0)",
    ]


def index_sql(suffix: str = "") -> list[str]:
    """The indexes, built once a rebuild has filled the tables (faster than row by row)."""
    documents, terms = DOCUMENTS + suffix, TERMS + suffix
    statements = [
        f"CREATE INDEX {documents}_vector ON {documents} USING gin (vector)",
        f"CREATE INDEX {documents}_named ON {documents} USING gin (named)",
        f"CREATE INDEX {documents}_date ON {documents} (date_start)",
    ]
    if has_trigrams():
        statements.append(f"CREATE INDEX {terms}_trgm ON {terms} USING gin (term gin_trgm_ops)")
    return statements


def facet_signature() -> str:
    """The registry's facets as the index stores them: a new facet means a rebuild."""
    return ",".join(f"{name}:{kind}" for name, kind in facet_columns())


_trigrams: list[bool] = []


def has_trigrams() -> bool:
    """Whether pg_trgm is installed (set by the backend when it first connects)."""
    return bool(_trigrams and _trigrams[0])


@lru_cache(maxsize=200_000)
def _term(word: str, language: str = "") -> str | None:
    """A word's indexed term in a text of ``language``, or None for a small word
    (search.analysis)."""
    folded = fold(word)
    return None if folded in SMALL_CODES else stem(folded, language)


def quote(term: str) -> str:
    """A term as a lexeme in a tsvector or tsquery literal."""
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def facet_condition(name: str) -> str:
    """A document has any of the values given as one list parameter for facet ``name``."""
    return f"f_{name} && %s::text[]" if facets.BY_NAME[name].multi else f"f_{name} = ANY(%s)"


def vector(parts: list[tuple[str, str, bool]]) -> tuple[str, set[str]]:
    """A tsvector literal of (text, weight label, one name a line) parts, and its terms.

    Positions run on from one part to the next with a gap, so that a phrase
    never joins the end of one field (or line) to the start of the next.
    """
    positions: dict[str, list[str]] = {}
    position = 0
    for text, label, by_line in parts:
        for line in text.split("\n") if by_line else (text,):
            for language, word in _words(line):
                position += 1
                term = _term(word, language)
                if term is not None:
                    found = positions.setdefault(term, [])
                    if len(found) < MAX_POSITIONS:
                        found.append(f"{min(position, MAX_POSITION)}{label}")
            position += GAP
    literal = " ".join(f"{quote(term)}:{','.join(at)}" for term, at in positions.items())
    return literal, set(positions)


def _words(line: str) -> Iterator[tuple[str, str]]:
    """(language, word) of a line, in order: a text's versions each in their language."""
    for language, part in language_parts(line):
        for word in words(part):
            yield language, word


def row(doc: Document) -> tuple[list[object], set[str]]:
    """A document's column values (after ``id``, ``version`` and ``written``) and its terms."""
    text, terms = vector(
        [
            (doc.title, LABELS["title"], False),
            (doc.summary, LABELS["summary"], False),
            (doc.meta, LABELS["meta"], True),
            (doc.body, LABELS["body"], False),
        ]
    )
    named, _ = vector([(doc.named, "C", True)])
    dated = doc.date_start is not None and doc.date_end is not None
    values: list[object] = [
        text,
        named,
        *((doc.date_start, doc.date_end) if dated else (None, None)),
    ]
    for facet in facets.FACETS:
        found = tuple(doc.facets.get(facet.name, ()))
        values.append(list(found) if facet.multi else (found[0] if found else None))
    return values, terms


def columns() -> list[str]:
    """Every column of a document row, in the order ``row`` gives them after id and version."""
    return ["vector", "named", "date_start", "date_end", *(n for n, _ in facet_columns())]
