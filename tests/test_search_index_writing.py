"""What a rebuild writes: the analysed texts, and the bulk writer's segments, same as
Whoosh's; and segments opened as Whoosh opens them."""

import datetime as dt
import random
import re

import pytest
from whoosh import index
from whoosh.filedb import filetables

from search import analysis
from search.backends.base import Document
from search.backends.whoosh import internals, schema
from search.backends.whoosh.backend import WhooshBackend
from search.backends.whoosh.internals import BulkSegmentWriter

TEXT = """the of and to in peace security nuclear Korea Côte d'Ivoire weapons council
sanctions 1950 a I régime hegemonism denuclearization Asian NATO exercise development
cooperation human rights people nations united general assembly"""
WORDS = TEXT.split()


def documents(count: int = 300) -> list[Document]:
    """Texts where common words run over several 128-posting blocks, and one over 65,536 words."""
    rng = random.Random(7)
    docs = []
    for n in range(count):
        words = 70_000 if n == 5 else rng.randint(1, 400)
        docs.append(
            Document(
                id=str(n),
                version=f"v{n}",
                slug=f"statement-{n}",
                title=" ".join(rng.choices(WORDS, k=rng.randint(1, 12))),
                summary="" if n % 3 else " ".join(rng.choices(WORDS, k=30)),
                body=" ".join(rng.choices(WORDS, k=words)),
                issuer=f"Ministry {n % 7}\nMinistère {n % 5}",
                speaker="Kim Song" if n % 2 else "",
                countries="Japan",
                named="North Korea\nDPRK" if n % 4 == 0 else "",
                source_id=f"UN-{n}",
                date=dt.date(1950 + n % 70, 1 + n % 12, 1),
                date_start=dt.date(1950 + n % 70, 1 + n % 12, 1),
                date_end=dt.date(1950 + n % 70, 1 + n % 12, 1),
                facets={
                    "country": (f"C{n % 9}",),
                    "year": (str(1950 + n % 70),),
                    "issuer": (f"body-{n % 7}", f"body-{n % 11}"),
                    "named": ("PRK", "KOR") if n % 4 == 0 else (),
                },
            )
        )
    return docs


def build(path, bulk: bool) -> index.Index:
    backend = WhooshBackend({"PATH": str(path), "PROCS": 1})
    ix = index.create_in(str(path), backend.schema)
    writer = BulkSegmentWriter(ix) if bulk else ix.writer()
    for doc in documents():
        writer.add_document(**backend._fields(doc))
    writer.commit()
    return ix


def postings(reader, field: str, term: bytes) -> list[tuple]:
    matcher = reader.postings(field, term)
    found = []
    while matcher.is_active():
        found.append((matcher.id(), matcher.weight(), matcher.value()))
        matcher.next()
    return found


def term_stats(info) -> tuple:
    return (
        info.weight(),
        info.doc_frequency(),
        info.min_length(),
        info.max_length(),
        info.max_weight(),
        info.min_id(),
        info.max_id(),
    )


@pytest.fixture(scope="module")
def readers(tmp_path_factory):
    plain = build(tmp_path_factory.mktemp("whoosh"), bulk=False).reader()
    bulk = build(tmp_path_factory.mktemp("bulk"), bulk=True).reader()
    yield plain, bulk
    plain.close()
    bulk.close()


def test_same_terms_with_the_same_statistics(readers):
    plain, bulk = readers
    terms = list(plain.all_terms())
    assert terms == list(bulk.all_terms())
    assert len(terms) > 50
    for field, term in terms:
        assert term_stats(bulk.term_info(field, term)) == term_stats(
            plain.term_info(field, term)
        ), (field, term)


def test_same_postings_block_for_block(readers):
    plain, bulk = readers
    longest = 0
    for field, term in plain.all_terms():
        expected = postings(plain, field, term)
        assert postings(bulk, field, term) == expected, (field, term)
        longest = max(longest, len(expected))
    assert longest > 2 * 128  # some terms fill several blocks


def test_same_lengths_stored_fields_and_columns(readers):
    plain, bulk = readers
    assert bulk.doc_count() == plain.doc_count() == 300
    for field in ("title", "summary", "body", "meta"):
        assert bulk.field_length(field) == plain.field_length(field)
        for docnum in range(300):
            assert bulk.doc_field_length(docnum, field) == plain.doc_field_length(docnum, field)
        assert list(bulk.column_reader(field)) == list(plain.column_reader(field))
    assert list(bulk.all_stored_fields()) == list(plain.all_stored_fields())
    assert list(bulk.column_reader("id")) == list(plain.column_reader("id"))


def test_segments_open_as_whoosh_opens_them(readers):
    """The one-read directory of each segment's terms file equals Whoosh's 256 reads."""
    opened = 0
    for reader in readers:
        for leaf, _ in reader.leaf_readers():
            fast = leaf._terms._tindex
            slow = filetables.OrderedHashReader.__new__(filetables.OrderedHashReader)
            internals.WHOOSH_HASH_READER_INIT(slow, fast.dbfile)
            for name in ("tables", "extras", "startofdata", "endofdata", "hashtype"):
                assert getattr(fast, name) == getattr(slow, name), name
            assert len(fast.tables) == 256
            opened += 1
    assert opened == 2
    assert filetables.HashReader.__init__ is internals._hash_reader_init


def test_a_small_segments_terms_read_at_once_are_its_lexicon(readers):
    for reader in readers:
        every = internals.small_segment_terms(reader)
        fields = {field for field, _ in reader.all_terms()}
        assert fields == set(every) and {"body", "title", "id", "country"} <= fields
        for field in fields:
            assert every[field] == list(reader.lexicon(field)), field


def test_positions_past_65536_words_survive(readers):
    _, bulk = readers
    positions = dict(
        (docnum, value)
        for docnum, _, value in postings(bulk, "body", b"peac")  # "peace", stemmed
    )
    assert max(bulk.schema["body"].format.decode_positions(positions[5])) > 65_536


def reference_analysis(text: str, line_gap: bool) -> tuple[dict[str, list[int]], bytes]:
    """Word by word, as the index has always been written: terms' positions, small words."""
    terms: dict[str, list[int]] = {}
    small = bytearray()
    for line in text.split("\n") if line_gap else [text]:
        if small:
            small.extend(bytes(schema.LINE_GAP))
        for word in re.findall(analysis.TOKEN_PATTERN, line):
            folded = analysis.fold(word)
            if folded in analysis.SMALL_CODES:
                small.append(analysis.SMALL_CODES[folded])
            else:
                terms.setdefault(analysis.stem(folded), []).append(len(small))
                small.append(0)
    return terms, bytes(small)


@pytest.mark.parametrize(
    "text, line_gap",
    [
        ("", False),
        ("the of a", False),
        (TEXT, False),
        ("Ministry of Foreign Affairs\n\nDPRK\nCôte d'Ivoire 1950", True),
        (" ".join(random.Random(3).choices(WORDS, k=70_000)), False),
    ],
)
def test_analysis_keeps_every_word_in_its_place(text, line_gap):
    analysed = schema.analyse(text, line_gap)
    expected_terms, expected_small = reference_analysis(text, line_gap)
    fmt = schema.ArrayPositions()
    found = {
        tbytes.decode(): fmt.decode_positions(value)
        for tbytes, freq, weight, value in analysed.postings
        if freq == weight == len(fmt.decode_positions(value))
    }
    assert found == expected_terms
    assert analysed.small == expected_small
