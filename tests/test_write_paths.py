"""Every write path keeps the change log and the history: each admin, each action, each command.

The admins and their actions are enumerated from the archive's admin site,
proxies included (the review queue), and the commands from the archive's and
the search app's command folders: a new admin, action or command is checked
without anyone adding it here (a new command must say how it writes, below).
Each is run as a user runs it, and judged by one oracle: every archive row
or relation it changed has a new history entry, and every search document
it changed is owed by the change log.
"""

import datetime as dt
from io import StringIO

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.core.management import call_command, get_commands
from django.db.models import Max
from django.test import Client, RequestFactory
from django.urls import reverse
from simple_history.utils import get_m2m_field_name, get_m2m_reverse_field_name

from archive.groups import sync_groups
from archive.models import (
    Country,
    Event,
    IssuingBody,
    Person,
    Post,
    RelationKind,
    Statement,
    StatementRelation,
    Status,
)
from search import documents
from search.backends.base import LogPosition
from search.models import IndexChange
from search.sync.changelog import ChangeLog
from tests.admin_forms import form_by_id, form_with
from tests.test_importers import record, write_jsonl

ARCHIVE = apps.get_app_config("archive")
# Records kept as history themselves, or derived from the records' histories.
WITHOUT_HISTORY = {"personmerge", "formerslug"}
HISTORIED = [
    model
    for model in ARCHIVE.get_models()
    if not model._meta.proxy
    and model._meta.model_name not in WITHOUT_HISTORY
    and not model._meta.model_name.startswith("historical")
]


# The oracle -----------------------------------------------------------------------


def _link_rows(model, field, rows) -> dict:
    """Link rows (a through table's, or a history entry's copy of it) by their owner."""
    through = field.remote_field.through
    owner = through._meta.get_field(get_m2m_field_name(field)).attname
    other = through._meta.get_field(get_m2m_reverse_field_name(field)).attname
    columns = [f.attname for f in through._meta.concrete_fields if f.attname != "id"]
    found: dict = {}
    for row in rows.values(*columns):
        found.setdefault(row[owner], set()).add((*sorted(row.items()), row[other]))
    return found


def _m2m_fields(model) -> list:
    return list(getattr(model.history.model, "_history_m2m_fields", ()))


def _links(model) -> dict:
    """Each record's many-to-many links that its history records, as sets."""
    return {
        (model, field.name, owner): links
        for field in _m2m_fields(model)
        for owner, links in _link_rows(
            model, field, field.remote_field.through._base_manager.all()
        ).items()
    }


class Snapshot:
    """The archive's rows, links, history, change log and search documents at one moment."""

    def __init__(self) -> None:
        self.rows = {
            (model, row["id"]): row for model in HISTORIED for row in model._base_manager.values()
        }
        self.links = {key: value for model in HISTORIED for key, value in _links(model).items()}
        self.history = {
            model: model.history.aggregate(high=Max("history_id"))["high"] or 0
            for model in HISTORIED
        }
        self.log = IndexChange.objects.aggregate(high=Max("position"))["high"] or 0
        self.documents = {doc.id: doc.version for doc in documents.iter_documents()}

    def check(self) -> tuple[int, int]:
        """Assert that what changed since is recorded as it now stands; return (records,
        documents) changed."""
        after = Snapshot()
        records = {
            key
            for key in self.rows.keys() | after.rows.keys()
            if self.rows.get(key) != after.rows.get(key)
        }
        for model, field, pk in self.links.keys() | after.links.keys():
            key = (model, field, pk)
            if self.links.get(key) != after.links.get(key) and (model, pk) in after.rows:
                records.add((model, pk))
        for model, pk in records:
            entries = model.history.filter(id=pk, history_id__gt=self.history[model])
            assert entries.exists(), f"{model.__name__} #{pk} changed without a history entry"
            _assert_entry_is_the_record(after, model, pk, entries.latest("history_id"))
        changed_docs = {
            doc
            for doc in self.documents.keys() | after.documents.keys()
            if self.documents.get(doc) != after.documents.get(doc)
        }
        owed = ChangeLog().pending(LogPosition(self.log)).ids
        unowed = changed_docs - owed
        assert not unowed, f"documents changed with no change-log row: {unowed}"
        return len(records), len(changed_docs)


def _assert_entry_is_the_record(after: Snapshot, model, pk, entry) -> None:
    """The newest entry holds the row and its links as they now stand (or records a delete)."""
    row = after.rows.get((model, pk))
    if row is None:
        assert entry.history_type == "-", f"{model.__name__} #{pk} deleted without a record"
        return
    recorded = {name: getattr(entry, name) for name in row}
    assert recorded == row, f"{model.__name__} #{pk}: its newest history entry is not the row"
    for field in _m2m_fields(model):
        links = _link_rows(model, field, getattr(entry, field.name).all()).get(pk, set())
        assert links == after.links.get((model, field.name, pk), set()), (
            f"{model.__name__} #{pk}: its newest history entry has other {field.name}"
        )


