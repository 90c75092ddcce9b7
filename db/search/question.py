"""What a caseworker typed into the search box, read once for every index.

The box takes words in any script and case, and IIN digits. A word is looked for by its
folded key (``db.translit.search_key``: Нұрпейісова, Nurpeiisova and Нурпеисова are all
``nurpeisova``); a word of a script the fold drops (王伟) as written, in lower case; digits
in the IIN. Every word typed must match.
"""

from __future__ import annotations

import re

from db.translit import name_words, search_key

WORD = re.compile(r"[^\s\-.,;:\"()]+")  # apostrophes stay: O'g'il is one word
# A typed word may stop inside a digraph of the fold: "Z" could be the start of "Zh"
# (folded to "j"), "K" of "Kh" (folded to "h"); so also look for the word + "h".
DIGRAPH_ENDS = {"z", "k"}
INFIX_LETTERS = 3  # the trigram indexes match nothing shorter
INFIX_DIGITS = 4  # fewer IIN digits would match a good part of the center


def key_options(word: str, key: str) -> list[str]:
    """The keys a typed word may be the beginning or a part of."""
    options = [key]
    if key[-1] in DIGRAPH_ENDS:
        options.append(search_key(word + "h"))
    return options


def prefixes(query: str, longest: int) -> list[list[str]]:
    """For each word typed, the ``search_word`` words it may begin (any one will do), cut
    at ``longest`` characters as the stored words are; [] if nothing to look for."""
    typed: list[list[str]] = []
    for word in WORD.findall(query):
        if word.isdigit():
            typed.append(["=" + word[:longest - 1]])
            continue
        key = search_key(word)
        if not key:
            # A script the fold drops (or stray punctuation: nothing to look for).
            typed += [["#" + part.casefold()[:longest - 1]] for part in name_words(word)]
            continue
        typed.append([option[:longest] for option in key_options(word, key)])
    return typed


def infix_parts(query: str) -> list[tuple[str, list[str]]] | None:
    """For each word typed, what it may be found inside: ``("iin", [digits])`` or
    ``("keys", keys)``; None when a word is too short for it or of a script the fold
    drops: every word must then match from its beginning."""
    parts: list[tuple[str, list[str]]] = []
    for word in WORD.findall(query):
        if word.isdigit():
            if len(word) < INFIX_DIGITS:
                return None
            parts.append(("iin", [word]))
            continue
        key = search_key(word)
        if not key and not any(char.isalpha() for char in word):
            continue
        if len(key) < INFIX_LETTERS:
            return None
        parts.append(("keys", key_options(word, key)))
    return parts or None
