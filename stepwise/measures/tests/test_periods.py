from datetime import UTC, date, datetime

import pytest

from stepwise.measures import periods


@pytest.mark.parametrize(("day", "frequency", "start"), [
    (date(2025, 1, 1), "weekly", date(2024, 12, 30)),  # ISO week 1 of 2025 starts in 2024
    (date(2025, 3, 9), "weekly", date(2025, 3, 3)),  # a Sunday belongs to the week before
    (date(2025, 3, 3), "weekly", date(2025, 3, 3)),
    (date(2024, 2, 29), "monthly", date(2024, 2, 1)),
    (date(2025, 12, 31), "monthly", date(2025, 12, 1)),
])
def test_period_start(day, frequency, start):
    assert periods.period_start(day, frequency) == start
    assert periods.is_aligned(start, frequency)


def test_today_is_the_london_date_not_the_utc_one():
    # 23:30 UTC on Sunday 30 March 2025 is 00:30 on Monday 31 March in London (summer time).
    late = datetime(2025, 3, 30, 23, 30, tzinfo=UTC)
    assert periods.london_today(late) == date(2025, 3, 31)
    assert not periods.is_future(date(2025, 3, 31), today=periods.london_today(late))
    # In winter London is on UTC: 23:30 UTC on 1 December is still 1 December.
    assert periods.london_today(datetime(2025, 12, 1, 23, 30, tzinfo=UTC)) == date(2025, 12, 1)
    assert periods.is_future(date(2025, 12, 8), today=date(2025, 12, 7))


@pytest.mark.parametrize(("text", "frequency", "expected"), [
    ("2025-03-03", "weekly", date(2025, 3, 3)),
    (" 2025-W10 ", "weekly", date(2025, 3, 3)),
    ("2025-w01", "weekly", date(2024, 12, 30)),
    ("2025-03", "monthly", date(2025, 3, 1)),
    ("2025-03-01", "monthly", date(2025, 3, 1)),
])
def test_parse_period(text, frequency, expected):
    assert periods.parse_period(text, frequency) == expected


@pytest.mark.parametrize(("text", "frequency", "message"), [
    ("2025-03-04", "weekly", "is not a Monday (the start of its ISO week); did you mean 2025-03-03"),
    ("2025-03-15", "monthly", "is not the 1st; did you mean 2025-03-01"),
    ("03/03/2025", "weekly", "is not a date"),
    ("2025-02-30", "weekly", "is not a date"),
    ("2025-W54", "weekly", "is not an ISO week"),
    ("2025-13", "monthly", "is not a month"),
    ("", "weekly", "is not a date"),
])
def test_parse_period_refuses(text, frequency, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        periods.parse_period(text, frequency)


def test_recent_periods_start_with_the_current_one():
    assert periods.recent_periods("weekly", 3, today=date(2025, 3, 5)) == [
        date(2025, 3, 3), date(2025, 2, 24), date(2025, 2, 17)]
    assert periods.recent_periods("monthly", 3, today=date(2025, 1, 20)) == [
        date(2025, 1, 1), date(2024, 12, 1), date(2024, 11, 1)]
