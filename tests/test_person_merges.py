"""Merging people safely: editors only, confirmed side by side, states checked, undone."""

import datetime as dt

import pytest
from django.urls import reverse

from archive.models import Country, IssuingBody, Person, Post, Statement, Status
from archive.person_merges import MergeRefused, PersonMerge, merge, undo
from search.models import IndexChange

CHANGELIST = "admin:archive_person_changelist"


@pytest.fixture
def states(db):
    """Two states no succession links, and a state with its successor."""
    return {
        code: Country.objects.create(code=code, name=name)
        for code, name in (
            ("PRK", "North Korea"),
            ("THA", "Thailand"),
            ("KOR", "South Korea"),
            ("SUN", "Soviet Union"),
            ("RUS", "Russian Federation"),
        )
    }


@pytest.fixture
def people(states):
    """Choe Su Hon (DPRK) with two speeches, a Thai and a South Korean minister, with posts."""
    body = IssuingBody.objects.create(name="Government", country=states["PRK"])

    def person(name, code, years, variants=""):
        record = Person.objects.create(name=name, country=states[code], variants=variants)
        Post.objects.create(
            person=record,
            title="Minister for Foreign Affairs",
            country=states[code],
            start_date=dt.date(years[0], 1, 1),
            end_date=dt.date(years[-1], 1, 1),
        )
        for year in years:
            Statement.objects.create(
                title=f"Speech of {name} ({year})",
                body="We speak for peace.",
                issuer=body,
                speaker=name,
                speaker_person=record,
                issued_on=dt.date(year, 9, 25),
                status=Status.PUBLISHED,
            )
        return record

    return {
        "choe": person("Choe Su Hon", "PRK", [1998, 2000], variants="Choe Su-hon"),
        "choe_again": person("CHOE Su Hon", "PRK", [2001]),
        "thai": person("Surakiart Sathirathai", "THA", [2002]),
        "korean": person("Ban Ki-moon", "KOR", [2005]),
    }


def post_merge(client, selected, **confirmation):
    data = {"action": "merge", "_selected_action": [p.pk for p in selected]}
    if confirmation:
        data |= {"confirm": "yes", **confirmation}
    else:
        data["index"] = "0"  # the list's action button
    return client.post(reverse(CHANGELIST), data)


def test_an_archivists_merge_is_refused_with_403_and_deletes_nothing(archivist_client, people):
    choe, again = people["choe"], people["choe_again"]
    for confirmation in ({}, {"survivor": choe.pk, "reason": "Same man"}):
        response = post_merge(archivist_client, [choe, again], **confirmation)
        assert response.status_code == 403
    assert set(Person.objects.current()) == set(people.values())
    assert again.statements.count() == 1
    assert not PersonMerge.objects.exists()


def test_the_merge_shows_the_records_side_by_side_and_changes_nothing_yet(editor_client, people):
    choe, again = people["choe"], people["choe_again"]
    page = post_merge(editor_client, [choe, again])
    assert page.status_code == 200
    html = page.content.decode()
    for text in (
        "Choe Su Hon",
        "Choe Su-hon",  # a spelling
        "CHOE Su Hon",
        "North Korea",  # the state
        "Minister for Foreign Affairs (1998 – 2000)",  # posts with years
        "2 (2 published)",  # statement counts
        "Speech of Choe Su Hon (1998)",  # first and last statements
        "Speech of Choe Su Hon (2000)",
    ):
        assert text in html, text
    assert 'name="survivor"' in html and "checked" not in html  # the editor chooses
    assert set(Person.objects.current()) == set(people.values())


def test_the_editor_chooses_the_survivor_and_every_spelling_is_kept(editor_client, people):
    choe, again = people["choe"], people["choe_again"]
    response = post_merge(
        editor_client, [choe, again], survivor=again.pk, reason="One minister, two spellings"
    )
    assert response.status_code == 302
    again.refresh_from_db()
    choe.refresh_from_db()
    assert choe.merged_into == again
    assert set(again.variant_list) == {"Choe Su Hon", "Choe Su-hon"}
    assert again.statements.count() == 3
    assert [post.person for post in Post.objects.filter(title__startswith="Minister")][:2] == [
        again,
        again,
    ]
    # One history entry on the survivor, with its reason; the merged record says where it went.
    assert again.history.count() == 2  # created, merged
    assert again.history.first().history_change_reason == (
        f"Merged Choe Su Hon (#{choe.pk}): One minister, two spellings"
    )
    assert choe.history.first().history_change_reason.startswith("Merged into CHOE Su Hon")
    # The moved statements are logged for the search index and recorded in their history.
    moved = Statement.objects.filter(speaker="Choe Su Hon")
    assert {s.history.first().history_change_reason for s in moved} == {
        f"Speaker merged into CHOE Su Hon (#{again.pk})"
    }
    logged = set(IndexChange.objects.values_list("statement_id", flat=True))
    assert set(moved.values_list("pk", flat=True)) <= logged


def test_a_merge_without_a_reason_is_refused(editor_client, people):
    choe, again = people["choe"], people["choe_again"]
    page = post_merge(editor_client, [choe, again], survivor=choe.pk, reason=" ")
    assert page.status_code == 200
    assert "This field is required" in page.content.decode()
    assert set(Person.objects.current()) == set(people.values())


