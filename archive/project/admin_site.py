"""The archive's admin site: Django's, with the review queue's count in its index, and
choices that say which record they are.

A statement chosen in an autocomplete ("responds to …") shows its date and
issuer beside its title: many statements share a title. Records say how
they want to be chosen with a ``choice_label``; the others show ``str()``.
"""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.contrib.admin.views.autocomplete import AutocompleteJsonView


def choice_label(obj) -> str:
    return getattr(obj, "choice_label", None) or str(obj)


class ChoiceAutocompleteView(AutocompleteJsonView):
    """Autocomplete results labelled with each record's ``choice_label``."""

    def serialize_result(self, obj, to_field_name):
        return {**super().serialize_result(obj, to_field_name), "text": choice_label(obj)}


class ArchiveAdminSite(admin.AdminSite):
    site_header = "Diplomatic statement archive"
    site_title = "Archive admin"
    index_title = "Curate the archive"

    def autocomplete_view(self, request):
        return ChoiceAutocompleteView.as_view(admin_site=self)(request)

    def get_app_list(self, request, app_label=None):
        """Name the review queue with how many statements wait in it: "Review queue (3)"."""
        from archive.models import Statement, Status

        app_list = super().get_app_list(request, app_label)
        for app in app_list:
            for model in app["models"]:
                if model["object_name"] == "StatementForReview":
                    waiting = Statement.objects.filter(status=Status.REVIEW).count()
                    model["name"] = f"{model['name']} ({waiting})"
        return app_list


class ArchiveAdminConfig(AdminConfig):
    """Installed in place of ``django.contrib.admin``, so that ``admin.site`` is the archive's."""

    default_site = "archive.project.admin_site.ArchiveAdminSite"