# A small archive ------------------------------------------------------------------


@pytest.fixture
def world(db):
    prk = Country.objects.create(code="PRK", name="North Korea", aliases="DPRK")
    jpn = Country.objects.create(code="JPN", name="Japan")
    body = IssuingBody.objects.create(name="DPRK Foreign Ministry", country=prk)
    event = Event.objects.create(name="Freedom Edge 2024", start_date=dt.date(2024, 6, 27))
    choe = Person.objects.create(name="Choe Su Hon", country=prk)
    Post.objects.create(person=choe, title="Minister for Foreign Affairs", country=prk)
    again = Person.objects.create(name="CHOE Su Hon", country=prk)

    def statement(title, status, **fields):
        made = Statement.objects.create(
            title=title,
            body=f"{title}: we denounce the exercise with South Korea.",
            issuer=body,
            issued_on=dt.date(2024, 6, 30),
            status=status,
            speaker="Choe Su Hon",
            speaker_person=choe,
            **fields,
        )
        made.events.add(event)
        made.countries_mentioned.add(jpn)
        return made

    statements = {
        status: statement(f"A {status} statement", status)
        for status in (Status.DRAFT, Status.REVIEW, Status.PUBLISHED, Status.WITHDRAWN)
    }
    answer = statement("An answer", Status.PUBLISHED)
    StatementRelation.objects.create(
        source=answer, kind=RelationKind.RESPONDS_TO, target=statements[Status.PUBLISHED]
    )
    return {
        "country": prk,
        "issuingbody": body,
        "event": event,
        "person": choe,
        "duplicate": again,
        "unused country": Country.objects.create(code="XXA", name="Unused land"),
        "unused issuingbody": IssuingBody.objects.create(name="Unused body"),
        "unused event": Event.objects.create(name="Unused event", start_date=dt.date(2020, 1, 1)),
        "unused person": Person.objects.create(name="Nobody Yet"),
        **{f"{status} statement": s for status, s in statements.items()},
    }


USERS = ["superuser", "editor", "archivist"]


def _logged_in(who: str) -> tuple[Client, User]:
    """A client logged in as a superuser, or as a member of the Editors or Archivists."""
    sync_groups(apps)
    if who == "superuser":
        user = User.objects.create_superuser(who, password="pw-for-tests-0")
    else:
        user = User.objects.create_user(who, password="pw-for-tests-0", is_staff=True)
        user.groups.add(Group.objects.get(name=f"{who.capitalize()}s"))
    client = Client()
    client.force_login(user)
    return client, user


# Admins and their actions -----------------------------------------------------------


def registered_admins() -> list[tuple[str, object]]:
    return [
        (model._meta.model_name, admin.site.get_model_admin(model))
        for model in ARCHIVE.get_models()
        if admin.site.is_registered(model)
    ]


def admin_cases() -> list[tuple[str, str]]:
    cases = []
    for name, model_admin in registered_admins():
        cases.append((name, "save"))
        declared = [a if isinstance(a, str) else a.__name__ for a in model_admin.actions or ()]
        cases.extend((name, action) for action in [*declared, "delete_selected"])
    return cases


# Which records each case works on (world keys); any other case takes the list's first row.
TARGETS = {
    ("statement", "save"): ["published statement"],
    ("statement", "delete_selected"): ["draft statement"],
    ("statement", "submit_for_review"): ["draft statement"],
    ("statement", "publish"): ["draft statement"],
    ("statement", "withdraw"): ["published statement"],
    ("statementforreview", "save"): ["review statement"],
    ("statementforreview", "publish"): ["review statement"],
    ("person", "merge"): ["person", "duplicate"],
    ("person", "delete_selected"): ["unused person"],
    ("country", "delete_selected"): ["unused country"],
    ("issuingbody", "delete_selected"): ["unused issuingbody"],
    ("event", "delete_selected"): ["unused event"],
}


def _targets(world, name, case, listed) -> list:
    keys = TARGETS.get((name, case), [name] if name in world and case == "save" else [])
    return [world[key] for key in keys] or listed[:1]


def test_every_admin_and_action_is_enumerated():
    """The review queue is among them, and so is each list action."""
    cases = set(admin_cases())
    assert {("statementforreview", "publish"), ("statement", "publish")} <= cases
    assert {("person", "merge"), ("statement", "withdraw"), ("country", "save")} <= cases


