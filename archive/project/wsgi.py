"""WSGI entry point: ``gunicorn archive.project.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.project.settings")

application = get_wsgi_application()

# Each new commit of the search index is opened between requests, not in the next search.
from search.web import warming  # noqa: E402 - needs the settings set up above

warming.start()
