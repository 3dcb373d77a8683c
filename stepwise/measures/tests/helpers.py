from datetime import date, timedelta

from stepwise.measures.models import DataPoint

FIRST_MONDAY = date(2024, 1, 1)


def mondays(count: int, start: date = FIRST_MONDAY) -> list[date]:
    return [start + timedelta(weeks=i) for i in range(count)]


def add_points(measure, values, start: date = FIRST_MONDAY, fractions=None) -> list[date]:
    """Store figures week by week from ``start``; ``fractions`` gives (numerator, denominator)."""
    periods = mondays(len(values), start)
    DataPoint.unscoped.bulk_create([
        DataPoint(organisation_id=measure.organisation_id, measure=measure, period=period,
                  value=value,
                  numerator=fractions[i][0] if fractions else None,
                  denominator=fractions[i][1] if fractions else None)
        for i, (period, value) in enumerate(zip(periods, values, strict=True))
    ])
    return periods
