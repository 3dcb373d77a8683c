from datetime import date

import pytest

from stepwise.improvements.workdays import (
    add_working_days,
    is_working_day,
    working_days_between,
)


@pytest.mark.parametrize(("start", "days", "expected"), [
    (date(2026, 3, 9), 3, date(2026, 3, 12)),  # Monday + 3: Thursday
    (date(2026, 3, 12), 3, date(2026, 3, 17)),  # Thursday + 3 skips the weekend
    (date(2026, 3, 14), 1, date(2026, 3, 16)),  # from a Saturday
    (date(2026, 3, 15), 0, date(2026, 3, 15)),
    # Easter 2026: Good Friday 3 April, Easter Monday 6 April.
    (date(2026, 4, 2), 1, date(2026, 4, 7)),
    (date(2026, 4, 1), 3, date(2026, 4, 8)),
    # Christmas 2026 falls on a Friday, Boxing Day on Saturday: Monday 28th is the substitute.
    (date(2026, 12, 24), 1, date(2026, 12, 29)),
    # 2027: both fall at the weekend, so Monday 27th and Tuesday 28th are substitutes.
    (date(2027, 12, 24), 1, date(2027, 12, 29)),
    (date(2027, 12, 23), 3, date(2027, 12, 30)),
    # Across New Year 2028 (Saturday): Monday 3 January is the substitute.
    (date(2027, 12, 31), 1, date(2028, 1, 4)),
    # Early May (4 May 2026), late May (25 May 2026) and August (31 August 2026).
    (date(2026, 5, 1), 1, date(2026, 5, 5)),
    (date(2026, 5, 22), 1, date(2026, 5, 26)),
    (date(2026, 8, 28), 1, date(2026, 9, 1)),
    (date(2027, 5, 28), 2, date(2027, 6, 2)),
])
def test_add_working_days(start, days, expected):
    assert add_working_days(start, days) == expected


@pytest.mark.parametrize(("day", "working"), [
    (date(2026, 3, 9), True),
    (date(2026, 3, 14), False),  # Saturday
    (date(2026, 3, 15), False),  # Sunday
    (date(2026, 4, 3), False),  # Good Friday
    (date(2026, 4, 6), False),  # Easter Monday
    (date(2026, 12, 28), False),  # Boxing Day substitute
    (date(2026, 8, 31), False),  # Summer bank holiday
    (date(2026, 8, 24), True),
])
def test_is_working_day(day, working):
    assert is_working_day(day) is working


def test_working_days_between_is_the_inverse_of_adding():
    start = date(2026, 12, 20)
    for days in range(0, 15):
        assert working_days_between(start, add_working_days(start, days)) == days
    assert working_days_between(date(2026, 3, 12), date(2026, 3, 10)) == 0


def test_negative_days_are_refused():
    with pytest.raises(ValueError):
        add_working_days(date(2026, 3, 9), -1)
