import math
import random
from datetime import date, timedelta
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from stepwise.measures.spc import PointType, xmr

COMMON = PointType.COMMON_CAUSE


def weekly(n):
    return [date(2024, 4, 1) + timedelta(weeks=i) for i in range(n)]


values_strategy = st.lists(
    st.one_of(
        st.none(),
        st.integers(-1000, 1000).map(float),
        st.floats(-1e6, 1e6, allow_nan=False),
    ),
    max_size=50,
)
options_strategy = st.fixed_dictionaries(
    {
        "improvement": st.sampled_from(["increase", "decrease", "neutral"]),
        "fix_after": st.one_of(st.none(), st.integers(1, 40)),
        "screen_outliers": st.booleans(),
    }
)


@settings(max_examples=200, deadline=None)
@given(values=values_strategy, options=options_strategy)
def test_limits_are_symmetric_about_the_mean(values, options):
    for p in xmr(weekly(len(values)), values, **options).points:
        if p.upl is None:
            assert p.lpl is None
            continue
        assert p.lpl <= p.mean <= p.upl
        assert math.isclose(p.upl - p.mean, p.mean - p.lpl, rel_tol=1e-9, abs_tol=1e-6)


@settings(max_examples=100, deadline=None)
@given(
    level=st.floats(-1e6, 1e6, allow_nan=False),
    n=st.integers(0, 40),
    gaps=st.sets(st.integers(0, 39)),
    options=options_strategy,
)
def test_a_constant_series_has_no_special_cause(level, n, gaps, options):
    values = [None if i in gaps else level for i in range(n)]
    result = xmr(weekly(n), values, **options)
    assert all(p.point_type is COMMON for p in result.points)


@settings(max_examples=150, deadline=None)
@given(values=values_strategy, options=options_strategy, seed=st.integers(0, 10**6))
def test_result_does_not_depend_on_input_order(values, options, seed):
    dates = weekly(len(values))
    rows = list(zip(dates, values, strict=True))
    random.Random(seed).shuffle(rows)
    shuffled = xmr([d for d, _ in rows], [v for _, v in rows], **options)
    assert shuffled == xmr(dates, values, **options)


@settings(max_examples=150, deadline=None)
@given(values=values_strategy, options=options_strategy)
def test_doubling_every_value_doubles_the_limits_and_keeps_the_signals(values, options):
    # Multiplying by two is exact in binary floating point, so no comparison may change.
    dates = weekly(len(values))
    base = xmr(dates, values, **options)
    doubled = xmr(dates, [None if v is None else 2 * v for v in values], **options)
    for a, b in zip(base.points, doubled.points, strict=True):
        assert b.point_type is a.point_type and b.rule is a.rule
        for x, y in ((a.mean, b.mean), (a.lpl, b.lpl), (a.upl, b.upl)):
            assert (x is None and y is None) or y == 2 * x


@settings(max_examples=150, deadline=None)
@given(values=values_strategy, options=options_strategy)
def test_mirroring_the_values_keeps_which_rule_fired(values, options):
    dates = weekly(len(values))
    base = xmr(dates, values, **options)
    mirrored = xmr(dates, [None if v is None else -v for v in values], **options)
    assert [p.rule for p in mirrored.points] == [p.rule for p in base.points]
    for a, b in zip(base.points, mirrored.points, strict=True):
        if a.rule is not None and a.rule != "trend":
            assert b.side == -a.side


@settings(max_examples=150, deadline=None)
@given(values=values_strategy, options=options_strategy)
def test_rule_patterns_always_mark_their_points(values, options):
    result = xmr(weekly(len(values)), values, **options)
    points = result.points
    for p in points:
        if p.value is None:
            assert p.point_type is COMMON
        elif p.upl is not None and (p.value > p.upl or p.value < p.lpl):
            assert p.point_type is not COMMON
    for i in range(len(points) - 6):
        window = points[i : i + 7]
        if len({p.segment for p in window}) > 1 or any(p.value is None for p in window):
            continue
        ys = [p.value for p in window]
        steps = [b - a for a, b in pairwise(ys)]
        rising, falling = all(s > 0 for s in steps), all(s < 0 for s in steps)
        mean = window[0].mean
        one_side = all(y > mean for y in ys) or all(y < mean for y in ys)
        if rising or falling or one_side:
            assert all(p.point_type is not COMMON for p in window)


@settings(max_examples=100, deadline=None)
@given(values=values_strategy, fix_after=st.integers(1, 20), extra=st.integers(0, 20))
def test_points_after_the_fix_do_not_move_the_limits(values, fix_after, extra):
    dates = weekly(len(values))
    short = xmr(dates[: fix_after + extra], values[: fix_after + extra], fix_after=fix_after)
    full = xmr(dates, values, fix_after=fix_after)
    for a, b in zip(short.points, full.points, strict=False):
        assert (a.mean, a.lpl, a.upl) == (b.mean, b.lpl, b.upl)


@settings(max_examples=50, deadline=None)
@given(values=values_strategy)
def test_rebasing_at_every_date_leaves_no_limits(values):
    dates = weekly(len(values))
    result = xmr(dates, values, rebase=dates)
    assert all(p.lpl is None and p.point_type is COMMON for p in result.points)
