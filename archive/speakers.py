"""Linking imported speeches to person records, by name, state lineage and period.

A speech joins a person when its speaker's name has the person's matching
key (``archive.person_names.key``: same words in any order, titles and case
aside), the person speaks for the same state or its predecessor or successor
at the UN (``countries.lineage``: Genscher for West Germany and for unified
Germany), and the speech falls within the years the person is known to have
spoken, give or take a margin. A bare surname ("Mr. KIM", "AL-THANI") is
shared by many people, ruling families among them: it joins only speeches at
most three years apart and within six years of its first, so that a surname
passed from one minister to the next is not one person.

A name written another way joins too when it is unambiguous: "Mr. GROMYKO"
or "A. A. Gromyko" join the one "Andrei Gromyko" of the lineage who spoke in
those years. When the importer is unsure (two namesakes in those years, a
name one letter apart, years just past the margin), it keeps the records
apart and proposes the pair to the editors (``archive.models.duplicates``), with
its evidence; an editor merges them with the admin's merge action.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.db.models import Max, Min
from django.utils.text import slugify
from rapidfuzz.distance import Levenshtein

from archive import countries, dates, permalinks, person_names
from archive.models import Country, Person, Post, Statement
from archive.models.duplicates import DuplicateProposal

YEARS_AROUND_FULL_NAME = 12
YEARS_AROUND_SURNAME = 3
SURNAME_SPAN = 6  # a bare surname's record covers at most this many years
BARE_MARGIN = 1  # a bare surname joins a fuller name speaking at most a year from it

_POST_NOISE = re.compile(r"[^a-z ]+")


def _full(known: Known) -> bool:
    """Whether the person is known by more than a surname."""
    return any(name.given for name in known.names)


def post_key(title: str) -> str:
    """ "Minister of Foreign Affairs" and "Minister for Foreign Affairs," are one post."""
    words = _POST_NOISE.sub(" ", (title or "").casefold()).split()
    return " ".join("for" if w == "of" else w for w in words)


@dataclass(frozen=True)
class Name:
    """A speaker's name as matching reads it: the family name and the given names, folded."""

    family: str
    given: tuple[str, ...]

    @classmethod
    def of(cls, spelling: str) -> Name:
        family = person_names.words(person_names.family_name(spelling))
        words = person_names.words(spelling)
        given = list(words)
        for word in family:
            if word in given:
                given.remove(word)
        return cls(" ".join(family), tuple(given))

    def compatible(self, other: Name) -> bool:
        """The same family name, and given names that do not disagree: none on one side
        ("Mr. GROMYKO"), or each an initial or a whole name of the other's ("A. A. Gromyko",
        "Andrei Gromyko")."""
        if not self.family or self.family != other.family:
            return False
        short, long = sorted((self.given, other.given), key=len)
        pool = list(long)
        for word in short:
            match = next(
                (w for w in pool if w == word or (min(len(w), len(word)) == 1 and w[0] == word[0])),
                None,
            )
            if match is None:
                return False
            pool.remove(match)
        return True


