"""The reference a user would otherwise pick: SQLite FTS5, written carefully.

Porter stemming with diacritics removed, bm25 ranking with a title weight,
``snippet()`` highlights, and facet counts by GROUP BY over one temporary
table of the matching rows. Typos get the page ours gives: ``word~`` searches
the indexed stems one edit away, and a query that finds fewer than five
statements suggests, for each word the index lacks, its most common stem one
(or, for longer words, two) edits away, as a document writes it. Both read the
index's own vocabulary (``fts5vocab``). The benchmark runs the same pages
against it and against our search, interleaved.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Mapping
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import OSA
from whoosh.lang.porter import stem

SCHEMA = """
CREATE TABLE docs (
    rowid INTEGER PRIMARY KEY, issuer TEXT, country TEXT, kind TEXT, language TEXT,
    year TEXT, decade TEXT, date_start INTEGER, date_end INTEGER
);
CREATE TABLE doc_events (rowid INTEGER, event TEXT);
CREATE INDEX doc_events_rowid ON doc_events (rowid);
CREATE VIRTUAL TABLE fts USING fts5(
    title, body, tokenize = 'porter unicode61 remove_diacritics 2'
);
"""

SUGGEST_BELOW = 5  # as our page: "did you mean" under five hits
FACET_COLUMNS = ("issuer", "country", "kind", "language", "year", "decade")
# Phrases, parentheses, and runs of anything else (as our own parser reads words).
_TOKEN = re.compile(r'"[^"]*"?|\(|\)|[^\s()"]+')


def build(path: Path, rows: Iterable[Mapping]) -> int:
    """Create the FTS5 database at ``path`` from statement rows; return the count."""
    path.unlink(missing_ok=True)
    db = sqlite3.connect(path)
    db.executescript(SCHEMA)
    count = 0
    for row in rows:
        db.execute(
            "INSERT INTO docs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                row["id"],
                row["issuer"],
                row["country"],
                row["kind"],
                row["language"],
                row["year"],
                row["decade"],
                row["date_start"],
                row["date_end"],
            ),
        )
        db.executemany(
            "INSERT INTO doc_events VALUES (?, ?)", [(row["id"], e) for e in row["events"]]
        )
        db.execute(
            "INSERT INTO fts (rowid, title, body) VALUES (?, ?, ?)",
            (row["id"], row["title"], row["body"]),
        )
        count += 1
    db.execute("INSERT INTO fts (fts, rank) VALUES ('rank', 'bm25(1.5, 1.0)')")
    db.execute("INSERT INTO fts (fts) VALUES ('optimize')")
    db.commit()
    db.close()
    return count


def to_match(text: str, near=None) -> str | None:
    """Translate our query language into an FTS5 MATCH expression.

    ``near(word)`` gives the indexed stems one edit from a ``word~``.
    """
    positives, negatives, negate = [], [], False
    for token in _TOKEN.findall(text or ""):
        if token in ("AND",):
            continue
        if token == "NOT":
            negate = True
            continue
        if token == "OR":
            if positives and positives[-1] not in ("OR", "("):
                positives.append("OR")
            continue
        if token in ("(", ")"):
            positives.append(token)
            continue
        if token.startswith("-"):
            negate, token = True, token[1:]
        token = token.split(":")[-1]
        if token.startswith('"'):
            words = re.findall(r"\w+", token)
            term = '"' + " ".join(words) + '"' if words else None
        elif token.endswith("~") and near and len(words := re.findall(r"\w+", token)) == 1:
            found = sorted({stem(words[0].lower()), *near(words[0])})
            term = "(" + " OR ".join(f'"{w}"' for w in found) + ")"
        else:
            # FTS5's tokenizer splits "Non-Aligned" or "COVID-19" into a phrase of two
            # tokens, as our search splits them into two words.
            words = re.findall(r"\w+", token)
            prefix = token.endswith("*") and len(words) == 1 and len(words[0]) >= 3
            joined = " ".join(words)
            term = (f'"{joined}"*' if prefix else f'"{joined}"') if words else None
        if term:
            (negatives if negate else positives).append(term)
        negate = False
    while positives and positives[-1] in ("OR", "("):
        positives.pop()
    depth = 0
    balanced = []
    for part in positives:
        if part == "(":
            depth += 1
        elif part == ")":
            if depth == 0:
                continue
            depth -= 1
        balanced.append(part)
    balanced += [")"] * depth
    joined: list[str] = []
    for part in balanced:
        operand_start = part not in ("OR", ")")
        if joined and operand_start and joined[-1] not in ("OR", "(", "AND"):
            joined.append("AND")  # FTS5 wants an explicit AND after a group
        joined.append(part)
    expression = " ".join(joined).replace("( )", "").replace("OR )", ")").strip()
    if not expression:
        return None
    if negatives:
        expression = f"({expression}) NOT ({' OR '.join(negatives)})"
    return expression


TITLE_WEIGHT = 1.5  # stock: the rank the table is built with
TUNED_TITLE_WEIGHT = 0.25  # the best on the tuning needs (python -m bench.relevance.references)


class FTS5Search:
    def __init__(self, path: Path, title_weight: float = TITLE_WEIGHT) -> None:
        # The table's own rank (the fast path) unless another title weight is asked for.
        self.rank = "rank" if title_weight == TITLE_WEIGHT else f"bm25(fts, {title_weight!r}, 1.0)"
        self.db = sqlite3.connect(path, check_same_thread=False)
        self.db.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab USING fts5vocab(main, fts, row)"
        )

    def near(self, word: str, distance: int = 1, prefix: int = 1) -> list[str]:
        """Indexed stems within ``distance`` edits of ``word``'s stem, sharing its first letters."""
        target = stem(word.lower())
        head = target[:prefix]
        stems = [
            row[0]
            for row in self.db.execute(
                "SELECT term FROM vocab WHERE term >= ? AND term < ?", [head, head + "\uffff"]
            )
        ]
        matches = process.extract(
            target, stems, scorer=OSA.distance, score_cutoff=distance, limit=None
        )
        return [match for match, _, _ in matches]

    def suggest(self, text: str) -> str | None:
        """``text`` with each word the index lacks replaced by a close word, as written."""
        replacements = []
        for found in re.finditer(r"(?<![\w~*])[^\W\d_]{3,}(?![\w~*])", text):
            word = found.group()
            if self.db.execute(
                "SELECT 1 FROM vocab WHERE term = ?", [stem(word.lower())]
            ).fetchone():
                continue
            close = self.near(word) or (self.near(word, 2, 2) if len(word) > 4 else [])
            # A typo in a suffix leaves the word unstemmed: the longest stem it starts with.
            folded = word.lower()
            for end in range(len(folded) - 1, 4, -1):
                if self.db.execute("SELECT 1 FROM vocab WHERE term = ?", [folded[:end]]).fetchone():
                    close.append(folded[:end])
                    break
            if not close:
                continue
            best = self.db.execute(
                f"SELECT term FROM vocab WHERE term IN ({','.join('?' * len(close))}) "
                "ORDER BY doc DESC LIMIT 1",
                close,
            ).fetchone()[0]
            shown = self.db.execute(
                "SELECT snippet(fts, -1, char(2), char(3), '', 1) FROM fts WHERE fts MATCH ? "
                "LIMIT 1",
                [f'"{best}"'],
            ).fetchone()
            written = re.search("\x02(.*?)\x03", shown[0]) if shown else None
            if written:
                replacements.append((found.start(), found.end(), written.group(1).lower()))
        for start, end, written in reversed(replacements):
            text = text[:start] + written + text[end:]
        return text if replacements else None

    def phrase_matches(self, words: list[str]) -> list[int]:
        """Row ids whose title or body holds ``words`` as a phrase (FTS5: stemmed)."""
        phrase = '"' + " ".join(re.sub(r"\W", "", w) for w in words) + '"'
        return [
            row[0] for row in self.db.execute("SELECT rowid FROM fts WHERE fts MATCH ?", [phrase])
        ]

    def page(self, params: Mapping) -> dict:
        """Run one search page: total, top-k with snippets, facet counts."""
        match = to_match(params.get("q", ""), self.near)
        where, args = [], []
        for column, key in (("country", "country"), ("decade", "decade"), ("year", "year")):
            values = params.get(key)
            values = [values] if isinstance(values, str) else values
            if values:
                where.append(f"d.{column} IN ({','.join('?' * len(values))})")
                args += values
        if params.get("from"):
            where.append("d.date_end >= ?")
            args.append(int(params["from"].replace("-", "").ljust(8, "0")))
        if params.get("to"):
            where.append("d.date_start <= ?")
            args.append(int(params["to"].replace("-", "").ljust(8, "9")))
        filters = (" AND " + " AND ".join(where)) if where else ""
        page = int(params.get("page", 1))
        sort = params.get("sort", "relevance")
        # Materialise the matching rows once; every count groups over them.
        self.db.execute("DROP TABLE IF EXISTS temp.hits")
        if match:
            self.db.execute(
                "CREATE TEMP TABLE hits AS SELECT d.* FROM fts JOIN docs d ON d.rowid = fts.rowid "
                f"WHERE fts MATCH ?{filters}",
                [match, *args],
            )
        else:
            self.db.execute(
                f"CREATE TEMP TABLE hits AS SELECT d.* FROM docs d WHERE 1{filters}", args
            )
        cte_args = [match, *args] if match else list(args)
        total = self.db.execute("SELECT count(*) FROM hits").fetchone()[0]
        facets = {}
        for column in FACET_COLUMNS:
            facets[column] = self.db.execute(
                f"SELECT {column}, count(*) FROM hits GROUP BY {column} ORDER BY 2 DESC LIMIT 50"
            ).fetchall()
        facets["event"] = self.db.execute(
            "SELECT e.event, count(*) FROM hits JOIN doc_events e USING (rowid) "
            "GROUP BY e.event ORDER BY 2 DESC LIMIT 50"
        ).fetchall()
        offset = (page - 1) * 20
        if match and sort == "relevance":
            rows = self.db.execute(
                "SELECT fts.rowid, snippet(fts, 1, '<mark>', '</mark>', '…', 32) "
                "FROM fts JOIN docs d ON d.rowid = fts.rowid "
                f"WHERE fts MATCH ?{filters} ORDER BY {self.rank} LIMIT 20 OFFSET ?",
                [match, *args, offset],
            ).fetchall()
        else:
            order = "DESC" if sort != "oldest" else "ASC"
            snippet = "snippet(fts, 1, '<mark>', '</mark>', '…', 32)" if match else "''"
            source = (
                f"fts JOIN docs d ON d.rowid = fts.rowid WHERE fts MATCH ?{filters}"
                if match
                else f"docs d WHERE 1{filters}"
            )
            rows = self.db.execute(
                f"SELECT d.rowid, {snippet} FROM {source} "
                f"ORDER BY d.date_start = 0, d.date_start {order} LIMIT 20 OFFSET ?",
                [*cte_args, offset],
            ).fetchall()
        suggestion = None
        if match and total < SUGGEST_BELOW:
            suggestion = self.suggest(params.get("q", ""))
        return {"total": total, "hits": rows, "facets": facets, "suggestion": suggestion}
