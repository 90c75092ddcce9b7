"""Finding and listing clients, for the window and the command line."""

from __future__ import annotations

from db.queries.clients import ClientRow, client_page, count_clients, search_page
from db.session import Database
from desktop.i18n import current_language

__all__ = ["ClientRow", "client_count", "list_clients", "search_clients"]


def search_clients(database: Database, text: str, limit: int = 20,
                   offset: int = 0) -> list[ClientRow]:
    with database.engine.connect() as connection:
        return search_page(connection, current_language(), text, limit, offset)


def list_clients(database: Database, limit: int, after: ClientRow | None = None) -> list[ClientRow]:
    with database.engine.connect() as connection:
        return client_page(connection, current_language(), limit, after)


def client_count(database: Database) -> int:
    with database.engine.connect() as connection:
        return count_clients(connection)
