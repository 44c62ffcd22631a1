"""The statement change form: the issue date typed as people write it (EDTF included),
a title box wide enough to read, and the reason for a change that the history keeps."""

from django import forms

from archive import dates
from archive.dates import Precision
from archive.models import Statement


class TypedDateField(forms.CharField):
    """A date as typed ("July 2024", "2024-07-01", "2024?"), cleaned to a ``TypedDate``."""

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        try:
            return dates.parse_typed(text)
        except ValueError as exc:
            raise forms.ValidationError(str(exc), code="invalid") from None


class StatementForm(forms.ModelForm):
    change_reason = forms.CharField(
        label="Reason for this change",
        required=False,
        max_length=100,
        help_text="Shown in the history with this save.",
        widget=forms.TextInput(attrs={"class": "vTextField"}),
    )
    issued = TypedDateField(
        label="Issue date",
        required=False,
        max_length=64,
        help_text=f"As written: {dates.ACCEPTED_FORMS}.",
    )
    issued_precision = forms.ChoiceField(
        label="Precision",
        required=False,
        choices=[("", "as typed"), *Precision.choices],
        help_text="Follows the date typed; choose one to override it.",
    )

    class Meta:
        model = Statement
        # The admin adds the other fields from its fieldsets; issued_on and
        # issued_edtf are never edited directly, only through ``issued``.
        fields = ["title", "issued_precision"]
        widgets = {"title": forms.TextInput(attrs={"class": "vTextField statement-title"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.issued_on:
            self.initial["issued"] = self.instance.date_edtf
            self.initial["issued_precision"] = ""
            field = self.fields["issued"]
            field.help_text = f"Read as “{self.instance.date_display}”. {field.help_text}"

    def clean(self):
        cleaned = super().clean()
        typed = cleaned.get("issued")
        chosen = cleaned.get("issued_precision")
        if typed is None:
            if "issued" not in self.errors:
                self.instance.issued_on, self.instance.issued_edtf = None, ""
            cleaned["issued_precision"] = chosen or Precision.DAY
            return cleaned
        if chosen and chosen != typed.precision and not typed.plain:
            self.add_error(
                "issued_precision",
                f"“{typed.edtf}” carries its own precision: leave the precision “as typed”.",
            )
            return cleaned
        precision = chosen or typed.precision
        self.instance.issued_on = typed.first
        if typed.plain or typed.edtf == dates.iso(typed.first, precision):
            # The precision chosen rewrites a plain date: "2024-07-01" to the month is "2024-07".
            self.instance.issued_edtf = ""
        else:
            self.instance.issued_edtf = typed.edtf
        cleaned["issued_precision"] = precision
        return cleaned
