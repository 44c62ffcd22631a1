"""The pages' database queries do not grow with the number of hits (no query per row)."""

import pytest


@pytest.fixture
def statements(capture, make_statement, event, country):
    with capture():
        made = [
            make_statement(title=f"Statement {n}", body=f"We denounce the exercise number {n}.")
            for n in range(25)
        ]
        for statement in made[:5]:
            statement.events.add(event)
            statement.countries_mentioned.add(country)
    return made


@pytest.mark.parametrize(
    ("url", "most"),
    [
        # The hits' texts, then the hits; the labels of bodies, of countries (issuing and
        # named: one query) and of events.
        ("/search/?q=exercise", 5),
        ("/search/?q=exercise&country=PRK&event=freedom-edge-2024", 5),
        ("/search/", 5),
        ("/api/search/?q=exercise", 6),  # and the countries each hit names
    ],
)
def test_a_search_page_of_20_hits_takes_a_fixed_number_of_queries(
    client, statements, django_assert_max_num_queries, url, most
):
    client.get(url)  # the first request of a process reads the change log's position
    with django_assert_max_num_queries(most):
        assert client.get(url).status_code == 200


# Eight: the seven before a statement had versions in other languages, and its versions.
@pytest.mark.parametrize(("page", "most"), [("html", 8), ("api", 8)])
def test_a_statement_page_takes_a_fixed_number_of_queries(
    client, statements, django_assert_max_num_queries, page, most
):
    statement = statements[0]
    url = statement.get_absolute_url() if page == "html" else f"/api/statements/{statement.slug}/"
    client.get(url)
    with django_assert_max_num_queries(most):
        assert client.get(url).status_code == 200


def test_a_results_page_reads_its_hits_by_id_not_by_walking_the_published(statements):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from search.backends.base import Hit
    from search.web.presenters import load_statements

    if connection.vendor != "sqlite":
        pytest.skip("a query plan of SQLite's: PostgreSQL plans its own")
    hits = tuple(Hit(id=str(s.pk), score=1.0) for s in statements[:20])
    with CaptureQueriesContext(connection) as read:
        load_statements(hits)
    (sql,) = [q["sql"] for q in read.captured_queries]
    with connection.cursor() as cursor:
        plan = [row[-1] for row in cursor.execute(f"EXPLAIN QUERY PLAN {sql}")]
    (statements_step,) = [step for step in plan if "archive_statement " in step]

    assert "id=?" in statements_step, plan
