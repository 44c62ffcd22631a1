"""The PostgreSQL search backend: full-text search in the archive's own database."""

from search.backends.postgres.backend import PostgresBackend

__all__ = ["PostgresBackend"]
