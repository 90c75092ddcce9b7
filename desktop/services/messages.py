"""Translated, one-line explanations of what went wrong, for the window and the command line."""

from __future__ import annotations

from db.errors import DatabaseProblem, DuplicateIin, Problem, StaleRecord
from desktop.domain.iin import IinProblem
from desktop.i18n import _, format_datetime
from desktop.services.reports import ReportProblem


def database_problem(problem: DatabaseProblem) -> str:
    where = problem.location
    texts = {
        Problem.MISSING: _("There is no database at {where}. Create one with “qadam init”."),
        Problem.DIRECTORY: _("{where} is a folder, not a database file."),
        Problem.NOT_A_DATABASE: _("{where} is not a Qadam database; it was left untouched."),
        Problem.DAMAGED: _("The database {where} is damaged and cannot be opened; "
                           "it was left untouched. Restore it from a backup."),
        Problem.NOT_QADAM: _("{where} is a database of another program, not of Qadam; "
                             "it was left untouched."),
        Problem.NEWER_VERSION: _("The database {where} was written by a newer version of Qadam. "
                                 "Update Qadam to open it."),
        Problem.NOT_WRITABLE: _("Qadam cannot write to {where}: check that the folder exists "
                                "and that you may write there."),
        Problem.LOCKED: _("The database {where} is busy in another program. "
                          "Try again in a moment."),
        Problem.DISK_FULL: _("The disk holding {where} is full. Nothing was saved; "
                             "free some space and try again."),
        Problem.UNSUPPORTED: _("This kind of database is not supported yet: {where}."),
    }
    return texts[problem.kind].format(where=where)


def stale_record(error: StaleRecord) -> str:
    if error.changed_by:
        return _("{who} changed this record at {when} after you opened it. Your changes were "
                 "not saved; reload to see theirs.").format(
            who=error.changed_by, when=format_datetime(error.changed_at, "short"))
    return _("Someone else changed this record after you opened it. Your changes were not "
             "saved; reload to see theirs.")


def duplicate_iin(error: DuplicateIin) -> str:
    return _("A client with IIN {iin} is already registered.").format(iin=error.iin)


def iin_problem(problem: IinProblem) -> str:
    return {
        IinProblem.EMPTY: _("Enter the IIN."),
        IinProblem.NOT_DIGITS: _("An IIN holds digits only."),
        IinProblem.LENGTH: _("An IIN has exactly 12 digits."),
        IinProblem.CHECK_DIGIT: _("The last digit of this IIN does not match the others: "
                                  "check for a typing error."),
        IinProblem.CHECK_DIGIT_UNUSABLE: _("No valid IIN can start with these 11 digits: "
                                           "check for a typing error."),
    }[problem]


def report_problem(problem: ReportProblem) -> str:
    kind = ReportProblem.Kind
    return {
        kind.FUTURE_MONTH: _("{detail} is still to come: a monthly report covers a past "
                             "month or the current one."),
        kind.UNKNOWN_OFFICE: _("There is no office with the code “{detail}”."),
        kind.NO_CONSULTATION: _("There is no consultation “{detail}”."),
        kind.UNKNOWN_FORMAT: _("Reports are written as .pdf, .xlsx or .json, not “{detail}”."),
    }[problem.kind].format(detail=problem.detail)
