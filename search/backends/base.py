"""The search backend interface and the values that cross it.

A backend indexes ``Document`` values and answers ``SearchQuery`` values with
``SearchResults``. Nothing here knows Django models or a search engine: the
archive's side builds documents (``search.documents``), a backend module
stores and searches them (``search.backends.whoosh``).
"""

from __future__ import annotations

import abc
import bisect
import contextlib
import datetime as dt
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from enum import StrEnum
from typing import ClassVar, NamedTuple, Protocol

from django.core import checks

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


class IndexBusy(RuntimeError):
    """The index is locked by another writer or rebuild for longer than allowed."""


class IndexUnavailable(RuntimeError):
    """There is no index, or it cannot be read: searches must say so, never show nothing."""


class IndexBehind(RuntimeError):
    """The index is further behind than the change log reaches back: rebuild it."""


class Sort(StrEnum):
    RELEVANCE = "relevance"
    NEWEST = "newest"
    OLDEST = "oldest"


@dataclass(frozen=True)
class Document:
    """One published statement as the index sees it."""

    id: str
    version: str
    slug: str
    title: str
    body: str
    summary: str = ""
    issuer: str = ""  # issuer and co-issuers: names and aliases
    speaker: str = ""  # speaker and post
    countries: str = ""  # names and aliases of the issuing country
    named: str = ""  # names and aliases of the countries the statement names
    events: str = ""  # names of the referenced events
    source_id: str = ""
    date: dt.date | None = None
    date_precision: str = "day"
    date_start: dt.date | None = None  # first and last day the date may stand for
    date_end: dt.date | None = None
    # Facet values: slugs or codes, as the API's parameters accept them.
    facets: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def meta(self) -> str:
        """The metadata a query's words also search, one name a line: who, where, what, when."""
        return "\n".join(
            filter(None, [self.issuer, self.speaker, self.countries, self.events, self.date_words])
        )

    @property
    def date_words(self) -> str:
        """The issue date as people type it in a query: "2024", or "July 2024"."""
        if self.date is None:
            return ""
        if self.date_precision == "year":
            return str(self.date.year)
        return f"{MONTHS[self.date.month - 1]} {self.date.year}"


@dataclass(frozen=True)
class SearchQuery:
    """What a user asked for: text, facet filters, a date range, an order, a page."""

    text: str = ""
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    sort: Sort = Sort.RELEVANCE
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE
    facet_limit: int = 50  # values returned per facet, most frequent first
    # Facets returned with every value whatever ``facet_limit`` says: the search page's
    # years, which its histogram draws.
    facets_in_full: frozenset[str] = frozenset()
    with_facets: bool = True
    with_snippets: bool = True  # read by the caller, which cuts them
    # Two facets whose value pairs to count over the hits (``SearchResults.pairs``):
    # "who talks about whom" is ("country", "named"). The first is single-valued.
    pairs: tuple[str, str] | None = None
    # Seconds this search may take, if less than the backend's own time budget: a trends
    # request shares one budget among its searches (search.trends.computing).
    budget: float | None = None
    # The English names of the countries a text typed names in another language (朝鲜:
    # "North Korea"), which the query searches too; the archive's (search.country_names)
    # when run by ``search.searching``, none for a backend called on its own.
    country_names: Callable[[str], tuple[str, ...]] | None = None

    def facet_limit_of(self, name: str) -> int | None:
        """How many values of facet ``name`` to return, most frequent first (None: all)."""
        return None if name in self.facets_in_full else self.facet_limit


@dataclass(frozen=True)
class Hit:
    id: str
    score: float
    # HTML: escaped text with matched words in <mark>. Backends leave it empty;
    # the caller cuts it from the texts it loads (search.searching).
    snippet: str = ""
    # The language of the version of the text the snippet was cut from (the caller's too).
    language: str = ""


# Close terms a backend offers for each unknown word; the caller keeps the closest.
CORRECTION_CANDIDATES = 4


@dataclass(frozen=True)
class Correction:
    """A word of the query no document holds, and indexed terms one or two edits away,
    or stems it starts with.

    ``candidates`` are (term, id of a document holding it), most common first:
    the caller reads how that document writes the term, and suggests the written
    word closest to the one typed, for "did you mean".
    """

    start: int  # where the word stands in the query text
    word: str
    candidates: tuple[tuple[str, str], ...]


