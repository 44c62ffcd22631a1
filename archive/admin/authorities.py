"""The admins of countries, issuing bodies and events."""

from django.contrib import admin, messages

from archive.admin.base import (
    URL_AS_HTTPS,
    RecordAdmin,
    RefuseDeleteInUseMixin,
    StatementCountMixin,
)
from archive.models import Country, Event, IssuingBody


@admin.register(Country)
class CountryAdmin(StatementCountMixin, RefuseDeleteInUseMixin, RecordAdmin):
    statement_count_lookup = "bodies__statements"
    list_display = ["name", "code", "region", "historic", "statement_count"]
    list_filter = ["region", "historic"]
    search_fields = ["name", "code", "aliases"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["predecessors"]
    fields = [
        "code",
        "name",
        "slug",
        "aliases",
        "adjectives",
        "names_in_languages",
        "region",
        ("exists_from", "exists_until"),
        "historic",
        "predecessors",
    ]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        tagged_by = {"name", "aliases", "adjectives", "names_in_languages"}
        if change and (tagged_by | {"exists_from", "exists_until"}) & set(form.changed_data):
            self.message_user(
                request,
                "The names or years changed: run “manage.py tag_countries” to re-tag the "
                "statements with them.",
                messages.INFO,
            )


@admin.register(IssuingBody)
class IssuingBodyAdmin(StatementCountMixin, RefuseDeleteInUseMixin, RecordAdmin):
    list_display = ["name", "kind", "country", "parent", "statement_count"]
    list_filter = ["kind", ("country__region", admin.AllValuesFieldListFilter)]
    search_fields = ["name", "aliases", "country__name", "country__code"]
    autocomplete_fields = ["country", "parent"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["country", "parent"]
    formfield_overrides = URL_AS_HTTPS
    fields = ["name", "slug", "kind", "country", "parent", "aliases", "description", "website"]


@admin.register(Event)
class EventAdmin(StatementCountMixin, RefuseDeleteInUseMixin, RecordAdmin):
    list_display = ["name", "kind", "dates", "location", "statement_count"]
    list_filter = ["kind"]
    search_fields = ["name", "location", "description"]
    autocomplete_fields = ["countries"]
    prepopulated_fields = {"slug": ["name"]}
    date_hierarchy = "start_date"

    @admin.display(description="dates", ordering="start_date")
    def dates(self, obj):
        return obj.dates_display

    fields = [
        "name",
        "slug",
        "kind",
        ("start_date", "end_date", "precision"),
        "location",
        "countries",
        "description",
    ]
