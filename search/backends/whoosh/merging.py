"""When segments merge: never in a commit that carries changes, a bounded amount when idle.

Whoosh's default policy (``MERGE_SMALL``) may merge most of the index in the
commit of one edit: re-reading every posting in Python costs about 35 ms a
statement, so on the demo archive one edit's commit took 7 s, the write lock
held all along. Here a commit that applies changes merges nothing
(``no_merge``: it only drops segments whose every document was replaced),
and the indexer, when it has nothing else to do, makes a merge-only commit
(``bounded_merge``) of at most ``MERGE_DOCS`` statements from the smallest
segments, once more than ``SMALL_SEGMENTS`` small ones have piled up (more
than ``PRESSING_SEGMENTS`` while changes keep coming: a merge holds the write
lock and the processor, and an edit that arrives meanwhile waits for it). What
is left, many middle-sized segments and deletions, is compacted by a
rebuild in the background when ``needs_compaction`` says so
(``search.sync.indexer``): in a quiet moment, or while changes keep coming
only once the index is far gone (``BUSY_MAX_SEGMENTS``, ``BUSY_MAX_DELETED``).

Merged segments are read through memory-mapped files: reading a segment's
postings through the operating system's file calls, as searches do, takes
twice as long for a merge.
"""

from __future__ import annotations

from whoosh.filedb.filestore import FileStorage
from whoosh.reading import SegmentReader

SMALL_DOCS = 20  # a segment with fewer documents is small
SMALL_SEGMENTS = 6  # merge once more small segments than this have piled up
PRESSING_SEGMENTS = 16  # while writes keep coming, merge only past this many
MERGE_DOCS = 20  # at most this many documents merged by one commit
MAX_SEGMENTS = 40  # more segments than this: compact by a rebuild
MAX_DELETED = 0.5  # or more than this share of documents deleted
# While changes keep coming a compaction waits until the index is this far gone: it reads
# the whole archive beside the edits, and every searching process then opens a cold index.
BUSY_MAX_SEGMENTS = 80
BUSY_MAX_DELETED = 0.8


def no_merge(writer, segments: list) -> list:
    """The policy of commits that apply changes: keep every segment that has documents."""
    return [s for s in segments if s.doc_count() > 0]


def to_merge(segments: list, pile: int | None = None) -> list:
    """The smallest segments, once more than ``pile`` (``SMALL_SEGMENTS``) small ones piled
    up, up to ``MERGE_DOCS`` documents (none: nothing worth a merge)."""
    small = sorted(
        (s for s in segments if 0 < s.doc_count_all() < SMALL_DOCS),
        key=lambda s: s.doc_count_all(),
    )
    if len(small) <= (SMALL_SEGMENTS if pile is None else pile):
        return []
    chosen, total = [], 0
    for segment in small:
        if chosen and total + segment.doc_count() > MERGE_DOCS:
            break
        chosen.append(segment)
        total += segment.doc_count()
    return chosen if len(chosen) > 1 else []


def bounded_merge(writer, segments: list, pile: int | None = None) -> list:
    """The policy of a merge-only commit (``writer.commit(mergetype=bounded_merge)``)."""
    live = no_merge(writer, segments)
    chosen = to_merge(live, pile)
    mapped = FileStorage(writer.storage.folder)
    for segment in chosen:
        reader = SegmentReader(mapped, writer.schema, segment)
        try:
            writer.add_reader(reader)
        finally:
            reader.close()
    return [s for s in live if s not in chosen]


def needs_compaction(segments: list, busy: bool = False) -> bool:
    """Whether the index has so many segments, or so many deleted documents, that searches
    pay for it: then a rebuild in the background writes it afresh. ``busy`` (changes keep
    coming): only past the far limits, ``BUSY_MAX_SEGMENTS`` and ``BUSY_MAX_DELETED``."""
    most, share = (BUSY_MAX_SEGMENTS, BUSY_MAX_DELETED) if busy else (MAX_SEGMENTS, MAX_DELETED)
    total = sum(s.doc_count_all() for s in segments)
    deleted = sum(s.deleted_count() for s in segments)
    return len(segments) > most or (total > 0 and deleted / total > share)
