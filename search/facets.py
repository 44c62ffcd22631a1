"""The one declaration of the facets a search filters on and counts.

Each facet says its parameter name, its title on the page, whether a
statement has one value or several, what a valid value looks like, where
its values' labels come from, and the same filter on the database (which is
how the tests check the index's counts). The backends' schemas, the filter
set, the page's links and the presenters all read this list; the document
builder (``search.documents``) fills each facet's values.

Adding a facet is one entry here and one line in the document builder.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from django.apps import apps
from django.db.models import Q
from django.utils.module_loading import import_string

SLUG = r"[-a-z0-9_]{1,120}"
CODE = r"[A-Za-z]{2,8}"


@dataclass(frozen=True)
class Labels:
    """Value labels read from a model: ``key`` is the value, ``name`` the label."""

    model: str  # "app_label.Model"
    key: str
    name: str = "name"
    # Whether a record only drafts use stays unnamed (events and bodies not yet public).
    hide_drafts_only: bool = True

    def read_all(self) -> dict[str, str]:
        """Every record's label, by value (``search.label_cache`` keeps them)."""
        return dict(apps.get_model(self.model).objects.values_list(self.key, self.name))

    def read(self, counted: list[str], typed: list[str]) -> dict[str, str]:
        """Labels of values the index counted, and of values typed into the URL.

        A value the index counted is used by a published statement. One counted
        zero was typed: it is named only if its record may be shown.
        """
        model = apps.get_model(self.model)
        labels = dict(
            model.objects.filter(**{f"{self.key}__in": counted}).values_list(self.key, self.name)
        )
        for value in typed:
            record = model.objects.filter(**{self.key: value}).first()
            if record is not None and not (self.hide_drafts_only and record.only_in_drafts()):
                labels[value] = getattr(record, self.name)
        return labels


@dataclass(frozen=True)
class Facet:
    name: str  # the URL parameter, the API's key, the index's field
    title: str  # shown above its values and on a filter's chip
    multi: bool  # a statement may have several values
    # Database equivalent: the statements having any of the values.
    matches: Callable[[tuple[str, ...]], Q]
    pattern: str = SLUG  # what a valid value looks like (ignored with ``choices``)
    example: str = ""  # a valid value, for the message about an invalid one
    upper: bool = False  # codes, typed in any case
    # Dotted path of the only valid values: a Django choices class or a list of pairs.
    choices: str | None = None
    labels: Labels | None = None  # None: the value is its own label (or the choice's)
    by_value: bool = False  # listed in value order (decades), not by count

    @cached_property
    def choice_labels(self) -> dict[str, str]:
        if not self.choices:
            return {}
        found = import_string(self.choices)
        return dict(getattr(found, "choices", found))


def _decades(values: tuple[str, ...]) -> Q:
    condition = Q()
    for decade in values:
        first = int(decade[:4])
        condition |= Q(issued_on__year__gte=first, issued_on__year__lte=first + 9)
    return condition


FACETS: tuple[Facet, ...] = (
    Facet(
        "issuer",
        "Issuing body",
        multi=True,  # the body and its co-issuers
        matches=lambda v: Q(issuer__slug__in=v) | Q(co_issuers__slug__in=v),
        example="dprk-ministry-of-foreign-affairs",
        labels=Labels("archive.IssuingBody", "slug"),
    ),
    Facet(
        "country",
        "Issuing country",
        multi=False,
        matches=lambda v: Q(issuer__country__code__in=v),
        pattern=CODE,
        example="PRK",
        upper=True,
        labels=Labels("archive.Country", "code", hide_drafts_only=False),
    ),
    Facet(
        "named",
        "Countries named",
        multi=True,
        matches=lambda v: Q(countries_mentioned__code__in=v),
        pattern=CODE,
        example="PRK",
        upper=True,
        labels=Labels("archive.Country", "code", hide_drafts_only=False),
    ),
    Facet(
        "kind",
        "Kind",
        multi=False,
        matches=lambda v: Q(kind__in=v),
        choices="archive.choices.StatementKind",
    ),
    Facet(
        "event",
        "Referenced event",
        multi=True,
        matches=lambda v: Q(events__slug__in=v),
        example="freedom-edge-2024",
        labels=Labels("archive.Event", "slug"),
    ),
    Facet(
        "language",
        "Language",
        multi=True,  # the statement's own text, and its versions in other languages
        matches=lambda v: Q(language__in=v) | Q(versions__language__in=v),
        choices="archive.choices.LANGUAGE_CHOICES",
    ),
    Facet(
        "decade",
        "Decade",
        multi=False,
        matches=_decades,
        pattern=r"\d{3}0s",
        example="1990s",
        by_value=True,
    ),
    Facet(
        "year",
        "Year",
        multi=False,
        matches=lambda v: Q(issued_on__year__in=[int(y) for y in v]),
        pattern=r"\d{4}",
        example="2024",
    ),
)
BY_NAME: dict[str, Facet] = {facet.name: facet for facet in FACETS}
NAMES: tuple[str, ...] = tuple(BY_NAME)  # in the order pages show them
SINGLE: tuple[str, ...] = tuple(f.name for f in FACETS if not f.multi)
MULTI: tuple[str, ...] = tuple(f.name for f in FACETS if f.multi)
