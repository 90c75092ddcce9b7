"""The command line: ``qadam [--db PATH_OR_URL] [COMMAND ...]``.

Thin by design: it parses, calls a service and prints. Every failure the user
can cause ends in one translated line on stderr and a non-zero exit, never a
traceback. Commands act as ``LOCAL_OPERATOR`` (whoever may open the database
file, on every office) until they ask for a login of their own.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import NoReturn

from sqlalchemy.exc import DBAPIError, OperationalError

from db.errors import DatabaseProblem, Problem
from db.location import database_location, is_server_url, printable, shown_url
from db.session import as_problem
from desktop import i18n, settings
from desktop.commands import backups, exports, imports
from desktop.i18n import N_, _
from desktop.paths import default_database
from desktop.services import messages
from desktop.services.access import LOCAL_OPERATOR
from desktop.terminal import EXIT_ERROR, fail  # noqa: F401 - EXIT_ERROR: callers read cli.EXIT_ERROR

EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 128 + 13  # 128 + SIGPIPE, as the shell reports a tool the pipe killed
MAX_DEMO_CLIENTS = 1_000_000
COMMAND_GROUPS = (imports, exports, backups)


# argparse's own user-facing texts, marked so that they are extracted into our
# catalogue; argparse looks them up through ``install_argparse_translations``.
ARGPARSE_MESSAGES = (
    N_("usage: "), N_("positional arguments"), N_("options"),
    N_("show this help message and exit"), N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"), N_("the following arguments are required: %s"),
    N_("expected one argument"), N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("not allowed with argument %s"), N_("one of the arguments %s is required"),
)


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # One line, no usage dump: argparse's own texts are in our catalogue.
        self.exit(EXIT_USAGE, f"{self.prog}: {message}\n")


def positive(limit: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = 0
        if not 1 <= value <= limit:
            raise argparse.ArgumentTypeError(
                _("expected a whole number from 1 to {limit}, got “{value}”").format(
                    limit=i18n.format_number(limit), value=text))
        return value
    return parse


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="qadam", description=_(
        "Qadam: case management for migrant integration and consultation centers."))
    parser.add_argument("--db", metavar=_("PATH_OR_URL"), default=None, help=_(
        "the database file or URL (default: $QADAM_DB, else qadam.db in your data folder)"))
    commands = parser.add_subparsers(dest="command", metavar=_("COMMAND"), parser_class=Parser)

    commands.add_parser("init", help=_("create the database, or upgrade it to this version"))

    demo = commands.add_parser("demo", help=_("fill the database with realistic demo data"))
    demo.add_argument("--clients", type=positive(MAX_DEMO_CLIENTS), default=1000,
                      metavar="N", help=_("how many clients to create (default 1000)"))
    demo.add_argument("--seed", type=int, default=1, metavar="S",
                      help=_("the same seed always gives the same data (default 1)"))

    search = commands.add_parser("search", help=_("find clients by any part of a name or IIN"))
    search.add_argument("text", metavar=_("TEXT"))
    search.add_argument("--limit", type=positive(10_000), default=20, metavar="N",
                        help=_("at most this many matches (default 20)"))
    search.add_argument("--json", action="store_true", help=_("print the matches as JSON"))
    report = commands.add_parser("report", help=_("print a report as PDF, XLSX or JSON"))
    reports = report.add_subparsers(dest="report", metavar=_("REPORT"), parser_class=Parser,
                                    required=True)
    monthly = reports.add_parser(
        "monthly", help=_("the manager's report of a month, a quarter, a year or any dates"))
    add_period_options(monthly)
    for name, text in PROGRAMME_REPORTS.items():  # the same options, for one programme
        add_period_options(reports.add_parser(name, help=_(text)))
    record = reports.add_parser("consultation", help=_("a consultation record to hand over"))
    record.add_argument("id", metavar="ID", help=_("the consultation's identifier"))
    record.add_argument("--lang", choices=i18n.LANGUAGES,
                        help=_("the record's language (default: the client's)"))
    record.add_argument("--out", type=Path, required=True, metavar=_("FILE"),
                        help=_("FILE.pdf"))
    plan = reports.add_parser("plan", help=_("a client's individual adaptation plan to sign"))
    plan.add_argument("--client", required=True, metavar="ID",
                      help=_("the client's identifier"))
    plan.add_argument("--lang", choices=i18n.LANGUAGES,
                      help=_("the plan's language (default: the client's)"))
    plan.add_argument("--out", type=Path, required=True, metavar=_("FILE"), help=_("FILE.pdf"))
    add_course_reports(reports)
    user = commands.add_parser("user", help=_("manage the people who log in"))
    users = user.add_subparsers(dest="user", metavar=_("ACTION"), parser_class=Parser,
                                required=True)
    add = users.add_parser("add", help=_("add a user; the password is asked twice"))
    add.add_argument("login", metavar=_("LOGIN"))
    add.add_argument("--role", choices=("caseworker", "manager", "admin"), required=True)
    add.add_argument("--name", metavar=_("FULL_NAME"), help=_("the full name (default: the login)"))
    add.add_argument("--office", metavar=_("CODE"), required=True, help=_("the office's code"))
    add.add_argument("--password-stdin", action="store_true",
                     help=_("read the password from standard input instead of asking"))
    for group in COMMAND_GROUPS:
        group.add_parsers(commands)
    return parser


# The programme reports, which take the monthly report's options.
PROGRAMME_REPORTS = {
    "courses": N_("language courses by group and teacher, for any period"),
    "placements": N_("placements by employer, sector and wage, for any period"),
    "referrals": N_("social-service referrals by provider, with amounts, for any period"),
}
PERIOD_REPORTS = ("monthly", *PROGRAMME_REPORTS)


def add_period_options(report: argparse.ArgumentParser) -> None:
    """A report of any period, one office or all, in one language, to a PDF, XLSX or JSON."""
    span = report.add_mutually_exclusive_group(required=True)
    span.add_argument("--month", type=year_month, metavar="YYYY-MM",
                      help=_("the month to report on"))
    span.add_argument("--quarter", type=year_quarter, metavar="YYYY-Qn",
                      help=_("the quarter to report on, for example 2026-Q3"))
    span.add_argument("--year", type=calendar_year, metavar="YYYY",
                      help=_("the year to report on"))
    span.add_argument("--from", dest="date_from", type=calendar_day, metavar="YYYY-MM-DD",
                      help=_("the first day to report on, with --to"))
    report.add_argument("--to", dest="date_to", type=calendar_day, metavar="YYYY-MM-DD",
                        help=_("the last day to report on, with --from"))
    report.add_argument("--prepared-by", metavar=_("FULL_NAME"), help=_(
        "who prepared the report (default: the Qadam user whose login is yours, else your "
        "login)"))
    report.add_argument("--office", metavar=_("CODE"),
                        help=_("one office's code (default: all offices)"))
    report.add_argument("--lang", choices=i18n.LANGUAGES, required=True,
                        help=_("the report's language"))
    report.add_argument("--out", type=Path, required=True, metavar=_("FILE"),
                        help=_("FILE.pdf, FILE.xlsx or FILE.json"))


def add_course_reports(reports: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """``report attendance|register|certificate``: a course group's printed documents."""
    sheet = reports.add_parser("attendance", help=_("a session's attendance sheet to sign"))
    sheet.add_argument("--session", required=True, metavar="ID",
                       help=_("the session's identifier"))
    register = reports.add_parser("register",
                                  help=_("a course group's attendance register for a month"))
    register.add_argument("--group", required=True, metavar="ID",
                          help=_("the course group's identifier"))
    register.add_argument("--month", type=year_month, required=True, metavar="YYYY-MM",
                          help=_("the month of the register"))
    certificate = reports.add_parser(
        "certificate", help=_("a certificate of completion of a language course"))
    certificate.add_argument("--enrolment", required=True, metavar="ID",
                             help=_("the participant's enrolment identifier"))
    for parser, default in ((sheet, _("the sheet's language (default: the interface's)")),
                            (register,
                             _("the register's language (default: the interface's)")),
                            (certificate,
                             _("the certificate's language (default: the client's)"))):
        parser.add_argument("--lang", choices=i18n.LANGUAGES, help=default)
        parser.add_argument("--out", type=Path, required=True, metavar=_("FILE"),
                            help=_("FILE.pdf"))


