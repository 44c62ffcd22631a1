"""Everything an archivist touches: the Django admin for the archive's records.

Archivists add and edit drafts; editors also publish, withdraw and delete
(see the groups made in ``migrations/0002_groups.py``). Every model keeps an
edit history through django-simple-history, shown from each change page.
"""

from django.contrib import admin, messages
from django.db import models
from django.db.models import Count, Max, Min, Q
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from archive import country_tags, dates, history
from archive.admin_site import choice_label
from archive.models import (
    Country,
    Event,
    IssuingBody,
    Person,
    Post,
    RelationKind,
    Statement,
    StatementForReview,
    StatementRelation,
    Status,
)
from archive.statement_form import StatementForm

# admin.site is archive.admin_site.ArchiveAdminSite (see INSTALLED_APPS).


# What an archivist may set a statement to; publishing and withdrawing are for editors.
ARCHIVIST_STATUSES = (Status.DRAFT, Status.REVIEW)

# Links typed without a scheme are taken as https (Django 6's default).
URL_AS_HTTPS = {models.URLField: {"assume_scheme": "https"}}


class RefuseDeleteInUseMixin:
    """Show records still used by statements as protected on the delete page."""

    def get_deleted_objects(self, objs, request):
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        protected = list(protected)
        for obj in objs:
            for statement in obj.statements_in_use()[:20]:
                protected.append(
                    format_html("{} uses {} “{}”", statement, obj._meta.verbose_name, obj)
                )
        return deleted, model_count, perms_needed, protected


class StatementCountMixin:
    """Add a sortable statement count column to an authority admin."""

    statement_count_lookup = "statements"

    def get_queryset(self, request):
        # An aggregate drops the model's default ordering: keep it, so that
        # autocomplete pages and unsorted lists come in a stable order.
        return (
            super()
            .get_queryset(request)
            .annotate(_statement_count=Count(self.statement_count_lookup, distinct=True))
            .order_by(*(self.ordering or self.model._meta.ordering))
        )

    @admin.display(description="statements", ordering="_statement_count")
    def statement_count(self, obj):
        return obj._statement_count


@admin.register(Country)
class CountryAdmin(StatementCountMixin, RefuseDeleteInUseMixin, SimpleHistoryAdmin):
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
        "region",
        ("exists_from", "exists_until"),
        "historic",
        "predecessors",
    ]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and {"name", "aliases", "adjectives", "exists_from", "exists_until"} & set(
            form.changed_data
        ):
            self.message_user(
                request,
                "The names or years changed: run “manage.py tag_countries” to re-tag the "
                "statements with them.",
                messages.INFO,
            )


