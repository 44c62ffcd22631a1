"""Citations as a reader copies them: quotation marks nested, one full stop, no local paths."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from archive import citations
from archive.models import Statement

PERMALINK = "https://archive.example/statements/x/"
SEED = "dprk-foreign-ministry-freedom-edge-asian-nato-2024"
ARTICLE = "North Korea Accuses US, Japan, and South Korea of Creating ‘Asian NATO’"


@pytest.mark.parametrize(
    ("title", "quoted"),
    [
        (
            "DPRK Foreign Ministry denounces the Freedom Edge exercise as an “Asian NATO”",
            "“DPRK Foreign Ministry denounces the Freedom Edge exercise as an ‘Asian NATO.’”",
        ),
        ('On the "Asian NATO" and AUKUS', "“On the ‘Asian NATO’ and AUKUS.”"),
        ('Talks were "useful" and "frank"', "“Talks were ‘useful’ and ‘frank.’”"),
        ("Is this an “Asian NATO?”", "“Is this an ‘Asian NATO?’”"),
        ("On the drills", "“On the drills.”"),
        ("Why the drills?", "“Why the drills?”"),
    ],
)
def test_chicago_and_mla_nest_the_quotation_marks_of_a_title(make_statement, title, quoted):
    statement = make_statement(title=title)
    assert quoted in citations.chicago(statement, PERMALINK)
    assert quoted in citations.mla(statement, PERMALINK)


def test_an_undated_citation_has_one_full_stop_after_nd(make_statement):
    statement = make_statement(issued_on=None, source_outlet="KCNA")
    chicago = citations.chicago(statement, PERMALINK)
    mla = citations.mla(statement, PERMALINK)
    assert "Statement, n.d. KCNA." in chicago
    assert "n.d.," in mla
    assert ".." not in chicago and ".." not in mla


def test_no_part_of_a_citation_doubles_the_full_stop(make_statement, body):
    body.name = "Office of the Spokesperson, Dept."
    body.save()
    statement = make_statement(
        title="Remarks on the summit.",
        speaker="John Smith Jr.",
        speaker_post="Spokesperson, U.S.",
        source_outlet="Example News Inc.",
        source_url="https://news.example/a.",
    )
    for text in (citations.chicago(statement, PERMALINK), citations.mla(statement, PERMALINK)):
        assert ".." not in text
    assert "“Remarks on the summit.”" in citations.chicago(statement, PERMALINK)


LOCAL = [
    "shared/seeds/asian-nato-statement.txt",
    "/home/archivist/seeds/statement.txt",
    "file:///srv/seeds/statement.txt",
    "C:\\seeds\\statement.txt",
    "./seeds/statement.txt",
]


@pytest.mark.parametrize("path", LOCAL)
def test_no_citation_shows_a_local_path(client, make_statement, path):
    statement = make_statement(title="On the drills", source_outlet="KCNA")
    Statement.objects.filter(pk=statement.pk).update(
        source_url=path,
        source_citation=f"Quoted in the news article “On the drills” ({path}), the source.",
    )
    statement.refresh_from_db()
    texts = [
        citations.chicago(statement, PERMALINK),
        citations.mla(statement, PERMALINK),
        citations.bibtex(statement, PERMALINK),
        citations.ris(statement, PERMALINK),
        client.get(statement.get_absolute_url()).content.decode(),
        client.get(reverse("search:api-statement", args=[statement.slug])).content.decode(),
    ]
    for text in texts:
        assert "seeds" not in text and "statement.txt" not in text
    assert "Quoted in the news article “On the drills”, the source." in texts[4]
    assert "N1  - Quoted in the news article “On the drills”, the source." in texts[3]


def test_a_web_address_and_ordinary_slashes_are_kept(make_statement):
    note = "Carried by KCNA/Reuters, 24/7 coverage; see https://news.example/a/b.html (page 2)."
    statement = make_statement(source_citation=note, source_url="https://news.example/a/b.html")
    ris = citations.ris(statement, PERMALINK)
    assert f"N1  - {note}" in ris
    assert "https://news.example/a/b.html." in citations.chicago(statement, PERMALINK)


@pytest.mark.parametrize("symbol", ["A/73/PV.7", "A/C.1/73/PV.2", "S/PV.8000", "A/RES/2758"])
def test_un_document_symbols_are_citations_not_paths(make_statement, symbol):
    note = f"UN Doc. {symbol}, 25 September 2018."
    statement = make_statement(source_citation=note)
    statement.full_clean()
    assert f"N1  - {note}" in citations.ris(statement, PERMALINK)


def test_an_archivist_cannot_save_a_local_path_as_the_citation(make_statement):
    statement = make_statement(
        source_citation="Quoted in an article (shared/seeds/asian-nato-statement.txt)."
    )
    with pytest.raises(ValidationError) as error:
        statement.full_clean()
    assert "source_citation" in error.value.message_dict


@pytest.mark.django_db
def test_the_seed_statement_cites_the_published_article(client):
    call_command("loaddata", "countries", "seed_asian_nato", verbosity=0)
    for statement in Statement.objects.all():
        statement.full_clean()
        page = client.get(statement.get_absolute_url()).content.decode()
        ris = client.get(reverse("archive:statement-citation", args=[statement.slug, "ris"]))
        for text in (page, ris.content.decode()):
            assert "shared/" not in text and ".txt" not in text
    seed = Statement.objects.get(slug=SEED)
    assert f"news article “{ARTICLE}”" in seed.source_citation
    assert "30 June 2024" in seed.source_citation
    page = client.get(seed.get_absolute_url()).content.decode()
    assert ARTICLE in page and "Korean Central News Agency (KCNA)." in page


def test_a_date_known_to_the_month_is_cited_with_the_month(make_statement):
    statement = make_statement(issued_on=dt.date(2024, 6, 1), issued_precision="month")
    assert "Statement, June 2024." in citations.chicago(statement, PERMALINK)