@dataclass(eq=False)
class Known:
    """A person as the directory knows them, and the years of their speeches."""

    person: Person
    first: int | None = None
    last: int | None = None
    spellings: set[str] = field(default_factory=set)

    @property
    def names(self) -> set[Name]:
        return {Name.of(spelling) for spelling in self.spellings}

    def years(self) -> str:
        if self.first is None:
            return "undated"
        return str(self.first) if self.first == self.last else f"{self.first}–{self.last}"

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
        codes = dict(Country.objects.values_list("pk", "code"))
        self.lineage_of = {pk: countries.lineage(code) for pk, code in codes.items()}
        self.by_key: dict[tuple[str | None, str], list[Known]] = {}
        self.by_family: dict[tuple[str | None, str], list[Known]] = {}
        self.proposals: list[tuple[Known, Known, str]] = []
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
                self._index(person.country_id, spelling, known)
        self.posts: dict[tuple[int, str], Post] = {
            (post.person_id, post_key(post.title)): post for post in Post.objects.all()
        }
        self.new_variants: dict[int, set[str]] = {}
        self.changed_posts: dict[int, Post] = {}
        self.new_posts: list[Post] = []

    def _index(self, country_id: int | None, spelling: str, known: Known) -> None:
        lineage = self.lineage_of.get(country_id)
        key, family = person_names.key(spelling), Name.of(spelling).family
        for index, value in ((self.by_key, key), (self.by_family, family)):
            entries = index.setdefault((lineage, value), [])
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
        lineage = self.lineage_of.get(country_id)
        for known in self.by_key.get((lineage, key), ()):
            # A surname's span limits a record known by the surname alone, not a full name's.
            if known.covers(year, margin, None if _full(known) else span):
                return self._joined(known, spelling, year)
        name = Name.of(spelling)  # as the directory's spellings are read: cleaned
        written_otherwise = [
            known
            for known in self.by_family.get((lineage, name.family), ())
            if any(name.compatible(other) for other in known.names)
        ]
        bare = not name.given
        if bare:  # "Mr. GROMYKO" joins the one Gromyko of the lineage speaking those years
            near = [k for k in written_otherwise if _full(k) and k.covers(year, BARE_MARGIN)]
        else:
            # "A. A. Gromyko" joins the one Andrei Gromyko of those years, or else a
            # surname alone ("Mr. Douglas" the year before "Denzil L. Douglas"); a name
            # written otherwise years later may be a namesake (George W. Bush): proposed.
            near = [
                k for k in written_otherwise if _full(k) and k.covers(year, YEARS_AROUND_SURNAME)
            ] or [k for k in written_otherwise if k.covers(year, YEARS_AROUND_SURNAME)]
        if len(near) == 1:
            return self._joined(near[0], spelling, year)
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
        self._propose(known, name, lineage, year, written_otherwise)
        self._index(country_id, spelling, known)
        return person

    def _joined(self, known: Known, spelling: str, year: int | None) -> Person:
        known.saw(year)
        if spelling not in known.spellings:
            known.spellings.add(spelling)
            self._index(known.person.country_id, spelling, known)
            if known.person.pk:
                self.new_variants.setdefault(known.person.pk, set()).add(spelling)
            else:
                known.person.variants = "\n".join(sorted(known.spellings - {known.person.name}))
        return known.person

    def _propose(
        self, new: Known, name: Name, lineage: str | None, year: int | None, written: list
    ) -> None:
        """Propose the pairs the importer was unsure of: a name written otherwise that it
        could not tell from a namesake, or just past the years; a family name one edit away
        in overlapping years."""
        seen = (year, year)
        for known in written:
            if known.covers(year, 2 * YEARS_AROUND_FULL_NAME):
                self.proposals.append(
                    (new, known, self._evidence(new, known, lineage, seen, "the same family name"))
                )
        key = person_names.key(next(iter(new.spellings)))
        if len(key) >= 8:  # the same words spelled otherwise: "Choi Su Hon", "Ismael Guelleh"
            for (other_lineage, other_key), entries in self.by_key.items():
                if other_lineage != lineage or other_key == key:
                    continue
                if Levenshtein.distance(key, other_key, score_cutoff=2) > 2:
                    continue
                for known in entries:
                    if known.covers(year, 2 * YEARS_AROUND_FULL_NAME):
                        why = "names spelled within two letters"
                        self.proposals.append(
                            (new, known, self._evidence(new, known, lineage, seen, why))
                        )
        if len(name.family) < 5:
            return  # short names one letter apart are other names
        for (other_lineage, family), entries in self.by_family.items():
            if other_lineage != lineage or family == name.family or family[:1] != name.family[:1]:
                continue
            if Levenshtein.distance(family, name.family, score_cutoff=1) > 1:
                continue
            for known in entries:
                if known.covers(year, YEARS_AROUND_SURNAME) and any(
                    Name(name.family, name.given).compatible(Name(name.family, n.given))
                    for n in known.names
                ):
                    why = f"family names one letter apart ({name.family} / {family})"
                    self.proposals.append(
                        (new, known, self._evidence(new, known, lineage, seen, why))
                    )

    @staticmethod
    def _evidence(new: Known, known: Known, lineage, seen, why: str) -> str:
        others = ", ".join(sorted(known.spellings - {known.person.name}))[:200]
        return (
            f"{why}; “{next(iter(new.spellings))}” speaking in {seen[0] or 'an undated year'} "
            f"and “{known.person.name}” ({others or 'no other spelling'}) "
            f"speaking {known.years()}, both for the seat of {lineage or 'no state'}"
        )

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
        their history), and the pairs proposed as possible duplicates."""
        if self.unsaved:
            created = Person.objects.bulk_create(self.unsaved)
            self.by_pk.update((person.pk, person) for person in created)
            self.unsaved = []
        if self.proposals:
            pairs: dict[tuple[int, int], str] = {}
            for new, known, evidence in self.proposals:  # the first reason found is kept
                if new.person.pk and known.person.pk and new.person.pk != known.person.pk:
                    pairs.setdefault((new.person.pk, known.person.pk), evidence)
            self.proposals = []
            have = set(
                DuplicateProposal.objects.filter(person_id__in=[a for a, _ in pairs]).values_list(
                    "person_id", "candidate_id"
                )
            )
            DuplicateProposal.objects.bulk_create(
                [
                    DuplicateProposal(person_id=a, candidate_id=b, evidence=evidence)
                    for (a, b), evidence in pairs.items()
                    if (a, b) not in have and (b, a) not in have
                ]
            )

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