def year_month(text: str) -> date:
    try:
        return datetime.strptime(text.strip(), "%Y-%m").date()
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("expected a month as YYYY-MM, for example 2026-10, got “{value}”").format(
                value=text)) from None


def year_quarter(text: str) -> tuple[int, int]:
    """(year, quarter) from 2026-Q3 (or 2026-q3)."""
    year, _sep, quarter = text.strip().upper().partition("-Q")
    if len(year) == 4 and year.isdigit() and quarter in ("1", "2", "3", "4"):
        return int(year), int(quarter)
    raise argparse.ArgumentTypeError(
        _("expected a quarter as YYYY-Qn, for example 2026-Q3, got “{value}”").format(
            value=text))


def calendar_year(text: str) -> int:
    value = text.strip()
    if len(value) == 4 and value.isdigit() and int(value) >= 1900:
        return int(value)
    raise argparse.ArgumentTypeError(
        _("expected a year as YYYY, for example 2026, got “{value}”").format(value=text))


def calendar_day(text: str) -> date:
    try:
        return datetime.strptime(text.strip(), "%Y-%m-%d").date()
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("expected a day as YYYY-MM-DD, for example 2026-10-31, got “{value}”").format(
                value=text)) from None


def report_period(args: argparse.Namespace) -> object:
    """The period ``report monthly`` asks for (a ``db.reports.periods.Period``), or the
    one line that says what is wrong with it."""
    from db.reports.periods import Period

    if args.date_to is not None and args.date_from is None:
        return _("--to needs --from: give the first and the last day of the period.")
    if args.month is not None:
        return Period.month(args.month)
    if args.quarter is not None:
        return Period.quarter(*args.quarter)
    if args.year is not None:
        return Period.year(args.year)
    if args.date_to is None:
        return _("--from needs --to: give the first and the last day of the period.")
    if args.date_to < args.date_from:
        return _("The period ends on {end}, before it begins on {first}.").format(
            end=args.date_to.isoformat(), first=args.date_from.isoformat())
    return Period.between(args.date_from, args.date_to)


