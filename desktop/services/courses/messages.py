"""The course services' sentences: the form's problems and one describer per refusal.

Registered on ``desktop.services.messages.describe`` (which imports this module), so
that the one describer knows them; kept here so that the courses' wording sits in
one place of its own.
"""

from __future__ import annotations

from db.models import GroupStatus
from desktop.i18n import _, format_date, ngettext, pgettext
from desktop.services.access import pure
from desktop.services.center_settings import OutOfRange, UnknownSetting
from desktop.services.client_file.labels import ENROLMENT_STATUS
from desktop.services.courses import errors
from desktop.services.courses.errors import Field, InvalidOutcome, Problem, SessionNotMarkable
from desktop.services.courses.groups import MAX_CAPACITY, MAX_NAME
from desktop.services.messages import describe


@pure
def group_status_text(status: GroupStatus) -> str:
    """A course group's status, in a context of its own: "Finished" is also a date column."""
    return {
        GroupStatus.PLANNED: pgettext("course group status", "Planned"),
        GroupStatus.RUNNING: pgettext("course group status", "Running"),
        GroupStatus.FINISHED: pgettext("course group status", "Finished"),
        GroupStatus.CANCELLED: pgettext("course group status", "Cancelled"),
    }[status]



@pure
def group_problem_text(field: Field, problem: Problem) -> str:
    """The sentence under a field of the group form."""
    if problem is Problem.TOO_LONG:
        return _("Keep this under {limit} characters.").format(limit=MAX_NAME)
    if problem is Problem.UNKNOWN:
        return _("This choice is no longer available; choose again.")
    if field is Field.CAPACITY:
        if problem is Problem.BELOW_TAKEN:
            return _("More participants hold a place than this: take some off the list "
                     "first.")
        return _("A group has from 1 to {limit} places.").format(limit=MAX_CAPACITY)
    if field is Field.OFFICE and problem is Problem.BELOW_TAKEN:
        return _("The group has participants: it stays in its office.")
    if field is Field.TIMES:
        return (_("The class ends before it starts.") if problem is Problem.ORDER
                else _("Give both the start and the end time, or neither."))
    if field is Field.DATES:
        return {Problem.ORDER: _("The group ends before it starts."),
                Problem.OUT_OF_RANGE: _("A group runs for three years at most.")}.get(
            problem, _("Give the first and the last day of the course."))
    return {
        Field.NAME: _("Give the group a name."),
        Field.SERVICE: _("Choose the course."),
        Field.LANGUAGE: _("Choose the language taught."),
        Field.OFFICE: _("Choose the office."),
        Field.WEEKDAYS: _("Choose the days of the week the group meets."),
    }.get(field, _("Check this value."))


@describe.register
def _invalid_group(error: errors.InvalidGroupEntry) -> str:
    field, problem = next(iter(error.problems.items()))
    return group_problem_text(field, problem)


@describe.register
def _no_group(_error: errors.NoSuchGroup) -> str:
    return _("This course group no longer exists.")


@describe.register
def _no_enrolment(_error: errors.NoSuchEnrolment) -> str:
    return _("This participant is no longer on the group's list.")


@describe.register
def _no_session(_error: errors.NoSuchSession) -> str:
    return _("This session is no longer in the group's timetable.")


@describe.register
def _not_planner(_error: errors.NotThisGroupsPlanner) -> str:
    return _("Only a manager or the group's teacher may change its timetable.")


@describe.register
def _status_not_allowed(error: errors.StatusNotAllowed) -> str:
    return _("A group that is “{current}” cannot become “{wanted}”.").format(
        current=group_status_text(error.current), wanted=group_status_text(error.wanted))


@describe.register
def _outcomes_missing(error: errors.OutcomesMissing) -> str:
    return ngettext("{count} participant has no outcome yet: record that they completed the "
                    "course or dropped out, then finish the group.",
                    "{count} participants have no outcome yet: record that they completed "
                    "the course or dropped out, then finish the group.",
                    error.count).format(count=error.count)


