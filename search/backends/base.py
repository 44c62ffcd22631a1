"""The search backend interface and the values that cross it.

A backend indexes ``Document`` values and answers ``SearchQuery`` values with
``SearchResults``. Nothing here knows Django models or a search engine: the
archive's side builds documents (``search.documents``), a backend module
stores and searches them (``search.backends.whoosh``).
"""

from __future__ import annotations

import abc
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

# Facets a search can filter on and count, in the order pages show them.
FACETS: tuple[str, ...] = ("issuer", "country", "kind", "event", "language", "decade", "year")

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


class IndexBusy(RuntimeError):
    """The index is locked by another writer or rebuild for longer than allowed."""


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
    countries: str = ""  # names and aliases of the countries involved
    events: str = ""  # names of the referenced events
    source_id: str = ""
    date: dt.date | None = None
    date_precision: str = "day"
    date_start: dt.date | None = None  # first and last day the date may stand for
    date_end: dt.date | None = None
    # Facet values: slugs or codes, as the API's parameters accept them.
    facets: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


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
    with_facets: bool = True
    with_snippets: bool = True


@dataclass(frozen=True)
class Hit:
    id: str
    score: float
    snippet: str  # HTML: escaped text with matched words in <mark>


@dataclass(frozen=True)
class FacetValue:
    value: str
    count: int
    selected: bool = False


@dataclass(frozen=True)
class SearchResults:
    total: int
    hits: tuple[Hit, ...]
    facets: Mapping[str, tuple[FacetValue, ...]]
    page: int
    page_size: int
    suggestion: str | None = None
    notices: tuple[str, ...] = ()


class SearchBackend(abc.ABC):
    """Store documents and answer queries; one instance per process."""

    def __init__(self, options: Mapping[str, object]) -> None:
        self.options = dict(options)

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
    def rebuild(self, documents: Iterable[Document]) -> int:
        """Build a fresh index from ``documents`` and swap it in atomically."""

    @abc.abstractmethod
    def stored_versions(self) -> dict[str, str]:
        """Return id -> version for every indexed document, for drift checks."""

    @abc.abstractmethod
    def more_like_this(self, id: str, limit: int = 5) -> list[str]:
        """Return ids of the documents most similar to document ``id``."""

    def is_outdated(self) -> bool:
        """Whether the index was written in a format this code no longer reads."""
        return False

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release open files; the backend reopens them when next used."""
