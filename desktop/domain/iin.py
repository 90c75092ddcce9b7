"""Rules for Kazakhstan's IIN (individuals) and BIN (legal entities).

Both are 12 digits ending in the same check digit. An IIN used to encode the
birth date (YYMMDD) and, in its 7th digit, the century and sex; since 2013 it
need not, so only the length and the check digit are hard rules here. The
encoded date and sex are offered as hints: a mismatch with what the caseworker
entered is a warning, never a refusal.

The check digit is the blind spot worth knowing: position 11 has weight 11,
which is 0 mod 11, so a typo in the 11th digit goes undetected unless the
number needs the second pass; and a typo that moves a number between the
one-pass and two-pass cases can also slip through. See ``tests/domain``.

No messages live here: the UI maps the enums to translated text.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

IIN_LENGTH = 12
_DIGITS = frozenset("0123456789")
_FIRST_WEIGHTS = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
_SECOND_WEIGHTS = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
# 7th digit: century and sex. Odd is male, even female.
_CENTURY = {"1": 1800, "2": 1800, "3": 1900, "4": 1900, "5": 2000, "6": 2000}


class IinProblem(enum.Enum):
    """Why a number is not a valid IIN or BIN (hard failures)."""

    EMPTY = "empty"
    NOT_DIGITS = "not_digits"
    LENGTH = "length"
    CHECK_DIGIT = "check_digit"
    CHECK_DIGIT_UNUSABLE = "check_digit_unusable"  # both passes give 10: no valid number


class IinHint(enum.Enum):
    """Soft warnings: the IIN disagrees with the entered birth date or sex."""

    BIRTH_DATE_MISMATCH = "birth_date_mismatch"
    SEX_MISMATCH = "sex_mismatch"


@dataclass(frozen=True)
class IinCheck:
    """The outcome of :func:`check_iin`."""

    value: str
    problem: IinProblem | None
    encoded_birth_date: date | None
    encoded_sex: str | None

    @property
    def valid(self) -> bool:
        return self.problem is None


def normalise_iin(text: str) -> str:
    """``text`` without whitespace and dashes; anything else is kept so it can be reported."""
    return "".join(text.split()).replace("-", "")


def _is_digits(value: str) -> bool:
    # str.isdigit() would accept "²" and Arabic-Indic digits.
    return bool(value) and _DIGITS.issuperset(value)


def check_digit(first11: str) -> int | None:
    """The check digit for 11 digits, or None when both weightings give 10."""
    if len(first11) != IIN_LENGTH - 1 or not _is_digits(first11):
        raise ValueError(f"expected 11 digits, got {first11!r}")
    digits = [int(c) for c in first11]
    for weights in (_FIRST_WEIGHTS, _SECOND_WEIGHTS):
        digit = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
        if digit != 10:
            return digit
    return None


def _hard_problem(value: str) -> IinProblem | None:
    if not value:
        return IinProblem.EMPTY
    if not _is_digits(value):
        return IinProblem.NOT_DIGITS
    if len(value) != IIN_LENGTH:
        return IinProblem.LENGTH
    expected = check_digit(value[:11])
    if expected is None:
        return IinProblem.CHECK_DIGIT_UNUSABLE
    if expected != int(value[11]):
        return IinProblem.CHECK_DIGIT
    return None


def _decode(value: str) -> tuple[date | None, str | None]:
    """Birth date and sex as the old scheme would encode them, where they make sense."""
    century = _CENTURY.get(value[6])
    if century is None:
        return None, None
    sex = "M" if int(value[6]) % 2 else "F"
    try:
        born = date(century + int(value[0:2]), int(value[2:4]), int(value[4:6]))
    except ValueError:
        born = None
    return born, sex


def check_iin(text: str) -> IinCheck:
    """Normalise and check an IIN; the encoded date and sex are decoded for any 12 digits."""
    value = normalise_iin(text)
    problem = _hard_problem(value)
    born, sex = None, None
    if len(value) == IIN_LENGTH and _is_digits(value):
        born, sex = _decode(value)
    return IinCheck(value, problem, born, sex)


def iin_hints(check: IinCheck, birth_date: date | None, sex: str | None) -> list[IinHint]:
    """Warnings where a valid IIN's encoded date or sex contradicts what was entered."""
    if not check.valid:
        return []
    hints = []
    if (birth_date is not None and check.encoded_birth_date is not None
            and birth_date != check.encoded_birth_date):
        hints.append(IinHint.BIRTH_DATE_MISMATCH)
    entered = sex.upper() if sex else None
    if entered in ("M", "F") and check.encoded_sex is not None and entered != check.encoded_sex:
        hints.append(IinHint.SEX_MISMATCH)
    return hints


def iin_fills(check: IinCheck, birth_date: date | None,
              sex: str | None) -> tuple[date | None, str | None]:
    """What a valid IIN can fill in that is still empty: its encoded birth date and sex.

    Never what was entered: an IIN issued since 2013 need not encode them, so a
    disagreement stays a warning (``iin_hints``), not an overwrite.
    """
    if not check.valid:
        return None, None
    return (check.encoded_birth_date if birth_date is None else None,
            check.encoded_sex if not sex else None)


def check_bin(text: str) -> IinProblem | None:
    """The hard problem with a BIN, or None; type and attribute digits are not enforced."""
    return _hard_problem(normalise_iin(text))


def make_iin(birth_date: date, sex: str, serial: int) -> str | None:
    """A valid IIN encoding ``birth_date`` and ``sex``, or None if ``serial`` can't have one.

    ``sex`` is "M" or "F", ``serial`` 0..9999, the year 1800..2099.
    """
    if sex not in ("M", "F"):
        raise ValueError(f"sex must be 'M' or 'F', got {sex!r}")
    if not 0 <= serial <= 9999:
        raise ValueError(f"serial must be 0..9999, got {serial}")
    if not 1800 <= birth_date.year <= 2099:
        raise ValueError(f"an IIN encodes years 1800..2099, got {birth_date.year}")
    century_digit = 2 * ((birth_date.year - 1800) // 100) + (1 if sex == "M" else 2)
    first11 = (f"{birth_date.year % 100:02d}{birth_date.month:02d}{birth_date.day:02d}"
               f"{century_digit}{serial:04d}")
    digit = check_digit(first11)
    return None if digit is None else first11 + str(digit)


def mask_iin(iin: str | None) -> str:
    """The IIN as printed for others to see: all but the last 4 digits hidden."""
    if not iin:
        return ""
    return "•" * (len(iin) - 4) + iin[-4:]
