"""One clear line, and a non-zero exit, for whatever stops a command on the index."""

from __future__ import annotations

import contextlib
import errno
from collections.abc import Iterator

from django.conf import settings
from django.core.management.base import CommandError

from search.backends.base import IndexBehind, IndexBusy, IndexUnavailable


@contextlib.contextmanager
def index_errors(action: str) -> Iterator[None]:
    """Turn the failures of ``action`` on the index into a ``CommandError`` of one line."""
    where = settings.SEARCH_BACKEND.get("PATH", "the search index")
    try:
        yield
    except CommandError:
        raise
    except IndexBusy as exc:
        raise CommandError(f"Could not {action}: the index is busy ({exc}).") from exc
    except (IndexUnavailable, IndexBehind) as exc:
        raise CommandError(f"Could not {action}: {exc}") from exc
    except PermissionError as exc:
        raise CommandError(
            f"Could not {action}: permission denied on {exc.filename or where}; the index "
            "directory must belong to, and be writable by, the user running this command."
        ) from exc
    except OSError as exc:
        reason = "the disk is full" if exc.errno == errno.ENOSPC else (exc.strerror or str(exc))
        raise CommandError(f"Could not {action} in {where}: {reason}.") from exc
    except EOFError as exc:
        raise CommandError(
            f"Could not {action}: a file of the index in {where} is cut short (damaged). "
            "Run `manage.py rebuild_search_index`."
        ) from exc
