import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from itertools import pairwise

from stepwise.measures.spc.arithmetic import r_mean

# Constants exactly as NHSRplotthedots writes them, so the limits round the same way.
LIMIT = 2.66
LIMIT_CLOSE = 2 * (LIMIT / 3)
MOVING_RANGE_SCREEN = 3.267
SHIFT_LENGTH = 7
TREND_STEPS = 6


class Improvement(StrEnum):
    INCREASE = "increase"
    DECREASE = "decrease"
    NEUTRAL = "neutral"


class PointType(StrEnum):
    COMMON_CAUSE = "common_cause"
    SPECIAL_CAUSE_IMPROVEMENT = "special_cause_improvement"
    SPECIAL_CAUSE_CONCERN = "special_cause_concern"
    SPECIAL_CAUSE_NEUTRAL_HIGH = "special_cause_neutral_high"
    SPECIAL_CAUSE_NEUTRAL_LOW = "special_cause_neutral_low"


class Rule(StrEnum):
    OUTSIDE_LIMITS = "outside_limits"
    TREND = "trend"
    TWO_IN_THREE = "two_in_three"
    SHIFT = "shift"


class Assurance(StrEnum):
    CONSISTENT_PASS = "consistent_pass"
    CONSISTENT_FAIL = "consistent_fail"
    INCONSISTENT = "inconsistent"


# Not frozen: a frozen dataclass is five times slower to build, and a recompute builds a
# point for every week of every measure.
@dataclass(slots=True)
class XmrPoint:
    date: date
    value: float | None
    mean: float | None
    lpl: float | None
    upl: float | None
    point_type: PointType
    # Which rule made the point special (None for common cause) and on which side it lies:
    # +1 above the mean or rising, -1 below or falling. Kept so text and charts need not
    # re-derive what the rules already decided.
    rule: Rule | None
    side: int
    segment: int


@dataclass(slots=True, frozen=True)
class XmrResult:
    points: list[XmrPoint]
    assurance: Assurance | None
    improvement: Improvement
    target: float | None


def xmr(
    dates: Sequence[date],
    values: Sequence[float | None],
    *,
    improvement: Improvement | str = Improvement.INCREASE,
    target: float | None = None,
    rebase: Iterable[date] = (),
    fix_after: int | None = None,
    screen_outliers: bool = True,
) -> XmrResult:
    direction = Improvement(improvement)
    if fix_after is not None and fix_after < 1:
        raise ValueError("fix_after must be at least 1")
    if target is not None and not math.isfinite(target):
        raise ValueError("target must be a finite number")
    ordered_dates, ordered_values = sort_series(dates, values)

    rebase_dates = set(rebase)
    starts = [0] + [i for i in range(1, len(ordered_dates)) if ordered_dates[i] in rebase_dates]
    stops = starts[1:] + [len(ordered_dates)]
    points: list[XmrPoint] = []
    for segment, (start, stop) in enumerate(zip(starts, stops, strict=True)):
        if start == stop:
            continue
        points.extend(
            _segment_points(
                ordered_dates[start:stop],
                ordered_values[start:stop],
                segment=segment,
                direction=direction,
                fix_after=fix_after,
                screen_outliers=screen_outliers,
            )
        )
    return XmrResult(
        points=points,
        assurance=_assurance(points, direction, target),
        improvement=direction,
        target=target,
    )


def sort_series(
    dates: Sequence[date], values: Sequence[float | None]
) -> tuple[list[date], list[float | None]]:
    if len(dates) != len(values):
        raise ValueError("dates and values must have the same length")
    ordered_dates, raw_values = list(dates), list(values)
    if not all(earlier < later for earlier, later in pairwise(ordered_dates)):
        order = sorted(range(len(ordered_dates)), key=ordered_dates.__getitem__)
        ordered_dates = [ordered_dates[i] for i in order]
        raw_values = [raw_values[i] for i in order]
        for earlier, later in pairwise(ordered_dates):
            if earlier == later:
                raise ValueError(f"duplicate date {later.isoformat()}")
    # NaN is how pandas and R hand over a gap, so it means "missing" here too.
    ordered_values = [None if v is None or v != v else float(v) for v in raw_values]
    if not all(map(math.isfinite, (v for v in ordered_values if v is not None))):
        raise ValueError("values must be finite numbers, or None or NaN when missing")
    return ordered_dates, ordered_values


