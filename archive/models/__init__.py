"""The archive's domain, one module per record family.

- ``authorities``: the abstract authority record; countries, issuing bodies, events;
- ``statements``: statements and the editors' review queue;
- ``relations``: the typed links between statements (responds to, rebuts...);
- ``versions``: a statement's text in other languages, originals and translations;
- ``people``: speakers, the posts they held, and merges of people;
- ``duplicates``: people proposed as one, for an editor to merge or dismiss.

What every record shares is in ``archive.records``. Logic lives on the models
and their QuerySets (``Statement.objects.published()``). Authority records are
never deleted while a statement uses them.
"""

from archive.choices import (
    INVERSE_RELATION_LABELS,
    BodyKind,
    EventKind,
    Region,
    RelationKind,
    StatementKind,
    Status,
)
from archive.models.authorities import AuthorityRecord, Country, Event, IssuingBody
from archive.models.duplicates import DuplicateProposal
from archive.models.people import Person, PersonMerge, Post
from archive.models.relations import StatementRelation
from archive.models.statements import Statement, StatementForReview
from archive.models.versions import StatementVersion

__all__ = [
    "INVERSE_RELATION_LABELS",
    "AuthorityRecord",
    "BodyKind",
    "Country",
    "DuplicateProposal",
    "Event",
    "EventKind",
    "IssuingBody",
    "Person",
    "PersonMerge",
    "Post",
    "Region",
    "RelationKind",
    "Statement",
    "StatementForReview",
    "StatementKind",
    "StatementRelation",
    "StatementVersion",
    "Status",
]
