"""``qadam import clients FILE [--dry-run]`` and ``qadam import clients --template FILE``.

A file with problems imports nothing unless ``--skip-invalid`` says that its valid rows
may go in without the others: the same choice the window's import asks for.
"""

from __future__ import annotations

import argparse
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from desktop import i18n
from desktop.i18n import _, ngettext
from desktop.services.access import LOCAL_OPERATOR
from desktop.terminal import ProgressBar, fail

if TYPE_CHECKING:
    from db.session import Database
    from desktop.services.transfer.importing import Preview

Command = Callable[[str, argparse.Namespace], int]
SHOWN_PROBLEMS = 200  # on the terminal; the rest are counted (the dry run is for fixing)


def add_parsers(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser("import", help=_("bring clients in from a spreadsheet"))
    kinds = parser.add_subparsers(dest="kind", metavar=_("WHAT"), required=True,
                                  parser_class=type(parser))
    clients = kinds.add_parser("clients", help=_(
        "import clients from FILE.csv or FILE.xlsx, one row per person"))
    clients.add_argument("file", nargs="?", type=Path, metavar=_("FILE"),
                         help=_("the .csv or .xlsx file to import"))
    clients.add_argument("--template", type=Path, metavar=_("FILE"), help=_(
        "write an empty template (.csv or .xlsx) to fill in, instead of importing"))
    clients.add_argument("--lang", choices=i18n.LANGUAGES,
                         help=_("the template's language (default: the interface's)"))
    clients.add_argument("--dry-run", action="store_true",
                         help=_("check every row and list the problems; write nothing"))
    clients.add_argument("--office", metavar=_("CODE"), help=_(
        "the office the clients join (needed when there are several and the file has no "
        "office column)"))
    clients.add_argument("--consent", metavar=_("FORM"), help=_(
        "how the people in the file consented to their data being processed (written, "
        "electronic, oral_recorded), for rows that do not say it"))
    clients.add_argument("--skip-invalid", action="store_true", help=_(
        "import the valid rows even when others have problems"))


def cmd_import(target: str, args: argparse.Namespace) -> int:
    if args.template is not None:
        return write_template(target, args)
    if args.file is None:
        return fail(_("Name the file to import, or --template FILE to write an empty one."))
    from desktop.services.database import open_existing
    from desktop.services.progress import Progress
    from desktop.services.transfer import importing
    from desktop.services.transfer.reading import read_sheet

    sheet = read_sheet(args.file)
    database = open_existing(target)
    try:
        options = importing.ImportOptions(office_id=office_id(database, args.office),
                                          consent_form=args.consent)
        with ProgressBar(_("Checking")) as bar:
            preview = importing.check_import(database, LOCAL_OPERATOR, sheet, None, options,
                                             Progress(bar.update))
        print_problems(preview)
        if args.dry_run:
            return 1 if preview.problems else 0
        if preview.problems and not args.skip_invalid:
            return fail(ngettext(
                "{count} row has problems; nothing was imported. Fix it, or import the "
                "{ready} valid rows with --skip-invalid.",
                "{count} rows have problems; nothing was imported. Fix them, or import the "
                "{ready} valid rows with --skip-invalid.", preview.rejected).format(
                    count=i18n.format_number(preview.rejected),
                    ready=i18n.format_number(len(preview.ready))))
        with ProgressBar(_("Importing")) as bar:
            result = importing.import_clients(database, LOCAL_OPERATOR, preview,
                                              Progress(bar.update))
    finally:
        database.dispose()
    print(ngettext("Imported {count} client in {seconds} s.",
                   "Imported {count} clients in {seconds} s.", result.imported).format(
                       count=i18n.format_number(result.imported),
                       seconds=i18n.format_number(round(result.seconds, 1))))
    return 0


def office_id(database: Database, code: str | None) -> uuid.UUID | None:
    """The office named by ``--office``; without it, the only open office there is (None
    when there are several: the file must then say, in an office column)."""
    from desktop.services import admin

    offices = [office for office in admin.list_offices(database, LOCAL_OPERATOR)
               if office.active]
    if code is None:
        return offices[0].id if len(offices) == 1 else None
    for office in offices:
        if office.code == admin.normal_code(code):
            return office.id
    raise admin.UnknownOffice(admin.normal_code(code))


def print_problems(preview: Preview) -> None:
    for problem in preview.problems[:SHOWN_PROBLEMS]:
        where = _("row {row}").format(row=problem.row)
        if problem.column:
            where = f"{where}, {problem.column}"
        print(f"{where}: {problem.reason}")
    hidden = len(preview.problems) - SHOWN_PROBLEMS
    if hidden > 0:
        print(ngettext("… and {count} more problem.", "… and {count} more problems.",
                       hidden).format(count=i18n.format_number(hidden)))
    print(_("{rows} rows: {ready} ready to import, {rejected} with problems.").format(
        rows=i18n.format_number(preview.rows), ready=i18n.format_number(len(preview.ready)),
        rejected=i18n.format_number(preview.rejected)))


def write_template(target: str, args: argparse.Namespace) -> int:
    from desktop.services.database import open_existing
    from desktop.services.transfer.template import write_template as write

    path: Path = args.template
    if path.suffix.lower() not in (".csv", ".xlsx"):
        return fail(_("The template must end in .csv or .xlsx."))
    if path.is_dir() or not path.parent.is_dir():
        return fail(_("Cannot write {path}: no such folder.").format(path=path))
    database = open_existing(target)
    try:
        write(database, LOCAL_OPERATOR, path, args.lang or i18n.current_language())
    except OSError as error:
        return fail(_("Cannot write {path}: {reason}").format(
            path=path, reason=error.strerror or error))
    finally:
        database.dispose()
    print(_("Written: {path}").format(path=path))
    return 0


COMMANDS: dict[str, Command] = {"import": cmd_import}
