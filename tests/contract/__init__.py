"""The contract every search backend keeps, built from plain ``Document`` values.

A new backend is one module under ``search/backends/`` and one passing run of
``pytest tests/contract``. Where a backend cannot do what Whoosh does, its
``differences`` name it and the contract asserts the documented behaviour.
"""
