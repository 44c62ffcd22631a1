"""Settings for the diplomatic statement archive, read from the environment.

Local use needs nothing set: SQLite and the search index live under ``var/``.
Production sets ``DEBUG=0``, ``SECRET_KEY``, ``ALLOWED_HOSTS`` and usually
``DATABASE_URL`` (PostgreSQL through psycopg 3).
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parents[2]
VAR_DIR = Path(os.environ.get("ARCHIVE_VAR_DIR", BASE_DIR / "var"))


def env_flag(name: str, default: bool) -> bool:
    """Read a boolean environment variable ("1", "true", "yes", "on" are true)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    """Read a comma-separated environment variable."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_flag("DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "django-insecure-local-development-only-key-never-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    # django.contrib.admin, with the archive's site
    "archive.project.admin_site.ArchiveAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "simple_history",
    "archive",
    "search",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "archive.project.request_limits.RequestLimitsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "archive.project.security_headers.ContentSecurityPolicyMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "search.web.unavailable.IndexUnavailableMiddleware",
]

if DEBUG and not env_flag("DEBUG_404", False):
    # The development server shows the real 404 page; DEBUG_404=1 shows Django's debug page.
    MIDDLEWARE.append("archive.project.not_found.NotFoundPageMiddleware")

if not DEBUG:
    # Serve collected static files from the app server in production.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "archive.project.urls"
WSGI_APPLICATION = "archive.project.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

if not os.environ.get("DATABASE_URL"):
    VAR_DIR.mkdir(parents=True, exist_ok=True)  # the embedded database lives here
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'archive.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the site read while an import or an admin save writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

SEARCH_INDEX_DIR = Path(os.environ.get("SEARCH_INDEX_DIR", VAR_DIR / "search-index"))

# Reverting from the history page would let an archivist bypass the publish rule.
SIMPLE_HISTORY_REVERT_DISABLED = True

# Production hardening: active whenever DEBUG is off.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_flag("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# The corpus citation shown wherever UN General Debate speeches appear.
UNGDC_CITATION = (
    "United Nations General Debate Corpus 1946–2024, Harvard Dataverse, "
    "doi:10.7910/DVN/0TJX8Y (CC0). Jankin, Baturo & Dasandi, “Words to unite nations: "
    "The complete United Nations General Debate Corpus, 1946–present”, Journal of Peace "
    "Research; Baturo, Dasandi & Mikhaylov (2017), “Understanding state preferences with "
    "text as data”, Research & Politics."
)

# The search backends, chosen with SEARCH_ENGINE (docs/architecture/backends.md): Whoosh
# index files on this server, or PostgreSQL full-text search in the database itself.
SEARCH_BACKENDS = {
    "whoosh": {
        "BACKEND": "search.backends.whoosh.WhooshBackend",
        "PATH": SEARCH_INDEX_DIR,
        "LOCK_TIMEOUT": float(os.environ.get("SEARCH_LOCK_TIMEOUT", "30")),
        "TIME_BUDGET": float(os.environ.get("SEARCH_TIME_BUDGET", "2.0")),
        "PROCS": int(os.environ.get("SEARCH_INDEX_PROCS", str(min(4, os.cpu_count() or 1)))),
        "POSTINGS_CACHE_MB": int(os.environ.get("SEARCH_POSTINGS_CACHE_MB", "64")),
    },
    "postgres": {
        "BACKEND": "search.backends.postgres.PostgresBackend",
        "DATABASE": "default",
        "TIME_BUDGET": float(os.environ.get("SEARCH_TIME_BUDGET", "2.0")),
    },
}
SEARCH_BACKEND = SEARCH_BACKENDS[os.environ.get("SEARCH_ENGINE", "whoosh")]

# The largest request body read at all: the admin's forms. A long speech is ~100 KB of text,
# and form encoding makes Korean or Chinese text up to 9 times longer.
REQUEST_BODY_LIMIT = int(os.environ.get("REQUEST_BODY_LIMIT", str(8 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = REQUEST_BODY_LIMIT

# How the index follows the database: see search/sync/indexing.py for each knob.
SEARCH_INDEXING = {
    "CHECK_INTERVAL": float(os.environ.get("SEARCH_CHECK_INTERVAL", "1")),
    "LAG_NOTICE": float(os.environ.get("SEARCH_LAG_NOTICE", "5")),
    "GRACE": float(os.environ.get("SEARCH_LOG_GRACE", "600")),
    "KEEP_DAYS": float(os.environ.get("SEARCH_LOG_KEEP_DAYS", "14")),
    "REBUILD_ABOVE": int(os.environ.get("SEARCH_REBUILD_ABOVE", "2000")),
    "NICENESS": int(os.environ.get("SEARCH_INDEXER_NICENESS", "10")),
}