def install_argparse_translations() -> None:
    """argparse looks up ``_``/``ngettext`` in its own module at call time."""
    catalogue = i18n.translator(i18n.current_language())
    argparse._ = catalogue.gettext  # type: ignore[attr-defined]
    argparse.ngettext = catalogue.ngettext  # type: ignore[attr-defined]


def main(argv: Sequence[str] | None = None) -> int:
    # Everything Qadam writes (the database, its backups, reports, logs) may hold personal
    # data: owner-only from the first file on. Put back on return, for callers in-process.
    previous_umask = os.umask(0o077)
    try:
        return _run(argv)
    finally:
        os.umask(previous_umask)


def _run(argv: Sequence[str] | None) -> int:
    i18n.set_language(i18n.resolve_language(settings.get("language")))
    install_argparse_translations()
    args = build_parser().parse_args(argv)
    target = args.db or default_database()
    try:
        url = database_location(target)
    except DatabaseProblem as problem:
        return fail(messages.database_problem(problem))
    garbled = undecodable_argument(args)
    if garbled is not None:
        return fail(_("“{value}” is not valid text: it holds bytes that are not UTF-8. "
                      "Type it again, or set the terminal to UTF-8.").format(value=garbled))
    try:
        if args.command is None:
            from desktop.ui.app import run_window  # Qt only when the window is wanted

            return run_window(target)
        code = COMMANDS[args.command](target, args)
        sys.stdout.flush()  # a reader that went away is found here, not at exit
        return code
    except DatabaseProblem as problem:
        return fail(messages.database_problem(problem))
    except DBAPIError as error:
        problem = as_problem(error, target)
        if not isinstance(problem, DatabaseProblem):
            problem = server_problem(error, url)
        if problem is None:
            raise
        return fail(messages.database_problem(problem))
    except BrokenPipeError:
        # The reader had enough (``| head``): no message, which would only be noise, and the
        # status a Unix tool killed by SIGPIPE gives, so that ``set -o pipefail`` sees the
        # output was cut short.
        from desktop.terminal import silence_stdout

        silence_stdout()
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt:
        return fail(_("Interrupted; nothing was written."), EXIT_INTERRUPTED)
    except Exception as error:
        # What a user can cause gets its one sentence from the describer every window uses
        # too; anything else is a bug and keeps its traceback.
        if not messages.knows(error):
            raise
        return fail(messages.describe(error))


