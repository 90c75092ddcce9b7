"""Client search on PostgreSQL: the indexes ``db.search.postgres_trgm`` asks, beside the
``person_search`` table every engine keeps (SQLite has its FTS5 indexes since 0001/0004).

* ``qadam_search_words(names, keys, iin)``: the words of a search row as a tsvector, for
  the matches from a word's beginning (FTS5's prefix queries): each folded name key as it
  is, each word of the names as written (lower case) behind ``#``, the IIN behind ``=``.
  GIN finds the rows with a word beginning with what was typed (``'nurp':*``) exactly.
* ``qadam_search_names(names)``: the names as written, in lower case, their words split
  where FTS5's unicode61 tokenizer splits them in names (space, hyphen, apostrophes,
  punctuation) and joined by one space; the search ranks and checks phrases with it.
* ``word_count``, a generated column: the row's length in words as FTS5 counts it for
  bm25 (its ``person_fts_docsize``), so that ranking reads it instead of computing it.
* pg_trgm GIN indexes on ``keys`` and ``iin``, for the matches from inside a word (FTS5's
  trigram index): ``keys LIKE '%rpeis%'``, ``iin LIKE '%0017%'``.

Nothing on SQLite. pg_trgm is a trusted extension since PostgreSQL 13: the database's
owner may create it.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-01
"""

from __future__ import annotations

from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

# Frozen copy of the functions and indexes as this revision creates it (see
# db/search/postgres_trgm.py). Characters that end a word of a name, as FTS5's unicode61
# tokenizer ends it: ASCII and Latin-1 punctuation, symbols and spaces; the General
# Punctuation block (dashes, quotes, ’), CJK, Arabic and full-width punctuation; and the
# combining marks unicode61 splits words at (most of U+0300-U+036F, Cyrillic titlo,
# Hebrew points, Arabic vowel marks). Letters (ʻ ʼ included) and digits stay inside words.
# Written as \u escapes: locale-independent, unlike [[:alnum:]].
NAME_SEPARATORS = (
    r"[\u0001-\u002f\u003a-\u0040\u005b-\u0060\u007b-\u009f\u00a0-\u00a9\u00ab-\u00b1"
    r"\u00b4\u00b6-\u00b8\u00bb\u00bf\u00d7\u00f7"
    r"\u0305\u030d-\u030e\u0310\u0312-\u031a\u031c-\u0322\u0329-\u032c\u032f\u0332-\u036f"
    r"\u0483-\u0489\u0591-\u05c7\u060c\u0610-\u061b\u061f\u064b-\u065f\u066a-\u066d\u0670"
    r"\u06d4\u06d6-\u06e4\u06e7-\u06ed"
    r"\u2000-\u206f\u3000-\u3004\u3008-\u3020\u3030\u30fb\ufe10-\ufe19\ufe30-\ufe4f"
    r"\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]+"
)
# The combining marks unicode61 drops from a word (remove_diacritics 2): é typed as e and
# U+0301 is "e" there, as here.
DROPPED_MARKS = (r"[\u0300-\u0304\u0306-\u030c\u030f\u0311\u031b\u0323-\u0328\u032d\u032e"
                 r"\u0330\u0331]")
# lower() folds Cyrillic, Greek, Armenian... case (in a UTF-8 database); final sigma as
# FTS5 folds it. Only built-in functions: an index expression must not depend on the
# search_path (pg_dump restores with an empty one).
NAMES_FOLD = (f"btrim(regexp_replace(regexp_replace(replace(lower(coalesce(names, '')), "
              f"'ς', 'σ'), '{DROPPED_MARKS}', '', 'g'), '{NAME_SEPARATORS}', ' ', 'g'))")
# A lexeme holds at most 2047 bytes: a word longer than 500 characters is cut there (the
# regular expression only runs on such long text; it is slow, the rest is not).
LONG_WORD = r"'([^ ]{250}[^ ]{250})[^ ]+', '\1', 'g'"
NAME_WORDS = f"'#' || replace({NAMES_FOLD}, ' ', ' #')"
POSTGRES_SEARCH = (
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    f"""CREATE FUNCTION qadam_search_names(names text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT {NAMES_FOLD} $$""",
    f"""CREATE FUNCTION qadam_search_words(names text, keys text, iin text) RETURNS tsvector
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT array_to_tsvector(array_remove(
            string_to_array(CASE WHEN length(keys) > 500
                                 THEN regexp_replace(keys, {LONG_WORD}) ELSE keys END, ' ')
            || string_to_array(nullif(CASE WHEN length(names) > 250
                                           THEN regexp_replace({NAME_WORDS}, {LONG_WORD})
                                           ELSE {NAME_WORDS} END, '#'), ' ')
            || CASE WHEN iin <> '' THEN ARRAY['=' || left(iin, 500)] END, '')) $$""",
    # FTS5 keeps each row's length in words (for bm25) in person_fts_docsize; here it is a
    # column PostgreSQL computes: names as FTS5 splits them, keys, the IIN.
    """ALTER TABLE person_search ADD COLUMN word_count integer GENERATED ALWAYS AS (
        cardinality(string_to_array(qadam_search_names(names), ' '))
        + cardinality(array_remove(string_to_array(keys, ' '), ''))
        + CASE WHEN iin <> '' THEN 1 ELSE 0 END) STORED""",
    """CREATE INDEX ix_person_search_words ON person_search
        USING gin (qadam_search_words(names, keys, iin))""",
    "CREATE INDEX ix_person_search_keys_trgm ON person_search USING gin (keys gin_trgm_ops)",
    "CREATE INDEX ix_person_search_iin_trgm ON person_search USING gin (iin gin_trgm_ops)",
    # A finer histogram of keys: how common a part of a name is (LIKE '%ova%') decides
    # whether the planner walks the table in registration order or gathers the matches.
    "ALTER TABLE person_search ALTER COLUMN keys SET STATISTICS 1000",
)


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in POSTGRES_SEARCH:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE person_search ALTER COLUMN keys SET STATISTICS -1")
        for index in ("ix_person_search_iin_trgm", "ix_person_search_keys_trgm",
                      "ix_person_search_words"):
            op.execute(f"DROP INDEX IF EXISTS {index}")
        op.execute("ALTER TABLE person_search DROP COLUMN IF EXISTS word_count")
        op.execute("DROP FUNCTION IF EXISTS qadam_search_words(text, text, text)")
        op.execute("DROP FUNCTION IF EXISTS qadam_search_names(text)")
        # pg_trgm stays: it may have been there before 0017, and may serve others.
