"""Transliteration of names between Cyrillic and Latin, and the search key.

This lives in ``db`` rather than ``desktop.domain`` because the full-text index
in the database layer computes its keys with :func:`search_key`, and ``db``
must not import ``desktop``. Standard library only.

Three spellings of a name meet here:

* Kazakh or Russian Cyrillic, as written in Kazakh documents;
* passport Latin (ICAO style, as in Kazakh passports): :func:`to_passport_latin`;
* the 2021 Kazakh Latin alphabet: :func:`to_kazakh_latin`.

:func:`to_cyrillic` goes back, best effort. :func:`search_key` folds all of
them (and Russian-keyboard spellings without Kazakh letters, Uzbek Latin, any
case) to one ASCII key so that every form of a name finds the others.

The search key is a contract with the stored index: changing its output means
rebuilding every index. It is, exactly:

1. Unicode NFC, then casefold.
2. Cyrillic to Latin, one letter at a time: а a, ә a, б b, в v, г g, ғ g, д d,
   е e, ё e, ж zh, з z, и i, й i, і i, к k, қ k, л l, м m, н n, ң n, о o, ө o,
   п p, р r, с s, т t, у u, ұ u, ү u, ф f, х kh, һ h, ц ts, ч ch, ш sh,
   щ shch, ы y, э e, ю yu, я ya; ъ and ь vanish. Letters of neighbouring Cyrillic
   alphabets that clients' documents use fold to their nearest letter here:
   Tajik ӣ i, ӯ u, ҳ h, ҷ j; Uzbek ў u; Tatar җ j; Ukrainian ї i, є e, ґ g (other
   letters whose diacritic-free base is in the list above fold like that base).
3. Latin ş sh, ç ch, ğ g, ñ n, ı i; every other diacritic stripped (NFKD, then
   combining marks dropped: ä a, ö o, ü u, ū u, é e). Apostrophes and the like
   (' ’ ‘ ʻ ʼ ʹ ` ´) are removed, so Uzbek O'g'il is ogil.
4. Folds, left to right in one pass: zh j, kh h, x h, q k, w v, y i.
5. Runs of the same letter collapse to one (aliia alia, nurpeiisov nurpeisov).
6. Only a-z and 0-9 are kept: other scripts (Hanzi, Arabic, Mongolian) vanish
   from the key; the index keeps the name as written separately.

Prefix search relies on monotonicity: for a word w and a prefix p of w,
``search_key(w).startswith(search_key(p))``, with one exception: p ends inside
a digraph that step 4 folds, so its key ends in the "z" of "zh" or the "k" of
"kh". That happens for Latin prefixes ("Z" of "Zhanar", "K" of "Khasanov")
and, rarely, in Cyrillic: з, к or қ (maybe followed by ъ/ь) right before һ,
since з+һ spells "zh". For such a p the caller also looks up
``search_key(p + "h")``, the key p would have if the digraph went on (it ends
in j or h, with runs collapsed).

Known limits, all of them from the fixed tables above:

* the 2021 spelling of Щ (şş) keys as "shsh", Cyrillic щ as "shch";
* the 2021 spelling of Ё (io) keys as "io", Cyrillic ё as "e";
* the passport spelling of Ъ (IE) keys as "ie", Cyrillic ъ as nothing;
* 2021 spells Х as H and Қ as Q, so its к+х, з+х, қ+һ ("kh", "zh", "qh") fold
  differently from Cyrillic's "kkh", "zkh", "kh" (rare in real names);
* passport "YE" for a word-initial Е (Yerlan) keys as "ierlan", Ерлан as "erlan".
"""

from __future__ import annotations

import operator
import re
import unicodedata

# --- Cyrillic to Latin: passport (ICAO style) and 2021 Kazakh Latin ---------

_PASSPORT = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e",
    "ё": "e", "ж": "zh", "з": "z", "и": "i", "й": "i", "і": "i", "к": "k", "қ": "k",
    "л": "l", "м": "m", "н": "n", "ң": "n", "о": "o", "ө": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ұ": "u", "ү": "u", "ф": "f", "х": "kh", "һ": "h",
    "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "ie", "ы": "y", "ь": "",
    "э": "e", "ю": "yu", "я": "ya",
}

