"""Linking imported speeches to person records, by whole name, country and period.

A speech joins a person when its speaker's name has the person's matching
key (``archive.person_names.key``: same words in any order, titles and case
aside), the person speaks for the same country, and the speech falls within
the years the person is known to have spoken, give or take a margin. A bare
surname ("Mr. KIM", "AL-THANI") is shared by many people, ruling families
among them: it joins only speeches at most three years apart and within six
years of its first, so that a surname passed from one minister to the next
is not one person.
Anything else makes a new person: an archivist joins people the importer
kept apart with the admin's merge action, which is recorded in the history.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.db.models import Max, Min
from django.utils.text import slugify

from archive import dates, permalinks, person_names
from archive.models import Person, Post, Statement

YEARS_AROUND_FULL_NAME = 12
YEARS_AROUND_SURNAME = 3
SURNAME_SPAN = 6  # a bare surname's record covers at most this many years

_POST_NOISE = re.compile(r"[^a-z ]+")


def post_key(title: str) -> str:
    """ "Minister of Foreign Affairs" and "Minister for Foreign Affairs," are one post."""
    words = _POST_NOISE.sub(" ", (title or "").casefold()).split()
    return " ".join("for" if w == "of" else w for w in words)


@dataclass(eq=False)
class Known:
    """A person as the directory knows them, and the years of their speeches."""

    person: Person
    first: int | None = None
    last: int | None = None
    spellings: set[str] = field(default_factory=set)

    def covers(self, year: int | None, margin: int, span: int | None = None) -> bool:
        if year is None or self.first is None or self.last is None:
            return True
        if span is not None and max(self.last, year) - min(self.first, year) > span:
            return False
        return self.first - margin <= year <= self.last + margin

    def saw(self, year: int | None) -> None:
        if year is not None:
            self.first = year if self.first is None else min(self.first, year)
            self.last = year if self.last is None else max(self.last, year)


class SpeakerDirectory:
    """The persons of the archive, found by name key and country, for one import run."""

    def __init__(self) -> None:
        self.by_key: dict[tuple[int | None, str], list[Known]] = {}
        self.unsaved: list[Person] = []
        self.by_pk: dict[int, Person] = {}
        self.slugs = set(Person.objects.values_list("slug", flat=True))
        self.slugs |= permalinks.former_slugs(Person)
        spans = {
            row["speaker_person"]: (row["first"], row["last"])
            for row in Statement.objects.filter(speaker_person__isnull=False)
            .values("speaker_person")
            .annotate(first=Min("issued_on"), last=Max("issued_on"))
        }
        # A person merged into another is found under the survivor's variants.
        for person in Person.objects.current().only("pk", "name", "variants", "country_id"):
            first, last = spans.get(person.pk, (None, None))
            known = Known(person, first.year if first else None, last.year if last else None)
            known.spellings = {person.name, *person.variant_list}
            self.by_pk[person.pk] = person
            for spelling in known.spellings:
                self._index(person.country_id, person_names.key(spelling), known)
        self.posts: dict[tuple[int, str], Post] = {
            (post.person_id, post_key(post.title)): post for post in Post.objects.all()
        }
        self.new_variants: dict[int, set[str]] = {}
        self.changed_posts: dict[int, Post] = {}
        self.new_posts: list[Post] = []

    def _index(self, country_id: int | None, key: str, known: Known) -> None:
        entries = self.by_key.setdefault((country_id, key), [])
        if known not in entries:
            entries.append(known)

    def person_for(self, speaker: str, country_id: int | None, year: int | None) -> Person | None:
        """The person who gave a speech, made (unsaved until ``save_new``) if nobody matches.

        None when the speech names no speaker.
        """
        key = person_names.key(speaker)
        if not key:
            return None
        spelling = person_names.clean(speaker)
        full_name = not person_names.is_bare_surname(key)
        margin = YEARS_AROUND_FULL_NAME if full_name else YEARS_AROUND_SURNAME
        span = None if full_name else SURNAME_SPAN
        for known in self.by_key.get((country_id, key), ()):
            if known.covers(year, margin, span):
                known.saw(year)
                if spelling not in known.spellings:
                    known.spellings.add(spelling)
                    if known.person.pk:
                        self.new_variants.setdefault(known.person.pk, set()).add(spelling)
                    else:
                        known.person.variants = "\n".join(
                            sorted(known.spellings - {known.person.name})
                        )
                return known.person
        person = Person(
            name=spelling,
            family_name=person_names.family_name(speaker),
            country_id=country_id,
            name_key=key,
            slug=self._free_slug(spelling),
        )
        self.unsaved.append(person)
        known = Known(person, spellings={spelling})
        known.saw(year)
        self._index(country_id, key, known)
        return person

    def person(self, pk: int) -> Person:
        """A person the archive holds (linked, perhaps by hand, to a statement)."""
        person = self.by_pk.get(pk)
        if person is None:
            person = self.by_pk[pk] = Person.objects.get(pk=pk)
        return person

    def _free_slug(self, name: str) -> str:
        base = slugify(name)[:110].strip("-") or "person"
        slug, n = base, 2
        while slug in self.slugs:
            slug, n = f"{base}-{n}", n + 1
        self.slugs.add(slug)
        return slug

    def save_new(self) -> None:
        """Write the persons made since the last call, in one query (the QuerySet records
        their history)."""
        if self.unsaved:
            created = Person.objects.bulk_create(self.unsaved)
            self.by_pk.update((person.pk, person) for person in created)
            self.unsaved = []

    def note_post(self, person: Person, title: str, country_id: int | None, on: dt.date | None):
        """Record that the person held this post at that date, widening the post's years."""
        key = post_key(title)
        if not key:
            return
        post = self.posts.get((id(person) if person.pk is None else person.pk, key))
        if post is None:
            post = Post(
                person=person,
                title=title.strip(" ,;"),
                country_id=country_id,
                start_date=on,
                end_date=on,
                precision=dates.Precision.YEAR,
            )
            self.posts[(id(person) if person.pk is None else person.pk, key)] = post
            self.new_posts.append(post)
            return
        if on and (post.start_date is None or on < post.start_date):
            post.start_date = on
        elif on and (post.end_date is None or on > post.end_date):
            post.end_date = on
        else:
            return
        if post.pk:
            self.changed_posts[post.pk] = post

    def flush(self) -> list[int]:
        """Write new variants and posts; return the persons whose names changed."""
        if self.new_posts:
            for post in self.new_posts:
                post.person_id = post.person.pk  # saved by save_new since
                key = (post.person_id, post_key(post.title))
                self.posts[key] = post
            Post.objects.bulk_create(self.new_posts)
            self.new_posts = []
        if self.changed_posts:
            Post.objects.bulk_update(self.changed_posts.values(), ["start_date", "end_date"])
            self.changed_posts = {}
        renamed = list(self.new_variants)
        if renamed:
            people = Person.objects.in_bulk(renamed)
            for pk, spellings in self.new_variants.items():
                person = people[pk]
                lines = person.variant_list
                person.variants = "\n".join([*lines, *sorted(spellings - set(lines))])
            Person.objects.bulk_update(people.values(), ["variants"])
            self.new_variants = {}
        return renamed
