"""Translated, one-line explanations of what went wrong, for the window and the command line.

``describe`` is the one describer: every error a service call can raise gets
its sentence here (one ``register`` per kind), so no screen words its own and
none shows a raw exception text. What has no sentence is a bug: it is worded
as such, and its traceback is in the log.
"""

from __future__ import annotations

from functools import singledispatch

from db.errors import DatabaseProblem, DuplicateIin, Problem, StaleRecord, UniqueViolation
from desktop.i18n import _, format_datetime
from desktop.services import admin, cases, documents, follow_ups, household, intake
from desktop.services.access import AccessDenied, Denial, pure
from desktop.services.auth import LoginFailed, WeakPassword
from desktop.services.client_file import items as client_file_items
from desktop.services.client_file import profile
from desktop.services.intake import iin_problem
from desktop.services.progress import Cancelled
from desktop.services.reports import ReportProblem

__all__ = ["database_problem", "describe", "duplicate_iin", "iin_problem", "knows",
           "report_problem", "stale_record"]


@pure
@singledispatch
def describe(error: BaseException) -> str:
    """One translated sentence for ``error``."""
    return _("Something went wrong that Qadam did not expect; nothing more was changed. "
             "The details were written to the log.")


@pure
def knows(error: BaseException) -> bool:
    """Whether ``error`` is one a user can cause and act on (it has a sentence of its own);
    the others are bugs, for the log."""
    return describe.dispatch(type(error)) is not describe.dispatch(BaseException)


@pure
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
        Problem.READ_ONLY: _("The database {where} is sound but read-only: Qadam may not "
                             "write to the file or its folder. Ask for write access, or copy "
                             "it to a folder of your own."),
        Problem.NOT_A_FILE: _("{where} is not a regular file (a pipe or a device); "
                              "a database is a file."),
        Problem.BAD_LOCATION: _("“{where}” is not a database path or URL Qadam can open."),
        Problem.NO_DRIVER: _("The driver for {where} is not installed in this Qadam."),
        Problem.UNREACHABLE: _("The database server {where} does not answer: check that it "
                               "is running and that its address is right."),
    }
    return texts[problem.kind].format(where=where)


describe.register(DatabaseProblem, database_problem)


@pure
@describe.register
def stale_record(error: StaleRecord) -> str:
    if error.changed_by:
        return _("{who} changed this record at {when} after you opened it. Your changes were "
                 "not saved; reload to see theirs.").format(
            who=error.changed_by, when=format_datetime(error.changed_at, "short"))
    return _("Someone else changed this record after you opened it. Your changes were not "
             "saved; reload to see theirs.")


@pure
@describe.register
def duplicate_iin(error: DuplicateIin) -> str:
    return _("A client with IIN {iin} is already registered.").format(iin=error.iin)


@describe.register
def _unique(_error: UniqueViolation) -> str:
    return _("Someone else saved the same entry a moment ago; nothing was saved. "
             "Reload and check.")


@pure
@describe.register
def report_problem(problem: ReportProblem) -> str:
    kind = ReportProblem.Kind
    return {
        kind.FUTURE_MONTH: _("{detail} is still to come: a monthly report covers a past "
                             "month or the current one."),
        kind.UNKNOWN_OFFICE: _("There is no office with the code “{detail}”."),
        kind.NO_CONSULTATION: _("There is no consultation “{detail}”."),
        kind.UNKNOWN_FORMAT: _("Reports are written as .pdf, .xlsx or .json, not “{detail}”."),
    }[problem.kind].format(detail=problem.detail)


@describe.register
def _access_denied(error: AccessDenied) -> str:
    return {
        Denial.PERMISSION: _("Your role does not allow this. Ask a manager or an "
                             "administrator."),
        Denial.OFFICE: _("This is a client of another office: you may not see or change "
                         "their file."),
        Denial.ACCOUNT: _("Your account has been deactivated or removed: you can no longer "
                          "work in Qadam. Ask an administrator."),
        Denial.SET_UP: _("This database is already set up; log in instead."),
    }[error.reason]


@describe.register
def _login_failed(_error: LoginFailed) -> str:
    return _("The login or the password is wrong.")


@describe.register
def _weak_password(_error: WeakPassword) -> str:
    return admin.weak_password_text()


@describe.register
def _cancelled(_error: Cancelled) -> str:
    return _("Stopped; nothing was changed.")


@describe.register
def _os_error(error: OSError) -> str:
    # The file's name and the system's reason: both say what to do about it.
    reason = error.strerror or type(error).__name__
    if error.filename:
        return _("Cannot use {path}: {reason}").format(path=error.filename, reason=reason)
    return _("The system refused: {reason}").format(reason=reason)


# ---- clients, intake and the client file --------------------------------------------------

@describe.register
def _invalid_iin(error: intake.InvalidIin) -> str:
    return iin_problem(error.problem)


@describe.register
def _invalid_client(error: intake.InvalidClient) -> str:
    return _("Some fields need attention: {problems}").format(problems=" ".join(
        sorted({intake.problem_text(problem) for problem in error.problems.values()})))


