"""The employment services' sentences: each form's problems and one describer per refusal,
registered on ``desktop.services.messages.describe`` (which imports this module)."""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any

from db.models import VacancyStatus
from desktop.i18n import _, format_date, format_number, ngettext
from desktop.services.access import pure
from desktop.services.client_file.labels import JOB_STATUS
from desktop.services.employment import employers, errors, job_seekers, vacancies
from desktop.services.employment.matching import Criterion, Reason
from desktop.services.employment.vacancies import MAX_PLACES
from desktop.services.field_problems import InvalidFields
from desktop.services.messages import describe

LICENCE_FIELD = "licence"  # the employment forms' driving-licence field, by value


def _shared_text(field: enum.Enum, problem: enum.Enum) -> str | None:
    """What every employment form says of a value too long or a choice gone (the licence
    field says which categories there are)."""
    if problem.value == "too_long":
        return _("This is too long.")
    if problem.value == "unknown" and field.value == LICENCE_FIELD:
        return _("Driving licence categories are A, B, C, D, BE, CE and DE.")
    if problem.value == "unknown":
        return _("This choice is no longer available; choose again.")
    return None


def _first_problem(error: InvalidFields[Any, Any],
                   words: Callable[[Any, Any], str]) -> str:
    """A form's refusal said by its first problem (the dialogs show each beside its field)."""
    field, problem = next(iter(error.problems.items()))
    return words(field, problem)


@pure
def employer_problem_text(field: employers.Field, problem: employers.Problem) -> str:
    Field, Problem = employers.Field, employers.Problem
    shared = _shared_text(field, problem)
    if shared is not None:
        return shared
    return {
        (Field.NAME, Problem.REQUIRED): _("Give the employer's name."),
        (Field.BIN, Problem.NOT_A_BIN): _("A BIN has 12 digits, the last a check digit: "
                                          "check it against the employer's documents."),
        (Field.SECTOR, Problem.REQUIRED): _("Choose the sector of activity."),
        (Field.PHONE, Problem.NOT_A_PHONE): _("This is not a phone number of any country."),
    }.get((field, problem), _("Check this value."))


@pure
def vacancy_problem_text(field: vacancies.Field, problem: vacancies.Problem) -> str:
    Field, Problem = vacancies.Field, vacancies.Problem
    shared = _shared_text(field, problem)
    if shared is not None:
        return shared
    return {
        (Field.EMPLOYER, Problem.REQUIRED): _("Choose the employer."),
        (Field.TITLE, Problem.REQUIRED): _("Give the position."),
        (Field.SECTOR, Problem.REQUIRED): _("Choose the sector of activity."),
        (Field.WAGE, Problem.OUT_OF_RANGE): _("A monthly wage in tenge, more than nothing."),
        (Field.PLACES, Problem.OUT_OF_RANGE): _("A vacancy has from 1 to {limit} places.")
        .format(limit=MAX_PLACES),
        (Field.PLACES, Problem.BELOW_TAKEN): _("More people were hired for it than this."),
        (Field.EXPERIENCE, Problem.OUT_OF_RANGE): _("Years of experience, from 0 to 50."),
        (Field.DATES, Problem.REQUIRED): _("Give the day the vacancy opened."),
    }.get((field, problem), _("Check this value."))


@describe.register
def _invalid_employer(error: employers.InvalidEmployer) -> str:
    return _first_problem(error, employer_problem_text)


@describe.register
def _bin_taken(error: employers.BinTaken) -> str:
    return _("An employer with BIN {bin} is registered already: {name}.").format(
        bin=error.bin, name=error.name)


@describe.register
def _no_employer(_error: employers.NoSuchEmployer) -> str:
    return _("This employer is no longer in Qadam.")


@describe.register
def _invalid_vacancy(error: vacancies.InvalidVacancy) -> str:
    return _first_problem(error, vacancy_problem_text)


@describe.register
def _no_vacancy(_error: vacancies.NoSuchVacancy) -> str:
    return _("This vacancy is no longer in Qadam.")


# ---- job seekers, referrals, hires, retention ---------------------------------------------

@pure
def seeker_problem_text(field: job_seekers.Field, problem: job_seekers.Problem) -> str:
    Field, Problem = job_seekers.Field, job_seekers.Problem
    shared = _shared_text(field, problem)
    if shared is not None:
        return shared
    return {
        (Field.EXPERIENCE, Problem.OUT_OF_RANGE): _("Years of experience, from 0 to 50."),
        (Field.UNEMPLOYED, Problem.IN_FUTURE): _("This day has not come yet."),
    }.get((field, problem), _("Check this value."))


@pure
def step_problem_text(field: errors.StepField, problem: errors.StepProblem) -> str:
    Field, Problem = errors.StepField, errors.StepProblem
    shared = _shared_text(field, problem)
    if shared is not None:
        return shared
    if problem is Problem.BEFORE_REFERRAL:
        return _("This is before the client was referred.")
    if problem is Problem.IN_FUTURE:
        return _("This day has not come yet.")
    if problem is Problem.TOO_FAR_AHEAD:
        return _("This is more than three months ahead.")
    return {
        (Field.DAY, Problem.REQUIRED): _("Give the day."),
        (Field.POSITION, Problem.REQUIRED): _("Give the position."),
        (Field.SECTOR, Problem.REQUIRED): _("Choose the sector of activity."),
        (Field.WAGE, Problem.OUT_OF_RANGE): _("A monthly wage in tenge, more than nothing."),
        (Field.CONTRACT, Problem.REQUIRED): _("Choose the type of contract."),
        (Field.PROVIDER, Problem.REQUIRED): _("Choose who gives the training."),
        (Field.COURSE, Problem.REQUIRED): _("Give the course's name."),
        (Field.SERVICE, Problem.REQUIRED): _("Choose vocational training or requalification."),
        (Field.DATES, Problem.ORDER): _("The end comes after the start, within three years."),
        (Field.REASON, Problem.REQUIRED): _("Choose why the client left the job."),
    }.get((field, problem), _("Check this value."))


