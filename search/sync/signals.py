"""Thin receivers: every write that changes what is indexed calls ``schedule``.

They are connected by concrete model: a write through a proxy or a subclass
(the review queue's ``StatementForReview``) reaches them through the
archive's relay (``archive.signal_relay``), and bulk writes through
``records_changed``, which the archive's QuerySets send.
"""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver

from archive.models import Country, Event, IssuingBody, Person, Statement, StatementVersion
from archive.signals import bulk_import_finished, bulk_import_started, records_changed
from search import country_names, label_cache
from search.sync import indexing
from search.sync.indexing import schedule

# Records whose names are facet labels.
LABELLED = (Country, IssuingBody, Event)

# Fields of authority records that are copied into statement documents.
INDEXED_FIELDS = {
    Country: ("name", "aliases", "code"),
    IssuingBody: ("name", "aliases", "slug", "country_id"),
    Event: ("name", "slug"),
    Person: ("name", "variants"),
}


@receiver(post_save, sender=Statement)
@receiver(post_delete, sender=Statement)
def statement_changed(sender, instance, **kwargs):
    schedule([instance.pk])


@receiver(post_save, sender=StatementVersion)
@receiver(post_delete, sender=StatementVersion)
def version_changed(sender, instance, **kwargs):
    schedule([instance.statement_id])


@receiver(records_changed)
def records_written(sender, pks, fields, created, **kwargs):
    """A bulk write: its statements, or the statements of records whose names it changed."""
    if sender is Statement:
        schedule(pks)
        return
    if sender is StatementVersion:
        schedule(StatementVersion.objects.filter(pk__in=pks).values_list("statement_id", flat=True))
        return
    if sender in LABELLED:
        label_cache.CACHE.clear()
    if sender not in INDEXED_FIELDS or created:
        return  # a new record is in no statement's document yet
    indexed = set(INDEXED_FIELDS[sender])
    written = {sender._meta.get_field(name).attname for name in fields if name != "links"}
    if indexed & written:
        schedule(authorities=sender.objects.filter(pk__in=pks))


@receiver(bulk_import_started)
def import_started(sender, **kwargs):
    indexing.defer()


@receiver(bulk_import_finished)
def import_finished(sender, **kwargs):
    indexing.flush_deferred()


def _statement_m2m_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action == "pre_clear" and reverse:
        # The links are about to vanish: remember which statements had them.
        schedule(instance.statements_in_use().values_list("pk", flat=True))
    elif action in ("post_add", "post_remove", "post_clear"):
        schedule((pk_set or ()) if reverse else [instance.pk])


for field in ("co_issuers", "events", "countries_mentioned"):
    m2m_changed.connect(
        _statement_m2m_changed,
        sender=getattr(Statement, field).through,
        dispatch_uid=f"search-statement-{field}",
    )


@receiver(pre_save, sender=Country)
@receiver(pre_save, sender=IssuingBody)
@receiver(pre_save, sender=Event)
@receiver(pre_save, sender=Person)
def authority_renaming(sender, instance, raw=False, **kwargs):
    """Note whether a save changes a name that statements' documents carry."""
    if instance.pk is None:
        return
    fields = INDEXED_FIELDS[sender]
    old = sender.objects.filter(pk=instance.pk).values(*fields).first()
    instance._search_renamed = bool(old and any(old[f] != getattr(instance, f) for f in fields))


@receiver(post_save, sender=Country)
@receiver(post_save, sender=IssuingBody)
@receiver(post_save, sender=Event)
@receiver(post_save, sender=Person)
def authority_renamed(sender, instance, raw=False, **kwargs):
    """Re-index the statements that carry a record's name once the new name is saved."""
    if getattr(instance, "_search_renamed", False):
        instance._search_renamed = False
        # Logged as the record, and turned into its statements when applied.
        schedule(authorities=[instance])


@receiver(post_save, sender=Country)
@receiver(post_save, sender=IssuingBody)
@receiver(post_save, sender=Event)
@receiver(post_delete, sender=Country)
@receiver(post_delete, sender=IssuingBody)
@receiver(post_delete, sender=Event)
def labels_changed(sender, **kwargs) -> None:
    """A facet value's label, or a country's name in another language, may have changed:
    this process reads them again."""
    label_cache.CACHE.clear()
    country_names.NAMES.clear()
