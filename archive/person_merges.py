"""Merging people, and undoing it: one record under every spelling, and nothing lost.

A merge moves the statements and posts of the people merged to the record
kept (the survivor) and keeps every spelling as a variant. Each merged record
stays, pointing at the survivor (``Person.merged_into``): its address answers
with a permanent redirect, and the merge can be undone from the survivor's
history, which gives the record back its statements, posts, spellings and
address. People of states that no succession links (a Thai and a South
Korean minister) are merged only when the editor overrides, with a reason.

``PersonMerge`` is the record of one person merged: what moved, why, who and
when, and whether it was undone. It is the audit trail itself, and keeps no
history of its own.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from archive import history
from archive.models import Country, Person, PersonMerge, Post, Statement


class MergeRefused(Exception):
    """A merge or an undo that would lose or mislead: the message says why."""


# States ---------------------------------------------------------------------------


def _ancestors() -> dict[int, set[int]]:
    """Every state's predecessors, their predecessors, and so on."""
    direct: dict[int, set[int]] = defaultdict(set)
    through = Country.predecessors.through.objects.values_list("from_country_id", "to_country_id")
    for successor, predecessor in through:
        direct[successor].add(predecessor)
    found: dict[int, set[int]] = {}
    for start in list(direct):
        seen, todo = set(), [start]
        while todo:
            for predecessor in direct.get(todo.pop(), ()):
                if predecessor not in seen:
                    seen.add(predecessor)
                    todo.append(predecessor)
        found[start] = seen
    return found


def unlinked_states(people: Iterable[Person]) -> list[tuple[Person, Person]]:
    """Pairs of these people whose states are known, differ, and no succession links.

    The Soviet Union and the Russian Federation are linked (one succeeded
    the other, directly or through others); Thailand and South Korea are not.
    """
    people = [person for person in people if person.country_id]
    ancestors = _ancestors()
    pairs = []
    for i, first in enumerate(people):
        for second in people[i + 1 :]:
            a, b = first.country_id, second.country_id
            if a != b and a not in ancestors.get(b, ()) and b not in ancestors.get(a, ()):
                pairs.append((first, second))
    return pairs


# Merging and undoing ----------------------------------------------------------------


def merge(
    survivor: Person,
    others: Iterable[Person],
    *,
    reason: str,
    user=None,
    override_states: bool = False,
) -> list[PersonMerge]:
    """Merge ``others`` into ``survivor``: one transaction, one history entry on the survivor.

    Raise ``MergeRefused`` without changing anything when there is no other
    person, no reason, a person already merged, or states no succession
    links and no override. The people are read again, locked, in the
    transaction: two editors merging the same records at once cannot both.
    """
    reason = (reason or "").strip()
    if not any(other.pk != survivor.pk for other in others):
        raise MergeRefused("Choose at least one other person to merge into the one kept.")
    if not reason:
        raise MergeRefused("Give the reason for the merge: the history keeps it.")
    done = []
    with transaction.atomic():
        survivor, others = _locked(survivor, [o for o in others if o.pk != survivor.pk])
        unlinked = unlinked_states([survivor, *others])
        if unlinked and not override_states:
            first, second = unlinked[0]
            raise MergeRefused(
                f"“{first}” ({first.country}) and “{second}” ({second.country}) speak for "
                "states that no succession links. If they are one person, tick the override "
                "and say why."
            )
        names = survivor.all_names()
        for other in others:
            done.append(_merge_one(survivor, other, names, reason, user, bool(unlinked)))
        survivor.variants = "\n".join(name for name in names if name != survivor.name)
        survivor._change_reason = _cut(
            "Merged " + "; ".join(f"{o.name} (#{o.pk})" for o in others) + f": {reason}"
        )
        _attribute(survivor, user)
        survivor.save()
    return done


