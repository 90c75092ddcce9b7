"""Qadam's database layer: models, engine set-up, migrations, queries and search.

Nothing here imports Qt or the ``desktop`` package, so every query runs and is
tested without a display.
"""