@admin.register(IssuingBody)
class IssuingBodyAdmin(StatementCountMixin, RefuseDeleteInUseMixin, SimpleHistoryAdmin):
    list_display = ["name", "kind", "country", "parent", "statement_count"]
    list_filter = ["kind", ("country__region", admin.AllValuesFieldListFilter)]
    search_fields = ["name", "aliases", "country__name", "country__code"]
    autocomplete_fields = ["country", "parent"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["country", "parent"]
    formfield_overrides = URL_AS_HTTPS
    fields = ["name", "slug", "kind", "country", "parent", "aliases", "description", "website"]


@admin.register(Event)
class EventAdmin(StatementCountMixin, RefuseDeleteInUseMixin, SimpleHistoryAdmin):
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


class DecadeFilter(admin.SimpleListFilter):
    title = "decade"
    parameter_name = "decade"

    def lookups(self, request, model_admin):
        bounds = Statement.objects.aggregate(first=Min("issued_on"), last=Max("issued_on"))
        if not bounds["first"]:
            return []
        start, end = bounds["first"].year // 10 * 10, bounds["last"].year // 10 * 10
        return [(str(d), f"{d}s") for d in range(end, start - 1, -10)]

    def queryset(self, request, queryset):
        first = dates.parse_decade(self.value() or "")
        if first is not None:
            first, last = dates.decade_years(first)
            return queryset.filter(issued_on__year__gte=first, issued_on__year__lte=last)
        return queryset


class YearFilter(admin.SimpleListFilter):
    title = "year"
    parameter_name = "year"

    def lookups(self, request, model_admin):
        first = dates.parse_decade(request.GET.get(DecadeFilter.parameter_name, ""))
        if first is None:
            return []
        first, last = dates.decade_years(first)
        return [(str(y), str(y)) for y in range(last, first - 1, -1)]

    def queryset(self, request, queryset):
        year = dates.parse_year(self.value() or "")
        return queryset if year is None else queryset.filter(issued_on__year=year)


class StatementRelationInline(admin.TabularInline):
    model = StatementRelation
    fk_name = "source"
    extra = 1
    autocomplete_fields = ["target"]
    fields = ["kind", "target", "note"]
    verbose_name = "relation to another statement"
    verbose_name_plural = "relations to other statements (this statement responds to, rebuts…)"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        """Show the chosen statement as the autocomplete does: title, date and issuer."""
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "target":
            field.queryset = field.queryset.select_related("issuer")
            field.label_from_instance = choice_label
        return field


class IncomingRelationInline(admin.TabularInline):
    """Read-only view of statements that point at this one."""

    model = StatementRelation
    fk_name = "target"
    extra = 0
    fields = ["source", "kind", "note"]
    readonly_fields = fields
    can_delete = False
    verbose_name = "relation from another statement"
    verbose_name_plural = "relations from other statements (answered by, rebutted by…)"

    def has_add_permission(self, request, obj=None):
        return False


class StatementHistoryHelper(HistoricalRecordContextHelper):
    """Show relations in the history as "responds to <title>", not as bare titles."""

    def prepare_delta_change_value(self, change, value):
        if change.field == "related":
            return [f"{RelationKind(row['kind']).label} {row['target']}" for row in value]
        return super().prepare_delta_change_value(change, value)


@admin.register(Statement)
class StatementAdmin(SimpleHistoryAdmin):
    form = StatementForm

    class Media:
        css = {"all": ["archive/admin.css"]}
        js = ["archive/admin_chips.js"]

    list_display = ["title", "issuer", "date", "kind", "status"]
    list_filter = [
        "status",
        "kind",
        "language",
        ("issuer", admin.RelatedOnlyFieldListFilter),
        ("issuer__country", admin.RelatedOnlyFieldListFilter),
        DecadeFilter,
        YearFilter,
    ]
    search_fields = ["title", "body", "issuer__name", "speaker"]
    date_hierarchy = "issued_on"
    autocomplete_fields = [
        "issuer",
        "co_issuers",
        "events",
        "countries_mentioned",
        "countries_not_named",
        "speaker_person",
    ]
    list_select_related = ["issuer"]
    formfield_overrides = URL_AS_HTTPS
    inlines = [StatementRelationInline, IncomingRelationInline]
    actions = ["submit_for_review", "publish", "withdraw"]
    history_list_display = ["status"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "status", "language"]}),
        (
            "Who and when",
            {
                "fields": [
                    "issuer",
                    "co_issuers",
                    ("speaker", "speaker_post"),
                    "speaker_person",
                    ("issued", "issued_precision"),
                ]
            },
        ),
        ("Text", {"fields": ["body", "summary"]}),
        (
            "What it refers to",
            {
                "fields": [
                    "events",
                    "countries_mentioned",
                    "countries_found",
                    "countries_not_named",
                ]
            },
        ),
        (
            "Source",
            {"fields": ["source_outlet", "source_url", "source_citation", "retrieved_on"]},
        ),
        (
            "This change",
            {"fields": ["change_reason"]},
        ),
        (
            "Record",
            {
                "classes": ["collapse"],
                "fields": [
                    "source_id",
                    ("created_at", "created_by"),
                    ("updated_at", "updated_by"),
                ],
            },
        ),
    ]

    @admin.display(description="date", ordering="issued_on")
    def date(self, obj):
        return obj.date_display

    def can_set_status(self, request) -> bool:
        return request.user.has_perms(["archive.publish_statement", "archive.withdraw_statement"])

    def has_publish_permission(self, request):
        return request.user.has_perm("archive.publish_statement")

    def has_withdraw_permission(self, request):
        return request.user.has_perm("archive.withdraw_statement")

    def has_change_permission(self, request, obj=None):
        """Let archivists change drafts only; what is public belongs to editors."""
        if not super().has_change_permission(request, obj):
            return False
        if obj is not None and obj.status not in ARCHIVIST_STATUSES:
            return self.can_set_status(request)
        return True

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        """Archivists move a statement between draft and ready for review; editors anywhere."""
        if db_field.name == "status" and not self.can_set_status(request):
            kwargs["choices"] = [(s.value, s.label) for s in ARCHIVIST_STATUSES]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    @admin.display(description="found in the text")
    def countries_found(self, obj):
        """Which countries named were found by the finder; the others were entered by hand."""
        found = list(obj.countries_extracted.all()) if obj and obj.pk else []
        if not found:
            return "None yet: the text is read when the statement is saved."
        return ", ".join(country.name for country in found)

    def get_readonly_fields(self, request, obj=None):
        return ["countries_found", "created_at", "created_by", "updated_at", "updated_by"]

    def save_model(self, request, obj, form, change):
        """Save the row; its history entry waits for the relations (see ``save_related``)."""
        if not change:
            obj.created_by = request.user
            if not self.can_set_status(request) and obj.status not in ARCHIVIST_STATUSES:
                obj.status = Status.DRAFT
        obj.updated_by = request.user
        obj._change_reason = form.cleaned_data.get("change_reason", "")
        history.gather(obj)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        """Keep the archivist's corrections to the countries named, then read the text again.

        The save's one history entry is made last, with every relation as saved.
        """
        before = {c.pk for c in form.initial.get("countries_mentioned", [])} if change else set()
        super().save_related(request, form, formsets, change)
        statement = form.instance
        if "countries_mentioned" in form.changed_data:
            after = set(statement.countries_mentioned.values_list("pk", flat=True))
            country_tags.record_corrections(statement, before, after)
        country_tags.tag([statement.pk])
        history.record_gathered(statement)

    def get_historical_record_context_helper(self, request, historical_record):
        return StatementHistoryHelper(self.model, historical_record)

    def _set_status(self, request, queryset, status, verb):
        changed = 0
        for statement in queryset.exclude(status=status):
            statement.status = status
            statement.updated_by = request.user
            statement._change_reason = f"{verb} from the list"
            statement.save()
            changed += 1
        self.message_user(request, f"{verb} {changed} statement(s).", messages.SUCCESS)

    @admin.action(description="Mark the selected drafts ready for review", permissions=["change"])
    def submit_for_review(self, request, queryset):
        self._set_status(
            request, queryset.filter(status=Status.DRAFT), Status.REVIEW, "Marked ready for review"
        )

    @admin.action(description="Publish the selected statements", permissions=["publish"])
    def publish(self, request, queryset):
        self._set_status(request, queryset, Status.PUBLISHED, "Published")

    @admin.action(description="Withdraw the selected statements", permissions=["withdraw"])
    def withdraw(self, request, queryset):
        self._set_status(request, queryset, Status.WITHDRAWN, "Withdrawn")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("issuer")

    def get_search_results(self, request, queryset, search_term):
        """Search by source identifier exactly too (e.g. ungdc-PRK-73-2018)."""
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if search_term:
            results |= queryset.filter(Q(source_id__iexact=search_term.strip()))
        return results, may_have_duplicates


