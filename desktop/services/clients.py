"""Finding, listing and exporting clients, for the window and the command line."""

from __future__ import annotations

import dataclasses
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from db.queries.clients import ClientQuery, ClientRow, client_rows, count_clients, search_page
from db.session import Database
from desktop.domain.iin import mask_iin
from desktop.i18n import N_, _, current_language
from desktop.services.auth import Actor, Permission

__all__ = ["ClientQuery", "ClientRow", "client_count", "export_clients", "list_clients",
           "search_clients"]
EXPORT_PAGE = 2000
EXPORT_COLUMNS = (N_("Name"), N_("Name (Latin)"), N_("Birth date"), N_("IIN"), N_("Category"),
                  N_("Region"))


def search_clients(database: Database, text: str, limit: int = 20,
                   offset: int = 0) -> list[ClientRow]:
    """Every office's clients: the command line is run by the center's own staff."""
    with database.engine.connect() as connection:
        return search_page(connection, current_language(), text, limit, offset)


def scoped(actor: Actor, query: ClientQuery) -> ClientQuery:
    """The query narrowed to the clients this user may see, whatever the window asked."""
    actor.require(Permission.WORK_WITH_CLIENTS)
    scope = actor.office_scope
    return query if scope is None else dataclasses.replace(query, office_id=scope)


def list_clients(database: Database, actor: Actor, query: ClientQuery, limit: int,
                 offset: int = 0, after: ClientRow | None = None) -> list[ClientRow]:
    with database.engine.connect() as connection:
        return client_rows(connection, current_language(), scoped(actor, query), limit,
                           offset, after)


def client_count(database: Database, actor: Actor | None = None) -> int:
    office = actor.office_scope if actor is not None else None
    with database.engine.connect() as connection:
        return count_clients(connection, office)


def export_clients(database: Database, actor: Actor, query: ClientQuery, target: Path,
                   progress: Callable[[int], bool] | None = None) -> int:
    """Write the filtered list to XLSX (IINs masked as on screen); returns the row count.

    ``progress`` gets the rows written so far and returns False to cancel; a cancelled
    or failed export leaves no file.
    """
    from openpyxl import Workbook  # only when exporting: it costs start-up time

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Clients")[:31])
    sheet.append([_(title) for title in EXPORT_COLUMNS])
    written = 0
    after: ClientRow | None = None
    while True:
        rows = list_clients(database, actor, query, EXPORT_PAGE, written, after)
        for row in rows:
            sheet.append([row.name, row.name_latin, row.birth_date, mask_iin(row.iin),
                          row.category, row.region])
        written += len(rows)
        after = rows[-1] if rows else after
        if progress is not None and not progress(written):
            return 0
        if len(rows) < EXPORT_PAGE:
            break
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.",
                                         suffix=".part")
    os.close(handle)
    try:
        workbook.save(temporary)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return written


def caseworker_choices(database: Database, actor: Actor) -> list[tuple[object, str]]:
    """Caseworkers whose clients this user may filter by."""
    from db.queries.staff import caseworker_choices as query

    with database.engine.connect() as connection:
        return list(query(connection, actor.office_scope))
