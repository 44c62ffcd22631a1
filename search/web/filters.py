"""The public search parameters: declared, validated, and turned into a SearchQuery.

One FilterSet serves two masters. Its form validates ``request.GET`` for the
search backend (invalid parameters become notices and are ignored), and its
filters apply the same parameters to a Statement queryset, which is how the
tests check the index's counts against the database.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import django_filters
from django import forms
from django.db.models import Q, QuerySet

from archive import dates
from archive.models import Statement
from archive.text import xml_safe
from search import facets
from search.backends.base import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, SearchQuery, Sort

MAX_VALUES = 50  # values of one facet parameter
MAX_PAGE = 500


class ValueListField(forms.Field):
    """A repeated GET parameter whose every value must match ``pattern``."""

    widget = forms.SelectMultiple

    def __init__(self, *, pattern: str, example: str, normalize=str, **kwargs) -> None:
        self.pattern = re.compile(pattern)
        self.example = example
        self.normalize = normalize
        super().__init__(**kwargs)

    def to_python(self, value) -> list[str]:
        if not value:
            return []
        values = value if isinstance(value, (list, tuple)) else [value]
        cleaned = []
        for item in values:
            item = str(item).strip()
            if not item:
                continue
            if not self.pattern.fullmatch(item):
                raise forms.ValidationError(
                    f"“{item[:40]}” is not a valid value (expected e.g. {self.example})."
                )
            cleaned.append(self.normalize(item))
        if len(cleaned) > MAX_VALUES:
            raise forms.ValidationError(f"At most {MAX_VALUES} values may be given.")
        return list(dict.fromkeys(cleaned))


class TypedDateField(forms.CharField):
    """A date as the admin takes it ("2024", "June 2024", "30/6/2024", "2024-22"), cleaned to
    a ``TypedDate``: "from" reads its first day, "to" its last."""

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        if len(value) > 64:
            raise forms.ValidationError(f"“{value[:40]}…” is too long for a date.")
        try:
            return dates.parse_typed(value)
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from None


class QueryTextField(forms.CharField):
    """The query text, without the characters XML forbids: a NUL is not worth refusing a search."""

    def to_python(self, value):
        return xml_safe(super().to_python(value))


class QueryTextFilter(django_filters.CharFilter):
    field_class = QueryTextField


class WholeNumberFilter(django_filters.NumberFilter):
    """A page number: 1.5 is refused, not read as 1."""

    field_class = forms.IntegerField


class ValueListFilter(django_filters.Filter):
    field_class = ValueListField


class TypedDateFilter(django_filters.Filter):
    field_class = TypedDateField


def _database_filter(facet: facets.Facet):
    """The facet's filter on a Statement queryset (the tests' oracle for the index)."""

    def apply(queryset: QuerySet, name, value):
        if not value:
            return queryset
        matching = queryset.filter(facet.matches(tuple(value)))
        return matching.distinct() if facet.multi else matching

    return apply


def facet_filter(facet: facets.Facet) -> django_filters.Filter:
    """The parameter of one facet: a choice among fixed values, or values of a pattern."""
    if facet.choices:
        return django_filters.MultipleChoiceFilter(
            choices=list(facet.choice_labels.items()), method=_database_filter(facet)
        )
    return ValueListFilter(
        pattern=facet.pattern,
        example=facet.example,
        normalize=str.upper if facet.upper else str,
        method=_database_filter(facet),
    )


class SearchFilterSet(django_filters.FilterSet):
    q = QueryTextFilter(method="filter_text", strip=True)
    date_from = TypedDateFilter(method="filter_from")
    date_to = TypedDateFilter(method="filter_to")
    sort = django_filters.ChoiceFilter(
        choices=[(s.value, s.value.title()) for s in Sort], method="filter_nothing"
    )
    page = WholeNumberFilter(method="filter_nothing", min_value=1, max_value=MAX_PAGE)
    page_size = WholeNumberFilter(method="filter_nothing", min_value=1)

    class Meta:
        model = Statement
        fields: list[str] = []

    # Database equivalents of the backend's filters -------------------------

    def filter_text(self, queryset: QuerySet, name, value):
        return queryset  # text matching is the search backend's job

    def filter_nothing(self, queryset, name, value):
        return queryset

    def filter_from(self, queryset, name, value):
        if not value:
            return queryset
        first = value.first
        # A statement dated "1990" (all of 1990) overlaps from=1990-06.
        return queryset.filter(issued_on__isnull=False).filter(
            Q(issued_precision="day", issued_on__gte=first)
            | Q(issued_precision="month", issued_on__gte=first.replace(day=1))
            | Q(issued_precision="year", issued_on__year__gte=first.year)
        )

    def filter_to(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(issued_on__isnull=False, issued_on__lte=value.last)


# Every facet of the registry is a parameter; "from" and "to" are Python keywords.
for facet in facets.FACETS:
    SearchFilterSet.base_filters[facet.name] = facet_filter(facet)
for public, declared in (("from", "date_from"), ("to", "date_to")):
    SearchFilterSet.base_filters[public] = SearchFilterSet.base_filters.pop(declared)

KNOWN_PARAMETERS = set(SearchFilterSet.base_filters)


@dataclass(frozen=True)
class ParsedParameters:
    query: SearchQuery
    notices: tuple[str, ...]  # everything said about the parameters, for the page and the API
    invalid: tuple[str, ...] = ()  # of those, the values that were wrong (not just unknown)


class _SharedFields(dict):
    """A form's fields that each form shares instead of deep-copying them (``BaseForm``
    does, so that one form may change its fields' widgets or choices as it renders). The
    search form is never rendered and its fields are only read: copying them was two
    thirds of validating a page's parameters."""

    def __deepcopy__(self, memo) -> dict:
        return dict(self)


