"""IIN and BIN rules: hard problems, decoded hints, and what the check digit catches."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.domain.iin import (
    IinCheck,
    IinHint,
    IinProblem,
    check_bin,
    check_digit,
    check_iin,
    iin_hints,
    make_iin,
    normalise_iin,
)

ONE_PASS = "900101300017"  # 1990-01-01, male
TWO_PASS = "061211600012"  # 2006-12-11, female; the first weighting gives 10
BIN = "940140000385"

births = st.dates(min_value=date(1800, 1, 1), max_value=date(2099, 12, 31))
sexes = st.sampled_from(["M", "F"])
serials = st.integers(min_value=0, max_value=9999)


def first_pass(digits: str) -> int:
    return sum(int(d) * w for d, w in zip(digits[:11], range(1, 12), strict=True)) % 11


@st.composite
def valid_iins(draw: st.DrawFn) -> str:
    first11 = draw(st.text("0123456789", min_size=11, max_size=11))
    digit = check_digit(first11)
    if digit is None:
        # Weight 11 leaves the first pass at 10, but the second weighting moves off 10.
        first11 = first11[:10] + str((int(first11[10]) + 1) % 10)
        digit = check_digit(first11)
    assert digit is not None
    return first11 + str(digit)


def test_examples_are_valid() -> None:
    one = check_iin(ONE_PASS)
    assert one == IinCheck(ONE_PASS, None, date(1990, 1, 1), "M")
    assert one.valid
    two = check_iin(TWO_PASS)
    assert two == IinCheck(TWO_PASS, None, date(2006, 12, 11), "F")
    assert first_pass(TWO_PASS) == 10
    assert check_bin(BIN) is None


def test_check_digit() -> None:
    assert check_digit(ONE_PASS[:11]) == 7
    assert check_digit(TWO_PASS[:11]) == 2
    assert check_digit("00000000001") == 0  # sum 11
    with pytest.raises(ValueError):
        check_digit("1234")


def test_normalise_strips_spaces_and_dashes_only() -> None:
    assert normalise_iin(" 900101-300 017\t") == ONE_PASS
    assert normalise_iin("9001O1300017") == "9001O1300017"
    assert check_iin("900 101 300 017").value == ONE_PASS
    assert check_iin("900-101-300-017").valid


@pytest.mark.parametrize(("text", "problem"), [
    ("", IinProblem.EMPTY),
    ("  - ", IinProblem.EMPTY),
    ("9001O1300017", IinProblem.NOT_DIGITS),  # a letter O
    ("90010130001²", IinProblem.NOT_DIGITS),  # isdigit() but not 0-9
    ("٩٠٠١٠١٣٠٠٠١٧", IinProblem.NOT_DIGITS),  # Arabic-Indic digits
    ("90010130001", IinProblem.LENGTH),
    ("9001013000170", IinProblem.LENGTH),
    ("900101300018", IinProblem.CHECK_DIGIT),
    ("061211600011", IinProblem.CHECK_DIGIT),
])
def test_problems(text: str, problem: IinProblem) -> None:
    check = check_iin(text)
    assert check.problem is problem
    assert not check.valid


def test_check_digit_unusable() -> None:
    # Both weightings give 10 for these 11 digits, so no 12th digit makes them valid.
    first11 = "00000000281"
    assert first_pass(first11) == 10
    assert check_digit(first11) is None
    for last in "0123456789":
        assert check_iin(first11 + last).problem is IinProblem.CHECK_DIGIT_UNUSABLE


def test_date_part_that_is_no_date_is_still_valid() -> None:
    first11 = "901301300017"[:11]  # month 13
    iin = first11 + str(check_digit(first11))
    check = check_iin(iin)
    assert check.valid
    assert check.encoded_birth_date is None
    assert check.encoded_sex == "M"
    assert iin_hints(check, date(1990, 1, 1), "M") == []


def test_century_digit_outside_1_to_6_encodes_nothing() -> None:
    first11 = "90010170001"  # 7th digit 7
    check = check_iin(first11 + str(check_digit(first11)))
    assert check.valid
    assert (check.encoded_birth_date, check.encoded_sex) == (None, None)


def test_invalid_iin_decodes_but_gives_no_hints() -> None:
    check = check_iin("900101300018")
    assert check.encoded_birth_date == date(1990, 1, 1)
    assert iin_hints(check, date(2000, 5, 5), "F") == []


def test_hints() -> None:
    check = check_iin(ONE_PASS)
    assert iin_hints(check, date(1990, 1, 1), "M") == []
    assert iin_hints(check, date(1990, 1, 2), "M") == [IinHint.BIRTH_DATE_MISMATCH]
    assert iin_hints(check, date(1990, 1, 1), "F") == [IinHint.SEX_MISMATCH]
    assert iin_hints(check, date(1991, 1, 1), "f") == [IinHint.BIRTH_DATE_MISMATCH,
                                                        IinHint.SEX_MISMATCH]
    assert iin_hints(check, None, None) == []
    assert iin_hints(check, None, "X") == []  # nothing to compare


def test_bin() -> None:
    assert check_bin("940 140 000 385") is None
    assert check_bin("") is IinProblem.EMPTY
    assert check_bin("94014000038A") is IinProblem.NOT_DIGITS
    assert check_bin("94014000038") is IinProblem.LENGTH
    assert check_bin("940140000386") is IinProblem.CHECK_DIGIT
    assert check_bin("00000000281" + "4") is IinProblem.CHECK_DIGIT_UNUSABLE
    # Type and attribute digits are not enforced: only digits and check digit are hard rules.
    first11 = "94019900038"
    assert check_bin(first11 + str(check_digit(first11))) is None


def test_make_iin_examples() -> None:
    assert make_iin(date(1990, 1, 1), "M", 1) == ONE_PASS
    assert make_iin(date(2006, 12, 11), "F", 1) == TWO_PASS
    assert make_iin(date(1805, 3, 4), "F", 7) == "050304200075"
    assert make_iin(date(1990, 1, 1), "M", 80) is None  # both weightings give 10
    for bad in [(date(1990, 1, 1), "X", 1), (date(1990, 1, 1), "M", 10_000),
                (date(1990, 1, 1), "M", -1), (date(2100, 1, 1), "M", 1)]:
        with pytest.raises(ValueError):
            make_iin(*bad)


@given(births, sexes, serials)
def test_make_iin_round_trips(born: date, sex: str, serial: int) -> None:
    iin = make_iin(born, sex, serial)
    if iin is None:
        assert check_digit(first11_for(born, sex, serial)) is None
        return
    assert iin[:11] == first11_for(born, sex, serial)
    check = check_iin(iin)
    assert check.valid
    assert check.encoded_birth_date == born
    assert check.encoded_sex == sex
    assert int(iin[7:11]) == serial
    assert iin_hints(check, born, sex) == []


def first11_for(born: date, sex: str, serial: int) -> str:
    """YYMMDD, the century-and-sex digit, the serial: written out independently of make_iin."""
    century = {(18, "M"): 1, (18, "F"): 2, (19, "M"): 3, (19, "F"): 4,
               (20, "M"): 5, (20, "F"): 6}[(born.year // 100, sex)]
    return f"{born.year % 100:02d}{born.month:02d}{born.day:02d}{century}{serial:04d}"


@given(valid_iins(), st.integers(min_value=0, max_value=11), st.integers(1, 9))
def test_single_digit_changes(iin: str, position: int, shift: int) -> None:
    """What one mistyped digit does to the check.

    The brief hoped every single-digit change is caught; the algorithm can't
    promise that. Position 11 has weight 11, i.e. 0 mod 11, so in a one-pass
    number a change there is never caught; and a change that moves the number
    into or out of the second weighting can slip through. Every other change
    is caught.
    """
    changed_digit = str((int(iin[position]) + shift) % 10)
    changed = iin[:position] + changed_digit + iin[position + 1:]
    detected = not check_iin(changed).valid
    one_pass_before, one_pass_after = first_pass(iin) != 10, first_pass(changed) != 10
    if position == 10 and one_pass_before:
        assert not detected
    elif one_pass_before == one_pass_after:
        assert detected


def test_known_blind_spots_of_the_check_digit() -> None:
    assert check_iin("900101300027").valid  # ONE_PASS with its 11th digit mistyped
    assert check_iin("361211600012").valid  # TWO_PASS with its 1st digit mistyped


def test_a_valid_iin_fills_only_what_is_empty() -> None:
    from desktop.domain.iin import iin_fills

    check = check_iin("850312309722")
    assert iin_fills(check, None, None) == (date(1985, 3, 12), "M")
    assert iin_fills(check, date(1984, 1, 1), "F") == (None, None)  # entered: kept
    assert iin_fills(check_iin("850312309723"), None, None) == (None, None)  # invalid
