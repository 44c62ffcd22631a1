"""Publishing the revision an editor saw, from a list or from the preview; what changed since.

The lists show each statement's revision with a hidden input, so that a
publish action knows which revision its editor saw; the preview posts the
revision it shows. ``archive.review`` refuses anything else.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme

from archive import review
from archive.models import Statement, Status


def seen_revision(request, pk) -> int | None:
    """The revision of statement ``pk`` that the posted form showed, if it says."""
    value = request.POST.get(f"revision-{pk}", request.POST.get("revision", ""))
    return int(value) if value.isdigit() else None


class PublishingMixin:
    """For the statements' admins: the revision column, publishing, what changed since."""

    @admin.display(description="revision")
    def revision_shown(self, obj):
        """The revision listed, and a hidden input that tells a publish action it was seen."""
        return format_html(
            '{}<input type="hidden" name="revision-{}" value="{}">',
            obj.revision,
            obj.pk,
            obj.revision,
        )

    def publish_seen(self, request, queryset, where: str) -> None:
        """Publish each statement at the revision the form showed; refuse the others."""
        published = 0
        for statement in queryset.exclude(status=Status.PUBLISHED):
            seen = seen_revision(request, statement.pk)
            try:
                review.publish_reviewed(
                    statement.pk,
                    seen,
                    user=request.user,
                    reason=f"Published {where}, as reviewed at revision {seen}",
                )
            except review.StaleRevision as refused:
                self.refuse_stale(request, refused)
            else:
                published += 1
        if published:
            self.message_user(request, f"Published {published} statement(s).", messages.SUCCESS)

    def refuse_stale(self, request, refused: review.StaleRevision) -> None:
        changes = reverse("admin:archive_statement_changes", args=[refused.statement.pk])
        since = f"?since={refused.seen}" if refused.seen else ""
        self.message_user(
            request,
            format_html('{} <a href="{}{}">See what changed</a>.', str(refused), changes, since),
            messages.ERROR,
        )

    # The changes since a revision, and publishing from the preview ---------------------

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/changes/",
                self.admin_site.admin_view(self.changes_view),
                name="{}_{}_changes".format(*info),
            ),
            path(
                "<path:object_id>/publish/",
                self.admin_site.admin_view(self.publish_view),
                name="{}_{}_publish".format(*info),
            ),
            *super().get_urls(),
        ]

    def changes_view(self, request, object_id):
        """What changed since a revision: since ``?since=``, or since it was marked ready."""
        statement = self.statement(request, object_id)
        if not self.has_view_or_change_permission(request, statement):
            raise PermissionDenied
        since = request.GET.get("since", "")
        since = int(since) if since.isdigit() else statement.ready_revision
        changes = review.changes_since(statement, since) if since else None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"What changed in “{statement}”",
            "statement": statement,
            "since": since,
            "changes": changes,
        }
        return TemplateResponse(request, "admin/archive/statement/changes.html", context)

    def publish_view(self, request, object_id):
        """Publish the revision the preview showed (a POST from the preview's button)."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_publish_permission(request):
            raise PermissionDenied
        statement = self.statement(request, object_id)
        self.publish_seen(request, Statement.objects.filter(pk=statement.pk), "from the preview")
        target = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(
            target, {request.get_host()}, require_https=request.is_secure()
        ):
            target = reverse("admin:archive_statementforreview_changelist")
        return HttpResponseRedirect(target)

    def statement(self, request, object_id) -> Statement:
        """The statement of an address, whatever its status (404 for none, or a bad id)."""
        statement = Statement.objects.filter(pk=object_id).first() if object_id.isdigit() else None
        if statement is None:
            raise Http404("No statement has this id.")
        return statement
