"""Each segment's word list, held in memory, for typo lookups (``word~`` and "did you mean")
and prefixes (``word*``).

Whoosh's ``terms_within`` walks every term that shares the typed prefix
through a pure-Python Damerau-Levenshtein: 12,620 calls, about 35 ms, for
"disarmamnet" on the full corpus. The word lists are small (about 35,000
body terms in a segment of 5,500 speeches, 3 MB), so each field's list is
read once per segment and process, kept sorted, and searched with
rapidfuzz's optimal-string-alignment distance, in C, over the terms that
share the prefix. A transposition counts as one edit, as it always has here.
Segments never change once written (deletions leave their terms in place,
as in Whoosh's own lexicon), so a list is cached for the segment's life.
"""

from __future__ import annotations

from bisect import bisect_left

from rapidfuzz import process
from rapidfuzz.distance import OSA

from search.analysis import MAX_TYPO_LENGTH, transpositions
from search.backends.whoosh import internals


class SegmentTerms:
    """A segment's sorted terms per field, read on first use: a small segment's every field
    at once (``internals.small_segment_terms``), a large one's a field at a time."""

    def __init__(self) -> None:
        self._fields: dict[str, list[str]] = {}
        self._small: dict[str, list[bytes]] | None = None
        self._read = False

    def read_small(self, reader) -> bool:
        """Read a small segment's every term at once, if not yet; whether it is small."""
        if not self._read:
            self._small, self._read = internals.small_segment_terms(reader), True
        return self._small is not None

    def terms(self, reader, fieldname: str) -> list[str]:
        found = self._fields.get(fieldname)
        if found is None:
            self.read_small(reader)
            try:
                raw = self._small.get(fieldname, ()) if self._small is not None else None
                if raw is None:
                    raw = reader.lexicon(fieldname)
                found = [t.decode() if isinstance(t, bytes) else t for t in raw]
            except Exception:  # a field no document of the segment has
                found = []
            self._fields[fieldname] = found  # sorted: UTF-8 order is code point order
        return found

    def lacks(self, reader, fieldname: str, term: str) -> bool:
        """Whether the segment surely has no ``term`` in ``fieldname``, from its word list
        in memory: a small segment's, read whole on first use, or a large one's already
        read. A new segment is small, and holds few of the words searched: its word list
        answers for it instead of a hash lookup in its term file a word (``read_postings``).
        """
        words = self._fields.get(fieldname)
        if words is None:
            if not self.read_small(reader):
                return False  # a large segment's: not read for this
            words = self.terms(reader, fieldname)
        at = bisect_left(words, term)
        return at == len(words) or words[at] != term


class Lexicon:
    """The word lists of a searcher's segments, each with its reader."""

    def __init__(self, segments: list[tuple[SegmentTerms, object]]) -> None:
        self.segments = segments

    def within(self, fieldname: str, term: str, distance: int, prefix: int) -> set[str]:
        """Indexed terms of a field at most ``distance`` edits from ``term``, keeping the
        first ``prefix`` letters as typed. A term longer than ``MAX_TYPO_LENGTH`` is nobody's
        typo, and expands to nothing."""
        if len(term) > MAX_TYPO_LENGTH:
            return set()
        head = term[:prefix]
        found: set[str] = set()
        for segment, reader in self.segments:
            words = segment.terms(reader, fieldname)
            low = bisect_left(words, head)
            high = bisect_left(words, head + "\U0010ffff", low)
            matches = process.extract(
                term, words[low:high], scorer=OSA.distance, score_cutoff=distance, limit=None
            )
            found.update(match for match, _, _ in matches)
        return found

    def with_prefix(self, fieldname: str, prefix: str) -> list[str]:
        """Indexed terms of a field that start with ``prefix``, sorted. Whoosh's
        ``expand_prefix`` walks each segment's term file on disk: a prefix searched while
        writers write, over some 20 segments, took ten times as long as over two."""
        found: set[str] = set()
        for segment, reader in self.segments:
            words = segment.terms(reader, fieldname)
            low = bisect_left(words, prefix)
            found.update(words[low : bisect_left(words, prefix + "\U0010ffff", low)])
        return sorted(found)

    def contains(self, fieldname: str, term: str) -> bool:
        for segment, reader in self.segments:
            words = segment.terms(reader, fieldname)
            at = bisect_left(words, term)
            if at < len(words) and words[at] == term:
                return True
        return False

    def one_edit_away(self, fieldname: str, term: str, prefix: int) -> set[str]:
        """Indexed terms one edit from ``term``; swapped neighbours anywhere, the first
        ``prefix`` letters included, count as one edit too."""
        if len(term) > MAX_TYPO_LENGTH:
            return set()
        found = self.within(fieldname, term, 1, prefix)
        found.update(t for t in transpositions(term) if self.contains(fieldname, t))
        return found
