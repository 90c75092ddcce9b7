"""A trigram index beside the prefix index: any part of a name's key or of the IIN.

Typing the last four digits of an IIN (what the masked display shows) or the
middle of a surname (``разбаева`` for ``Оразбаева``) found nobody, or someone
else: the unicode61 index finds prefixes only. FTS5's trigram tokenizer finds
any run of three or more characters; it indexes the folded name keys and the
IIN, kept in step with ``person_search`` by triggers like the prefix index's.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# Frozen copy of the index as this revision creates it (see db/search/sqlite_fts.py).
SQLITE_INFIX = (
    """CREATE VIRTUAL TABLE person_infix USING fts5(
        keys, iin,
        content='person_search', content_rowid='doc_id',
        tokenize='trigram')""",
    """CREATE TRIGGER person_search_infix_ai AFTER INSERT ON person_search BEGIN
        INSERT INTO person_infix(rowid, keys, iin) VALUES (new.doc_id, new.keys, new.iin);
    END""",
    """CREATE TRIGGER person_search_infix_ad AFTER DELETE ON person_search BEGIN
        INSERT INTO person_infix(person_infix, rowid, keys, iin)
        VALUES ('delete', old.doc_id, old.keys, old.iin);
    END""",
    """CREATE TRIGGER person_search_infix_au AFTER UPDATE ON person_search BEGIN
        INSERT INTO person_infix(person_infix, rowid, keys, iin)
        VALUES ('delete', old.doc_id, old.keys, old.iin);
        INSERT INTO person_infix(rowid, keys, iin) VALUES (new.doc_id, new.keys, new.iin);
    END""",
    # Everyone already registered, in one pass over person_search.
    "INSERT INTO person_infix(person_infix) VALUES ('rebuild')",
)


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_INFIX:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("person_search_infix_au", "person_search_infix_ad",
                     "person_search_infix_ai"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS person_infix")
