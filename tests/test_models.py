import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db.models.deletion import ProtectedError

from archive.dates import Precision
from archive.models import (
    Country,
    Event,
    IssuingBody,
    RelationKind,
    Statement,
    StatementRelation,
    Status,
)


def test_event_ending_before_it_starts_is_a_validation_error(event):
    event.end_date = dt.date(2024, 6, 1)
    with pytest.raises(ValidationError) as exc:
        event.full_clean()
    assert "end_date" in exc.value.message_dict


def test_event_precision_must_fit_its_dates(event):
    event.precision = Precision.YEAR
    with pytest.raises(ValidationError) as exc:
        event.full_clean()
    assert "precision" in exc.value.message_dict


def test_statement_relating_to_itself_is_a_validation_error(make_statement):
    statement = make_statement()
    relation = StatementRelation(source=statement, target=statement, kind=RelationKind.CITES)
    with pytest.raises(ValidationError) as exc:
        relation.full_clean()
    assert "target" in exc.value.message_dict


@pytest.mark.parametrize(
    ("date", "precision"),
    [(dt.date(1946, 9, 1), Precision.YEAR), (dt.date(2024, 6, 30), Precision.MONTH)],
)
def test_precision_that_does_not_fit_the_date_is_a_validation_error(
    make_statement, date, precision
):
    statement = make_statement()
    statement.issued_on, statement.issued_precision = date, precision
    with pytest.raises(ValidationError) as exc:
        statement.full_clean()
    assert "issued_precision" in exc.value.message_dict


def test_duplicate_slug_is_a_validation_error(make_statement):
    make_statement(slug="asian-nato")
    twin = make_statement(title="Another", slug="other")
    twin.slug = "asian-nato"
    with pytest.raises(ValidationError) as exc:
        twin.full_clean()
    assert "slug" in exc.value.message_dict


def test_blank_slug_is_filled_from_the_title_and_kept_unique(make_statement):
    first = make_statement(title="Statement on Freedom Edge")
    second = make_statement(title="Statement on Freedom Edge")
    assert first.slug == "statement-on-freedom-edge"
    assert second.slug == "statement-on-freedom-edge-2"


def test_body_cannot_be_its_own_ancestor(body):
    child = IssuingBody.objects.create(name="Spokesperson", parent=body)
    body.parent = child
    with pytest.raises(ValidationError):
        body.full_clean()


def test_natural_keys_round_trip(make_statement, event, country, body):
    statement = make_statement()
    other = make_statement(title="Other")
    relation = StatementRelation.objects.create(
        source=other, target=statement, kind=RelationKind.RESPONDS_TO
    )
    for obj in (statement, event, country, body, relation):
        manager = type(obj)._default_manager
        assert manager.get_by_natural_key(*obj.natural_key()) == obj


def test_deleting_a_body_used_by_a_statement_is_refused(body, make_statement):
    make_statement()
    with pytest.raises(ProtectedError):
        body.delete()
    assert IssuingBody.objects.filter(pk=body.pk).exists()


def test_deleting_a_co_issuer_is_refused_and_keeps_the_link(body, make_statement, country):
    partner = IssuingBody.objects.create(name="KCNA", country=country)
    statement = make_statement()
    statement.co_issuers.add(partner)
    with pytest.raises(ProtectedError, match="1 statement uses it"):
        partner.delete()
    assert list(statement.co_issuers.all()) == [partner]


def test_deleting_a_referenced_event_is_refused_even_through_a_queryset(event, make_statement):
    statement = make_statement()
    statement.events.add(event)
    with pytest.raises(ProtectedError):
        Event.objects.filter(pk=event.pk).delete()
    assert list(statement.events.all()) == [event]


def test_deleting_an_unused_event_works(event):
    event.delete()
    assert not Event.objects.exists()


def test_deleting_a_named_country_is_refused(make_statement):
    japan = Country.objects.create(code="JPN", name="Japan")
    make_statement().countries_mentioned.add(japan)
    with pytest.raises(ProtectedError):
        japan.delete()


def test_published_excludes_drafts_and_withdrawn(make_statement):
    shown = make_statement(status=Status.PUBLISHED)
    make_statement(status=Status.DRAFT)
    make_statement(status=Status.WITHDRAWN)
    assert list(Statement.objects.published()) == [shown]


def test_relations_are_navigable_from_both_ends(make_statement):
    dprk = make_statement(title="DPRK statement")
    nato = make_statement(title="NATO remark")
    StatementRelation.objects.create(source=nato, target=dprk, kind=RelationKind.RESPONDS_TO)
    assert [r.target for r in nato.relations_out()] == [dprk]
    assert [r.source for r in dprk.relations_in()] == [nato]
    assert dprk.relations_in()[0].inverse_label == "answered by"


def test_paragraphs_rejoin_lines_wrapped_mid_sentence(make_statement):
    statement = make_statement(body="First paragraph ends.\nSecond starts and\nis wrapped here.\n")
    assert statement.paragraphs == ["First paragraph ends.", "Second starts and is wrapped here."]


def test_date_display_uses_the_precision(make_statement):
    statement = make_statement(issued_on=dt.date(1946, 1, 1), issued_precision=Precision.YEAR)
    assert statement.date_display == "1946"
    assert statement.date_span == (dt.date(1946, 1, 1), dt.date(1946, 12, 31))