def _segment_points(
    dates: list[date],
    ys: list[float | None],
    *,
    segment: int,
    direction: Improvement,
    fix_after: int | None,
    screen_outliers: bool,
) -> list[XmrPoint]:
    n = len(ys)
    # Missing rows count towards fix_after, as row_number() does in the reference.
    baseline = ys if fix_after is None else ys[:fix_after]
    present = [y for y in baseline if y is not None]
    mean = r_mean(present) if present else None
    moving_ranges = [abs(b - a) for a, b in pairwise(baseline) if a is not None and b is not None]
    mean_range = r_mean(moving_ranges) if moving_ranges else None
    if screen_outliers and mean_range is not None:
        ceiling = MOVING_RANGE_SCREEN * mean_range
        kept = [mr for mr in moving_ranges if mr < ceiling]
        mean_range = r_mean(kept) if kept else None

    lpl = upl = None
    # sign() is written out inline: these comprehensions run for every point of every measure.
    if mean is None:
        relative: list[int | None] = [None] * n
    else:
        relative = [None if y is None else (y > mean) - (y < mean) for y in ys]
    outside: list[bool | None] = [None] * n
    close: list[bool | None] = [None] * n
    if mean is not None and mean_range is not None:
        spread = LIMIT * mean_range
        lpl, upl = mean - spread, mean + spread
        near = LIMIT_CLOSE * mean_range
        near_lower, near_upper = mean - near, mean + near
        for i, y in enumerate(ys):
            if y is not None:
                is_outside = y > upl or y < lpl
                outside[i] = is_outside
                close[i] = not is_outside and (y < near_lower or y > near_upper)

    # Rules are applied from lowest to highest precedence so that the strongest one wins.
    rules: list[Rule | None] = [None] * n
    sides = [0] * n
    _mark_shifts(relative, rules, sides)
    _mark_two_in_three(close, relative, rules, sides)
    _mark_trends(ys, rules, sides)
    for i, is_outside in enumerate(outside):
        if is_outside:
            rules[i] = Rule.OUTSIDE_LIMITS
            sides[i] = 1 if relative[i] == 1 else -1

    types = _POINT_TYPES[direction]
    return [
        XmrPoint(day, y, mean, lpl, upl, types[side] if rule else COMMON, rule, side, segment)
        for day, y, rule, side in zip(dates, ys, rules, sides, strict=True)
    ]


def _mark_shifts(relative: list[int | None], rules: list[Rule | None], sides: list[int]) -> None:
    n = len(relative)
    i = 0
    while i < n:
        side = relative[i]
        j = i + 1
        if side:
            while j < n and relative[j] == side:
                j += 1
            if j - i >= SHIFT_LENGTH:
                for k in range(i, j):
                    rules[k] = Rule.SHIFT
                    sides[k] = side
        i = j


def _mark_two_in_three(
    close: list[bool | None],
    relative: list[int | None],
    rules: list[Rule | None],
    sides: list[int],
) -> None:
    for s in range(len(close) - 2):
        a, b, c = close[s], close[s + 1], close[s + 2]
        if a is None or b is None or c is None or a + b + c < 2:
            continue
        # close is only known where the value and mean are, so relative is never None here.
        side_sum = relative[s] + relative[s + 1] + relative[s + 2]  # type: ignore[operator]
        if abs(side_sum) != 3:
            continue
        for k in (s, s + 1, s + 2):
            if close[k]:
                rules[k] = Rule.TWO_IN_THREE
                sides[k] = 1 if side_sum > 0 else -1


def _mark_trends(ys: list[float | None], rules: list[Rule | None], sides: list[int]) -> None:
    n = len(ys)
    if n <= TREND_STEPS:
        return
    steps = [None if a is None or b is None else (b > a) - (b < a) for a, b in pairwise(ys)]
    in_trend = [False] * n
    i = 0
    while i < n - 1:
        step = steps[i]
        j = i + 1
        if step:
            while j < n - 1 and steps[j] == step:
                j += 1
            if j - i >= TREND_STEPS:
                for k in range(i, j + 1):
                    in_trend[k] = True
        i = j
    for k in range(n):
        if not in_trend[k]:
            continue
        # The reference labels a point by the step to its right when the next point is also
        # in a trend, otherwise by the step to its left; anything but a rise counts as falling.
        step = steps[k] if k + 1 < n and in_trend[k + 1] else steps[k - 1]
        rules[k] = Rule.TREND
        sides[k] = 1 if step == 1 else -1


COMMON = PointType.COMMON_CAUSE
_POINT_TYPES = {
    Improvement.INCREASE: {
        1: PointType.SPECIAL_CAUSE_IMPROVEMENT,
        -1: PointType.SPECIAL_CAUSE_CONCERN,
    },
    Improvement.DECREASE: {
        1: PointType.SPECIAL_CAUSE_CONCERN,
        -1: PointType.SPECIAL_CAUSE_IMPROVEMENT,
    },
    Improvement.NEUTRAL: {
        1: PointType.SPECIAL_CAUSE_NEUTRAL_HIGH,
        -1: PointType.SPECIAL_CAUSE_NEUTRAL_LOW,
    },
}


def _assurance(
    points: list[XmrPoint], direction: Improvement, target: float | None
) -> Assurance | None:
    if target is None or direction is Improvement.NEUTRAL or not points:
        return None
    last = points[-1]
    increasing = direction is Improvement.INCREASE
    if last.upl is not None and target > last.upl:
        return Assurance.CONSISTENT_FAIL if increasing else Assurance.CONSISTENT_PASS
    if last.lpl is not None and target < last.lpl:
        return Assurance.CONSISTENT_PASS if increasing else Assurance.CONSISTENT_FAIL
    return Assurance.INCONSISTENT
