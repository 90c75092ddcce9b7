"""Translated, one-line explanations of what went wrong, for the window and the command line.

``describe`` is the one describer: every error a service call can raise gets
its sentence here (one ``register`` per kind), so no screen words its own and
none shows a raw exception text. What has no sentence is a bug: it is worded
as such, and its traceback is in the log.
"""

from __future__ import annotations

from functools import singledispatch

from db.errors import DatabaseProblem, DuplicateIin, Problem, StaleRecord, UniqueViolation
from desktop.i18n import _, format_datetime, ngettext
from desktop.services import (
    admin,
    case_plan,
    cases,
    consultations,
    documents,
    duplicates,
    follow_ups,
    household,
    intake,
)
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
        Problem.AUTHENTICATION: _("The database server {where} refused the user name or the "
                                  "password: check them (or the .pgpass file) with your "
                                  "administrator."),
        Problem.MISSING_ON_SERVER: _("The database server has no database {where}: ask your "
                                     "administrator to create it, then run “qadam init”."),
        Problem.CONFLICT: _("Someone else saved at the same moment, so the database server "
                            "undid this save; nothing was changed. Save again."),
        Problem.READ_ONLY_SERVER: _("The database server {where} takes no changes now (a "
                                    "standby copy?): nothing was saved. Ask your "
                                    "administrator."),
        Problem.NO_PRIVILEGE: _("The database server {where} does not let this user read or "
                                "change Qadam's tables: ask your administrator for the "
                                "rights."),
    }
    return texts[problem.kind].format(where=where)


describe.register(DatabaseProblem, database_problem)


@pure
@describe.register
def stale_record(error: StaleRecord) -> str:
    if error.changed_by:
        return _("{who} changed this record at {when} after you opened it. Your changes were "
                 "not saved; reload to see theirs.").format(
            who=error.changed_by, when=format_datetime(error.changed_at))
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
        kind.FUTURE_PERIOD: _("{detail} is still to come: a report covers a period that "
                              "has begun."),
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


# ---- consultations: correcting and deleting -------------------------------------------------

@describe.register
def _no_such_consultation(_error: consultations.NoSuchConsultation) -> str:
    return _("This consultation no longer exists: it may have been deleted meanwhile.")


@describe.register
def _not_their_consultation(error: consultations.NotTheirConsultation) -> str:
    if error.deleting:
        return _("Only a manager of the office where the consultation was held may delete it.")
    return _("Only {author}, who recorded this consultation, or a manager of its office may "
             "correct it.").format(author=error.author or _("its author"))


# ---- case transfers between offices --------------------------------------------------------
# Imported here, not above: the import block is shared by everyone appending to this file.
from desktop.services import transfers  # noqa: E402


@describe.register
def _transfer_pending(error: cases.TransferPending) -> str:
    return _("A transfer of this case to {office} is already waiting for an answer: wait for "
             "it, or withdraw the request first.").format(office=error.office)


@describe.register
def _case_transferred_away(error: cases.CaseTransferredAway) -> str:
    if error.office:
        return _("This case was transferred to {office}, where it goes on: it cannot be "
                 "reopened here.").format(office=error.office)
    return _("This case was transferred to another office: it cannot be reopened here.")


@describe.register
def _no_such_transfer(_error: transfers.NoSuchTransfer) -> str:
    return _("This transfer request no longer exists; reload the list.")


@describe.register
def _transfer_not_pending(error: transfers.TransferNotPending) -> str:
    status = transfers.TransferStatus
    return {
        status.ACCEPTED: _("This transfer request has already been accepted; nothing was "
                           "changed."),
        status.DECLINED: _("This transfer request has already been declined; nothing was "
                           "changed."),
        status.WITHDRAWN: _("This transfer request was withdrawn by the office that made it; "
                            "nothing was changed."),
    }.get(error.status, _("This transfer request is no longer waiting for an answer."))


@describe.register
def _same_office(_error: transfers.SameOffice) -> str:
    return _("The case is held by that office already: choose another office.")


@describe.register
def _unknown_office(error: transfers.UnknownOffice) -> str:
    if error.office:
        return _("{office} no longer works as an office: choose another one.").format(
            office=error.office)
    return _("Choose an office from the list.")


@describe.register
def _not_receiving_manager(error: transfers.NotReceivingManager) -> str:
    return _("This request is for {office}: only a manager of that office may accept or "
             "decline it.").format(office=error.office)


@describe.register
def _invalid_transfer_entry(error: transfers.InvalidTransferEntry) -> str:
    return " ".join(transfers.problem_text(field, problem, error.declining)
                    for field, problem in error.problems.items())


# ---- the case plan (individual adaptation plan) ------------------------------------------

@describe.register
def _invalid_goal(error: case_plan.InvalidGoal) -> str:
    return " ".join(case_plan.problem_text(field, problem)
                    for field, problem in error.problems.items())


@describe.register
def _no_such_goal(_error: case_plan.NoSuchGoal) -> str:
    return _("This goal no longer exists; reload the file.")


@describe.register
def _no_open_case(_error: case_plan.NoOpenCase) -> str:
    return _("This client has no open case here: open or reopen the case before adding "
             "goals to its plan.")