def test_people_of_states_no_succession_links_are_not_merged_without_an_override(
    editor_client, people
):
    choe, thai, korean = people["choe"], people["thai"], people["korean"]
    selected = [choe, thai, korean]
    warning = post_merge(editor_client, selected).content.decode()
    assert "no succession links" in warning.replace("\n", " ")
    assert 'name="override_states"' in warning
    refused = post_merge(editor_client, selected, survivor=choe.pk, reason="Stray tick")
    assert refused.status_code == 200
    assert "tick the override" in refused.content.decode()
    assert set(Person.objects.current()) == set(people.values())
    done = post_merge(
        editor_client, [thai, korean], survivor=thai.pk, reason="Test", override_states="on"
    )
    assert done.status_code == 302
    assert PersonMerge.objects.get().states_overridden


def test_people_of_a_state_and_its_successor_merge_without_an_override(states, people):
    states["RUS"].predecessors.add(states["SUN"])
    soviet = Person.objects.create(name="Andrei Gromyko", country=states["SUN"])
    russian = Person.objects.create(name="A. A. Gromyko", country=states["RUS"])
    merge(soviet, [russian], reason="One man, the state renamed")
    russian.refresh_from_db()
    assert russian.merged_into == soviet
    with pytest.raises(MergeRefused, match="no succession links"):
        merge(people["thai"], [people["korean"]], reason="Stray tick")


def test_the_merged_persons_address_answers_301_with_the_survivors(client, people):
    choe, again = people["choe"], people["choe_again"]
    old = again.get_absolute_url()
    merge(choe, [again], reason="Same man")
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == choe.get_absolute_url()
    assert client.get(response["Location"]).status_code == 200


def test_a_merge_is_undone_from_the_survivors_history(editor_client, client, people):
    choe, again = people["choe"], people["choe_again"]
    post_merge(editor_client, [choe, again], survivor=choe.pk, reason="Same man")
    record = PersonMerge.objects.get()
    history = editor_client.get(reverse("admin:archive_person_history", args=[choe.pk]))
    undo_url = reverse("admin:archive_person_undo_merge", args=[choe.pk, record.pk])
    assert undo_url in history.content.decode()
    asked = editor_client.get(undo_url)
    assert "Undo the merge" in asked.content.decode()
    assert editor_client.post(undo_url).status_code == 302

    again.refresh_from_db()
    choe.refresh_from_db()
    assert again.merged_into is None
    assert [s.title for s in again.statements.all()] == ["Speech of CHOE Su Hon (2001)"]
    assert again.posts.count() == 1
    assert choe.variant_list == ["Choe Su-hon"]  # its own spelling; CHOE Su Hon went back
    assert client.get(again.get_absolute_url()).status_code == 200  # its address again
    assert again.history.first().history_change_reason.startswith("Restored")
    assert (
        choe.history.first().history_change_reason
        == f"Undid the merge of CHOE Su Hon (#{again.pk})"
    )
    record.refresh_from_db()
    assert record.undone_at is not None and record.undone_by.username == "edith"
    history = editor_client.get(reverse("admin:archive_person_history", args=[choe.pk]))
    assert undo_url not in history.content.decode()  # undone once


def test_an_archivist_cannot_undo_a_merge(archivist_client, people):
    choe, again = people["choe"], people["choe_again"]
    record = merge(choe, [again], reason="Same man")[0]
    url = reverse("admin:archive_person_undo_merge", args=[choe.pk, record.pk])
    assert archivist_client.post(url).status_code == 403
    again.refresh_from_db()
    assert again.merged_into == choe


def test_an_undo_leaves_a_statement_given_to_someone_else_since(people):
    choe, again, thai = people["choe"], people["choe_again"], people["thai"]
    record = merge(choe, [again], reason="Same man")[0]
    statement = Statement.objects.get(title="Speech of CHOE Su Hon (2001)")
    statement.speaker_person = thai
    statement.save()
    assert undo(record) == {"returned": 0, "stayed": 1}
    statement.refresh_from_db()
    assert statement.speaker_person == thai
    with pytest.raises(MergeRefused, match="undone"):
        undo(record)


def test_a_merge_checked_on_stale_records_is_refused_and_makes_no_cycle(people):
    """Two editors' pages, loaded before either merged: the second merge is refused."""
    choe, again = people["choe"], people["choe_again"]
    stale_choe, stale_again = Person.objects.get(pk=choe.pk), Person.objects.get(pk=again.pk)
    merge(choe, [again], reason="Same man")
    with pytest.raises(MergeRefused, match="already merged"):
        merge(stale_again, [stale_choe], reason="Same man, the other way")
    assert Person.objects.get(pk=choe.pk).merged_into is None


def test_an_undo_checked_on_a_stale_record_is_refused(people):
    choe, again = people["choe"], people["choe_again"]
    record = merge(choe, [again], reason="Same man")[0]
    stale = PersonMerge.objects.get(pk=record.pk)
    undo(record)
    with pytest.raises(MergeRefused, match="undone"):
        undo(stale)
    assert again.statements.count() == 1
