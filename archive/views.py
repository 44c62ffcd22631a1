"""Public pages: home, statements, issuing bodies, events, countries and speakers.

Only published statements are ever shown; drafts and withdrawn statements
answer 404. Search lives in the ``search`` app, not here.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Q, prefetch_related_objects
from django.db.models.functions import ExtractYear
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.views.generic import ListView

from archive import charts, citations, corpus_corrections, dates, person_names
from archive.choices import Status
from archive.models import Country, Event, IssuingBody, Person, Statement
from archive.permalinks import follow_former_slugs, moved_permanently

PAGE_SIZE = 25


def published_count(prefix: str) -> Count:
    """Count the published statements reached through ``prefix``."""
    return Count(prefix, filter=Q(**{f"{prefix}__status": "published"}), distinct=True)


def home(request):
    published = Statement.objects.published()
    per_year = (
        published.exclude(issued_on=None)
        .annotate(year=ExtractYear("issued_on"))
        .values_list("year")
        .annotate(n=Count("pk"))
        .order_by()
    )
    decade_counts: dict[int, int] = {}
    for year, n in per_year:
        decade = dates.decade_of(year)
        decade_counts[decade] = decade_counts.get(decade, 0) + n
    context = {
        "statement_count": published.count(),
        "body_count": IssuingBody.objects.filter(statements__status="published").distinct().count(),
        "country_count": Country.objects.filter(bodies__statements__status="published")
        .distinct()
        .count(),
        "event_count": Event.objects.filter(statements__status="published").distinct().count(),
        "recent": published.for_display().newest_first()[:10],
        "decades": sorted(decade_counts.items(), reverse=True),
        "events": Event.objects.annotate(n=published_count("statements"))
        .filter(n__gt=0)
        .exclude(kind="session")
        .order_by("-start_date")[:8],
    }
    return render(request, "archive/home.html", context)


def about(request):
    return render(request, "archive/about.html", {"ungdc_citation": settings.UNGDC_CITATION})


def favicon(request):
    """Browsers ask for /favicon.ico whatever a page links: send them to the SVG icon."""
    return redirect(static("archive/favicon.svg"))


def previewable_statement(request, slug: str) -> tuple[Statement, bool]:
    """The published statement, or for staff who may see it, any statement as a preview."""
    related = ("issuer__country", "issuer__parent", "speaker_person")
    statement = Statement.objects.select_related(*related).filter(slug=slug).first()
    if statement is None:
        raise Http404("No statement has this address.")
    if statement.status == Status.PUBLISHED:
        return statement, False
    user = request.user
    if user.is_active and user.is_staff and user.has_perm("archive.view_statement"):
        return statement, True
    raise Http404("No statement has this address.")


@follow_former_slugs(Statement)
def statement_detail(request, slug):
    """The statement's permanent page; staff also see drafts here, marked as a preview."""
    statement, preview = previewable_statement(request, slug)
    prefetch_related_objects([statement], "versions")  # its texts and their citations: once
    public = Statement.objects.published()
    permalink = request.build_absolute_uri(statement.get_absolute_url())
    context = {
        "statement": statement,
        "permalink": permalink,
        "co_issuers": statement.co_issuers.all(),
        "events": statement.events.all(),
        "countries": statement.countries_mentioned.all(),
        "thread": statement.thread(public),
        "texts": statement.texts(),
        "chicago": citations.chicago(statement, permalink),
        "mla": citations.mla(statement, permalink),
        "version_citations": [
            {
                "version": version,
                "chicago": citations.chicago(statement, permalink, version),
                "mla": citations.mla(statement, permalink, version),
            }
            for version in statement.versions.all()
        ],
        "source_note": citations.source_note(statement),
        "ungdc_citation": settings.UNGDC_CITATION
        if (statement.source_id or "").startswith("ungdc-")
        else "",
        "preview": preview,
        "corrections": corpus_corrections.for_source(statement.source_id),
    }
    if preview:
        listed = request.GET.get("revision", "")
        context["listed_revision"] = int(listed) if listed.isdigit() else None
        context["can_publish"] = request.user.has_perm("archive.publish_statement")
    response = render(request, "archive/statement_detail.html", context)
    if preview:
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@follow_former_slugs(Statement)
def statement_citation(request, slug, style):
    """Download the statement's citation as BibTeX or RIS."""
    if style not in ("bib", "ris"):
        raise Http404("Citations are BibTeX (.bib) or RIS (.ris).")
    statement, preview = previewable_statement(request, slug)
    permalink = request.build_absolute_uri(statement.get_absolute_url())
    version, name = None, statement.slug
    if language := request.GET.get("language", ""):  # a version's citation: ?language=ko
        version = statement.versions.filter(language=language).first()
        if version is None and language != statement.language:
            raise Http404("This statement has no text in that language.")
        name = f"{statement.slug}-{language}" if version else name
    if style == "bib":
        text = citations.bibtex(statement, permalink, version)
        content_type = "application/x-bibtex"
    else:
        text = citations.ris(statement, permalink, version)
        content_type = "application/x-research-info-systems"
    response = HttpResponse(text, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.{style}"'
    if preview:
        response["Cache-Control"] = "private, no-store"
    return response


def paginate(request, queryset, size=PAGE_SIZE, param="page"):
    page = Paginator(queryset, size).get_page(request.GET.get(param))
    page.param = param
    return page


@follow_former_slugs(IssuingBody)
def body_detail(request, slug):
    body = get_object_or_404(IssuingBody.objects.select_related("country", "parent"), slug=slug)
    if body.only_in_drafts():
        raise Http404("No published statement of this body yet.")
    statements = (
        Statement.objects.published().filter(Q(issuer=body) | Q(co_issuers=body)).distinct()
    )
    per_year = dict(
        statements.exclude(issued_on=None)
        .annotate(year=ExtractYear("issued_on"))
        .values_list("year")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    )
    ids = statements.values("pk")
    context = {
        "body": body,
        "page_obj": paginate(request, statements.for_display().newest_first()),
        "children": [child for child in body.children.all() if not child.only_in_drafts()],
        "parent": body.parent if body.parent and not body.parent.only_in_drafts() else None,
        "regular_years": charts.regular_years(per_year),
        "chart": charts.year_chart(per_year),
        "top_events": body.events_referred_to(statements),
        "top_countries": Country.objects.filter(statements_mentioning__in=ids)
        .annotate(n=Count("statements_mentioning", filter=Q(statements_mentioning__in=ids)))
        .order_by("-n", "name")[:8],
    }
    return render(request, "archive/body_detail.html", context)


@follow_former_slugs(Event)
def event_detail(request, slug):
    """The event's timeline: statements before, during and after its dates."""
    event = get_object_or_404(Event, slug=slug)
    if event.only_in_drafts():
        raise Http404("No published statement refers to this event yet.")
    statements = event.statements.published().for_display().chronological()
    context = {
        "event": event,
        "timeline": event.timeline(statements),
        "statement_count": statements.count(),
        "countries": event.countries.all(),
    }
    return render(request, "archive/event_detail.html", context)


@follow_former_slugs(Country)
def country_detail(request, slug):
    """The state's record, and in full (page by page) the statements it issued and that name it."""
    country = get_object_or_404(
        Country.objects.prefetch_related("predecessors", "successors"), slug=slug
    )
    published = Statement.objects.published().for_display().newest_first()
    issued = paginate(request, published.filter(issuer__country=country), param="page")
    naming = paginate(request, published.filter(countries_mentioned=country), param="named_page")
    context = {
        "country": country,
        "issued": issued,
        "issued_query": f"named_page={naming.number}",
        "naming": naming,
        "naming_query": f"page={issued.number}",
        "bodies": country.bodies.annotate(n=published_count("statements")).filter(n__gt=0),
        "speakers": country.people.annotate(n=published_count("statements"))
        .filter(n__gt=0)
        .order_by("-n", "name")[:12],
    }
    return render(request, "archive/country_detail.html", context)


@follow_former_slugs(Person)
def person_detail(request, slug):
    """A speaker's record: names, posts, and every published statement they gave.

    A person merged into another answers with a permanent redirect to the one kept.
    """
    person = get_object_or_404(Person.objects.select_related("country"), slug=slug)
    if person.merged_into_id:
        return moved_permanently(person.current().get_absolute_url())
    statements = Statement.objects.published().filter(speaker_person=person)
    if not statements.exists():
        raise Http404("No published statement of this person yet.")
    context = {
        "person": person,
        "posts": person.posts.select_related("country"),
        "page_obj": paginate(request, statements.for_display().newest_first()),
    }
    return render(request, "archive/person_detail.html", context)


class PersonListView(ListView):
    """Speakers with published statements, by family name; ``?name=`` filters by any
    spelling, accents and case aside."""

    template_name = "archive/person_list.html"
    paginate_by = 100

    def get_queryset(self):
        people = (
            Person.objects.select_related("country")
            .annotate(n=published_count("statements"))
            .filter(n__gt=0)
            .order_by("family_name", "name")
        )
        self.name = self.request.GET.get("name", "").strip()[:100]
        words = person_names.words(self.name)
        for word in words:  # every word typed, in the name's key or among its spellings
            people = people.filter(
                Q(name_key__contains=word) | Q(name__icontains=word) | Q(variants__icontains=word)
            )
        return people

    def get_context_data(self, **kwargs):
        extra = urlencode({"name": self.name}) if self.name else ""
        return {**super().get_context_data(**kwargs), "name": self.name, "extra_query": extra}


class StatementListView(ListView):
    """Browse published statements newest first, optionally by decade or year."""

    template_name = "archive/statement_list.html"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        qs = Statement.objects.published().for_display().newest_first()
        self.year = dates.parse_year(self.request.GET.get("year", ""))
        self.decade = dates.parse_decade(self.request.GET.get("decade", ""))
        if self.year is not None:
            qs = qs.filter(issued_on__year=self.year)
        elif self.decade is not None:
            first, last = dates.decade_years(self.decade)
            qs = qs.filter(issued_on__year__gte=first, issued_on__year__lte=last)
        return qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["year"] = "" if self.year is None else str(self.year)
        context["decade"] = "" if self.decade is None else str(self.decade)
        return context


class BodyListView(ListView):
    template_name = "archive/body_list.html"
    paginate_by = 100

    def get_queryset(self):
        return (
            IssuingBody.objects.select_related("country")
            .annotate(n=published_count("statements"))
            .filter(n__gt=0)
            .order_by("name")
        )


class EventListView(ListView):
    template_name = "archive/event_list.html"
    paginate_by = 100

    def get_queryset(self):
        return (
            Event.objects.annotate(n=published_count("statements"))
            .filter(n__gt=0)
            .order_by("-start_date")
        )


class CountryListView(ListView):
    template_name = "archive/country_list.html"

    def get_queryset(self):
        return Country.objects.annotate(
            n=published_count("bodies__statements"),
            named=published_count("statements_mentioning"),
        ).filter(Q(n__gt=0) | Q(named__gt=0))
