"""Finding, listing and exporting clients, for the window and the command line."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from db.queries.clients import (
    ClientQuery,
    ClientRow,
    client_rows,
    count_clients,
    count_matching,
    search_page,
)
from db.session import Database
from desktop.i18n import current_language
from desktop.services.access import Actor, Permission, pure, requires
from desktop.services.progress import Progress

__all__ = ["ClientQuery", "ClientRow", "client_count", "export_clients", "list_clients",
           "matching_count", "search_clients"]


@requires(Permission.WORK_WITH_CLIENTS)
def search_clients(database: Database, actor: Actor, text: str, limit: int = 20,
                   offset: int = 0) -> list[ClientRow]:
    """Best matches first, among the clients this user may see."""
    with database.reading() as connection:
        return search_page(connection, current_language(), text, limit, offset,
                           actor.office_scope)


@pure
def scoped(actor: Actor, query: ClientQuery) -> ClientQuery:
    """The query narrowed to the clients this user may see, whatever the window asked."""
    actor.require(Permission.WORK_WITH_CLIENTS)
    scope = actor.office_scope
    return query if scope is None else dataclasses.replace(query, office_id=scope)


@requires(Permission.WORK_WITH_CLIENTS)
def list_clients(database: Database, actor: Actor, query: ClientQuery, limit: int,
                 offset: int = 0, after: ClientRow | None = None) -> list[ClientRow]:
    with database.reading() as connection:
        return client_rows(connection, current_language(), scoped(actor, query), limit,
                           offset, after)


@requires(Permission.WORK_WITH_CLIENTS)
def client_count(database: Database, actor: Actor) -> int:
    with database.reading() as connection:
        return count_clients(connection, actor.office_scope)


@requires(Permission.WORK_WITH_CLIENTS)
def matching_count(database: Database, actor: Actor, query: ClientQuery) -> int:
    """How many of the clients this user may see the list's search and filters match."""
    with database.reading() as connection:
        return count_matching(connection, scoped(actor, query))


@requires(Permission.WORK_WITH_CLIENTS)
def export_clients(database: Database, actor: Actor, query: ClientQuery, target: Path,
                   progress: Progress | None = None, language: str | None = None) -> int:
    """Write the filtered list to ``target`` (.csv or .xlsx) in the import template's
    columns (``desktop.services.transfer.exporting``); returns the row count.

    ``progress`` hears of every page written and may stop the export (Cancelled);
    a cancelled or failed export leaves no file.
    """
    from desktop.services.transfer import exporting  # it imports this module

    return exporting.export_clients(database, actor, query, target, progress, language)


@requires(Permission.WORK_WITH_CLIENTS)
def caseworker_choices(database: Database, actor: Actor) -> list[tuple[object, str]]:
    """Caseworkers whose clients this user may filter by."""
    from db.queries.staff import caseworker_choices as query

    with database.reading() as connection:
        return list(query(connection, actor.office_scope))