@describe.register
def _invalid_seeker(error: job_seekers.InvalidJobSeeker) -> str:
    return _first_problem(error, seeker_problem_text)


@describe.register
def _invalid_step(error: errors.InvalidStep) -> str:
    return _first_problem(error, step_problem_text)


@describe.register
def _no_open_case(error: errors.NoOpenCase) -> str:
    return _("The client has no open case in {office}: open one (or reopen it) before "
             "referring them.").format(office=error.office)


@describe.register
def _vacancy_not_open(error: errors.VacancyNotOpen) -> str:
    if error.status is VacancyStatus.CLOSED:
        return _("The vacancy {title} is closed: nobody is referred to it or hired into it "
                 "any more.").format(title=error.title)
    return _("The vacancy {title} is on hold: it takes no referrals until it is reopened."
             ).format(title=error.title)


@describe.register
def _no_places(error: errors.NoPlacesLeft) -> str:
    return ngettext("The vacancy {title} has no place left: its {count} place is taken.",
                    "The vacancy {title} has no place left: all its {count} places are "
                    "taken.", error.positions).format(title=error.title,
                                                      count=format_number(error.positions))


@describe.register
def _already_referred(error: errors.AlreadyReferred) -> str:
    return _("The client's referral to {title} is still under way ({status}): record its "
             "outcome instead of referring them again.").format(
                 title=error.title, status=_(JOB_STATUS.get(error.status.value,
                                                            error.status.value)).lower())


@describe.register
def _not_in_step(error: errors.ReferralNotInStep) -> str:
    status = _(JOB_STATUS.get(error.status.value, error.status.value)).lower()
    if error.hire:
        return _("A hire is recorded on a referral still under way; this one is {status}. "
                 "Refer the client to the vacancy first.").format(status=status)
    return _("This step does not follow from where the referral is ({status}).").format(
        status=status)


@describe.register
def _vacancy_not_chosen(_error: errors.VacancyNotChosen) -> str:
    return _("Choose the vacancy of this referral first.")


@describe.register
def _retention_not_due(error: errors.RetentionNotDue) -> str:
    return _("The {months}-month retention check is due on {day}: its outcome is recorded "
             "from that day on.").format(months=error.months, day=format_date(error.due_on))


@describe.register
def _retention_recorded(_error: errors.RetentionRecorded) -> str:
    return _("This retention check has its outcome already.")


@describe.register
def _no_referral(_error: errors.NoSuchReferral) -> str:
    return _("This referral is no longer in Qadam.")


@describe.register
def _no_check(_error: errors.NoSuchRetentionCheck) -> str:
    return _("This retention check is no longer in Qadam.")


@pure
def reason_text(reason: Reason) -> str:
    """One reason of a match, as a caseworker would say it."""
    C = Criterion
    if reason.criterion is C.PROFESSION:
        if reason.met:
            return _("profession fits: {has}").format(has=reason.has)
        if reason.has:
            return _("needs a {profession} — client is a {has}").format(
                profession=reason.subject, has=reason.has)
        return _("needs a {profession} — client's profession not recorded").format(
            profession=reason.subject)
    if reason.criterion is C.SECTOR:
        return (_("a sector the client wants: {sector}") if reason.met
                else _("not a sector the client asked for: {sector}")).format(
                    sector=reason.subject)
    if reason.criterion is C.REGION:
        return (_("in the region sought: {region}") if reason.met
                else _("in {region} — client looks in {wished}")).format(
                    region=reason.subject, wished=reason.has)
    if reason.criterion is C.LANGUAGE:
        wanted = f"{reason.subject} {reason.wanted}".strip()
        if reason.met:
            return _("{language} — client has {level}").format(
                language=wanted, level=reason.has or _("it"))
        if reason.has:
            return _("needs {language} — client has {level}").format(language=wanted,
                                                                    level=reason.has)
        return _("needs {language} — client has none recorded").format(language=wanted)
    if reason.criterion is C.LICENCE:
        if reason.met:
            return _("driving licence {categories}").format(categories=reason.wanted)
        if reason.has:
            return _("needs licence {categories} — client has {has}").format(
                categories=reason.wanted, has=reason.has)
        return _("needs licence {categories} — client has none recorded").format(
            categories=reason.wanted)
    years = int(reason.wanted)
    if reason.met:
        return ngettext("{count} year of experience or more", "{count} years of experience or "
                        "more", years).format(count=years)
    if reason.has:
        return ngettext("needs {count} year of experience — client has {has}",
                        "needs {count} years of experience — client has {has}",
                        years).format(count=years, has=reason.has)
    return ngettext("needs {count} year of experience — client's not recorded",
                    "needs {count} years of experience — client's not recorded",
                    years).format(count=years)
