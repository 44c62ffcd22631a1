"""The admin site: Django's own, with the review queue's count in its index."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig


class ArchiveAdminSite(admin.AdminSite):
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
    default_site = "archive.admin_site.ArchiveAdminSite"
