"""Phone numbers: one stored form (E.164), the form people here write them in on screen."""

from __future__ import annotations

import pytest

from desktop.domain.phones import is_phone, shown_phone, stored_phone


@pytest.mark.parametrize("typed", ["87012345678", "8 (701) 234-56-78", "+7 701 234 56 78",
                                   "7012345678", "+7-701-234-5678"])
def test_the_ways_one_kazakh_mobile_is_typed_are_one_number(typed: str) -> None:
    assert stored_phone(typed) == "+77012345678"
    assert shown_phone(stored_phone(typed) or "") == "+7 701 234 56 78"


def test_a_city_number_and_numbers_abroad_follow_their_own_plans() -> None:
    assert shown_phone(stored_phone("8 (727) 250-11-22") or "") == "+7 727 250 11 22"
    assert stored_phone("+86 138 0013 8000") == "+8613800138000"
    assert shown_phone("+8613800138000") == "+86 138 0013 8000"
    assert stored_phone("+976 9911 2233") == "+97699112233"  # Mongolia


def test_an_extension_is_kept_and_what_is_no_number_is_refused() -> None:
    assert stored_phone("+7 701 234 56 78 доб. 5") == "+77012345678;ext=5"
    assert shown_phone("+77012345678;ext=5").endswith("(5)")
    assert stored_phone("") == ""
    for wrong in ("12345", "+7 999", "call me", "8 701 234"):
        assert stored_phone(wrong) is None and not is_phone(wrong)


def test_text_stored_before_numbers_were_checked_is_shown_as_it_is() -> None:
    assert shown_phone("call the neighbour") == "call the neighbour"
