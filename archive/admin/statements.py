"""The statements' admin: the change form, the list, and the moves between draft, ready for
review, published and withdrawn.

Archivists add and edit drafts; editors also publish, withdraw and delete
(see ``archive/groups.py``). Publishing from a list or from the preview
publishes the revision the editor saw, or nothing (``archive/review.py``).
"""

from django.contrib import admin, messages
from django.db.models import Max, Min, Q
from django.utils.html import format_html
from simple_history.template_utils import HistoricalRecordContextHelper

from archive import country_tags, dates
from archive.admin.base import URL_AS_HTTPS, RecordAdmin
from archive.admin.publishing import PublishingMixin
from archive.models import RelationKind, Statement, StatementRelation, StatementVersion, Status
from archive.project.admin_site import choice_label
from archive.statement_form import StatementForm

# What an archivist may set a statement to; publishing and withdrawing are for editors.
ARCHIVIST_STATUSES = (Status.DRAFT, Status.REVIEW)


class DecadeFilter(admin.SimpleListFilter):
    title = "decade"
    parameter_name = "decade"

    def lookups(self, request, model_admin):
        bounds = Statement.objects.aggregate(first=Min("issued_on"), last=Max("issued_on"))
        if not bounds["first"]:
            return []
        start, end = dates.decade_of(bounds["first"].year), dates.decade_of(bounds["last"].year)
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


class StatementVersionInline(admin.StackedInline):
    model = StatementVersion
    extra = 0
    formfield_overrides = URL_AS_HTTPS
    fields = [("language", "original"), "title", "body", ("translator", "source", "source_url")]
    verbose_name = "version in another language"
    verbose_name_plural = "versions in other languages (the original, translations)"


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
class StatementAdmin(PublishingMixin, RecordAdmin):
    form = StatementForm

    class Media:
        css = {"all": ["archive/admin.css"]}
        js = ["archive/admin_chips.js"]

    list_display = ["title", "issuer", "date", "kind", "status", "revision_shown"]
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
    inlines = [StatementVersionInline, StatementRelationInline, IncomingRelationInline]
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
        ("Text", {"fields": ["body", ("translated", "translator"), "summary"]}),
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
        """Save the row; its history entry waits for the relations (``RecordAdmin``)."""
        if not change:
            obj.created_by = request.user
            if not self.can_set_status(request) and obj.status not in ARCHIVIST_STATUSES:
                obj.status = Status.DRAFT
        obj.updated_by = request.user
        obj._change_reason = form.cleaned_data.get("change_reason", "")
        super().save_model(request, obj, form, change)

    def related_saved(self, request, form, change):
        """Keep the archivist's corrections to the countries named, then read the text again."""
        statement = form.instance
        if "countries_mentioned" in form.changed_data:
            before = {c.pk for c in form.initial.get("countries_mentioned", [])}
            after = set(statement.countries_mentioned.values_list("pk", flat=True))
            country_tags.record_corrections(statement, before if change else set(), after)
        country_tags.tag([statement.pk])

    def get_historical_record_context_helper(self, request, historical_record):
        return StatementHistoryHelper(self.model, historical_record)

    def _set_status(self, request, queryset, status, verb):
        changed = 0
        for statement in queryset:
            statement.status = status
            statement.ready_revision = None  # marked (again) with this save
            statement.updated_by = request.user
            statement._change_reason = f"{verb} from the list"
            statement.save()
            changed += 1
        self.message_user(request, f"{verb} {changed} statement(s).", messages.SUCCESS)

    @admin.action(
        description="Mark the selected drafts (or changed statements) ready for review",
        permissions=["change"],
    )
    def submit_for_review(self, request, queryset):
        """Drafts, and statements in review changed since they were marked ready."""
        waiting = [s.pk for s in queryset.filter(status=Status.REVIEW) if s.changed_since_ready]
        queryset = queryset.filter(Q(status=Status.DRAFT) | Q(pk__in=waiting))
        self._set_status(request, queryset, Status.REVIEW, "Marked ready for review")

    @admin.action(description="Publish the selected statements", permissions=["publish"])
    def publish(self, request, queryset):
        self.publish_seen(request, queryset, "from the list")

    @admin.action(description="Withdraw the selected statements", permissions=["withdraw"])
    def withdraw(self, request, queryset):
        self._set_status(
            request, queryset.exclude(status=Status.WITHDRAWN), Status.WITHDRAWN, "Withdrawn"
        )

    def get_deleted_objects(self, objs, request):
        """Refuse to delete what was ever public: its address is cited; withdraw it instead."""
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        protected = list(protected)
        public = (Status.PUBLISHED, Status.WITHDRAWN)
        ever_public = set(
            Statement.history.filter(id__in=[s.pk for s in objs], status__in=public)
            .values_list("id", flat=True)
            .distinct()
        )
        for statement in objs:
            if statement.status in public or statement.pk in ever_public:
                protected.append(
                    format_html(
                        "“{}” was public: a statement that was public is withdrawn, never deleted",
                        statement,
                    )
                )
        return deleted, model_count, perms_needed, protected

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("issuer")

    def get_search_results(self, request, queryset, search_term):
        """Search by source identifier exactly too (e.g. ungdc-PRK-73-2018)."""
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if search_term:
            results |= queryset.filter(Q(source_id__iexact=search_term.strip()))
        return results, may_have_duplicates
