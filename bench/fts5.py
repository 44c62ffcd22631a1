"""The reference a user would otherwise pick: SQLite FTS5, written carefully.

Porter stemming with diacritics removed, bm25 ranking with a title weight,
``snippet()`` highlights, and facet counts by GROUP BY over one temporary
table of the matching rows. The benchmark runs the same pages against it and against our
search, interleaved.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Mapping
from pathlib import Path

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


def to_match(text: str) -> str | None:
    """Translate our query language into an FTS5 MATCH expression."""
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


class FTS5Search:
    def __init__(self, path: Path) -> None:
        self.db = sqlite3.connect(path, check_same_thread=False)

    def phrase_matches(self, words: list[str]) -> list[int]:
        """Row ids whose title or body holds ``words`` as a phrase (FTS5: stemmed)."""
        phrase = '"' + " ".join(re.sub(r"\W", "", w) for w in words) + '"'
        return [
            row[0] for row in self.db.execute("SELECT rowid FROM fts WHERE fts MATCH ?", [phrase])
        ]

    def page(self, params: Mapping) -> dict:
        """Run one search page: total, top-k with snippets, facet counts."""
        match = to_match(params.get("q", ""))
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
                f"WHERE fts MATCH ?{filters} ORDER BY rank LIMIT 20 OFFSET ?",
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
        return {"total": total, "hits": rows, "facets": facets}
