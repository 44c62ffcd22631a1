"""Signals the archive sends for changes that bypass model signals.

Bulk writes (``update``, ``bulk_create``, ``bulk_update``, links written as
plain rows) fire no ``post_save``. The archive's QuerySets send
``records_changed`` for them inside the write's transaction, so that what
listeners write (the search change log) commits or rolls back with it. The
archive never imports ``search``: the search app connects to these signals.
"""

from django.dispatch import Signal

# Sent for writes that fire no per-row signal, in the write's transaction. The sender is the
# concrete model; ``pks`` the rows written, ``fields`` the names updated (None: the rows were
# created; {"links"}: their many-to-many links were written as rows), ``created`` whether
# they were.
records_changed = Signal()

# Sent around a bulk import, so listeners can batch their work for its end.
bulk_import_started = Signal()
bulk_import_finished = Signal()