@pytest.mark.parametrize("who", USERS)
@pytest.mark.parametrize(("name", "case"), admin_cases())
def test_every_admin_save_and_action_writes_the_change_log_and_the_history(
    world, who, name, case, django_capture_on_commit_callbacks
):
    """Taken by each kind of user: what the user may do is recorded, the rest refused (403)
    with nothing changed."""
    client, user = _logged_in(who)
    model_admin = dict(registered_admins())[name]
    changelist = reverse(f"admin:archive_{name}_changelist")
    listing = client.get(changelist)
    listed = list(listing.context["cl"].queryset) if listing.status_code == 200 else []
    targets = _targets(world, name, case, listed)
    request = RequestFactory().get(changelist)
    request.user = user
    if case == "save":
        permitted = model_admin.has_change_permission(request, targets[0])
    else:
        permitted = listing.status_code == 200 and case in _choices(listing)
    before = Snapshot()
    with django_capture_on_commit_callbacks(execute=True):
        if not permitted:
            response = _attempt(client, name, case, targets)
        elif case == "save":
            response = _save(client, name, targets[0], model_admin.opts.model_name)
        else:
            response = _act(client, changelist, listing, case, targets)
    if not permitted:
        assert response.status_code == 403
        assert before.check() == (0, 0)
        return
    assert response.status_code == 302, response.content.decode()[:2000]
    records, _ = before.check()
    assert records, f"{name} {case} changed no record: the case proves nothing"


def _attempt(client, name, case, targets):
    """What a user without the permission could still post."""
    if case == "save":
        url = reverse(f"admin:archive_{name}_change", args=[targets[0].pk])
        return client.post(url, {"title": "Edited", "name": "Edited", "_save": "Save"})
    data = {"action": case, "_selected_action": [str(t.pk) for t in targets], "index": "0"}
    return client.post(reverse(f"admin:archive_{name}_changelist"), data)


def _save(client, name, target, model_name):
    """Open the record's change form and save it with its title or name edited."""
    url = reverse(f"admin:archive_{name}_change", args=[target.pk])
    form = form_by_id(client.get(url).content.decode(), f"{model_name}_form")
    field = "title" if "title" in form.names() else "name"
    value = dict(form.fields)[field]
    return client.post(url, form.post(**{field: f"{value} (edited)", "_save": "Save"}))


def _act(client, changelist, listing, action, targets):
    """Tick the targets in the list and take the action; confirm an intermediate page."""
    data = form_with(listing.content.decode(), "action").post(action=action, index="0")
    data["_selected_action"] = [str(t.pk) for t in targets]
    response = client.post(changelist, data)
    if response.status_code == 200:
        confirm = form_with(response.content.decode(), "action")
        answers = {name: values[0] for name, values in confirm.radios.items()}
        answers.update(post="yes", reason="Checked by the write-path test")
        response = client.post(changelist, confirm.post(**answers))
    return response


def _choices(listing) -> list[str]:
    """The actions the list offers its user (no form when it offers none)."""
    form = listing.context["action_form"]
    return [] if form is None else [value for value, _ in form.fields["action"].choices]


# Commands ---------------------------------------------------------------------------


def _corpus(tmp_path):
    return write_jsonl(
        tmp_path / "corpus.jsonl.gz",
        [
            record(id="ungdc-PRK-73-2018", date="2018"),
            record(id="ungdc-PRK-74-2019", date="2019", speaker="Ri Yong Ho"),
        ],
        gz=True,
    )


def _new_state_named_in_the_texts():
    """A state the texts name, entered after they were tagged: re-tagging finds it."""
    Country.objects.create(code="KOR", name="South Korea")


# How each command of the project's apps writes: (what it needs first, how a user runs it),
# or None for one that writes no archive record. A command missing here fails
# ``test_every_command_is_classified``.
COMMANDS = {
    "import_statements": (
        None,
        lambda tmp: call_command(
            "import_statements", str(_corpus(tmp)), "--no-progress", stdout=StringIO()
        ),
    ),
    "loaddata": (
        None,
        lambda tmp: call_command("loaddata", "countries", "seed_asian_nato", verbosity=0),
    ),
    "load_demo_data": (None, lambda tmp: call_command("load_demo_data", stdout=StringIO())),
    "tag_countries": (
        _new_state_named_in_the_texts,
        lambda tmp: call_command("tag_countries", "--no-progress", stdout=StringIO()),
    ),
    "build_demo_fixture": (
        None,
        lambda tmp: call_command(
            "build_demo_fixture",
            "--corpus",
            str(_corpus(tmp)),
            "--output-dir",
            str(tmp),
            stdout=StringIO(),
        ),
    ),
    # It writes the country authority file (archive/countries.json), never a record.
    "cldr_country_names": None,
    # These write the search index and the change log, never an archive record.
    "rebuild_search_index": None,
    "sync_search_index": None,
    "check_search_index": None,
    # It makes a user account, no archive record.
    "ensure_admin": None,
}


def test_every_command_is_classified():
    ours = {name for name, app in get_commands().items() if app in ("archive", "search")}
    assert ours == set(COMMANDS)


@pytest.mark.parametrize("command", [name for name, how in COMMANDS.items() if how])
def test_every_command_that_writes_records_the_change_log_and_the_history(
    request, db, tmp_path, command, django_capture_on_commit_callbacks
):
    setup, run = COMMANDS[command]
    if setup is not None:
        request.getfixturevalue("world")
        setup()
    before = Snapshot()
    with django_capture_on_commit_callbacks(execute=True):
        run(tmp_path)
    records, changed_documents = before.check()
    assert records and changed_documents, f"{command} wrote nothing: the case proves nothing"
