"""Addresses reversed once a process give what ``reverse`` gives, wherever the site is."""

from types import ModuleType

import pytest
from django.conf.urls.i18n import i18n_patterns
from django.test import override_settings
from django.urls import (
    NoReverseMatch,
    clear_script_prefix,
    include,
    path,
    reverse,
    set_script_prefix,
)
from django.utils import translation
from django.utils.translation import gettext_lazy

from archive.site_urls import fixed_url, slug_url, slug_urls

ROUTES = ["archive:statement", "archive:body", "archive:event", "archive:country", "archive:person"]


@pytest.mark.parametrize("name", ROUTES)
@pytest.mark.parametrize("slug", ["dprk-mfa-2024-07-01", "a", "Un_2019-USA_74"])
def test_a_slug_address_is_what_reverse_gives(name, slug):
    assert slug_url(name, slug) == reverse(name, args=[slug])


@pytest.mark.parametrize("name", ROUTES)
def test_slug_addresses_in_bulk_are_what_reverse_gives(name):
    slugs = ["dprk-mfa-2024-07-01", "a", "Un_2019-USA_74"]
    assert slug_urls(name, slugs) == [reverse(name, args=[slug]) for slug in slugs]
    with pytest.raises(NoReverseMatch):
        slug_urls(name, ["a", "a/b"])
    set_script_prefix("/archive/")
    try:
        assert slug_urls(name, slugs) == [reverse(name, args=[slug]) for slug in slugs]
    finally:
        clear_script_prefix()


def test_fixed_addresses_are_what_reverse_gives():
    assert fixed_url("search:search") == reverse("search:search") == "/search/"
    assert fixed_url("search:export", "csv") == reverse("search:export", args=["csv"])
    assert fixed_url("search:export", "jsonl") != fixed_url("search:export", "csv")


def test_anything_but_a_slug_is_refused_as_reverse_refuses_it():
    for bad in ["", "a/b", "naïve", "two words"]:
        with pytest.raises(NoReverseMatch):
            slug_url("archive:statement", bad)


def test_a_site_under_a_sub_path_gets_its_own_addresses():
    assert slug_url("archive:statement", "x") == "/statements/x/"
    assert fixed_url("archive:about") == "/about/"
    set_script_prefix("/archive/")
    try:
        assert slug_url("archive:statement", "x") == "/archive/statements/x/"
        assert fixed_url("archive:about") == "/archive/about/"
    finally:
        clear_script_prefix()
    assert slug_url("archive:statement", "x") == "/statements/x/"


# A configuration that mounts the public pages under /v2/.
urlpatterns = [path("v2/", include("archive.public_urls"))]


@override_settings(ROOT_URLCONF=__name__)
def test_another_url_configuration_gets_its_own_addresses():
    assert slug_url("archive:statement", "x") == "/v2/statements/x/"
    assert fixed_url("archive:about") == "/v2/about/"


def test_a_page_links_through_the_cached_addresses(client, make_statement):
    statement = make_statement()
    page = client.get(reverse("archive:statements")).content.decode()
    assert f'<a href="{reverse("search:trends")}">Trends</a>' in page
    assert f'<a href="{reverse("archive:people")}">Speakers</a>' in page
    assert f'href="{reverse("archive:statement", args=[statement.slug])}"' in page


def test_a_slug_that_is_not_text_goes_through_reverse():
    for slug in (None, 1991):
        assert slug_url("archive:statement", slug) == reverse("archive:statement", args=[slug])


# Translated routes: the language is part of the address.
TRANSLATED = ModuleType("translated_urls")
TRANSLATED.urlpatterns = i18n_patterns(path("", include("archive.public_urls")))


@override_settings(ROOT_URLCONF=TRANSLATED, USE_I18N=True)
def test_each_language_gets_its_own_addresses():
    with translation.override("fr"):
        assert fixed_url("archive:about") == "/fr/about/"
        assert slug_url("archive:statement", "x") == "/fr/statements/x/"
    with translation.override("de"):
        assert fixed_url("archive:about") == "/de/about/"
        assert slug_url("archive:statement", "x") == "/de/statements/x/"


# A route translated with gettext_lazy: no language prefix, yet the language is in the address.
LAZY = ModuleType("lazily_translated_urls")
LAZY.urlpatterns = [path(gettext_lazy("about/"), lambda request: None, name="about")]


@override_settings(ROOT_URLCONF=LAZY, USE_I18N=True)
def test_a_translated_route_is_reversed_in_each_language(monkeypatch):
    french = {"about/": "a-propos/"}
    real = translation._trans.gettext  # the machinery's own, before it is replaced

    def gettext(message):
        if translation.get_language() == "fr":
            return french.get(message, real(message))
        return real(message)

    # What gettext_lazy calls: the translation machinery's own gettext.
    monkeypatch.setattr(translation._trans, "gettext", gettext, raising=False)
    assert fixed_url("about") == "/about/"
    with translation.override("fr"):
        assert fixed_url("about") == reverse("about") == "/a-propos/"
    assert fixed_url("about") == "/about/"


def test_the_site_own_addresses_do_not_depend_on_the_language():
    from django.urls import get_resolver

    from archive.site_urls import _by_language

    assert _by_language(get_resolver()) is False
    with translation.override("fr"):
        assert fixed_url("archive:about") == "/about/"


def test_a_site_url_tag_gives_each_scope_its_own_address():
    from django.template import engines

    page = engines["django"].from_string(
        "{% load site_urls %}{% site_url 'archive:about' %} {% site_url 'search:export' fmt %}"
    )
    assert page.render({"fmt": "csv"}) == f"/about/ {reverse('search:export', args=['csv'])}"
    set_script_prefix("/archive/")
    try:  # the same compiled tags, in another scope
        assert page.render({"fmt": "json"}) == "/archive/about/ /archive/search/export.json"
    finally:
        clear_script_prefix()
    assert page.render({"fmt": "csv"}) == "/about/ /search/export.csv"


def test_a_site_url_tag_wants_a_quoted_route_name():
    from django.template import TemplateSyntaxError, engines

    with pytest.raises(TemplateSyntaxError, match="quoted route name"):
        engines["django"].from_string("{% load site_urls %}{% site_url name %}")


def test_a_site_static_tag_gives_what_static_gives():
    from django.template import engines

    ours = engines["django"].from_string("{% load site_urls %}{% site_static 'archive/site.css' %}")
    django = engines["django"].from_string("{% load static %}{% static 'archive/site.css' %}")
    assert ours.render({}) == django.render({}) == "/static/archive/site.css"
    with override_settings(STATIC_URL="/assets/"):
        assert ours.render({}) == django.render({}) == "/assets/archive/site.css"
    assert ours.render({}) == "/static/archive/site.css"
