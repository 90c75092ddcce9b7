"""Making two writers of the same rule take turns, on either engine.

SQLite has one write lock per file: a unit of work that has written holds it to the
commit, so a check repeated after the first write sees every earlier commit. PostgreSQL
lets writers run side by side, each seeing only what was committed when it looked: a
rule about a whole table ("there is no center yet") is checked there after taking a
table lock that conflicts with itself, so the second writer waits for the first to
commit and then sees what it wrote.
"""

from __future__ import annotations

from sqlalchemy import Table, text
from sqlalchemy.orm import Session


def take_turns(session: Session, table: Table) -> None:
    """Hold ``table`` against any other unit of work doing the same, to the commit."""
    if session.get_bind().dialect.name == "postgresql":
        # SHARE ROW EXCLUSIVE conflicts with itself and with writes, not with reads.
        session.execute(text(f'LOCK TABLE "{table.name}" IN SHARE ROW EXCLUSIVE MODE'))
