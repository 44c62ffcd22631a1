"""Read an HTML page's forms as a browser would submit them, for tests that post them back."""

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Form:
    """One form: its id, its named fields with their current values, its radio choices."""

    id: str | None
    fields: list[tuple[str, str]] = field(default_factory=list)
    radios: dict[str, list[str]] = field(default_factory=dict)

    def names(self) -> set[str]:
        return {name for name, _ in self.fields}

    def post(self, **changes) -> dict[str, list[str]]:
        """The fields as the test client posts them (a list per name), with ``changes``."""
        data: dict[str, list[str]] = {}
        for name, value in self.fields:
            data.setdefault(name, []).append(value)
        data.update({name: [value] for name, value in changes.items()})
        return data


class FormReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.form: Form | None = None
        self._select: str | None = None
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.form = Form(attrs.get("id"))
            self.forms.append(self.form)
            return
        name = attrs.get("name")
        if self.form is None or (not name and tag != "option"):
            return
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind == "radio":
                self.form.radios.setdefault(name, []).append(attrs.get("value", "on"))
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.form.fields.append((name, attrs.get("value", "on")))
            elif kind not in ("submit", "button", "image", "reset", "file"):
                self.form.fields.append((name, attrs.get("value", "")))
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.form.fields.append((self._select, attrs.get("value", "")))
        elif tag == "textarea":
            self._textarea, self._text = name, []

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea and self.form is not None:
            text = "".join(self._text)
            self.form.fields.append((self._textarea, text.removeprefix("\n")))
            self._textarea = None


def read_forms(html: str) -> list[Form]:
    reader = FormReader()
    reader.feed(html)
    return reader.forms


def form_with(html: str, name: str) -> Form:
    """The page's form that has a field called ``name``."""
    found = [form for form in read_forms(html) if name in form.names() or name in form.radios]
    assert found, f"no form with a field “{name}” on the page"
    return found[0]


def form_by_id(html: str, form_id: str) -> Form:
    found = [form for form in read_forms(html) if form.id == form_id]
    assert found, f"no form “{form_id}” on the page"
    return found[0]
