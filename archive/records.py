"""What every record of the archive shares: one-transaction saves, text fit for every output,
unique slugs, and authority records that refuse deletion while statements use them."""

from django.core.validators import URLValidator
from django.db import models, router, transaction
from django.db.models.deletion import ProtectedError
from django.utils.text import slugify

from archive.text import xml_safe


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
    """Return a slug for ``text`` that no other row of ``model`` uses.

    ``known``, a set of every slug in use, spares the queries (an import's
    batches); the slug returned is added to it. A long text's slug ends at a
    word boundary, not mid-word.
    """
    base = cut_at_word(slugify(text), max_length) or model._meta.model_name
    slug, n = base, 2
    taken = model._default_manager.exclude(pk=exclude_pk)

    def in_use(slug: str) -> bool:
        return slug in known if known is not None else taken.filter(slug=slug).exists()

    while in_use(slug):
        suffix = f"-{n}"
        slug = cut_at_word(base, max_length - len(suffix)) + suffix
        n += 1
    if known is not None:
        known.add(slug)
    return slug


# Links from data are made live on pages and in citations: only http(s) ones.
WEB_URL = URLValidator(schemes=["http", "https"], message="Enter an http:// or https:// address.")


class GuardedDeleteQuerySet(models.QuerySet):
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

    def save(self, *args, **kwargs):
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        with transaction.atomic(using=using, savepoint=False):
            super().save(*args, **kwargs)


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
