"""The people's admin: speakers, their posts, and merging duplicates safely.

Only editors merge (the action needs the delete permission). The action
shows the records side by side and asks which to keep and why; people of
states no succession links are merged only with an override. A merge is
undone from the survivor's history (``archive/person_merges.py``).
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse

from archive.admin.base import RecordAdmin, RefuseDeleteInUseMixin, StatementCountMixin
from archive.admin.duplicates import PossibleDuplicatesMixin
from archive.models import Person, Post, Statement
from archive.person_merges import MergeRefused, PersonMerge, merge, undo, unlinked_states


class PostInline(admin.TabularInline):
    model = Post
    extra = 0
    autocomplete_fields = ["country"]
    fields = ["title", "country", "start_date", "end_date", "precision"]


class MergeForm(forms.Form):
    """Which record to keep, and why: the confirmation of the merge action."""

    survivor = forms.TypedChoiceField(
        label="Keep this record", coerce=int, widget=forms.RadioSelect, required=True
    )
    reason = forms.CharField(
        label="Reason for the merge",
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        help_text="Kept in the history of every record the merge changes.",
    )
    override_states = forms.BooleanField(
        label="Merge all the same: they are one person, although no succession links their states",
        required=False,
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["survivor"].choices = [(person.pk, person.name) for person in people]


def merge_card(person: Person) -> dict:
    """What the confirmation shows of one record: names, state, posts, statements."""
    statements = Statement.objects.filter(speaker_person=person).select_related("issuer")
    dated = statements.exclude(issued_on=None).chronological()
    return {
        "person": person,
        "names": person.all_names(),
        "posts": list(person.posts.select_related("country")),
        "count": statements.count(),
        "published": statements.published().count(),
        "first": dated.first(),
        "last": dated.last(),
    }


@admin.register(Person)
class PersonAdmin(
    PossibleDuplicatesMixin, StatementCountMixin, RefuseDeleteInUseMixin, RecordAdmin
):
    list_display = ["name", "country", "statement_count"]
    list_filter = [("country", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "variants", "country__name", "country__code"]
    autocomplete_fields = ["country"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["country"]
    fields = ["name", "slug", "family_name", "variants", "country"]
    inlines = [PostInline]
    actions = ["merge"]
    object_history_template = "admin/archive/person/object_history.html"

    def get_queryset(self, request):
        """People not merged into another: a merged record is reached through its survivor."""
        return super().get_queryset(request).filter(merged_into__isnull=True)

    @admin.action(description="Merge the selected people into one…", permissions=["delete"])
    def merge(self, request, queryset):
        """Show the records side by side; merge once the editor chose the one kept, and why."""
        people = list(queryset.select_related("country").order_by("name", "pk"))
        if len(people) < 2:
            self.message_user(request, "Select at least two people to merge.", messages.WARNING)
            return None
        confirmed = "confirm" in request.POST
        form = MergeForm(request.POST if confirmed else None, people=people)
        if confirmed and form.is_valid():
            kept = next(p for p in people if p.pk == form.cleaned_data["survivor"])
            others = [p for p in people if p.pk != kept.pk]
            try:
                merge(
                    kept,
                    others,
                    reason=form.cleaned_data["reason"],
                    user=request.user,
                    override_states=form.cleaned_data["override_states"],
                )
            except MergeRefused as refused:
                form.add_error(None, str(refused))
            else:
                names = ", ".join(p.name for p in others)
                self.log_change(request, kept, f"Merged {names} into it.")
                self.message_user(
                    request,
                    f"Merged {names} into “{kept}”. The merge can be undone from its history.",
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(reverse("admin:archive_person_change", args=[kept.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Merge people",
            "cards": [merge_card(person) for person in people],
            "form": form,
            "unlinked": unlinked_states(people),
            "selected": [person.pk for person in people],
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/archive/person/merge_confirmation.html", context)

    def get_urls(self):
        return [
            path(
                "<path:object_id>/merges/<int:merge_id>/undo/",
                self.admin_site.admin_view(self.undo_merge_view),
                name="archive_person_undo_merge",
            ),
            *self.duplicate_urls(),
            *super().get_urls(),
        ]

    def history_view(self, request, object_id, extra_context=None):
        """The record's history, with the merges into it and out of it."""
        extra_context = {
            **(extra_context or {}),
            "merges_in": PersonMerge.objects.filter(survivor_id=object_id).select_related(
                "merged", "merged_by", "undone_by"
            ),
            "merges_out": PersonMerge.objects.filter(merged_id=object_id).select_related(
                "survivor", "merged_by", "undone_by"
            ),
            "can_undo": self.has_delete_permission(request),
        }
        return super().history_view(request, object_id, extra_context)

    def undo_merge_view(self, request, object_id, merge_id):
        """Ask, then undo a merge into this record (editors only)."""
        if not self.has_delete_permission(request):
            raise PermissionDenied
        if not object_id.isdigit():
            raise Http404("No person has this id.")
        record = get_object_or_404(
            PersonMerge.objects.select_related("survivor", "merged"),
            pk=merge_id,
            survivor_id=object_id,
        )
        history_url = reverse("admin:archive_person_history", args=[record.survivor_id])
        if request.method == "POST":
            try:
                counts = undo(record, user=request.user)
            except MergeRefused as refused:
                self.message_user(request, str(refused), messages.ERROR)
                return HttpResponseRedirect(history_url)
            self.log_change(request, record.survivor, f"Undid the merge of {record.merged}.")
            stayed = (
                f"; {counts['stayed']} given to someone else since stay where they are"
                if counts["stayed"]
                else ""
            )
            self.message_user(
                request,
                f"“{record.merged}” is a record of its own again, with {counts['returned']} "
                f"statement(s){stayed}.",
                messages.SUCCESS,
            )
            return HttpResponseRedirect(
                reverse("admin:archive_person_change", args=[record.merged_id])
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Undo the merge of “{record.merged}” into “{record.survivor}”",
            "record": record,
            "returning": Statement.objects.filter(
                pk__in=record.statements, speaker_person=record.survivor
            ).count(),
            "history_url": history_url,
        }
        return TemplateResponse(request, "admin/archive/person/undo_merge.html", context)
