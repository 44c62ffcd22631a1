from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Search"

    def ready(self):
        from search import checks  # noqa: F401 - registers the checks
        from search.sync import signals  # noqa: F401 - connects the receivers