@describe.register
def _group_not_open(error: errors.GroupNotOpen) -> str:
    return _("The group {group} is “{status}”: it takes no participants and its timetable "
             "no longer changes.").format(group=error.group,
                                          status=group_status_text(error.status))


@describe.register
def _already_in_group(error: errors.AlreadyInGroup) -> str:
    return _("The client is already on the list of {group} (“{status}”).").format(
        group=error.group, status=_(ENROLMENT_STATUS[error.status.value]))


@describe.register
def _no_open_case(error: errors.NoOpenCaseHere) -> str:
    return _("The client has no open case in {office}: open one (or reopen it) before "
             "enrolling them in a course there.").format(office=error.office)


@describe.register
def _not_in_step(error: errors.EnrolmentNotInStep) -> str:
    return _("This cannot be done for a participant who is “{status}”.").format(
        status=_(ENROLMENT_STATUS[error.status.value]))


@describe.register
def _group_full(error: errors.GroupFull) -> str:
    return _("No place is free in {group}: the client stays on the waiting list until one "
             "is offered to them.").format(group=error.group)


@describe.register
def _has_attendance(error: errors.HasAttendance) -> str:
    return ngettext("Attendance has been marked {count} time here: it stays as it was taken. "
                    "Record a drop-out instead, or clear the marks first.",
                    "Attendance has been marked {count} times here: it stays as it was "
                    "taken. Record a drop-out instead, or clear the marks first.",
                    error.marks).format(
        count=error.marks)


@describe.register
def _not_markable(error: SessionNotMarkable) -> str:
    why = SessionNotMarkable.Why
    day = format_date(error.held_on, "long")
    return {
        why.CANCELLED: _("The session of {day} was cancelled: it cannot be marked."),
        why.OUTSIDE_DATES: _("The session of {day} is outside the group's dates: it cannot "
                             "be marked."),
        why.FUTURE: _("The session of {day} has not taken place yet."),
        why.NOT_PARTICIPATING: _("The participant was not in the group on {day}."),
    }[error.why].format(day=day)


@describe.register
def _day_taken(error: errors.SessionDayTaken) -> str:
    day = format_date(error.day, "long")
    if error.outside:
        return _("{day} is outside the group's dates.").format(day=day)
    return _("The group already meets on {day}.").format(day=day)


@describe.register
def _mark_changed(_error: errors.MarkChanged) -> str:
    return _("Someone else marked this cell a moment ago; the register was reloaded with "
             "their mark.")


@describe.register
def _invalid_outcome(error: InvalidOutcome) -> str:
    why = InvalidOutcome.Why
    return {
        why.REASON_REQUIRED: _("Choose why the participant dropped out."),
        why.LEVEL_REQUIRED: _("Choose the level."),
        why.UNKNOWN_CODE: _("This choice is no longer available; choose again."),
        why.DATE_OUTSIDE: _("The date must be between the enrolment and today."),
        why.SCORE_RANGE: _("A score is from 0 to 100."),
    }[error.why]


@describe.register
def _unknown_setting(_error: UnknownSetting) -> str:
    return _("Qadam has no such setting.")


@describe.register
def _setting_range(error: OutOfRange) -> str:
    return _("This setting takes a value from {low} to {high}.").format(
        low=error.setting.minimum, high=error.setting.maximum)


# ---- printed documents ------------------------------------------------------------------------

# Imported last: the documents' exceptions live with the services that raise them.
from desktop.services.courses import documents  # noqa: E402


@describe.register
def _not_completed(error: documents.NotCompleted) -> str:
    return _("A certificate is printed only for a participant who completed the course; "
             "{name} is “{status}”.").format(name=error.name,
                                             status=_(ENROLMENT_STATUS[error.status.value]))


@describe.register
def _month_outside_group(error: documents.MonthOutsideGroup) -> str:
    from desktop.i18n import current_language
    from desktop.reports.labels import Words

    return _("The group {group} runs from {start} to {end}: it has no register for "
             "{month}.").format(group=error.group, start=format_date(error.starts_on, "long"),
                                end=format_date(error.ends_on, "long"),
                                month=Words(current_language()).month(error.month))
