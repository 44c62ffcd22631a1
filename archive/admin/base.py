"""What the archive's admins share: permitted actions only, protected records, counts."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from archive import history

# Links typed without a scheme are taken as https (Django 6's default).
URL_AS_HTTPS = {models.URLField: {"assume_scheme": "https"}}


class RecordAdmin(SimpleHistoryAdmin):
    """An admin of archive records: one history entry a save, and a 403 for an action its
    user may not take.

    A save writes the row, then its many-to-many fields and inlines: their
    history entries are gathered into one, made once the relations are saved
    (``archive.history.gather``). Django leaves an action the user lacks the
    permission for out of the list, and a POST naming it anyway only gets "No
    action selected": a refusal should say so.
    """

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        finally:
            history.release_gathered()  # a save that failed half-way gathers no more

    def save_model(self, request, obj, form, change):
        history.gather(obj)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        self.related_saved(request, form, change)
        history.record_gathered(form.instance)

    def related_saved(self, request, form, change) -> None:
        """What a save does once the record's relations are saved, before its history entry."""

    def changelist_view(self, request, extra_context=None):
        name = request.POST.get("action") if request.method == "POST" else None
        if name and name in self.declared_actions() and name not in self.get_actions(request):
            raise PermissionDenied(f"You may not {name.replace('_', ' ')} these records.")
        return super().changelist_view(request, extra_context)

    def declared_actions(self) -> set[str]:
        """The names of every action of this admin and its site, permitted or not."""
        own = {a if isinstance(a, str) else a.__name__ for a in self.actions or ()}
        return own | {name for name, _ in self.admin_site.actions}


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
