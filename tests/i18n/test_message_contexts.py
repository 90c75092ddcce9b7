"""One English word that means two things is two messages, each with its context.

"Closed" is a case's status (kk «Жабық», ru «Закрыто»), the day a referral ended and a
report's count of the cases closed in the month (ru «Закрытые»); "Name" is a person's
full name («Аты-жөні», «ФИО») and an office's name («Атауы», «Название»). Translated from
one msgid, one of them reads wrong. The words below were found serving several roles;
each is marked with ``NC_``/``pgettext`` and a context wherever it is used, and this test
fails on a use without one. A word found ambiguous later joins the list.
"""

from __future__ import annotations

from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir

from desktop import i18n
from desktop.paths import ROOT

AMBIGUOUS = frozenset({
    "Closed", "Open", "Referred", "Completed", "Hired", "Name", "Accepted", "Refused",
    "Granted", "Applied",
})
KEYWORDS = {**DEFAULT_KEYWORDS, "NC_": ((1, "c"), 2)}


def uses() -> list[tuple[str, int, str, str | None]]:
    return [(file, line, message if isinstance(message, str) else message[0], context)
            for file, line, message, _comments, context
            in extract_from_dir(ROOT, method_map=[("desktop/**.py", "python")],
                                keywords=KEYWORDS)]


def test_every_word_with_several_meanings_is_used_with_its_context() -> None:
    bare = [f"{file}:{line}: {message!r}" for file, line, message, context in uses()
            if message in AMBIGUOUS and not context]
    assert not bare, "mark these with NC_/pgettext and a context:\n" + "\n".join(bare)


def test_the_same_word_in_two_contexts_reads_as_each_role_needs() -> None:
    i18n.set_language("ru")
    try:
        assert i18n._(i18n.NC_("case status", "Closed")) == "Закрыто"
        assert i18n._(i18n.NC_("report column", "Closed")) == "Закрытые"
        assert i18n._(i18n.NC_("office", "Name")) != i18n._(i18n.NC_("person", "Name"))
        assert i18n.translate(i18n.NC_("status", "Referred"), "kk") == "Жолдама берілді"
    finally:
        i18n.set_language("en")
    assert i18n._(i18n.NC_("office", "Name")) == "Name"
