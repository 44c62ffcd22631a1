"""A record's versions in other languages written beside its statement, as the record gives
them (``texts``): the import owns what a record lists."""

from archive.importers.records import CorpusRecord
from archive.models import Statement, StatementVersion

VERSION_FIELDS = ["title", "body", "original", "translator", "source", "source_url"]


def write_versions(pairs: list[tuple[Statement, CorpusRecord]]) -> None:
    """Each record's versions in other languages, as the record gives them: new ones
    added, changed ones updated, those it no longer gives removed. A record that says
    nothing of versions leaves the statement's (an archivist's) as they are."""
    given = {s.pk: r.versions for s, r in pairs if r.versions is not None}
    if not given:
        return
    existing = {
        (v.statement_id, v.language): v
        for v in StatementVersion.objects.filter(statement_id__in=list(given))
    }
    to_create, to_update, kept = [], [], set()
    for statement_id, versions in given.items():
        for version in versions:
            values = {
                "title": version.title,
                "body": version.body,
                "original": version.original,
                "translator": version.translator,
                "source": version.source,
                "source_url": version.url,
            }
            key = (statement_id, version.language)
            kept.add(key)
            row = existing.get(key)
            if row is None:
                to_create.append(
                    StatementVersion(statement_id=statement_id, language=version.language, **values)
                )
            elif any(getattr(row, k) != v for k, v in values.items()):
                for k, v in values.items():
                    setattr(row, k, v)
                to_update.append(row)
    StatementVersion.objects.bulk_create(to_create)
    if to_update:
        StatementVersion.objects.bulk_update(to_update, VERSION_FIELDS)
    gone = [v.pk for key, v in existing.items() if key not in kept]
    if gone:
        StatementVersion.objects.filter(pk__in=gone).delete()
