"""The Whoosh search backend: everything Whoosh-specific lives in this package."""

from search.backends.whoosh.backend import WhooshBackend

__all__ = ["WhooshBackend"]
