"""Edit history: an entry for every write to an archive record, whatever made it.

A save in the admin writes the row, then its many-to-many fields, inlines
and the countries found in the text. django-simple-history would make an
entry for the row and one more for each many-to-many change, most of them
showing no change of their own. ``gather`` holds them back; ``record_gathered``
then makes the one entry, with every relation as it stands after the save.

Writes that send no per-row signal (``QuerySet.update``, ``bulk_create``,
``bulk_update``, links written as plain rows) are recorded by ``record_bulk``,
called from the archive's QuerySets (``archive.records.RecordQuerySet``):
one entry per row as it then stands, relations included, under the reason
``reason`` gives.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.db import connections, models, router
from simple_history.models import HistoricalRecords
from simple_history.utils import get_m2m_field_name

CHUNK = 500  # rows read and recorded per query
_local = threading.local()


class EditHistory(HistoricalRecords):
    """Historical records whose entries for one instance can be gathered into one.

    A many-to-many field through a model of the archive's own (statement
    relations), which keeps a history of its own, is recorded under a name of
    the owner's ("HistoricalStatementStatementRelation"), not the through model's.
    A relation changed from its other end (``event.statements.add(...)``) is
    recorded on each statement it changed.
    """

    def get_history_model_name(self, model):
        if model is self.cls or model._meta.auto_created:
            return super().get_history_model_name(model)
        return f"Historical{self.cls._meta.object_name}{model._meta.object_name}"

    def post_save(self, instance, created, using=None, **kwargs):
        if kwargs.get("raw", False):
            # A fixture's row is recorded once loaddata has set its relations too
            # (archive/management/commands/loaddata.py); nothing is recorded here.
            instance._history_raw = True
            return None
        pending = getattr(instance, "_history_pending", None)
        if pending is None:
            return super().post_save(instance, created, using=using, **kwargs)
        pending.setdefault(self, "+" if created else "~")

    def m2m_changed(self, instance, action, attr, pk_set, reverse, **kwargs):
        if getattr(instance, "_history_raw", False):
            return None
        if reverse:
            return self._reverse_m2m_changed(instance, action, attr, pk_set)
        pending = getattr(instance, "_history_pending", None)
        if action not in ("post_add", "post_remove", "post_clear"):
            return None
        if pending is not None:
            pending.setdefault(self, "~")
        else:
            self._links_changed([instance.pk])

    def _reverse_m2m_changed(self, instance, action, attr, pk_set) -> None:
        if action == "pre_clear":
            instance._history_cleared = list(
                self.cls._default_manager.filter(**{attr: instance}).values_list("pk", flat=True)
            )
        elif action in ("post_add", "post_remove"):
            self._links_changed(pk_set or ())
        elif action == "post_clear":
            self._links_changed(instance.__dict__.pop("_history_cleared", ()))

    def _links_changed(self, pks) -> None:
        """An entry for each row whose links changed, as a revision of it."""
        pks = set(pks) - gathered(self.cls)
        self.cls._default_manager.revise(pks)
        record_bulk(self.cls, pks, "~")


def gather(instance) -> None:
    """Hold back the history entries of ``instance``'s saves and relation changes.

    Bulk writes to it meanwhile (the countries found in its text) make no
    entry of their own either: the gathered one shows them.
    """
    instance._history_pending = {}
    _local.gathering = [*getattr(_local, "gathering", []), instance]


def record_gathered(instance) -> None:
    """Make one entry for what was gathered (an addition if the row was created)."""
    _local.gathering = [i for i in getattr(_local, "gathering", []) if i is not instance]
    pending = instance.__dict__.pop("_history_pending", None) or {}
    for records, history_type in pending.items():
        records.create_historical_record(instance, history_type)


def release_gathered() -> None:
    """Forget what this thread gathers (after an admin save, whether it succeeded or not)."""
    for instance in getattr(_local, "gathering", []):
        instance.__dict__.pop("_history_pending", None)
    _local.gathering = []


def gathered(model: type[models.Model]) -> set:
    """The rows of ``model`` whose admin save is gathering its entry in this thread."""
    concrete = model._meta.concrete_model
    return {
        instance.pk
        for instance in getattr(_local, "gathering", [])
        if instance._meta.concrete_model is concrete
    }


@contextmanager
def batched() -> Iterator[None]:
    """Make the bulk writes' entries once, at the end: one per row, as it then stands.

    An import batch creates statements, then links their events, then their
    countries: one entry each ("import"), not three. A row keeps the reason
    of its first write, and is an addition if it was created.
    """
    if getattr(_local, "batch", None) is not None:
        yield
        return
    _local.batch = {}
    try:
        yield
        batch = _local.batch
    finally:
        _local.batch = None
    for (model, using), rows in batch.items():
        groups: dict[tuple[str, str], list] = {}
        for pk, kind_and_reason in rows.items():
            groups.setdefault(kind_and_reason, []).append(pk)
        for (history_type, why), pks in groups.items():
            with reason(why):
                record_bulk(model, pks, history_type, using=using)


@contextmanager
def reason(text: str) -> Iterator[None]:
    """Record the bulk writes made inside with this reason ("import", "Speaker merged…")."""
    before = getattr(_local, "reason", None)
    _local.reason = text
    try:
        yield
    finally:
        _local.reason = before


def current_user():
    """The user of the request being served (the history middleware keeps it), or None."""
    request = getattr(HistoricalRecords.context, "request", None)
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def record_bulk(
    model: type[models.Model],
    pks: Iterable[int],
    history_type: str,
    default_reason: str = "Changed in bulk",
    using: str | None = None,
) -> None:
    """Make one entry per row of ``model`` as it now stands, its relations included."""
    model = model._meta.concrete_model
    attribute = getattr(model._meta, "simple_history_manager_attribute", None)
    if attribute is None:
        return
    using = using or router.db_for_write(model)
    why = getattr(_local, "reason", None) or default_reason
    pks = set(pks) - gathered(model)
    batch = getattr(_local, "batch", None)
    if batch is not None:
        rows = batch.setdefault((model, using), {})
        for pk in pks:
            if pk not in rows or history_type == "+":
                rows[pk] = (history_type, rows.get(pk, (None, why))[1])
        return
    manager = getattr(model, attribute)
    user = current_user()
    pks = sorted(pks)
    for first in range(0, len(pks), CHUNK):
        rows = list(model._base_manager.using(using).filter(pk__in=pks[first : first + CHUNK]))
        entries = manager.bulk_history_create(
            rows, update=history_type == "~", default_user=user, default_change_reason=why
        )
        if entries:
            _record_relations(model, manager.model, entries, using)


def _record_relations(model, history_model, entries, using) -> None:
    """Copy the rows' many-to-many links into the history's link tables, as a save does.

    One INSERT … SELECT a field: an import records some 13 links a statement, and
    model instances for them would cost more than the rest of the entry.
    """
    connection = connections[using]
    quote = connection.ops.quote_name
    entry_ids = [entry.pk for entry in entries]
    history_table = quote(history_model._meta.db_table)
    history_pk = quote(history_model._meta.pk.column)
    record_id = quote(history_model._meta.get_field(model._meta.pk.name).column)
    for field in getattr(history_model, "_history_m2m_fields", ()):
        link_history = getattr(history_model, field.name).model
        through = field.remote_field.through
        fields = through._meta.concrete_fields
        owner = quote(through._meta.get_field(get_m2m_field_name(field)).column)
        copied = ", ".join(quote(link_history._meta.get_field(f.name).column) for f in fields)
        read = ", ".join(f"t.{quote(f.column)}" for f in fields)
        to_entry = quote(link_history._meta.get_field("history").column)
        marks = ", ".join(["%s"] * len(entry_ids))
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {quote(link_history._meta.db_table)} ({copied}, {to_entry}) "
                f"SELECT {read}, h.{history_pk} FROM {quote(through._meta.db_table)} t "
                f"JOIN {history_table} h ON h.{record_id} = t.{owner} "
                f"WHERE h.{history_pk} IN ({marks})",
                entry_ids,
            )