@describe.register
def _plan_closed(_error: case_plan.PlanClosed) -> str:
    return _("The case is closed: its plan is kept as it was. Reopen the case to change "
             "the plan.")


@describe.register
def _goal_status_unchanged(error: case_plan.GoalStatusUnchanged) -> str:
    status = case_plan.GoalStatus
    return {
        status.PLANNED: _("This goal is planned already; nothing was changed."),
        status.IN_PROGRESS: _("This goal is in progress already; nothing was changed."),
        status.ACHIEVED: _("This goal is marked achieved already; nothing was changed."),
        status.DROPPED: _("This goal is dropped already; nothing was changed."),
    }[error.status]


@describe.register
def _goal_has_services(error: case_plan.GoalHasServices) -> str:
    return ngettext("A service serves this goal, so it stays in the plan: drop it instead, "
                    "or unlink the service first.",
                    "{count} services serve this goal, so it stays in the plan: drop it "
                    "instead, or unlink the services first.", error.count).format(
        count=error.count)


@describe.register
def _not_the_clients_service(_error: case_plan.NotTheClientsService) -> str:
    return _("This service was given to someone else: only the client's own services can "
             "serve their plan.")


@describe.register
def _no_such_service(_error: case_plan.NoSuchService) -> str:
    return _("This service no longer exists; reload the file.")


@describe.register
def _already_serving(_error: case_plan.AlreadyServing) -> str:
    return _("This service already serves the goal; nothing was changed.")


@describe.register
def _no_such_goal_service(_error: case_plan.NoSuchGoalService) -> str:
    return _("This service no longer serves the goal: someone unlinked it meanwhile.")


@describe.register
def _no_plan(_error: case_plan.NoPlan) -> str:
    return _("This client has no case, so there is no plan to print.")


# ---- duplicates ---------------------------------------------------------------------------

@describe.register
def _merge_into_itself(_error: duplicates.MergeIntoItself) -> str:
    return _("A file cannot be merged into itself: choose two different files.")


@describe.register
def _distinct_from_itself(_error: duplicates.DistinctFromItself) -> str:
    return _("A client cannot be marked as not the same person as themself.")


@describe.register
def _already_merged(error: duplicates.AlreadyMerged) -> str:
    return _("This file was already merged into the file of {name}; open that one.").format(
        name=error.kept_name)


@describe.register
def _different_iins(error: duplicates.DifferentIins) -> str:
    return _("The two files hold different valid IINs ({kept} and {merged}): they are most "
             "likely two people. Confirm that they are one person to merge them.").format(
        kept=error.kept_iin, merged=error.merged_iin)


@describe.register
def _unknown_merge_field(_error: duplicates.UnknownMergeField) -> str:
    return _("The merge named a field the profile does not have; nothing was changed.")


@describe.register
def _distinct_note_too_long(_error: duplicates.NoteTooLong) -> str:
    return _("Keep the note under {limit} characters.").format(limit=duplicates.MAX_NOTE)


# ---- backups and restore ------------------------------------------------------------------
from desktop.services.backups import BackupFailure, BackupProblem  # noqa: E402


@describe.register
def _backup_problem(problem: BackupProblem) -> str:
    kind = BackupFailure
    if problem.kind is kind.NOT_VERIFIED and not problem.detail:
        return _("The backup written to {where} did not pass its check, so it was removed; "
                 "the database is as it was.").format(where=problem.location)
    return {
        kind.SERVER: _("{where} is a database server: back it up and restore it with the "
                       "server's own tools (pg_dump and pg_restore), not with Qadam."),
        kind.NO_FOLDER: _("There is no folder {where} (a disk not connected?); nothing was "
                          "written and the database is as it was."),
        kind.NOT_WRITABLE: _("Qadam may not write in the folder {where} (it is read-only, or "
                             "not yours); nothing was written and the database is as it "
                             "was."),
        kind.DISK_FULL: _("The disk holding {where} is full; nothing was written and the "
                          "database is as it was. Free some space, or choose another place."),
        kind.WRITE_FAILED: _("Cannot write {where}: {detail}. Nothing was written and the "
                             "database is as it was."),
        kind.NOT_VERIFIED: _("The backup written to {where} did not pass its check "
                             "({detail}), so it was removed; the database is as it was."),
        kind.SAME_FILE: _("{where} is the database itself: choose another file."),
        kind.NO_FILE: _("There is no file {where}; nothing was changed."),
        kind.NOT_A_BACKUP: _("{where} is not a Qadam backup (not a database file); nothing "
                             "was changed."),
        kind.DAMAGED: _("The backup {where} is damaged; nothing was changed. Choose another "
                        "backup."),
        kind.NOT_QADAM: _("{where} is not a Qadam backup (a database of another program, or "
                          "an empty one); nothing was changed."),
        kind.NEWER: _("The backup {where} was made by a newer version of Qadam; update Qadam "
                      "to restore it. Nothing was changed."),
    }[problem.kind].format(where=problem.location, detail=problem.detail)


# The courses' describers live with the courses; importing them registers them here.
from desktop.services.courses import messages as _course_messages  # noqa: E402, F401
from desktop.services.employment import messages as _employment_messages  # noqa: E402, F401
from desktop.services.social import messages as _social_messages  # noqa: E402, F401
from desktop.services.transfer import messages as _transfer_messages  # noqa: E402, F401