@admin.register(StatementForReview)
class ReviewQueueAdmin(StatementAdmin):
    """The editors' queue: statements marked ready for review, oldest change first."""

    list_display = ["title", "issuer", "date", "updated_by", "updated_at", "preview"]
    ordering = ["updated_at", "pk"]  # the longest waiting first
    list_filter = ["kind", "language", ("issuer", admin.RelatedOnlyFieldListFilter)]
    actions = ["publish"]
    date_hierarchy = None

    def get_queryset(self, request):
        return super().get_queryset(request).filter(status=Status.REVIEW)

    @admin.display(description="preview")
    def preview(self, obj):
        return format_html('<a href="{}">Preview</a>', obj.get_absolute_url())

    def has_module_permission(self, request):
        return self.has_publish_permission(request)

    def has_view_permission(self, request, obj=None):
        return self.has_publish_permission(request)

    def has_change_permission(self, request, obj=None):
        # A proxy has permissions of its own, which no group holds: editors change
        # what waits here with their permission on statements.
        return self.has_publish_permission(request) and request.user.has_perm(
            "archive.change_statement"
        )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PostInline(admin.TabularInline):
    model = Post
    extra = 0
    autocomplete_fields = ["country"]
    fields = ["title", "country", "start_date", "end_date", "precision"]


@admin.register(Person)
class PersonAdmin(StatementCountMixin, RefuseDeleteInUseMixin, SimpleHistoryAdmin):
    list_display = ["name", "country", "statement_count"]
    list_filter = [("country", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "variants", "country__name", "country__code"]
    autocomplete_fields = ["country"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["country"]
    fields = ["name", "slug", "family_name", "variants", "country"]
    inlines = [PostInline]
    actions = ["merge"]

    @admin.action(description="Merge the selected people into one", permissions=["change"])
    def merge(self, request, queryset):
        """Join duplicates into the one with the most statements; the history records it."""
        people = list(queryset.annotate(_n=Count("statements")).order_by("-_n", "pk"))
        if len(people) < 2:
            self.message_user(request, "Select at least two people to merge.", messages.WARNING)
            return
        kept = people[0].merge(people[1:], user=request.user)
        self.log_change(request, kept, f"Merged {', '.join(p.name for p in people[1:])} into it.")
        self.message_user(
            request, f"Merged {len(people) - 1} record(s) into “{kept}”.", messages.SUCCESS
        )
