"""WSGI entry point: ``gunicorn archive.project.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.project.settings")

application = get_wsgi_application()
