"""Client search on PostgreSQL: the same matches, in the same order, as ``sqlite_fts``.

The question is read by the same rules (``sqlite_fts``'s words, digraph ends and minimum
lengths) and asked of indexes over ``person_search`` that migration 0017 creates:

* From a word's beginning (FTS5's ``person_fts``): a GIN index on
  ``qadam_search_words(names, keys, iin)``, a tsvector of the row's words: every folded
  key (``nurpeisova``), every word of the names as written in lower case behind ``#``
  (``#王伟``, for scripts the fold drops), the IIN behind ``=``. A word typed is a prefix
  query (``'nurp':*``, ``'#王伟':*``, ``'=900101':*``), every word of the question must
  match (``&``); these are exact, as FTS5's prefix queries are. A word of another
  script that holds several words of the names (``努尔兰·阿合买提``) is, as in FTS5, a
  phrase: the index finds rows holding each part, ``qadam_search_names`` checks that
  they follow one another.
* From inside a word (FTS5's trigram ``person_infix``): pg_trgm GIN indexes on ``keys``
  and ``iin`` answer ``keys LIKE '%rpeis%'`` and ``iin LIKE '%0017%'``, with the same
  minimum lengths (three letters of the key, four IIN digits), or nothing.

Ranking is FTS5's: matches from a word's beginning first, by bm25 (k1 1.2, b 0.75) over
the same counts: how many words of the row each part of the question begins (a phrase's
hits in ``keys``, in the words of ``names``, in ``iin``) and how many words the row has
(``word_count``, FTS5's docsize). What FTS5 also keeps for the whole table and
PostgreSQL does not (the number of rows, their average length, how many rows each part
matches) are constants here: every part weighs the same (IDF 1), a row has
``AVERAGE_WORDS`` words on average. For a question of one part (one word; a Latin word
ending in z or k is two: "z" and "zh") that changes nothing, the order is FTS5's. With
several, rows matched the same way keep FTS5's order, two rows matched by different
parts may swap. Matches from inside a word follow in registration order, as in
``sqlite_fts``. Equal ranks come out as there: the earliest registered are chosen, shown
in ``person_id`` order; ``rank`` is the position in that order.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from sqlalchemy import Connection, Integer, Subquery, Uuid, column, select, text
from sqlalchemy.sql.elements import TextClause

from db.search.sqlite_fts import _DIGRAPH_ENDS, _WORD, INFIX_DIGITS, INFIX_LETTERS
from db.translit import search_key

K1 = 1.2
B = 0.75
AVERAGE_WORDS = 8.0  # FTS5's average row length on the demo center: 7.9 words
LONGEST_WORD = 400  # characters; the index cuts a word at 500 (migration 0017)
# A row's keys and names, each word behind a space: ' nurpeisova alia'.
_KEYS = "(' ' || d.keys)"
_NAMES = "(' ' || qadam_search_names(d.names))"
# Added to an infix match's score: a match from a word's beginning always comes first.
_INFIX_BEHIND = 1_000_000.0


@dataclass
class _Question:
    """The parameters of one part of the SQL, named ``search_<part><n>``."""

    part: str
    params: dict[str, object] = field(default_factory=dict)

    def bind(self, value: object) -> str:
        name = f"search_{self.part}{len(self.params)}"
        self.params[name] = value
        return f":{name}"


def _quoted(lexeme: str) -> str:
    """A tsquery lexeme, quoted: a quote doubled, a backslash escaped."""
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def _keys_options(word: str, key: str) -> list[str]:
    options = [key[:LONGEST_WORD]]
    if key[-1] in _DIGRAPH_ENDS:
        options.append(search_key(word + "h")[:LONGEST_WORD])
    return options


def _prefix(question: _Question, query: str) -> tuple[str, str] | None:
    """The SELECT of matches from a word's beginning, ``(person_id, doc_id, score)``, and
    its best-first order, or None if nothing to look for (``sqlite_fts.match_expression``'s
    rules)."""
    lexemes: list[str] = []  # one tsquery clause per word, every one must match
    names: list[str] = []  # bound words of another script: phrases of the names
    hits: list[str] = []  # SQL of each part's hits in the row (FTS5's phrases)
    for word in _WORD.findall(query):
        if word.isdigit():
            digits = word[:LONGEST_WORD]
            lexemes.append(_quoted("=" + digits) + ":*")
            hits.append(f"CASE WHEN starts_with(d.iin, {question.bind(digits)}) "
                        "THEN 1 ELSE 0 END")
            continue
        key = search_key(word)
        if not key and not any(char.isalpha() for char in word):
            continue  # stray punctuation or FTS5 syntax: nothing to look for
        if not key:
            typed = question.bind(word.casefold()[:LONGEST_WORD])
            phrase = f"(' ' || qadam_search_names({typed}))"
            names.append(phrase)
            hits.append(f"(length({_NAMES}) - length(replace({_NAMES}, {phrase}, ''))) "
                        f"/ length({phrase})")
            continue
        options = _keys_options(word, key)
        lexemes.append("(" + " | ".join(_quoted(option) + ":*" for option in options) + ")")
        for option in options:
            spaced = question.bind(" " + option)
            hits.append(f"(length({_KEYS}) - length(replace({_KEYS}, {spaced}, ''))) "
                        f"/ length({spaced})")
    if not hits:
        return None
    tsquery = [f"CAST({question.bind(' & '.join(lexemes))} AS tsquery)"] if lexemes else []
    # Each word of the phrase found, the last one as a prefix: '#努尔兰' & '#阿合买提':*
    tsquery += [f"CAST('''#' || replace(btrim({phrase}), ' ', ''' & ''#') || ''':*' AS tsquery)"
                for phrase in names]
    # ... and following one another in the names.
    phrases = "".join(f" AND {_NAMES} LIKE '%' || {phrase} || '%'" for phrase in names)
    # FTS5's bm25, every phrase's IDF 1: sum of tf (k1 + 1) / (tf + k1 (1 - b + b dl / avgdl)).
    scores = " + ".join(
        f"CAST({hit} AS float8) * {K1 + 1} / (CAST({hit} AS float8) + {K1} * "
        f"({1 - B} + {B} * CAST(d.word_count AS float8) / {AVERAGE_WORDS}))" for hit in hits)
    return f"""
        SELECT d.person_id, d.doc_id, -({scores}) AS score
        FROM person_search AS d
        WHERE qadam_search_words(d.names, d.keys, d.iin) @@ ({' && '.join(tsquery)}){phrases}
        """, "score, d.doc_id"


def _infix(question: _Question, query: str) -> tuple[str, str] | None:
    """The SELECT of matches from inside a word and its order (registration), or None when
    a word is too short for it (``sqlite_fts.infix_expression``'s rules)."""
    clauses = []
    digits = False
    for word in _WORD.findall(query):
        if word.isdigit():
            if len(word) < INFIX_DIGITS:
                return None
            clauses.append(f"d.iin LIKE {question.bind('%' + word + '%')}")
            digits = True
            continue
        key = search_key(word)
        if not key and not any(char.isalpha() for char in word):
            continue
        if len(key) < INFIX_LETTERS:
            return None
        # Keys hold a-z and 0-9 only: nothing in them for LIKE to read as a wildcard.
        clauses.append("(" + " OR ".join(f"d.keys LIKE {question.bind('%' + option + '%')}"
                                         for option in _keys_options(word, key)) + ")")
    if not clauses:
        return None
    # Letters: the planner, which knows how common they are (migration 0017 keeps a finer
    # histogram of keys), walks doc_id order for a common ending ("ова": LIMIT stops it
    # early, as FTS5's rowid order does) or gathers the few rows of a rare part.
    # IIN digits: four of them match a few rows in ten thousand, which its estimates miss;
    # walking doc_id order would read the whole table. OFFSET 0: gather them, then order.
    fence = " OFFSET 0" if digits else ""
    return f"""
        SELECT m.person_id, m.doc_id,
               CAST({_INFIX_BEHIND} AS float8) + m.doc_id * CAST(1e-9 AS float8) AS score
        FROM (SELECT d.person_id, d.doc_id FROM person_search AS d
              WHERE {" AND ".join(clauses)}{fence}) AS m
        """, "m.doc_id"


def ranked_statement(query: str, limit: int | None, offset: int = 0) -> TextClause | None:
    """The SQL of :func:`ranked_matches`, ``(person_id, rank)`` (for benchmarks and EXPLAIN)."""
    prefix, infix, question = _Question("p"), _Question("i"), _Question("m")
    parts = []
    for part, sql in ((prefix, _prefix(prefix, query)), (infix, _infix(infix, query))):
        if sql is not None:  # a part given up on leaves its parameters unused
            parts.append(sql)
            question.params.update(part.params)
    if not parts:
        return None
    if limit is None:
        found = " UNION ALL ".join(part for part, _order in parts)
    else:  # each index gives at most the rows asked for
        wanted = question.bind(limit + offset)
        found = " UNION ALL ".join(f"({part} ORDER BY {order} LIMIT {wanted})"
                                   for part, order in parts)
    # Equal scores as SQLite gives them: the earliest registered chosen (doc_id above),
    # shown in person_id order (its GROUP BY).
    statement = f"""
        SELECT found.person_id,
               row_number() OVER (ORDER BY min(found.score), found.person_id) AS rank
        FROM ({found}) AS found
        GROUP BY found.person_id
        ORDER BY rank LIMIT {question.bind(limit)} OFFSET {question.bind(offset)}"""
    return text(statement).bindparams(**question.params)


def ranked_matches(query: str, limit: int | None, offset: int = 0) -> Subquery | None:
    """``(person_id, rank)`` of the best matches, lower rank first, to join with other tables.

    Each index gives at most the rows asked for, as in ``sqlite_fts``."""
    statement = ranked_statement(query, limit, offset)
    if statement is None:
        return None
    return statement.columns(column("person_id", Uuid()),
                             column("rank", Integer())).subquery("matches")


def find_person_ids(connection: Connection, query: str, limit: int,
                    offset: int = 0) -> list[uuid.UUID]:
    matches = ranked_matches(query, limit, offset)
    if matches is None:
        return []
    return list(connection.execute(
        select(matches.c.person_id).order_by(matches.c.rank)).scalars())