class FacetValue(NamedTuple):
    """A facet value and how many hits have it (a tuple: a search page makes hundreds,
    several times faster than frozen dataclasses)."""

    value: str
    count: int
    selected: bool = False


@dataclass(frozen=True)
class SearchResults:
    total: int
    hits: tuple[Hit, ...]
    facets: Mapping[str, Sequence[FacetValue]]  # search.backends.facet_values.FacetValues
    page: int
    page_size: int
    suggestion: str | None = None  # the query rewritten: filled by the caller from corrections
    notices: tuple[str, ...] = ()
    # Terms to mark in snippets (search.analysis: stems, or small words as typed).
    highlight: frozenset[str] = frozenset()
    corrections: tuple[Correction, ...] = ()
    # With ``SearchQuery.pairs``: (first value, second value) -> hits having both.
    pairs: Mapping[tuple[str, str], int] = field(default_factory=dict)
    # False when the search ran out of time: its counts are not to be read as counts.
    complete: bool = True


@dataclass(frozen=True)
class Gap:
    """Log positions ``first``..``last`` that were not committed when an index passed them."""

    first: int
    last: int
    missed_at: float  # when the index first passed them (epoch seconds)


@dataclass(frozen=True)
class LogPosition:
    """How far an index has applied the change log.

    Every position up to ``high`` is applied, except ``gaps``: positions
    another transaction had taken but not yet committed when the index
    passed them (PostgreSQL hands out positions in start order, and commits
    in any order). A gap is looked for again until it is ``grace`` seconds old;
    after that it is taken to be a rollback. Gaps are ranges, so one long
    transaction is one gap however many rows it writes.
    """

    high: int = 0
    gaps: tuple[Gap, ...] = ()

    MAX_GAPS: ClassVar[int] = 1000  # more open gaps than this: the index must be rebuilt

    def advance(
        self, seen: Iterable[int], now: float, grace: float, expire: bool = True
    ) -> LogPosition:
        """The position after applying the log rows ``seen``.

        ``seen`` is every row after this position, or, with ``expire`` off,
        the first part of them (a batch cut at its limit: gaps it did not
        reach may have committed rows in the part not read yet).
        """
        seen = sorted(set(seen))
        filled = [p for p in seen if p <= self.high]
        gaps = [piece for gap in self.gaps for piece in _without(gap, filled)]
        high = self.high
        for position in seen:
            if position > high + 1:
                gaps.append(Gap(high + 1, position - 1, now))
            high = max(high, position)
        if expire:
            gaps = [gap for gap in gaps if now - gap.missed_at < grace]
        if len(gaps) > self.MAX_GAPS:
            raise IndexBehind(
                f"More than {self.MAX_GAPS} ranges of uncommitted changes are open: "
                "the index must be rebuilt."
            )
        return LogPosition(high, tuple(sorted(gaps, key=lambda gap: gap.first)))

    def to_json(self) -> dict:
        return {"high": self.high, "gaps": [[g.first, g.last, g.missed_at] for g in self.gaps]}

    @classmethod
    def from_json(cls, data: Mapping) -> LogPosition:
        gaps = tuple(Gap(int(a), int(b), float(t)) for a, b, t in data.get("gaps", ()))
        return cls(int(data["high"]), gaps)


def _without(gap: Gap, positions: list[int]) -> list[Gap]:
    """``gap`` less the sorted ``positions`` that have appeared in it."""
    pieces, start = [], gap.first
    for position in positions[bisect.bisect_left(positions, gap.first) :]:
        if position > gap.last:
            break
        if position > start:
            pieces.append(Gap(start, position - 1, gap.missed_at))
        start = position + 1
    if start <= gap.last:
        pieces.append(Gap(start, gap.last, gap.missed_at))
    return pieces


@dataclass(frozen=True)
class Pending:
    """What an index owes: statement ids to re-read, and its position once they are applied."""

    ids: frozenset[str]
    position: LogPosition
    more: bool = False  # the batch was cut at its limit: more rows follow


class ChangeFeed(Protocol):
    """The archive's side of catching up: the change log and the current documents."""

    def snapshot(self) -> LogPosition:
        """The log's position now: what a full read of the database starting now includes."""

    def pending(self, since: LogPosition, limit: int | None = None) -> Pending:
        """Rows after ``since`` (at most ``limit``); raise IndexBehind if they were pruned."""

    def load(self, ids: Collection[str]) -> Iterable[Document]:
        """The current documents of those ids that are published; the rest are removed."""


