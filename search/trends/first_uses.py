"""First uses of a term: who said it first, on what the statements say, in an order that holds.

A trend's first-use search (``search.trends.computing``) looks for the term in the
title and the text only: an archivist's summary that quotes a phrase does
not make the speaker a user of it. Its candidates come oldest first by the
earliest day each may have been issued; here they are put in answer order
(``archive.threads``: a reply never before what it answers), each with a
passage of its title or text where the term is marked. Where dates known to
different precisions leave the order open ("June 2024" and "30 June 2024"),
the later-listed one says so: "June 2024: may be before 30 June 2024".
"""

from __future__ import annotations

from dataclasses import dataclass

from archive import threads
from archive.models import Statement, StatementRelation
from search import analysis, highlighting
from search.backends.base import Hit
from search.web.presenters import load_statements

SHOWN = 3  # first uses shown per term


@dataclass(frozen=True)
class FirstUse:
    statement: Statement
    hit: Hit
    snippet: str  # escaped HTML, the term in <mark>
    tie: str = ""  # "June 2024: may be before 30 June 2024", when the order is open


def passage(title: str, body: str, terms: frozenset[str], language: str = "") -> str:
    """Where the statement says the term: the text's best window, else the title; "" if
    neither marks it. Words are stemmed as the text's ``language`` is indexed."""
    stem = analysis.stemmer_for(language)
    for text in (body, title):
        found = highlighting.snippet(text, set(terms), stem) if terms else ""
        if "<mark>" in found:
            return found
    return ""


def order(candidates: list[FirstUse]) -> list[FirstUse]:
    """``candidates`` (oldest first) in answer order, the first ``SHOWN``, each that may
    come before an earlier-listed one saying so."""
    pks = [use.statement.pk for use in candidates]
    answers = list(
        StatementRelation.objects.filter(source__in=pks, target__in=pks).values_list(
            "source_id", "target_id"
        )
    )
    answered = set(answers)
    by_pk = {use.statement.pk: use for use in candidates}
    ordered = threads.answer_order(
        [use.statement for use in candidates], lambda s: s.date_span, answers
    )
    shown: list[FirstUse] = []
    for statement in ordered[:SHOWN]:
        use = by_pk[statement.pk]
        open_before = [
            earlier.statement
            for earlier in shown
            if threads.closeness(earlier.statement.date_span, statement.date_span)
            and (statement.pk, earlier.statement.pk) not in answered
        ]
        if open_before:
            tie = f"{statement.date_display}: may be before " + " and ".join(
                s.date_display for s in open_before
            )
            use = FirstUse(use.statement, use.hit, use.snippet, tie)
        shown.append(use)
    return shown


def first_uses(
    hits: tuple[Hit, ...], terms: frozenset[str], *, for_api: bool = False
) -> list[FirstUse]:
    """The first uses among a first-use search's ``hits``, with ``terms`` to mark."""
    loaded = load_statements(hits, for_api=for_api)
    texts = dict(
        (pk, (title, body, language))
        for pk, title, body, language in Statement.objects.filter(
            pk__in=[s.pk for s, _ in loaded]
        ).values_list("pk", "title", "body", "language")
    )
    candidates = []
    for statement, hit in loaded:
        title, body, language = texts.get(statement.pk, ("", "", ""))
        found = passage(title, body, terms, language)
        if found:  # a first use shows the term, always
            candidates.append(FirstUse(statement, hit, found))
    return order(candidates)