# (lower, Title, UPPER): Python's case mapping gets the Turkic i's wrong for us.
_KAZAKH_2021: dict[str, tuple[str, str, str]] = {
    "а": ("a", "A", "A"), "ә": ("ä", "Ä", "Ä"), "б": ("b", "B", "B"), "в": ("v", "V", "V"),
    "г": ("g", "G", "G"), "ғ": ("ğ", "Ğ", "Ğ"), "д": ("d", "D", "D"), "е": ("e", "E", "E"),
    "ж": ("j", "J", "J"), "з": ("z", "Z", "Z"), "и": ("i", "İ", "İ"), "й": ("i", "İ", "İ"),
    "і": ("ı", "I", "I"), "к": ("k", "K", "K"), "қ": ("q", "Q", "Q"), "л": ("l", "L", "L"),
    "м": ("m", "M", "M"), "н": ("n", "N", "N"), "ң": ("ñ", "Ñ", "Ñ"), "о": ("o", "O", "O"),
    "ө": ("ö", "Ö", "Ö"), "п": ("p", "P", "P"), "р": ("r", "R", "R"), "с": ("s", "S", "S"),
    "т": ("t", "T", "T"), "у": ("u", "U", "U"), "ұ": ("ū", "Ū", "Ū"), "ү": ("ü", "Ü", "Ü"),
    "ф": ("f", "F", "F"), "х": ("h", "H", "H"), "һ": ("h", "H", "H"), "ч": ("ç", "Ç", "Ç"),
    "ш": ("ş", "Ş", "Ş"), "ы": ("y", "Y", "Y"),
    # Letters of Russian loans, which the 2021 alphabet spells with others.
    "ц": ("ts", "Ts", "TS"), "щ": ("şş", "Şş", "ŞŞ"), "ё": ("io", "Io", "IO"),
    "ю": ("iu", "Iu", "IU"), "я": ("ia", "Ia", "IA"), "э": ("e", "E", "E"),
    "ъ": ("", "", ""), "ь": ("", "", ""),
}


def _tables(forms: dict[str, tuple[str, str, str]]) -> tuple[dict[int, str], dict[int, str]]:
    """Translation tables for mixed-case words (lower/Title) and for all-caps words."""
    mixed: dict[int, str] = {}
    caps: dict[int, str] = {}
    for letter, (lower, title, upper) in forms.items():
        mixed[ord(letter)] = lower
        mixed[ord(letter.upper())] = title
        caps[ord(letter)] = lower
        caps[ord(letter.upper())] = upper
    return mixed, caps


_PASSPORT_MIXED, _PASSPORT_CAPS = _tables(
    {c: (lat, lat.capitalize(), lat.upper()) for c, lat in _PASSPORT.items()})
_KAZAKH_MIXED, _KAZAKH_CAPS = _tables(_KAZAKH_2021)

_WORD = re.compile(r"[^\W\d_]+")
# 2021 spells я as "ia"; after и/й that would give "iia", so the и is absorbed.
_I_BEFORE_IOTATED = re.compile(r"([иИйЙ])([яюёЯЮЁ])")


def _transliterate(text: str, mixed: dict[int, str], caps: dict[int, str],
                   absorb_i: bool = False) -> str:
    text = unicodedata.normalize("NFC", text)
    # A lone capital is an initial ("Ш." -> "Sh.") unless the whole text is in capitals.
    text_in_caps = text.isupper() and sum(c.isalpha() for c in text) > 1

    def word(match: re.Match[str]) -> str:
        w = match.group()
        in_caps = w.isupper() and (len(w) > 1 or text_in_caps)
        if absorb_i:
            w = _I_BEFORE_IOTATED.sub(
                lambda m: m.group(2).upper() if m.group(1).isupper() else m.group(2), w)
        return w.translate(caps if in_caps else mixed)

    return _WORD.sub(word, text)


def to_passport_latin(text: str) -> str:
    """Passport (ICAO style) Latin: "Нұрпейісов Әлия" -> "Nurpeiisov Aliya".

    Each word keeps its case pattern (Title, UPPER, lower); characters other
    than Kazakh and Russian Cyrillic letters pass through unchanged.
    """
    return _transliterate(text, _PASSPORT_MIXED, _PASSPORT_CAPS)


