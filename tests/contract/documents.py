"""Plain documents for the contract, and a backend called as the archive calls it."""

import datetime as dt

from search import searching
from search.analysis import language_parts, marked
from search.backends.base import Document
from search.documents import Texts


def doc(
    id,
    title,
    body,
    *,
    year=2020,
    issuer="gov-a",
    country="AAA",
    kind="speech",
    language="en",
    **extra,
):
    """A document of one year, with every facet the registry declares; its texts marked
    with their language as the archive's documents are (search.documents)."""
    date = dt.date(year, 1, 1) if year else None
    facets = {
        "issuer": (issuer,),
        "country": (country,),
        "kind": (kind,),
        "language": (language,),
        "event": extra.pop("events", ()),
        "named": extra.pop("named", ()),
        "year": (str(year),) if year else (),
        "decade": (f"{year // 10 * 10}s",) if year else (),
    }
    return Document(
        id=str(id),
        version=extra.pop("version", "v1"),
        issuer=extra.pop("issuer_text", ""),
        slug=f"doc-{id}",
        title=marked([(language, title)]),
        body=marked([(language, body)]),
        summary=marked([(language, extra.pop("summary", ""))]),
        date=date,
        date_precision="year",
        date_start=date,
        date_end=dt.date(year, 12, 31) if year else None,
        facets=facets,
        **extra,
    )


def unmarked(text: str) -> str:
    """A document's text as a reader sees it, without its language marks."""
    return "".join(part for _, part in language_parts(text))


class Caller:
    """A backend as the archive calls it: snippets and suggestions cut from the texts
    of the documents it was given (search.searching), never by the backend itself."""

    def __init__(self, backend):
        self.backend = backend
        self.texts = {}

    def remember(self, documents):
        for d in documents:
            language = d.facets["language"][0]
            self.texts[d.id] = Texts(unmarked(d.summary), unmarked(d.body), language)
            yield d

    def index(self, documents):
        return self.backend.index(list(self.remember(documents)))

    def rebuild(self, documents, feed=None):
        return self.backend.rebuild(self.remember(documents), feed=feed)

    def search(self, query):
        texts = self.texts
        return searching.complete(
            self.backend.search(query), query, lambda ids: {i: texts[i] for i in ids if i in texts}
        )

    def more_like_this(self, id, limit=5):
        texts = self.texts[id]
        return self.backend.more_like_this(id, texts.body, limit=limit, language=texts.language)

    def __getattr__(self, name):
        return getattr(self.backend, name)