class SearchBackend(abc.ABC):
    """Store documents and answer queries; one instance per process."""

    # Where this backend knowingly departs from the contract, by name, in words for
    # the docs: the contract tests check the documented behaviour instead.
    differences: ClassVar[Mapping[str, str]] = {}
    # Whether writes join the caller's database transaction (search.sync.indexing then
    # writes at once instead of after the commit).
    transactional: ClassVar[bool] = False

    def __init__(self, options: Mapping[str, object]) -> None:
        self.options = dict(options)

    @classmethod
    def check(cls, config: Mapping[str, object]) -> list[checks.CheckMessage]:
        """Django system-check messages about this backend's ``config`` (search/checks.py)."""
        return []

    @abc.abstractmethod
    def index(self, documents: Iterable[Document]) -> int:
        """Add or replace documents in one commit; return how many were written."""

    @abc.abstractmethod
    def remove(self, ids: Iterable[str]) -> None:
        """Remove documents by id; unknown ids are ignored."""

    @abc.abstractmethod
    def search(self, query: SearchQuery) -> SearchResults:
        """Return a page of hits, the total, facet counts and a suggestion."""

    @abc.abstractmethod
    def rebuild(self, documents: Iterable[Document], feed: ChangeFeed | None = None) -> int:
        """Build a fresh index from ``documents`` and swap it in atomically.

        With a ``feed``, the log position is taken before ``documents`` is
        read, and what changed while the build ran is applied before the swap.
        """

    @abc.abstractmethod
    def exists(self) -> bool:
        """Whether there is an index to search (a missing one is never created by reading)."""

    @abc.abstractmethod
    def position(self) -> LogPosition | None:
        """How far the index has applied the change log; None if there is no index."""

    @abc.abstractmethod
    def catch_up(
        self,
        feed: ChangeFeed,
        also: Collection[str] = (),
        limit: int | None = None,
        wait: float | None = None,
    ) -> Pending:
        """Apply the log rows after the stored position, and the ids ``also``, in one commit.

        The documents are read after the index's write lock is taken, and a
        document whose stored version is the current one is not rewritten:
        a writer that waited for the lock can never put back an older
        version. The new position is stored with the same commit. ``wait``
        bounds the wait for the lock (IndexBusy); None waits as long as the
        backend's lock timeout. Return what was applied.
        """

    @abc.abstractmethod
    def stored_versions(self) -> dict[str, str]:
        """Return id -> version for every indexed document, for drift checks."""

    @abc.abstractmethod
    def more_like_this(self, id: str, text: str, limit: int = 5, language: str = "") -> list[str]:
        """Ids of the documents most like document ``id`` (its ``text``, in ``language``)."""

    def is_outdated(self) -> bool:
        """Whether the index was written in a format this code no longer reads."""
        return False

    def generation(self) -> str | None:
        """Names the live index: it changes when a rebuild swaps a new one in."""
        return None

    def merge_step(self, pressing: bool = False) -> bool:
        """Do a bounded piece of housekeeping the writes left (merging small segments), if
        any is due and the index is free; return whether it did. The indexer calls it
        in a quiet moment, and with ``pressing`` between busy rounds, when only a pile
        of small segments that slows searches is worth the delay."""
        return False

    def needs_compaction(self, busy: bool = False) -> bool:
        """Whether incremental writes left the index in a shape a rebuild would speed up;
        ``busy``: changes keep coming, so only if the shape cannot wait for a quiet moment."""
        return False

    def indexer_lock(self, wait: float | None = None) -> AbstractContextManager[None]:
        """Held by the one indexer (``search.sync.indexer``) of this index while it runs; a second
        waits up to ``wait`` seconds (None: until the first stops), else IndexBusy."""
        return contextlib.nullcontext()

    def indexer_beat(self) -> None:  # noqa: B027 - optional hook
        """Note that this index's indexer is alive (for ``indexer_seen``)."""

    def indexer_seen(self) -> float | None:
        """Seconds since this index's indexer last beat; None if it never ran here (a backend
        that writes in the database's transactions needs no indexer: None)."""
        return None

    def refresh(self) -> None:  # noqa: B027 - optional hook
        """Open the latest commit now, if kept open: between requests (``search.web.warming``)."""

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release open files; the backend reopens them when next used."""
