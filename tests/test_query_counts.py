"""The pages' database queries do not grow with the number of hits (no query per row)."""

import pytest


@pytest.fixture
def statements(capture, make_statement, event):
    with capture():
        made = [
            make_statement(title=f"Statement {n}", body=f"We denounce the exercise number {n}.")
            for n in range(25)
        ]
        for statement in made[:5]:
            statement.events.add(event)
    return made


@pytest.mark.parametrize(
    ("url", "most"),
    [
        ("/search/?q=exercise", 6),  # the hits and their countries; four facets' labels
        ("/search/?q=exercise&country=PRK&event=freedom-edge-2024", 6),
        ("/search/", 6),
        ("/api/search/?q=exercise", 6),
    ],
)
def test_a_search_page_of_20_hits_takes_a_fixed_number_of_queries(
    client, statements, django_assert_max_num_queries, url, most
):
    client.get(url)  # the first request of a process reads the change log's position
    with django_assert_max_num_queries(most):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize(("page", "most"), [("html", 7), ("api", 7)])
def test_a_statement_page_takes_a_fixed_number_of_queries(
    client, statements, django_assert_max_num_queries, page, most
):
    statement = statements[0]
    url = statement.get_absolute_url() if page == "html" else f"/api/statements/{statement.slug}/"
    client.get(url)
    with django_assert_max_num_queries(most):
        assert client.get(url).status_code == 200
