"""Periods: a weekly figure is dated by the Monday of its ISO week, a monthly one by the 1st."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
WEEKLY, MONTHLY = "weekly", "monthly"


def london_today(now: datetime | None = None) -> date:
    return (now or datetime.now(tz=LONDON)).astimezone(LONDON).date()


def period_start(day: date, frequency: str) -> date:
    if frequency == WEEKLY:
        return day - timedelta(days=day.weekday())
    if frequency == MONTHLY:
        return day.replace(day=1)
    raise ValueError(f"Unknown frequency {frequency!r}")


def is_aligned(day: date, frequency: str) -> bool:
    return period_start(day, frequency) == day


def is_future(period: date, *, today: date | None = None) -> bool:
    return period > (today or london_today())


def previous_period(period: date, frequency: str) -> date:
    if frequency == WEEKLY:
        return period - timedelta(days=7)
    return (period - timedelta(days=1)).replace(day=1)


def recent_periods(frequency: str, count: int, *, today: date | None = None) -> list[date]:
    """The current period first, then the ones before it."""
    periods = [period_start(today or london_today(), frequency)]
    while len(periods) < count:
        periods.append(previous_period(periods[-1], frequency))
    return periods


def period_label(period: date, frequency: str) -> str:
    if frequency == WEEKLY:
        return f"week of {period.day} {period:%B %Y}"
    return f"{period:%B %Y}"


def parse_period(text: str, frequency: str) -> date:
    """An ISO date (which must start its period), or 2025-W07 for weeks, 2025-03 for months.

    Raises ValueError with a message fit for the person who typed it.
    """
    text = text.strip()
    if frequency == WEEKLY and len(text) in (7, 8) and "-W" in text.upper():
        year, week = text.upper().split("-W")
        try:
            return date.fromisocalendar(int(year), int(week), 1)
        except ValueError:
            raise ValueError(f"'{text}' is not an ISO week (like 2025-W07)") from None
    if frequency == MONTHLY and len(text) == 7 and text[4:5] == "-":
        try:
            return date(int(text[:4]), int(text[5:]), 1)
        except ValueError:
            raise ValueError(f"'{text}' is not a month (like 2025-03)") from None
    try:
        day = date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        day = None
    if day is None:
        raise ValueError(f"'{text[:40]}' is not a date (use YYYY-MM-DD)")
    if not is_aligned(day, frequency):
        expected = period_start(day, frequency)
        what = "a Monday (the start of its ISO week)" if frequency == WEEKLY else "the 1st"
        raise ValueError(f"{day.isoformat()} is not {what}; did you mean {expected.isoformat()}?")
    return day
