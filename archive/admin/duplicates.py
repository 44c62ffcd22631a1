"""The editors' list of possible duplicates (``archive.models.duplicates``), beside the
people's admin.

Each proposal shows both records and the importer's evidence, a button that
opens the merge confirmation for the pair (the person admin's merge action),
and one that records that they are two people. Only editors see it: merging
needs the delete permission on people.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from archive.models.duplicates import DuplicateProposal

PAGE = 100


class PossibleDuplicatesMixin:
    """Adds ``duplicates/`` and ``duplicates/<id>/dismiss/`` to the people's admin."""

    def duplicate_urls(self):
        return [
            path(
                "duplicates/",
                self.admin_site.admin_view(self.duplicates_view),
                name="archive_person_duplicates",
            ),
            path(
                "duplicates/<int:proposal_id>/dismiss/",
                self.admin_site.admin_view(require_POST(self.dismiss_duplicate_view)),
                name="archive_person_dismiss_duplicate",
            ),
        ]

    def duplicates_view(self, request):
        if not self.has_delete_permission(request):
            raise PermissionDenied
        proposals = DuplicateProposal.objects.open().select_related(
            "person__country", "candidate__country"
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Possible duplicates",
            "proposals": proposals[:PAGE],
            "total": proposals.count(),
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/archive/person/duplicates.html", context)

    def dismiss_duplicate_view(self, request, proposal_id):
        if not self.has_delete_permission(request):
            raise PermissionDenied
        proposal = get_object_or_404(DuplicateProposal.objects.open(), pk=proposal_id)
        proposal.dismissed = True
        proposal.decided_by = request.user
        proposal.save()
        self.message_user(
            request,
            f"“{proposal.person}” and “{proposal.candidate}” stay two people.",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:archive_person_duplicates"))

    def changelist_view(self, request, extra_context=None):
        """The list, with the number of open proposals for those who may merge."""
        if self.has_delete_permission(request):
            extra_context = {
                **(extra_context or {}),
                "open_duplicates": DuplicateProposal.objects.open().count(),
            }
        return super().changelist_view(request, extra_context)