def _locked(survivor: Person, others: list[Person]) -> tuple[Person, list[Person]]:
    """The people as stored now, locked until the transaction ends; none already merged."""
    wanted = [survivor.pk, *(other.pk for other in others)]
    stored = (
        Person.objects.select_for_update(of=("self",)).select_related("country").in_bulk(wanted)
    )
    for pk, given in zip(wanted, [survivor, *others], strict=True):
        if pk not in stored:
            raise MergeRefused(f"“{given}” is no longer in the archive.")
        if stored[pk].merged_into_id:
            raise MergeRefused(f"“{given}” was already merged into “{stored[pk].merged_into}”.")
    return stored[survivor.pk], [stored[other.pk] for other in others]


def _merge_one(survivor, other, names, reason, user, overridden) -> PersonMerge:
    statements = list(other.statements.values_list("pk", flat=True))
    posts = list(other.posts.values_list("pk", flat=True))
    with history.reason(_cut(f"Speaker merged into {survivor.name} (#{survivor.pk})")):
        Statement.objects.filter(pk__in=statements).update(
            speaker_person=survivor, updated_at=timezone.now()
        )
        Post.objects.filter(pk__in=posts).update(person=survivor)
    added = [name for name in other.all_names() if name not in names]
    names.extend(added)
    country_taken = survivor.country_id is None and other.country_id is not None
    if country_taken:
        survivor.country_id = other.country_id
    other.merged_into = survivor
    other._change_reason = _cut(f"Merged into {survivor.name} (#{survivor.pk}): {reason}")
    _attribute(other, user)
    other.save()
    return PersonMerge.objects.create(
        survivor=survivor,
        merged=other,
        reason=reason,
        states_overridden=overridden,
        statements=statements,
        posts=posts,
        variants_added=added,
        country_taken=country_taken,
        merged_by=user,
    )


def undo(record: PersonMerge, *, user=None) -> dict[str, int]:
    """Give the merged person back its statements, posts, spellings and address.

    Statements and posts that were given to someone else since stay where
    they are. Return how many statements came back and how many stayed.
    """
    with transaction.atomic():
        record = PersonMerge.objects.select_for_update().get(pk=record.pk)
        if record.undone_at:
            raise MergeRefused(f"This merge was undone on {record.undone_at:%d %B %Y}.")
        people = Person.objects.select_for_update().in_bulk([record.survivor_id, record.merged_id])
        survivor, merged = people[record.survivor_id], people[record.merged_id]
        if survivor.merged_into_id:
            raise MergeRefused(
                f"“{survivor}” has since been merged into “{survivor.merged_into}”: "
                "undo that merge first."
            )
        with history.reason(_cut(f"Speaker restored: the merge into {survivor.name} undone")):
            back = Statement.objects.filter(pk__in=record.statements, speaker_person=survivor)
            moved = back.update(speaker_person=merged, updated_at=timezone.now())
            Post.objects.filter(pk__in=record.posts, person=survivor).update(person=merged)
        still = [m.merged for m in survivor.merges.active().exclude(pk=record.pk)]
        kept = {name for person in still for name in person.all_names()}
        dropped = set(record.variants_added) - kept
        survivor.variants = "\n".join(v for v in survivor.variant_list if v not in dropped)
        taken_back = survivor.country_id == merged.country_id
        if (
            record.country_taken
            and taken_back
            and merged.country_id not in {person.country_id for person in still}
        ):
            survivor.country_id = None
        survivor._change_reason = _cut(f"Undid the merge of {merged.name} (#{merged.pk})")
        _attribute(survivor, user)
        survivor.save()
        merged.merged_into = None
        merged._change_reason = _cut(f"Restored: the merge into {survivor.name} undone")
        _attribute(merged, user)
        merged.save()
        record.undone_at, record.undone_by = timezone.now(), user
        record.save(update_fields=["undone_at", "undone_by"])
    return {"returned": moved, "stayed": len(record.statements) - moved}


def _attribute(person: Person, user) -> None:
    if user is not None:
        person._history_user = user


def _cut(reason: str) -> str:
    """A history reason fits its column (100 characters)."""
    return reason if len(reason) <= 100 else reason[:99] + "…"
