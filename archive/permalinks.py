"""Permanent addresses: a record's old slugs keep answering, with a permanent redirect.

A country, issuing body, event, person or statement is addressed by its
slug. When an archivist changes a slug (a rename), the old one is kept here
and its address answers 301 with the record's new one; a merged person's
address answers with the survivor's (``archive.person_merges``). A slug
that was another record's, or a deleted record's, is never given to a new
record, so an old link never leads somewhere else.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.signals import post_delete
from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils.cache import patch_cache_control


class FormerSlug(models.Model):
    """A slug a record had before: its old address redirects to the record."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    slug = models.SlugField(max_length=120)
    retired_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_type", "slug"], name="unique_former_slug")
        ]

    def __str__(self):
        return f"{self.content_type.model} {self.slug} → #{self.object_id}"


def _addressed(model: type[models.Model]) -> bool:
    return any(field.name == "slug" for field in model._meta.concrete_fields)


def _former(model: type[models.Model], using: str | None = None) -> models.QuerySet:
    content_type = ContentType.objects.db_manager(using).get_for_model(
        model, for_concrete_model=True
    )
    return FormerSlug.objects.using(using).filter(content_type=content_type)


def former_slugs(model: type[models.Model]) -> set[str]:
    """Every slug records of ``model`` had before: none may be given to a new record."""
    return set(_former(model).values_list("slug", flat=True))


def is_former(model: type[models.Model], slug: str, exclude_pk=None) -> bool:
    """Whether ``slug`` was the address of a record of ``model`` other than ``exclude_pk``."""
    return _former(model).filter(slug=slug).exclude(object_id=exclude_pk or 0).exists()


def check_slug(instance: models.Model) -> None:
    """Refuse a slug that another record had: its old links would lead here."""
    slug = getattr(instance, "slug", "")
    model = type(instance)
    if slug and _addressed(model) and is_former(model, slug, exclude_pk=instance.pk):
        raise ValidationError(
            {
                "slug": f"“{slug}” was the address of another {model._meta.verbose_name}, "
                "and old links to it still lead there: choose another."
            }
        )


def retire(instance: models.Model, using: str | None = None) -> None:
    """Before a save: keep the slug the row had if the save changes it (in its transaction)."""
    model = type(instance)
    if instance.pk is None or not _addressed(model):
        return
    old = model._base_manager.using(using).filter(pk=instance.pk).values_list("slug", flat=True)
    old = old.first()
    if old is None or old == instance.slug:
        return
    retire_slugs(model, [(instance.pk, old)], using)
    # A record taking back a slug it had: the address is live again.
    _former(model, using).filter(slug=instance.slug, object_id=instance.pk).delete()


def retire_slugs(model: type[models.Model], rows, using: str | None = None) -> None:
    """Keep these (pk, old slug) pairs as former addresses."""
    content_type = ContentType.objects.db_manager(using).get_for_model(
        model, for_concrete_model=True
    )
    for pk, slug in rows:
        FormerSlug.objects.using(using).update_or_create(
            content_type=content_type, slug=slug, defaults={"object_id": pk}
        )


def moved_to(model: type[models.Model], slug: str) -> models.Model | None:
    """The record of ``model`` that ``slug`` addressed before, if any."""
    former = _former(model).filter(slug=slug).first()
    if former is None:
        return None
    return model._default_manager.filter(pk=former.object_id).first()


# A browser keeps a 301 as long as it is told: an hour, since a slug can be taken back and a
# merge undone. Search engines move their links at once all the same.
REDIRECT_MAX_AGE = 3600


def moved_permanently(url: str) -> HttpResponsePermanentRedirect:
    """A 301 to ``url`` that browsers check again after an hour."""
    response = HttpResponsePermanentRedirect(url)
    patch_cache_control(response, public=True, max_age=REDIRECT_MAX_AGE)
    return response


def follow_former_slugs(model: type[models.Model]):
    """Decorate a view taking ``slug``: an old slug of ``model`` answers 301 with the new one.

    The rest of the address and the query string are kept (``cite.bib``,
    ``?page=2``); a merged person's leads to the person kept. The view must
    answer the visitor at the new address, or the old one answers 404: an
    old address never tells where an unpublished record went.
    """

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, *args, slug, **kwargs):
            try:
                return view(request, *args, slug=slug, **kwargs)
            except Http404:
                record = moved_to(model, slug)
                if record is None or record.slug == slug:
                    raise
                record = record.current() if hasattr(record, "current") else record
                view(request, *args, slug=record.slug, **kwargs)  # Http404 if not shown
            match = request.resolver_match
            url = reverse(
                match.view_name, args=match.args, kwargs={**match.kwargs, "slug": record.slug}
            )
            query = request.META.get("QUERY_STRING", "")
            return moved_permanently(f"{url}?{query}" if query else url)

        return wrapper

    return decorate


def keep_deleted_slug(sender, instance, **kwargs) -> None:
    """A deleted record's address is never given to another record (post_delete)."""
    if instance.slug:
        retire_slugs(sender, [(instance.pk, instance.slug)], kwargs.get("using"))


def connect(models_: Iterable[type[models.Model]]) -> None:
    """Keep the slugs of these models' deleted records (called once, by the app config)."""
    for model in models_:
        if not model._meta.proxy and _addressed(model):
            post_delete.connect(keep_deleted_slug, sender=model, dispatch_uid="archive-slugs")
