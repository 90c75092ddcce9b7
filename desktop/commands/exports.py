"""``qadam export clients --out FILE.csv|FILE.xlsx`` and ``qadam export person ID --out
FILE.pdf|FILE.json``: the clients spreadsheet, and one person's copy of their own data.

Both write all of the file or none of it, and write the export to the audit log. The
command line acts as the local operator (an administrator): IINs are exported in full.
"""

from __future__ import annotations

import argparse
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from desktop import i18n
from desktop.i18n import _
from desktop.services.access import LOCAL_OPERATOR
from desktop.terminal import ProgressBar, fail

if TYPE_CHECKING:
    from db.session import Database

Command = Callable[[str, argparse.Namespace], int]
CLIENT_FORMATS = ("csv", "xlsx")
PERSON_FORMATS = ("pdf", "json")


def add_parsers(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser("export", help=_("write clients or one person's data to a file"))
    exports = parser.add_subparsers(dest="export", metavar=_("WHAT"), required=True)
    clients = exports.add_parser(
        "clients", help=_("the clients in the import template's columns, as CSV or XLSX"))
    clients.add_argument("--out", type=Path, required=True, metavar=_("FILE"),
                         help=_("FILE.csv or FILE.xlsx"))
    clients.add_argument("--lang", choices=i18n.LANGUAGES,
                         help=_("the language of the headers and labels (default: the "
                                "interface's)"))
    clients.add_argument("--office", metavar=_("CODE"),
                         help=_("one office's code (default: all offices)"))
    person = exports.add_parser(
        "person", help=_("everything held on one person, for them (right of access)"))
    person.add_argument("id", metavar="ID", help=_("the client's identifier"))
    person.add_argument("--out", type=Path, required=True, metavar=_("FILE"),
                        help=_("FILE.pdf or FILE.json"))
    person.add_argument("--lang", choices=i18n.LANGUAGES,
                        help=_("the copy's language (default: the client's)"))


def cmd_export(target: str, args: argparse.Namespace) -> int:
    forms = CLIENT_FORMATS if args.export == "clients" else PERSON_FORMATS
    out: Path = args.out
    if out.suffix.lower().lstrip(".") not in forms:
        return fail(_("The output file must end in {forms}.").format(
            forms=", ".join(f".{form}" for form in forms)))
    if out.is_dir() or not out.parent.is_dir():
        return fail(_("Cannot write {path}: no such folder.").format(path=out))
    person = None
    if args.export == "person":
        try:
            person = uuid.UUID(args.id.strip())
        except ValueError:
            return fail(_("“{id}” is not a client identifier.").format(id=args.id))
    from desktop.services.database import open_existing

    database = open_existing(target)
    try:
        if args.export == "clients":
            count = export_clients(database, args)
        else:
            from desktop.services.transfer.person_data import export_person_data

            assert person is not None
            export_person_data(database, LOCAL_OPERATOR, person, [out], args.lang)
    except OSError as error:
        return fail(_("Cannot write {path}: {reason}").format(
            path=out, reason=error.strerror or error))
    finally:
        database.dispose()
    if args.export == "clients":
        print(i18n.ngettext("Exported {count} client to {path}.",
                            "Exported {count} clients to {path}.", count).format(
            count=i18n.format_number(count), path=out))
    else:
        print(_("Written: {path}").format(path=out))
    return 0


def export_clients(database: Database, args: argparse.Namespace) -> int:
    from desktop.services.progress import Progress
    from desktop.services.transfer import exporting

    query = exporting.office_query(database, LOCAL_OPERATOR, args.office)
    with ProgressBar(_("Exporting clients")) as bar:
        return exporting.export_clients(database, LOCAL_OPERATOR, query, args.out,
                                        Progress(bar.update), args.lang)


COMMANDS: dict[str, Command] = {"export": cmd_export}
