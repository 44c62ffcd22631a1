"""The editors' review queue: statements marked ready, oldest change first, each with its
preview, its revision and what changed since it was marked ready."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from archive.admin.statements import StatementAdmin
from archive.models import StatementForReview, Status


@admin.register(StatementForReview)
class ReviewQueueAdmin(StatementAdmin):
    """The editors' queue: publishing here publishes the revision listed (and previewed)."""

    list_display = [
        "title",
        "issuer",
        "date",
        "updated_by",
        "updated_at",
        "since_ready",
        "preview",
        "revision_shown",
    ]
    ordering = ["updated_at", "pk"]  # the longest waiting first
    list_filter = ["kind", "language", ("issuer", admin.RelatedOnlyFieldListFilter)]
    actions = ["publish"]
    date_hierarchy = None

    def get_queryset(self, request):
        return super().get_queryset(request).filter(status=Status.REVIEW)

    @admin.action(description="Publish the selected statements", permissions=["publish"])
    def publish(self, request, queryset):
        self.publish_seen(request, queryset, "from the review queue")

    @admin.display(description="preview")
    def preview(self, obj):
        return format_html(
            '<a href="{}?revision={}">Preview</a>', obj.get_absolute_url(), obj.revision
        )

    @admin.display(description="since marked ready")
    def since_ready(self, obj):
        if not obj.changed_since_ready:
            return "unchanged"
        changes = reverse("admin:archive_statement_changes", args=[obj.pk])
        return format_html('<a href="{}">changed: see what changed</a>', changes)

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
