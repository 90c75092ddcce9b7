"""Connection settings for a PostgreSQL server, the twin of ``db.sqlite.pragmas``.

What SQLite sets per connection with pragmas, a server has in its own configuration; a
client only says who it is and how long to wait. A pooled connection the server has
dropped (a restart, an idle timeout, a network that came back) is found before use and
replaced, so a save after such a gap goes through instead of failing.
"""

from __future__ import annotations

from typing import Any

CONNECT_TIMEOUT_S = 10  # a server that does not answer is said within this, not minutes
APPLICATION_NAME = "qadam"  # how the server's administrator sees these connections
# No JIT compilation: it pays off for hour-long analytics, while a search the planner
# overestimates (its costs count every row a LIMIT never reads) spent 0.8 s compiling
# what then ran in 25 ms. The server's other settings stay its administrator's.
SESSION_OPTIONS = "-c jit=off"


def engine_options() -> dict[str, Any]:
    """Keyword arguments for ``create_engine`` on PostgreSQL. Passwords, ``sslmode`` and
    the rest of libpq's settings come from the URL, ``PGPASSFILE``/``~/.pgpass`` and the
    ``PG*`` environment, as libpq reads them."""
    return {"pool_pre_ping": True,
            "connect_args": {"connect_timeout": CONNECT_TIMEOUT_S,
                             "application_name": APPLICATION_NAME,
                             "options": SESSION_OPTIONS}}
