"""What every record of the archive shares: one-transaction saves, bulk writes that leave a
trace, text fit for every output, unique slugs, and authority records that refuse deletion
while statements use them."""

from django.core.validators import URLValidator
from django.db import models, router, transaction
from django.db.models.deletion import ProtectedError
from django.utils.text import slugify

from archive import history, permalinks
from archive.signals import records_changed
from archive.text import xml_safe

UPDATE_CHUNK = 500  # rows per UPDATE: a list of ids stays within every database's limits


def split_aliases(text: str) -> list[str]:
    """Return the non-empty lines of an aliases text field."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def cut_at_word(slug: str, max_length: int) -> str:
    """``slug`` shortened to ``max_length`` at most, ending with a whole word if it can."""
    if len(slug) <= max_length:
        return slug
    if slug[max_length] == "-":
        return slug[:max_length].strip("-")
    head = slug[:max_length].rsplit("-", 1)[0]
    return head.strip("-") or slug[:max_length]


def unique_slug(
    model: type[models.Model], text: str, *, exclude_pk=None, max_length=120, known=None
) -> str:
    """Return a slug for ``text`` that no other row of ``model`` uses or used.

    ``known``, a set of every slug in use or used before
    (``permalinks.former_slugs``), spares the queries (an import's batches);
    the slug returned is added to it. A long text's slug ends at a word
    boundary, not mid-word.
    """
    base = cut_at_word(slugify(text), max_length) or model._meta.model_name
    slug, n = base, 2
    taken = model._base_manager.exclude(pk=exclude_pk)

    def in_use(slug: str) -> bool:
        if known is not None:
            return slug in known
        return taken.filter(slug=slug).exists() or permalinks.is_former(model, slug, exclude_pk)

    while in_use(slug):
        suffix = f"-{n}"
        slug = cut_at_word(base, max_length - len(suffix)) + suffix
        n += 1
    if known is not None:
        known.add(slug)
    return slug


# Links from data are made live on pages and in citations: only http(s) ones.
WEB_URL = URLValidator(schemes=["http", "https"], message="Enter an http:// or https:// address.")


class RecordQuerySet(models.QuerySet):
    """Bulk writes that leave the trace a save leaves.

    ``update``, ``bulk_create`` and ``bulk_update`` (which updates through
    ``update``) fire no per-row signal. Here each makes a history entry per
    row and sends ``records_changed``, in the write's own transaction, so
    that the search app logs the change with it (DESIGN.md §3).
    """

    def update(self, **kwargs):
        with transaction.atomic(using=self.db, savepoint=False):
            # Deduplicated here, not by DISTINCT, which FOR UPDATE refuses on PostgreSQL.
            pks = list(dict.fromkeys(self.order_by().values_list("pk", flat=True)))
            if "slug" in kwargs:  # the old addresses keep answering
                old = self.model._base_manager.filter(pk__in=pks).exclude(slug=kwargs["slug"])
                permalinks.retire_slugs(self.model, old.values_list("pk", "slug"), self.db)
            values = self.update_values(kwargs)
            count = 0
            for first in range(0, len(pks), UPDATE_CHUNK):
                # The caller's conditions stay in the UPDATE: a row another transaction
                # changed meanwhile is written only if it still matches them.
                chunk = self.filter(pk__in=pks[first : first + UPDATE_CHUNK])
                count += models.QuerySet.update(chunk, **values)
            if pks:
                _written(self.model, pks, fields=set(kwargs), created=False, using=self.db)
        return count

    update.alters_data = True

    def update_values(self, values: dict) -> dict:
        """The values an ``update`` writes: those given, plus what the model keeps with them."""
        return values

    def revise(self, pks) -> None:
        """Note that these rows' links changed (nothing to note for most records)."""

    def bulk_create(self, objs, *args, **kwargs):
        with transaction.atomic(using=self.db, savepoint=False):
            created = super().bulk_create(objs, *args, **kwargs)
            pks = [obj.pk for obj in created if obj.pk is not None]
            if pks:
                _written(self.model, pks, fields=None, created=True, using=self.db)
        return created

    bulk_create.alters_data = True


def links_written(model: type[models.Model], pks, using: str | None = None) -> None:
    """Record that these rows' many-to-many links were written as plain rows.

    Call it in the transaction that wrote them: the history and the search
    change log learn of it as of a save.
    """
    pks = list(pks)
    if pks:
        # A row being saved in the admin is revised by that save (history.gather).
        model._default_manager.revise(set(pks) - history.gathered(model))
        _written(model, pks, fields={"links"}, created=False, using=using)


def _written(model, pks, *, fields, created, using) -> None:
    history.record_bulk(
        model,
        pks,
        "+" if created else "~",
        "Added in bulk" if created else "Changed in bulk",
        using,
    )
    records_changed.send(
        sender=model._meta.concrete_model, pks=pks, fields=fields, created=created, using=using
    )


class GuardedDeleteQuerySet(RecordQuerySet):
    """Check every row before deleting, so a refusal leaves the transaction usable."""

    def delete(self):
        for obj in self:
            ensure_unused(obj)
        return super().delete()


class ArchiveRecord(models.Model):
    """A record of the archive: saved in one transaction, its text fit for every output.

    The save runs in a transaction even in autocommit mode, so signal
    receivers write with the row (the search app's change log): a crash can
    never keep the row and lose what they wrote, or the reverse. Validation
    strips the characters XML forbids from its text, so that what an
    archivist pastes cannot break the feeds.
    """

    class Meta:
        abstract = True

    def clean_fields(self, exclude=None):
        for field in self._meta.concrete_fields:
            if isinstance(field, (models.CharField, models.TextField)):
                value = getattr(self, field.attname)
                if isinstance(value, str):
                    setattr(self, field.attname, xml_safe(value))
        super().clean_fields(exclude=exclude)
        if not exclude or "slug" not in exclude:
            permalinks.check_slug(self)

    def save(self, *args, **kwargs):
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        with transaction.atomic(using=using, savepoint=False):
            permalinks.retire(self, using)  # a changed slug's old address keeps answering
            self.prepare_save(using)
            super().save(*args, **kwargs)

    def prepare_save(self, using: str) -> None:
        """Set what a save derives from the row as stored, in the save's transaction."""


class GuardedDeleteModel(ArchiveRecord):
    """An authority record that refuses deletion while statements use it."""

    class Meta:
        abstract = True

    def only_in_drafts(self) -> bool:
        """Used by statements, none of them published: not for the public yet."""
        used = self.statements_in_use()
        return used.exists() and not used.published().exists()

    def delete(self, *args, **kwargs):
        ensure_unused(self)
        return super().delete(*args, **kwargs)


class SlugQuerySet(GuardedDeleteQuerySet):
    """Authority records whose slug is their natural key (bodies, events)."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


def ensure_unused(instance) -> None:
    """Raise ``ProtectedError`` if statements still use this authority record.

    Foreign keys are protected by ``on_delete=PROTECT``; many-to-many links
    would otherwise vanish silently, so they are checked here.
    """
    in_use = instance.statements_in_use()
    count = in_use.count()
    if count:
        noun = "statement uses" if count == 1 else "statements use"
        raise ProtectedError(
            f"Cannot delete {instance._meta.verbose_name} “{instance}”: "
            f"{count} {noun} it. Remove it from them first.",
            set(in_use[:20]),
        )
