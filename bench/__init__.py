"""``make bench`` and ``make growth``: the archive next to SQLite FTS5 and tantivy, on the full
corpus; ``bench.investigations`` holds the one-off studies. Run every module with
``python -m`` from the checkout's root."""