def to_kazakh_latin(text: str) -> str:
    """The 2021 Kazakh Latin alphabet: "Әлия" -> "Älia", "Нұрсұлтан" -> "Nūrsūltan".

    И and Й are İ/i, І is I/ı (dotless in lower case). Я, Ю, Ё are spelled
    ia, iu, io, and an И or Й right before them is absorbed ("Ия" -> "Ia").
    Ц is ts, Щ şş, Э e; Ъ and Ь are dropped. Case as in :func:`to_passport_latin`.
    """
    return _transliterate(text, _KAZAKH_MIXED, _KAZAKH_CAPS, absorb_i=True)


# --- Latin to Cyrillic, best effort ------------------------------------------

_LATIN_DIGRAPHS = {
    "shch": "щ", "şş": "щ", "zh": "ж", "kh": "х", "ts": "ц", "ch": "ч", "sh": "ш",
    "ya": "я", "yu": "ю", "yo": "ё", "ye": "е",
}
_LATIN_LETTERS = {
    "a": "а", "b": "б", "c": "к", "d": "д", "e": "е", "f": "ф", "g": "г", "h": "х",
    "i": "и", "j": "ж", "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п",
    "r": "р", "s": "с", "t": "т", "u": "у", "v": "в", "w": "в", "x": "х", "z": "з",
    "ş": "ш", "ç": "ч", "İ": "и",
}
_KAZAKH_LETTERS = {"q": "қ", "ä": "ә", "ğ": "ғ", "ñ": "ң", "ö": "ө", "ū": "ұ", "ü": "ү", "ı": "і"}
_RUSSIAN_LETTERS = {"q": "к", "ä": "а", "ğ": "г", "ñ": "н", "ö": "о", "ū": "у", "ü": "у", "ı": "и"}
_APOSTROPHES = "'’‘ʻʼʹ`´"
# Uzbek Latin: oʻ is the ў Russian documents write as у, gʻ is ғ.
_UZBEK = {"o": "у", "g": "ғ"}
# Letters only the 2021 alphabet (or Turkish) uses: a word with one is 2021 Latin,
# where a capital I is І; elsewhere (passports, Uzbek) it is И.
_KAZAKH_MARKERS = frozenset("äğñöūüşçıİÄĞÑÖŪÜŞÇ")
_VOWELS = frozenset("aeouäöüū")
_LATIN_WORD = re.compile(rf"[^\W\d_]+(?:[{_APOSTROPHES}][^\W\d_]+)*")
_TO_KAZAKH = {**_LATIN_LETTERS, **_KAZAKH_LETTERS}
_TO_RUSSIAN = {**_LATIN_LETTERS, **_RUSSIAN_LETTERS}


def _cyrillic_word(word: str, kazakh: bool) -> str:
    letters = _TO_KAZAKH if kazakh else _TO_RUSSIAN
    kazakh_latin = kazakh and not _KAZAKH_MARKERS.isdisjoint(word)
    out = []
    i, n = 0, len(word)
    while i < n:
        c = word[i]
        lower = c.lower()
        if word[i:i + 4].lower() == "shch":
            cyr, step = "щ", 4
        elif word[i:i + 2].lower() in _LATIN_DIGRAPHS:
            cyr, step = _LATIN_DIGRAPHS[word[i:i + 2].lower()], 2
        elif lower in _UZBEK and i + 1 < n and word[i + 1] in _APOSTROPHES:
            cyr, step = _UZBEK[lower], 2
            if not kazakh and cyr == "ғ":
                cyr = "г"
        elif lower == "y":
            # й after a vowel (Aybek, Sergey) and in a final -iy (Vasiliy); else ы (Batyr).
            before = word[i - 1].lower() if i else ""
            final_iy = before == "i" and i == n - 1
            cyr, step = ("й" if before in _VOWELS or final_iy else "ы"), 1
        elif c == "I":
            cyr, step = ("і" if kazakh_latin else "и"), 1
        elif c in letters or lower in letters:
            cyr, step = letters.get(c) or letters[lower], 1
        else:
            base = unicodedata.normalize("NFKD", lower)[:1]
            cyr, step = (letters.get(base, c) if base.isascii() else c), 1
        out.append(cyr.upper() if c.isupper() else cyr)
        i += step
    return "".join(out)