def undecodable_argument(args: argparse.Namespace) -> str | None:
    """The first argument holding bytes that are not UTF-8, made printable; ``--db`` aside
    (its own check says it)."""
    for name, value in vars(args).items():
        if name != "db" and isinstance(value, str | Path):
            text = str(value)
            try:
                text.encode("utf-8")  # undecodable bytes come as lone surrogates
            except UnicodeEncodeError:
                return printable(text)
    return None


def server_problem(error: DBAPIError, url: str) -> DatabaseProblem | None:
    """A database server that cannot be reached; SQLite's errors are ``as_problem``'s."""
    if is_server_url(url) and isinstance(error, OperationalError):
        return DatabaseProblem(Problem.UNREACHABLE, shown_url(url))
    return None


def cmd_init(target: str, _args: argparse.Namespace) -> int:
    from desktop.services.database import initialise

    report = initialise(target)
    print(_("Database ready: {location} (schema {revision}).").format(
        location=report.location, revision=report.revision))
    if report.backup:
        print(_("The previous version was copied to {backup}.").format(backup=report.backup))
    return 0


def cmd_demo(target: str, args: argparse.Namespace) -> int:
    from desktop.services.database import open_existing_or_new
    from desktop.services.demo.generator import DemoAlreadyPresent, generate
    from desktop.services.progress import Progress
    from desktop.terminal import ProgressBar

    database = open_existing_or_new(target)
    try:
        with ProgressBar(_("Creating demo data")) as bar:
            summary = generate(database, clients=args.clients, seed=args.seed,
                               progress=Progress(bar.update))
    except DemoAlreadyPresent as present:
        return fail(i18n.ngettext(
            "The database already holds {count} client; demo data goes into an empty one.",
            "The database already holds {count} clients; demo data goes into an empty one.",
            present.count).format(count=i18n.format_number(present.count)))
    finally:
        database.dispose()
    print(i18n.ngettext(
        "Created {count} client with {records} related records in {seconds} s.",
        "Created {count} clients with {records} related records in {seconds} s.",
        summary.clients).format(count=i18n.format_number(summary.clients),
                                records=i18n.format_number(summary.records),
                                seconds=i18n.format_number(round(summary.seconds, 1))))
    return 0


