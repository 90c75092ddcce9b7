"""The employment services' sentences: each form's problems and one describer per refusal,
registered on ``desktop.services.messages.describe`` (which imports this module)."""

from __future__ import annotations

from desktop.i18n import _
from desktop.services.access import pure
from desktop.services.employment import employers, vacancies
from desktop.services.employment.vacancies import MAX_PLACES
from desktop.services.messages import describe


@pure
def employer_problem_text(field: employers.Field, problem: employers.Problem) -> str:
    Field, Problem = employers.Field, employers.Problem
    if problem is Problem.TOO_LONG:
        return _("This is too long.")
    if problem is Problem.UNKNOWN:
        return _("This choice is no longer available; choose again.")
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
    if problem is Problem.TOO_LONG:
        return _("This is too long.")
    if problem is Problem.UNKNOWN and field is Field.LICENCE:
        return _("Driving licence categories are A, B, C, D, BE, CE and DE.")
    if problem is Problem.UNKNOWN:
        return _("This choice is no longer available; choose again.")
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
    field, problem = next(iter(error.problems.items()))
    return employer_problem_text(field, problem)


@describe.register
def _bin_taken(error: employers.BinTaken) -> str:
    return _("An employer with BIN {bin} is registered already: {name}.").format(
        bin=error.bin, name=error.name)


@describe.register
def _no_employer(_error: employers.NoSuchEmployer) -> str:
    return _("This employer is no longer in Qadam.")


@describe.register
def _invalid_vacancy(error: vacancies.InvalidVacancy) -> str:
    field, problem = next(iter(error.problems.items()))
    return vacancy_problem_text(field, problem)


@describe.register
def _no_vacancy(_error: vacancies.NoSuchVacancy) -> str:
    return _("This vacancy is no longer in Qadam.")
