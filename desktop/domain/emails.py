"""Whether a text looks like an e-mail address: one @, a dot in the domain, no spaces.

Deliberately loose: it catches the slips people make typing an address (a missing @, a
comma for a dot, two addresses in one field), not every address RFC 5322 refuses.
"""

from __future__ import annotations

import re

__all__ = ["is_email"]

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")


def is_email(text: str) -> bool:
    return bool(_EMAIL.match(text.strip()))
