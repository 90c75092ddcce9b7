"""Matches from a word's beginning from one table on both engines: ``search_word``.

Each word a person can be found by becomes a row (``db.search.words``), and a typed
prefix a range of its index read in order: the first matches cost as many rows, however
common the prefix. FTS5's ``person_fts`` (SQLite) and the tsvector GIN index with its
functions and word counts (PostgreSQL, 0017) ranked every row holding the prefix first,
which two letters made a tenth of a central office's million people. They go; the
trigram indexes for matches from inside a word stay.

The words are computed by ``db.search.words.words_of`` itself, not a frozen copy: they
must be those the running Qadam writes beside them (as 0018 does with sort keys).

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-01
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import sqlalchemy as sa
from alembic import op

from db.search.words import words_of

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

BATCH = 5000


def _versions(name: str) -> object:
    """An earlier revision's module, for its frozen statements (the downgrade's)."""
    spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name(f"{name}.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _fill() -> None:
    """Every person's words, a batch at a time, walking person_search's primary key."""
    connection = op.get_bind()
    documents = sa.table("person_search", sa.column("doc_id", sa.Integer()),
                         sa.column("person_id", sa.Uuid()), sa.column("names", sa.Text()),
                         sa.column("keys", sa.Text()), sa.column("iin", sa.Text()))
    words = sa.table("search_word", sa.column("person_id", sa.Uuid()),
                     sa.column("word", sa.Text()))
    page = (sa.select(documents.c.doc_id, documents.c.person_id, documents.c.names,
                      documents.c["keys"], documents.c.iin)
            .order_by(documents.c.doc_id).limit(BATCH))
    last = None
    while True:
        rows = connection.execute(page if last is None
                                  else page.where(documents.c.doc_id > last)).all()
        if not rows:
            return
        found = [{"person_id": person_id, "word": word}
                 for _doc, person_id, names, keys, iin in rows
                 for word in words_of(names or "", keys or "", iin or "")]
        if found:
            connection.execute(words.insert(), found)
        last = rows[-1][0]


def upgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    op.create_table(
        "search_word",
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("word", sa.Text().with_variant(sa.Text(collation="C"), "postgresql"),
                  nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"],
                                name=op.f("fk_search_word_person_id_person"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("person_id", "word", name=op.f("pk_search_word")),
    )
    _fill()
    # After the rows: one index built from them all, not row by row.
    op.create_index("ix_search_word_word", "search_word", ["word", "person_id"])
    if postgresql:
        # How common each word is, finely (the first thousand words and a thousand-step
        # histogram): whether to look each candidate's other words up or to join ranges.
        op.execute("ALTER TABLE search_word ALTER COLUMN word SET STATISTICS 1000")
        op.execute("DROP INDEX IF EXISTS ix_person_search_words")
        op.execute("ALTER TABLE person_search DROP COLUMN IF EXISTS word_count")
        op.execute("DROP FUNCTION IF EXISTS qadam_search_words(text, text, text)")
        op.execute("DROP FUNCTION IF EXISTS qadam_search_names(text)")
    else:
        for name in ("person_search_au", "person_search_ad", "person_search_ai"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS person_fts")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in _versions("0017_postgres_search").POSTGRES_SEARCH:  # type: ignore[attr-defined]
            if "trgm" not in statement:  # pg_trgm and its indexes are still there
                op.execute(statement)
    else:
        for statement in _versions("0001_schema").SQLITE_FTS:  # type: ignore[attr-defined]
            op.execute(statement)
        op.execute("INSERT INTO person_fts(person_fts) VALUES ('rebuild')")
    op.drop_index("ix_search_word_word", table_name="search_word")
    op.drop_table("search_word")