@functools.cache
def _form_class() -> type[forms.Form]:
    """The filter set's form, built once: building it costs more than validating with it."""
    form = SearchFilterSet().get_form_class()
    form.base_fields = _SharedFields(form.base_fields)
    return form


def parse_parameters(data) -> ParsedParameters:
    """Validate GET parameters; report and ignore the invalid ones."""
    form = _form_class()(data=data)
    form.is_valid()
    invalid = [
        f"Ignored {name}: {' '.join(str(m) for m in messages)}"
        for name, messages in form.errors.items()
    ]
    notices = list(invalid)
    unknown = sorted(set(data) - KNOWN_PARAMETERS)
    if unknown:
        notices.append("Unknown parameters ignored: " + ", ".join(u[:30] for u in unknown[:10]))
    cleaned = form.cleaned_data
    page_size = int(cleaned.get("page_size") or DEFAULT_PAGE_SIZE)
    if page_size > MAX_PAGE_SIZE:
        notices.append(f"page_size is at most {MAX_PAGE_SIZE}; {MAX_PAGE_SIZE} was used.")
        page_size = MAX_PAGE_SIZE
    date_from = cleaned.get("from")
    date_to = cleaned.get("to")
    first = date_from.first if date_from else None  # "from June 2024": from 1 June
    last = date_to.last if date_to else None  # "to June 2024": to 30 June
    if first and last and first > last:
        invalid.append("Ignored from/to: the range ends before it starts.")
        notices.append(invalid[-1])
        first = last = None
    filters = {name: tuple(cleaned.get(name) or ()) for name in facets.NAMES if cleaned.get(name)}
    query = SearchQuery(
        text=cleaned.get("q") or "",
        filters=filters,
        date_from=first,
        date_to=last,
        sort=Sort(cleaned.get("sort") or Sort.RELEVANCE),
        page=int(cleaned.get("page") or 1),
        page_size=page_size,
    )
    return ParsedParameters(query=query, notices=tuple(notices), invalid=tuple(invalid))