def cmd_search(target: str, args: argparse.Namespace) -> int:
    from desktop.domain.iin import check_iin
    from desktop.services.clients import search_clients
    from desktop.services.database import open_existing

    iin = check_iin(args.text)
    if len(iin.value) == 12 and iin.value.isdigit() and not iin.valid:
        # No stored IIN can fail its check digit: say why instead of "no match".
        assert iin.problem is not None
        return fail(_("{iin} is not a valid IIN: {reason}").format(
            iin=iin.value, reason=messages.iin_problem(iin.problem)))
    database = open_existing(target)
    try:
        rows = search_clients(database, LOCAL_OPERATOR, args.text, limit=args.limit)
    finally:
        database.dispose()
    if args.json:
        print(json.dumps([row.as_json() for row in rows], ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print(_("No client matches “{text}”.").format(text=args.text))
        return 0
    for row in rows:
        print("\t".join((row.name, row.name_latin, i18n.format_date(row.birth_date),
                         row.iin or "")))
    return 0


def cmd_report(target: str, args: argparse.Namespace) -> int:
    import uuid

    from desktop.services import case_plan, programme_reports, reports
    from desktop.services.database import open_existing

    allowed = ("pdf",) if args.report not in PERIOD_REPORTS else reports.FORMATS
    if args.out.suffix.lower().lstrip(".") not in allowed:
        return fail(_("The output file must end in {forms}.").format(
            forms=", ".join(f".{form}" for form in allowed)))
    if args.out.is_dir() or not args.out.parent.is_dir():
        return fail(_("Cannot write {path}: no such folder.").format(path=args.out))
    if args.report in COURSE_DOCUMENTS:
        return course_document(target, args)
    period = report_period(args) if args.report in PERIOD_REPORTS else None
    if isinstance(period, str):
        return fail(period)
    database = open_existing(target)
    try:
        if args.report == "monthly":
            built: object = reports.build_monthly(database, LOCAL_OPERATOR, period,
                                                  args.office, args.lang,
                                                  (args.prepared_by or "").strip() or None)
        elif args.report in PROGRAMME_REPORTS:
            built = programme_reports.build_programme(
                database, LOCAL_OPERATOR, args.report, period, args.office, args.lang,
                (args.prepared_by or "").strip() or None)
        elif args.report == "plan":
            try:
                client = uuid.UUID(args.client.strip())
            except ValueError:
                return fail(_("“{id}” is not a client identifier.").format(id=args.client))
            plan = case_plan.build_plan(database, LOCAL_OPERATOR, client, args.lang)
        else:
            built = reports.build_consultation(database, LOCAL_OPERATOR, args.id, args.lang)
    finally:
        database.dispose()
    try:
        if args.report == "plan":
            case_plan.write_plan(plan, args.out)
        elif args.report in PROGRAMME_REPORTS:
            programme_reports.write_programme_report(built, args.out)  # type: ignore[arg-type]
        else:
            reports.write_report(built, args.out)  # type: ignore[arg-type]
    except OSError as error:
        return fail(_("Cannot write {path}: {reason}").format(
            path=args.out, reason=error.strerror or error))
    print(_("Written: {path}").format(path=args.out))
    return 0


# The course documents: the option naming the record, and the words for a bad identifier.
COURSE_DOCUMENTS = {
    "attendance": ("session", N_("“{id}” is not a session identifier.")),
    "register": ("group", N_("“{id}” is not a course group identifier.")),
    "certificate": ("enrolment", N_("“{id}” is not an enrolment identifier.")),
}


def course_document(target: str, args: argparse.Namespace) -> int:
    """Writes a course document; the service writes it, all at once or not at all."""
    import uuid

    from desktop.services.courses import documents
    from desktop.services.database import open_existing

    option, not_an_id = COURSE_DOCUMENTS[args.report]
    text = getattr(args, option)
    try:
        key = uuid.UUID(text.strip())
    except ValueError:
        return fail(_(not_an_id).format(id=text))
    database = open_existing(target)
    try:
        if args.report == "attendance":
            documents.attendance_sheet(database, LOCAL_OPERATOR, key, args.out, args.lang)
        elif args.report == "register":
            documents.month_register(database, LOCAL_OPERATOR, key, args.month, args.out,
                                     args.lang)
        else:
            documents.certificate(database, LOCAL_OPERATOR, key, args.out, args.lang)
    except OSError as error:
        return fail(_("Cannot write {path}: {reason}").format(
            path=args.out, reason=error.strerror or error))
    finally:
        database.dispose()
    print(_("Written: {path}").format(path=args.out))
    return 0


def cmd_user(target: str, args: argparse.Namespace) -> int:
    import getpass

    from desktop.services import admin
    from desktop.services.database import open_existing

    try:
        if args.password_stdin:
            password = sys.stdin.readline().rstrip("\n")
        else:
            password = getpass.getpass(_("Password: "))
            if getpass.getpass(_("Password again: ")) != password:
                return fail(_("The two passwords differ."))
    except UnicodeDecodeError:
        return fail(_("The password holds bytes that are not UTF-8; "
                      "type it again, or set the terminal to UTF-8."))
    database = open_existing(target)
    try:
        admin.add_user_command(database, LOCAL_OPERATOR, args.login, args.role,
                               args.name or args.login, args.office, password)
    finally:
        database.dispose()
    print(_("User {login} added.").format(login=args.login.strip().lower()))
    return 0


COMMANDS = {"init": cmd_init, "demo": cmd_demo, "search": cmd_search, "report": cmd_report,
            "user": cmd_user}
for _group in COMMAND_GROUPS:
    COMMANDS.update(_group.COMMANDS)


if __name__ == "__main__":
    sys.exit(main())
