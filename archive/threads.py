"""Threads in answer order: a statement after what it answers, then by the days it may cover.

A reply known only to the month ("June 2024") must not come before the
statement of 30 June it answers: dates known to different precisions do not
order two statements, their relations do. Statements no relation orders
come by the span of days their dates stand for, the first day first; two
whose spans overlap say so ("same month"), since their dates cannot tell
which came first.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections import defaultdict
from collections.abc import Iterable

Span = tuple[dt.date, dt.date]


def span_key(span: Span | None) -> tuple:
    """Earlier spans first, a narrower one first among those starting together; undated last."""
    return (span is None, span or (dt.date.max, dt.date.max))


def answer_order(items: list, span_of, answers: Iterable[tuple[int, int]]) -> list:
    """``items`` (each with a ``pk``) with every answer after what it answers.

    ``answers`` holds (answer pk, answered pk) pairs; ``span_of(item)`` the
    days an item's date covers. Among the items free to come next, the one
    with the earliest span comes first. A cycle of answers (a data error)
    is broken in date order.
    """
    by_pk = {item.pk: item for item in items}
    waiting_on: dict[int, set[int]] = defaultdict(set)
    unlocks: dict[int, set[int]] = defaultdict(set)
    for later, earlier in answers:
        if later in by_pk and earlier in by_pk and later != earlier:
            waiting_on[later].add(earlier)
            unlocks[earlier].add(later)
    rank = {
        item.pk: position
        for position, item in enumerate(
            sorted(items, key=lambda item: (span_key(span_of(item)), item.pk))
        )
    }
    ready = [rank[pk] for pk in by_pk if not waiting_on[pk]]
    heapq.heapify(ready)
    by_rank = {position: pk for pk, position in rank.items()}
    placed: list = []
    done: set[int] = set()
    while len(placed) < len(items):
        if not ready:  # a cycle: take the earliest of what is left
            heapq.heappush(ready, min(rank[pk] for pk in by_pk if pk not in done))
        pk = by_rank[heapq.heappop(ready)]
        if pk in done:
            continue
        done.add(pk)
        placed.append(by_pk[pk])
        for later in unlocks[pk]:
            waiting_on[later].discard(pk)
            if not waiting_on[later] and later not in done:
                heapq.heappush(ready, rank[later])
    return placed


def closeness(first: Span | None, second: Span | None) -> str:
    """How two dates that cannot be told apart relate: "same day", "same month"…, or ""."""
    if first is None or second is None or first[1] < second[0] or second[1] < first[0]:
        return ""
    start, end = min(first[0], second[0]), max(first[1], second[1])
    if start == end:
        return "same day"
    if (start.year, start.month) == (end.year, end.month):
        return "same month"
    if start.year == end.year:
        return "same year"
    return "dates overlap"


def thread(statement, visible) -> list[dict]:
    """``statement`` among those it answers and those answering it, in answer order.

    ``visible`` limits the others (the public sees published ones only).
    Each entry: the statement, how it relates to this one, whether it is
    this one, and how its date compares with the one before if they overlap
    ("same month"). No relation: no thread.
    """
    relation = {statement.pk: ""}
    others = {}
    for link in statement.relations_out().filter(target__in=visible):
        relation[link.target_id] = f"this statement {link.get_kind_display()} it"
        others[link.target_id] = link.target
    for link in statement.relations_in().filter(source__in=visible):
        relation[link.source_id] = f"{link.get_kind_display()} this statement"
        others[link.source_id] = link.source
    if not others:
        return []
    links = (
        type(statement)
        .related.through.objects.filter(source__in=list(relation), target__in=list(relation))
        .values_list("source_id", "target_id")
    )
    entries, before = [], None
    for member in answer_order([statement, *others.values()], lambda s: s.date_span, links):
        entries.append(
            {
                "statement": member,
                "relation": relation[member.pk],
                "current": member.pk == statement.pk,
                "closeness": closeness(before, member.date_span) if entries else "",
            }
        )
        before = member.date_span
    return entries