def to_cyrillic(text: str, kazakh: bool = True) -> str:
    """Latin back to Cyrillic, best effort for names: "Nurpeisov" -> "Нурпеисов".

    Reads both the 2021 letters (Ä Ğ Q Ñ Ö Ū Ü Ş Ç İ ı, şş) and passport
    digraphs (shch zh kh ts ch sh ya yu yo, and ye for е); j is ж, x and h х,
    w в, c к; y is й after a vowel or in a final -iy, ы elsewhere; Uzbek oʻ/gʻ
    are у/ғ. A capital I is І only in a word holding another 2021 letter.
    With ``kazakh=False`` Kazakh letters become the nearest Russian ones
    (Ä а, Q к, Ñ н, Ö о, Ū Ü у, Ğ г, I ı İ и). Other characters pass through.
    """
    text = unicodedata.normalize("NFC", text)
    return _LATIN_WORD.sub(lambda m: _cyrillic_word(m.group(), kazakh), text)


# --- The search key ----------------------------------------------------------

_KEY_CYRILLIC = {
    **_PASSPORT,
    "ъ": "",
    # Neighbouring alphabets (see the module docstring), lest they vanish from the key.
    "ҳ": "h", "ҷ": "j", "җ": "j", "є": "e", "ґ": "g",
}
_KEY_LATIN = {"ş": "sh", "ç": "ch", "ğ": "g", "ñ": "n", "ı": "i"}
_KEY_DROPPED = frozenset(_APOSTROPHES)
_KEY_KEPT = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


def _key_char(char: str) -> str:
    """Steps 1-3 (and the drop of step 6) for one character."""
    out = []
    for c in char.casefold():
        if c in _KEY_CYRILLIC:
            out.append(_KEY_CYRILLIC[c])
        elif c in _KEY_LATIN:
            out.append(_KEY_LATIN[c])
        elif c in _KEY_DROPPED:
            continue
        else:
            for d in unicodedata.normalize("NFKD", c):
                if unicodedata.combining(d) or d in _KEY_DROPPED:
                    continue
                # A base letter that is Cyrillic (ӣ -> и) still goes through step 2.
                d = _KEY_CYRILLIC.get(d, d)
                # Dropped characters still separate their neighbours in steps 4-5.
                out.append(d if _KEY_KEPT.issuperset(d) else " ")
    return "".join(out)


class _KeyTable(dict[int, str]):
    """str.translate table of ``_key_char``, filled in on first sight of a character."""

    def __missing__(self, code: int) -> str:
        value = self[code] = _key_char(chr(code))
        return value


_KEY_TABLE = _KeyTable()
# ASCII, Cyrillic and Latin-1/Extended-A up front, so typical names never miss.
_KEY_TABLE.update((code, _key_char(chr(code)))
                  for code in (*range(0x180), *range(0x400, 0x530)))

# Single-letter folds of step 4; they run after zh/kh so "zx" stays "zh" as in one pass.
_KEY_FOLDS = str.maketrans("xqwy", "hkvi")
_KEY_RUNS = re.compile(r"([a-z])\1+")
# A C-level callable: in 3.11 a template like r"\1" is expanded in Python for every match.
_FIRST_GROUP = operator.itemgetter(1)


def search_key(text: str) -> str:
    """One lowercase ASCII key for every spelling of a name (see the module docstring)."""
    key = unicodedata.normalize("NFC", text).translate(_KEY_TABLE)
    key = key.replace("zh", "j").replace("kh", "h").translate(_KEY_FOLDS)
    return _KEY_RUNS.sub(_FIRST_GROUP, key).replace(" ", "")


# Letters, digits, combining marks and apostrophes: not "_", which \w would include.
_KEY_WORD = re.compile(rf"(?:[^\W_]|[{_APOSTROPHES}\u0300-\u036f])+")


def has_key(word: str) -> bool:
    """Whether ``search_key(word)`` is not empty, for a word in NFC (``name_words``), at a
    fraction of its cost: the digraph and run folds after the table never empty a key."""
    return bool(word.translate(_KEY_TABLE).replace(" ", ""))


def name_words(text: str) -> list[str]:
    """The words of ``text`` (NFC): split at whitespace, dashes and other punctuation, but
    not at apostrophes: Uzbek O'g'il is one word."""
    return _KEY_WORD.findall(unicodedata.normalize("NFC", text))


def search_keys(text: str) -> list[str]:
    """The search key of each word of ``text`` (``name_words``), empty keys left out."""
    return [key for word in name_words(text) if (key := search_key(word))]
