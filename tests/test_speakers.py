"""Speakers across spellings and successions, and the editors' list of possible duplicates."""

import json

import pytest
from django.urls import reverse

from archive import countries
from archive.importers import StatementImporter
from archive.models import Statement
from archive.models.duplicates import DuplicateProposal

pytestmark = pytest.mark.django_db


def speech(source_id, year, code, speaker, country="Country"):
    return json.dumps(
        {
            "id": source_id,
            "title": f"Statement by {speaker}",
            "body": "A speech.",
            "date": str(year),
            "date_precision": "year",
            "speaker": speaker,
            "country": country,
            "country_iso3": code,
            "doc_type": "speech",
            "venue": f"UN General Assembly, {year - 1945}th session, General Debate",
        }
    )


def imported(*speeches):
    report = StatementImporter().run(enumerate(speeches, 1))
    assert report.failed == 0, report.errors
    return {
        s.source_id: s.speaker_person for s in Statement.objects.select_related("speaker_person")
    }


def test_one_person_across_spellings_and_the_states_succession():
    people = imported(
        speech("ungdc-DEU-29-1974", 1974, "DEU", "Mr. Hans-Dietrich GENSCHER", "Germany"),
        speech("ungdc-DEU-30-1975", 1975, "DEU", "Mr. Genscher", "Germany"),
        speech("ungdc-DEU-31-1976", 1976, "DEU", "Hans-Dietrich Genscher", "Germany"),
        speech("ungdc-DEU-32-1977", 1977, "DEU", "Mr. GENSCHER", "Germany"),
        speech("ungdc-DEU-44-1989", 1989, "DEU", "Hans Dietrich Genscher", "Germany"),
        speech("ungdc-DEU-46-1991", 1991, "DEU", "Hans-Dietrich Genscher", "Germany"),
        speech("ungdc-RUS-12-1957", 1957, "RUS", "Mr. Andrei A. GROMYKO", "Russian Federation"),
        speech("ungdc-RUS-13-1958", 1958, "RUS", "Mr. GROMYKO", "Russian Federation"),
        speech("ungdc-RUS-14-1959", 1959, "RUS", "A. A. Gromyko", "Russian Federation"),
    )
    genscher = {people[k] for k in people if k.startswith("ungdc-DEU")}
    gromyko = {people[k] for k in people if k.startswith("ungdc-RUS")}
    assert len(genscher) == 1 and len(gromyko) == 1  # FRG then DEU; three spellings each
    assert {
        s.issuer.country.code for s in Statement.objects.filter(source_id__startswith="ungdc-DEU")
    } == {"FRG", "DEU"}


def test_namesakes_stay_apart_and_are_proposed_with_evidence():
    people = imported(
        speech("ungdc-USA-44-1989", 1989, "USA", "George Bush"),
        speech("ungdc-USA-47-1992", 1992, "USA", "Mr. George BUSH"),
        speech("ungdc-USA-56-2001", 2001, "USA", "George W. Bush"),
        speech("ungdc-USA-63-2008", 2008, "USA", "George W. Bush"),
    )
    father, son = people["ungdc-USA-44-1989"], people["ungdc-USA-56-2001"]
    assert father == people["ungdc-USA-47-1992"] and son == people["ungdc-USA-63-2008"]
    assert father != son
    (proposal,) = DuplicateProposal.objects.all()
    assert {proposal.person, proposal.candidate} == {father, son}
    assert "the same family name" in proposal.evidence and "1989–1992" in proposal.evidence


def test_a_name_spelled_otherwise_is_proposed_not_merged():
    people = imported(
        speech("ungdc-PRK-49-1994", 1994, "PRK", "Mr. Choi Su Hon"),
        speech("ungdc-PRK-52-1997", 1997, "PRK", "Choe Su Hon"),
    )
    choi, choe = people["ungdc-PRK-49-1994"], people["ungdc-PRK-52-1997"]
    assert choi != choe
    assert DuplicateProposal.objects.filter(person=choe, candidate=choi).exists()


@pytest.fixture
def proposal():
    imported(
        speech("ungdc-PRK-49-1994", 1994, "PRK", "Mr. Choi Su Hon"),
        speech("ungdc-PRK-52-1997", 1997, "PRK", "Choe Su Hon"),
    )
    return DuplicateProposal.objects.get()


def test_editors_see_the_list_review_the_merge_or_keep_two_people(editor_client, proposal):
    changelist = editor_client.get(reverse("admin:archive_person_changelist")).content.decode()
    assert "Possible duplicates (1)" in changelist
    page = editor_client.get(reverse("admin:archive_person_duplicates")).content.decode()
    assert "Choi Su Hon" in page and "names spelled within two letters" in page
    review = editor_client.post(
        reverse("admin:archive_person_changelist"),
        {
            "action": "merge",
            "index": "0",
            "_selected_action": [proposal.person_id, proposal.candidate_id],
        },
    )
    assert review.status_code == 200 and "Merge people" in review.content.decode()
    dismissed = editor_client.post(
        reverse("admin:archive_person_dismiss_duplicate", args=[proposal.pk])
    )
    assert dismissed.status_code == 302
    proposal.refresh_from_db()
    assert proposal.dismissed and proposal.decided_by.username
    assert proposal.history.count() == 2  # proposed, then decided: both recorded
    page = editor_client.get(reverse("admin:archive_person_duplicates")).content.decode()
    assert "No possible duplicate is waiting." in page


def test_a_merged_pair_leaves_the_list_and_archivists_may_not_see_it(
    editor_client, archivist_client, proposal
):
    from archive.person_merges import merge

    assert archivist_client.get(reverse("admin:archive_person_duplicates")).status_code == 403
    assert (
        archivist_client.post(
            reverse("admin:archive_person_dismiss_duplicate", args=[proposal.pk])
        ).status_code
        == 403
    )
    merge(proposal.candidate, [proposal.person], reason="One minister", user=None)
    assert not DuplicateProposal.objects.open().exists()


def test_the_lineage_of_a_seat():
    assert countries.lineage("SUN") == countries.lineage("RUS") == "RUS"
    assert countries.lineage("FRG") == "DEU" and countries.lineage("DDR") == "DDR"
    assert countries.lineage("TWN") == "TWN"  # the seat passed to another state
