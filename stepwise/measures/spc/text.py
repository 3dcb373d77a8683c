from collections import Counter
from datetime import date

from stepwise.measures.spc.runs import RunResult
from stepwise.measures.spc.xmr import PointType, Rule, XmrPoint, XmrResult

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

SIGNAL_LABELS = {
    PointType.SPECIAL_CAUSE_IMPROVEMENT: "Special cause improvement",
    PointType.SPECIAL_CAUSE_CONCERN: "Special cause concern",
    PointType.SPECIAL_CAUSE_NEUTRAL_HIGH: "Special cause variation (high)",
    PointType.SPECIAL_CAUSE_NEUTRAL_LOW: "Special cause variation (low)",
}
RULE_PRECEDENCE = (Rule.OUTSIDE_LIMITS, Rule.TREND, Rule.TWO_IN_THREE, Rule.SHIFT)
MIN_POINTS_FOR_SHIFT = 7


def long_date(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def describe(result: XmrResult | RunResult) -> str:
    if isinstance(result, RunResult):
        return _describe_run(result)
    if not any(point.value is not None for point in result.points):
        return "No data yet: nothing to analyse."
    latest_segment = result.points[-1].segment
    group = _latest_signal([p for p in result.points if p.segment == latest_segment])
    if not group:
        return "Common cause variation only: no signal."
    return f"{SIGNAL_LABELS[group[0].point_type]}: {_signal_phrase(group, result.points)}."


def did_it_work(result: XmrResult, *, changed_on: date) -> str:
    after = [p for p in result.points if p.date >= changed_on and p.value is not None]
    when = long_date(changed_on)
    if not after:
        return f"Too early to tell: no data since the change on {when}."
    types = {p.point_type for p in after}
    if (
        PointType.SPECIAL_CAUSE_IMPROVEMENT in types
        and PointType.SPECIAL_CAUSE_CONCERN not in types
    ):
        return f"It looks like it worked: special cause improvement since the change on {when}."
    if (
        PointType.SPECIAL_CAUSE_CONCERN in types
        and PointType.SPECIAL_CAUSE_IMPROVEMENT not in types
    ):
        return f"It may have made things worse: special cause concern since the change on {when}."
    if types & {PointType.SPECIAL_CAUSE_IMPROVEMENT, PointType.SPECIAL_CAUSE_CONCERN}:
        return f"Mixed signals since the change on {when}: look at the chart with the team."
    if types & {PointType.SPECIAL_CAUSE_NEUTRAL_HIGH, PointType.SPECIAL_CAUSE_NEUTRAL_LOW}:
        return f"Something changed after {when}; this measure has no better direction."
    if len(after) < MIN_POINTS_FOR_SHIFT:
        return (
            f"Too early to tell: {len(after)} point{'s' if len(after) != 1 else ''} since the "
            f"change on {when}; a shift needs {MIN_POINTS_FOR_SHIFT}."
        )
    return f"No sign of a difference yet: common cause variation only since {when}."


def _latest_signal(points: list[XmrPoint]) -> list[XmrPoint]:
    group: list[XmrPoint] = []
    for point in reversed(points):
        if point.point_type is PointType.COMMON_CAUSE:
            if group:
                break
            continue
        if group and group[-1].point_type is not point.point_type:
            break
        group.append(point)
    return group[::-1]


def _signal_phrase(group: list[XmrPoint], all_points: list[XmrPoint]) -> str:
    counts = Counter(point.rule for point in group)
    rule = max(RULE_PRECEDENCE, key=lambda r: (counts[r], -RULE_PRECEDENCE.index(r)))
    side = group[-1].side
    n = len(group)
    points = "a point" if n == 1 else f"{n} points"
    if rule is Rule.SHIFT:
        what = f"{points} {'above' if side > 0 else 'below'} the mean"
    elif rule is Rule.TREND:
        what = f"{points} {'rising' if side > 0 else 'falling'} in a row"
    elif rule is Rule.TWO_IN_THREE:
        what = f"{points} close to the {'upper' if side > 0 else 'lower'} limit"
    else:
        what = f"{points} {'above the upper' if side > 0 else 'below the lower'} limit"
    last_value_date = max(p.date for p in all_points if p.value is not None)
    if n == 1:
        return f"{what} on {long_date(group[0].date)}"
    if group[-1].date == last_value_date:
        return f"{what} since {long_date(group[0].date)}"
    return f"{what} from {long_date(group[0].date)} to {long_date(group[-1].date)}"


def _describe_run(result: RunResult) -> str:
    if not result.n_useful:
        return "Too few points off the median to look for a signal."
    reasons = []
    longest, longest_max = result.longest_run, result.longest_run_max
    if longest is not None and longest_max is not None and longest > longest_max:
        reasons.append(
            f"a run of {longest} points on one side of the median (more than {longest_max})"
        )
    crossings, crossings_min = result.n_crossings, result.n_crossings_min
    if crossings is not None and crossings_min is not None and crossings < crossings_min:
        noun = "crossing" if crossings == 1 else "crossings"
        reasons.append(f"only {crossings} {noun} of the median (fewer than {crossings_min})")
    if not reasons:
        return "Random variation only: no signal."
    return f"Non-random variation: {' and '.join(reasons)}."
