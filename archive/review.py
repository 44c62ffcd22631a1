"""Publish what was reviewed: the revision an editor saw, and what changed since.

Every save or update of a statement is a new revision (``Statement.revision``)
and makes a history entry that carries it. The review queue and the preview
carry the revision the editor saw; publishing refuses a statement that
differs from it in anything but its status and stamps, and shows the
difference. A statement saved again after it was marked ready says so in the
queue, with the same difference against the revision marked ready.

Every write that makes a history entry of a statement makes a revision
(saves, updates, links written by any path: ``StatementQuerySet.revise``), so
a revision names one state of the statement and its links.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from django.db import models, transaction
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from archive.choices import RelationKind, Status
from archive.models import Statement

_WORDS = re.compile(r"\s+|[^\s]+")


class StaleRevision(Exception):
    """The statement changed since the revision the editor saw."""

    def __init__(self, statement: Statement, seen: int | None) -> None:
        self.statement, self.seen = statement, seen
        if seen is None:
            message = (
                f"“{statement.title}” was not published: the form did not say which revision "
                "you saw. Reload the list or the preview, and publish from there."
            )
        else:
            message = (
                f"“{statement.title}” changed since you saw revision {seen} (it is now at "
                f"revision {statement.revision}): it was not published."
            )
        super().__init__(message)


@dataclass(frozen=True)
class Change:
    """One field that differs between two revisions, ready to show."""

    label: str
    old: str
    new: str
    diff: SafeString | None = None  # for long texts, the words taken out and put in


def entry_at(statement: Statement, revision: int):
    """The history entry of ``revision`` (the last, if several saves shared it), or None."""
    return statement.history.filter(revision=revision).order_by("-history_date", "-pk").first()


def changes_since(statement: Statement, revision: int) -> list[Change] | None:
    """What differs between ``revision`` and the statement now; None if the history lacks
    either."""
    old = entry_at(statement, revision)
    new = entry_at(statement, statement.revision)
    if old is None or new is None:
        return None
    # Every field an archivist edits, the status too (one sent back to draft is not the
    # statement previewed); simple-history leaves out the stamps, which are not editable.
    delta = new.diff_against(old, foreign_keys_are_objs=True)
    return [_shown(change) for change in delta.changes]


def _shown(change) -> Change:
    field = Statement._meta.get_field(change.field)
    label = str(field.verbose_name).capitalize()
    if field.many_to_many:
        return Change(label, _rows(change.field, change.old), _rows(change.field, change.new))
    old, new = _text(change.old), _text(change.new)
    long = isinstance(field, models.TextField) or max(len(old), len(new)) > 120
    diff = text_diff(old, new) if long else None
    return Change(label, old, new, diff)


def _text(value) -> str:
    return "" if value is None else str(value)


def _rows(field: str, rows: list[dict]) -> str:
    """Links as the history shows them: "Japan; South Korea", "responds to …"."""
    if field == "related":
        return "; ".join(f"{RelationKind(row['kind']).label} {row['target']}" for row in rows)
    owner = "statement"
    shown = [str(value) for row in rows for key, value in row.items() if key != owner]
    return "; ".join(shown)


def text_diff(old: str, new: str) -> SafeString:
    """The words taken out (``<del>``) and put in (``<ins>``), the rest as it was."""
    before, after = _WORDS.findall(old), _WORDS.findall(new)
    parts = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(escape("".join(before[a1:a2])))
            continue
        if a2 > a1:
            parts.append(format_html("<del>{}</del>", "".join(before[a1:a2])))
        if b2 > b1:
            parts.append(format_html("<ins>{}</ins>", "".join(after[b1:b2])))
    return mark_safe("".join(parts))


def publish_reviewed(statement_pk: int, seen: int | None, *, user, reason: str) -> Statement:
    """Publish the statement if it is as the editor saw it (revision ``seen``).

    A later revision that differs in nothing reviewed (a save that changed
    nothing) is published too; anything else raises ``StaleRevision``.
    """
    with transaction.atomic():
        statement = Statement.objects.select_for_update().get(pk=statement_pk)
        if seen != statement.revision and (seen is None or changes_since(statement, seen) != []):
            raise StaleRevision(statement, seen)
        statement.status = Status.PUBLISHED
        statement.updated_by = user
        statement._change_reason = reason
        statement.save()
    return statement
