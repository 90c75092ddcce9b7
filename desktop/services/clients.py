"""Finding, listing and exporting clients, for the window and the command line."""

from __future__ import annotations

import dataclasses
import os
import tempfile
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
from desktop.domain.iin import mask_iin
from desktop.i18n import N_, NC_, _, current_language
from desktop.services.access import Actor, Permission, pure, requires
from desktop.services.progress import Progress

__all__ = ["ClientQuery", "ClientRow", "client_count", "export_clients", "list_clients",
           "matching_count", "search_clients"]
EXPORT_PAGE = 2000
EXPORT_COLUMNS = (NC_("person", "Name"), N_("Name (Latin)"), N_("Birth date"), N_("IIN"),
                  N_("Category"), N_("Region"))


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
                   progress: Progress | None = None) -> int:
    """Write the filtered list to XLSX (IINs masked as on screen); returns the row count.

    ``progress`` hears of every page written and may stop the export (Cancelled);
    a cancelled or failed export leaves no file.
    """
    from openpyxl import Workbook  # only when exporting: it costs start-up time

    # Names are typed by users: every string goes in as text, never as a formula.
    from desktop.reports.xlsx_cells import safe_row

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Clients")[:31])
    sheet.append(safe_row(sheet, [_(title) for title in EXPORT_COLUMNS]))
    written = 0
    total = client_count(database, actor)  # every client the user sees: the filter's bound
    after: ClientRow | None = None
    while True:
        rows = list_clients(database, actor, query, EXPORT_PAGE, written, after)
        for row in rows:
            sheet.append(safe_row(sheet, [row.name, row.name_latin, row.birth_date,
                                          mask_iin(row.iin), row.category, row.region]))
        written += len(rows)
        after = rows[-1] if rows else after
        if progress is not None:
            progress.step(written, max(total, written))
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


@requires(Permission.WORK_WITH_CLIENTS)
def caseworker_choices(database: Database, actor: Actor) -> list[tuple[object, str]]:
    """Caseworkers whose clients this user may filter by."""
    from db.queries.staff import caseworker_choices as query

    with database.reading() as connection:
        return list(query(connection, actor.office_scope))
