"""Bulk import of statement corpora in JSON Lines: lines read and checked (``records``),
then written as statements (``statements``)."""

from archive.importers.records import CorpusRecord, RecordError, open_lines, parse_record
from archive.importers.statements import ImportReport, StatementImporter

__all__ = [
    "CorpusRecord",
    "ImportReport",
    "RecordError",
    "StatementImporter",
    "open_lines",
    "parse_record",
]