@describe.register
def _invalid_profile(error: profile.InvalidProfile) -> str:
    return _("Some fields need attention: {problems}").format(problems=" ".join(
        sorted({profile.field_problem_text(problem) for problem in error.problems.values()})))


@describe.register(client_file_items.NoSuchClient)
@describe.register(follow_ups.NoSuchClient)
def _no_such_client(_error: LookupError) -> str:
    return _("There is no such client: the file may have been deleted.")


@describe.register
def _no_such_follow_up(_error: follow_ups.NoSuchFollowUp) -> str:
    return _("This follow-up no longer exists; the list has been reloaded.")


@describe.register
def _invalid_input(error: follow_ups.InvalidInput) -> str:
    return " ".join(follow_ups.problem_text(problem) for problem in error.problems)


# ---- administration -------------------------------------------------------------------------

@describe.register
def _invalid_entry(error: admin.InvalidEntry) -> str:
    return " ".join(admin.invalid_text(problem) for problem in error.problems.values())


@describe.register
def _login_taken(error: admin.LoginTaken) -> str:
    return _("The login “{login}” is already taken.").format(login=error.login)


@describe.register
def _code_taken(error: admin.OfficeCodeTaken) -> str:
    return _("There is already an office with the code “{code}”.").format(code=error.code)


@describe.register
def _unknown_office(error: admin.UnknownOffice) -> str:
    return _("There is no office with the code “{detail}”.").format(detail=error.code)


@describe.register
def _last_administrator(_error: admin.LastAdministrator) -> str:
    return _("This is the last active administrator: make someone else an administrator "
             "first.")


@describe.register
def _own_account(_error: admin.OwnAccount) -> str:
    return _("You cannot deactivate your own account or take away your own "
             "administrator role.")


@describe.register
def _no_such_record(_error: admin.NoSuchRecord) -> str:
    return _("This record no longer exists.")


# ---- cases ------------------------------------------------------------------------------------

@describe.register
def _no_such_case(_error: cases.NoSuchCase) -> str:
    return _("This case no longer exists; reload the file.")


@describe.register
def _case_already_closed(_error: cases.CaseAlreadyClosed) -> str:
    return _("This case is closed already; nothing was changed.")


@describe.register
def _case_already_open(_error: cases.CaseAlreadyOpen) -> str:
    return _("This case is open already; nothing was changed.")


@describe.register
def _another_case_open(error: cases.AnotherCaseOpen) -> str:
    return _("This client already has an open case in {office}: a client has one open case "
             "per office. Close that one first, or work on it instead.").format(
        office=error.office)


@describe.register
def _foreign_case(error: cases.ForeignCase) -> str:
    return _("This case is held by {office}: only its caseworkers or a manager may change "
             "it.").format(office=error.office)


@describe.register
def _not_a_caseworker_here(error: cases.NotACaseworkerHere) -> str:
    if error.name:
        return _("{name} is not an active caseworker of {office}: choose one from the "
                 "list.").format(name=error.name, office=error.office)
    return _("Choose an active caseworker of {office} from the list.").format(
        office=error.office)


@describe.register
def _invalid_case_entry(error: cases.InvalidCaseEntry) -> str:
    return " ".join(cases.problem_text(field, problem)
                    for field, problem in error.problems.items())


# ---- follow-ups: a change the task's state does not allow ------------------------------------

@describe.register
def _already_done(_error: follow_ups.AlreadyDone) -> str:
    return _("This follow-up is already done: reopen it first to change it.")


@describe.register
def _still_open(_error: follow_ups.StillOpen) -> str:
    return _("This follow-up is still open: only a done one can be reopened.")


# ---- household ------------------------------------------------------------------------------

@describe.register
def _link_to_self(_error: household.LinkToSelf) -> str:
    return _("A client cannot be a member of their own household: choose someone else.")


@describe.register
def _already_linked(error: household.AlreadyLinked) -> str:
    return _("{name} is already in this household ({relationship}); nothing was "
             "changed.").format(name=error.name, relationship=error.relationship)


@describe.register
def _unknown_relationship(_error: household.UnknownRelationship) -> str:
    return _("Choose the relationship from the list.")


@describe.register
def _foreign_member(_error: household.ForeignMember) -> str:
    return _("This person is a client of another office: only a manager may link them to "
             "a household or unlink them.")


@describe.register
def _no_such_link(_error: household.NoSuchLink) -> str:
    return _("These two are no longer linked: someone unlinked them meanwhile.")


# ---- documents ----------------------------------------------------------------------------

@describe.register
def _invalid_document(error: documents.InvalidDocument) -> str:
    return " ".join(documents.problem_text(field, problem)
                    for field, problem in error.problems.items())


@describe.register
def _no_such_document(_error: documents.NoSuchDocument) -> str:
    return _("This document no longer exists; reload the file.")


@describe.register
def _document_not_valid(error: documents.DocumentNotValid) -> str:
    status = documents.DocumentStatus
    return {
        status.REPLACED: _("This document has already been replaced by a renewal: renew or "
                           "mark the one that replaced it."),
        status.LOST: _("This document is already recorded as lost; nothing was changed."),
        status.REVOKED: _("This document is already recorded as revoked; nothing was "
                          "changed."),
    }.get(error.status, _("This document is no longer valid; nothing was changed."))
