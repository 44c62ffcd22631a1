"""System checks of a Whoosh index directory, and of the installed Whoosh.

Whoosh stores its schema with pickle, so whoever can write the index
directory can make this process run code: refuse a directory that is group-
or world-writable or owned by another user. A directory this process cannot
write is refused too: every index update would fail.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from pathlib import Path

from django.core import checks

from search.backends.whoosh import internals


def check(config: Mapping[str, object]) -> list[checks.CheckMessage]:
    """Every check of a Whoosh backend's configuration (``WhooshBackend.check``)."""
    errors = whoosh_fast_path_tested()
    if config.get("PATH"):
        root = Path(str(config["PATH"]))
        errors = [*unsafe_index_dir(root), *unwritable_index_dir(root), *errors]
    return errors


def whoosh_fast_path_tested() -> list[checks.CheckMessage]:
    """A warning when the installed Whoosh is not one its postings fast path was tested on."""
    if internals.whoosh_version() in internals.TESTED_WHOOSH:
        return []
    return [
        checks.Warning(
            f"whoosh3 {internals.whoosh_version()} is not a version the search's postings fast "
            f"path was tested on ({', '.join(internals.TESTED_WHOOSH)}): it walks Whoosh's "
            "public matcher API instead, which is slower.",
            hint="Run tests/test_search_postings.py on it, then add it to TESTED_WHOOSH.",
            id="search.W002",
        )
    ]


def unwritable_index_dir(root: Path) -> list[checks.CheckMessage]:
    """An error if this process could not create or update the index in ``root``."""
    existing = next((p for p in (root, *root.parents) if p.exists()), None)
    live = (root / "current").resolve() if (root / "current").is_dir() else None
    return [
        checks.Error(
            f"The search index directory {path} is not writable by this process "
            f"(uid {os.geteuid()}): index updates would fail.",
            hint="Give the directory to the user that runs the site, or set SEARCH_INDEX_DIR.",
            id="search.E004",
        )
        for path in filter(None, (existing, live))
        if not os.access(path, os.W_OK | os.X_OK)
    ]


def unsafe_index_dir(root: Path) -> list[checks.CheckMessage]:
    """Return errors for an index directory (or anything in it) others could write."""
    errors = []
    paths = [root, *root.glob("gen-*"), *root.glob("gen-*/*")] if root.exists() else []
    for path in paths:
        try:
            info = path.lstat()
        except FileNotFoundError:  # a rebuild removed it since the listing: nothing to check
            continue
        if stat.S_ISLNK(info.st_mode):
            continue
        if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            errors.append(
                checks.Error(
                    f"The search index path {path} is writable by group or others.",
                    hint=f"Run: chmod go-w {path}  (Whoosh loads pickled data from it).",
                    id="search.E002",
                )
            )
        if info.st_uid != os.geteuid():
            errors.append(
                checks.Error(
                    f"The search index path {path} belongs to another user (uid {info.st_uid}).",
                    hint="The index must belong to the user that runs the site.",
                    id="search.E003",
                )
            )
    return errors
