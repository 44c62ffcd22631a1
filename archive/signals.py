"""Signals the archive sends for changes that bypass model signals.

Bulk imports write with ``bulk_create``/``bulk_update``, which fire no
``post_save``. They send ``statements_bulk_changed`` inside each batch's
transaction, so that what listeners write (the search change log) commits
or rolls back with the batch. The archive
never imports ``search``: the search app connects to this signal.
"""

from django.dispatch import Signal

# Sent with ``pks``: the primary keys of statements created or updated.
statements_bulk_changed = Signal()

# Sent around a bulk import, so listeners can batch their work for its end.
bulk_import_started = Signal()
bulk_import_finished = Signal()
