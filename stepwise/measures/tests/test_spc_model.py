# A slow, literal model of the NHSRplotthedots 0.2.2 rules with R's three-valued logic (None
# plays NA), written window by window as the R code is. The engine uses faster run-based scans;
# these tests check that the two agree on random series.

import math
import random
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from stepwise.measures.spc.arithmetic import r_mean, sign
from stepwise.measures.spc.xmr import LIMIT, LIMIT_CLOSE, MOVING_RANGE_SCREEN, xmr


def _and(a, b):
    if a is False or b is False:
        return False
    if a is None or b is None:
        return None
    return True


def _all(items):
    result = True
    for item in items:
        result = _and(result, item)
    return result


def _any(items):
    seen_na = False
    for item in items:
        if item is True:
            return True
        if item is None:
            seen_na = True
    return None if seen_na else False


def _eq(a, b):
    return None if a is None or b is None else a == b


def _sum(items):
    return None if any(i is None for i in items) else sum(items)


def _ge(a, b):
    return None if a is None else a >= b


def _abs_eq(a, b):
    return None if a is None else abs(a) == b


def _step(a, b):
    return None if a is None or b is None else sign(b - a)


def seven_one_side(relative):
    padded = [0] * 6 + relative
    out = []
    for i in range(6, len(padded)):
        same = _all(_eq(padded[i], padded[i - k]) for k in range(1, 7))
        nonzero = None if padded[i] is None else padded[i] != 0
        out.append(_and(same, nonzero))
    return [None if v is None else int(v) for v in out]


def part_of_seven(flags):
    padded = flags + [0] * 6
    return [_any(_abs_eq(padded[i + k], 1) for k in range(7)) for i in range(len(flags))]


def seven_trend(ys):
    n = len(ys)
    if n < 7:
        return [0] * n
    out = [0] * 6
    for i in range(6, n):
        window = ys[i - 6 : i + 1]
        steps = [_step(window[j], window[j + 1]) for j in range(6)]
        rising = _all(_eq(s, 1) for s in steps)
        falling = _all(_eq(s, -1) for s in steps)
        # R stops with an error where a missing step leaves the test undecided; the
        # specification makes such a window not fire.
        out.append(1 if rising is True else -1 if falling is True else 0)
    return out


def two_in_three(close, relative):
    padded_close = [0, 0] + [None if c is None else int(c) for c in close] + [0, 0]
    padded_rel = [0, 0] + relative + [0, 0]
    out = []
    for i in range(len(close)):
        results = []
        for offset in (0, 1, 2):
            c = _sum(padded_close[i + offset : i + offset + 3])
            r = _sum(padded_rel[i + offset : i + offset + 3])
            results.append(_and(_ge(c, 2), _abs_eq(r, 3)))
        out.append(_any(results))
    return out


def point_rules(ys, mean, lpl, upl, near_lower, near_upper):
    n = len(ys)
    relative = [None if y is None or mean is None else sign(y - mean) for y in ys]
    outside, close = [], []
    for y in ys:
        if y is None or lpl is None:
            outside.append(None)
            close.append(None)
        else:
            o = y > upl or y < lpl
            outside.append(o)
            close.append(not o and (y < near_lower or y > near_upper))
    trend = part_of_seven(seven_trend(ys))
    two = [
        _and(_eq(v, True), None if c is None else c)
        for v, c in zip(two_in_three(close, relative), close, strict=True)
    ]
    shift = part_of_seven(seven_one_side(relative))
    steps = [_step(ys[j], ys[j + 1]) for j in range(n - 1)]
    rules = []
    for i in range(n):
        if outside[i] is True:
            rules.append(("outside_limits", 1 if relative[i] == 1 else -1))
        elif trend[i] is True:
            use_right = i + 1 < n and trend[i + 1] is True
            step = steps[i] if use_right else (steps[i - 1] if i > 0 else 0)
            rules.append(("trend", 1 if step == 1 else -1))
        elif two[i] is True:
            rules.append(("two_in_three", 1 if relative[i] > 0 else -1))
        elif shift[i] is True:
            rules.append(("shift", 1 if relative[i] > 0 else -1))
        else:
            rules.append((None, 0))
    return rules


def model_segment(ys, *, fix_after=None, screen=True):
    baseline = ys if fix_after is None else ys[:fix_after]
    present = [y for y in baseline if y is not None]
    mean = r_mean(present) if present else None
    ranges = [
        abs(baseline[j + 1] - baseline[j])
        for j in range(len(baseline) - 1)
        if baseline[j] is not None and baseline[j + 1] is not None
    ]
    mean_range = r_mean(ranges) if ranges else None
    if screen and mean_range is not None:
        kept = [r for r in ranges if r < MOVING_RANGE_SCREEN * mean_range]
        mean_range = r_mean(kept) if kept else None
    if mean is None or mean_range is None:
        return mean, None, None, point_rules(ys, mean, None, None, None, None)
    lpl, upl = mean - LIMIT * mean_range, mean + LIMIT * mean_range
    near_lower = mean - LIMIT_CLOSE * mean_range
    near_upper = mean + LIMIT_CLOSE * mean_range
    return mean, lpl, upl, point_rules(ys, mean, lpl, upl, near_lower, near_upper)


# Small integer levels make ties with the mean, equal neighbours, runs and trends common.
levels = st.one_of(st.none(), st.integers(0, 12).map(float))
# Mostly quiet with occasional jumps, so points land between two-thirds of the way and the
# limits on either side of the mean: the two-in-three rule needs such points to be tested.
spiky = st.one_of(
    st.none(), st.sampled_from([0.0] * 8 + [1.0, -1.0, 1.0, -1.0, 3.0, -3.0, 4.0, -4.0, 6.0])
)
series = st.one_of(st.lists(levels, max_size=60), st.lists(spiky, max_size=60))


def weekly(n):
    return [date(2024, 1, 1) + timedelta(weeks=i) for i in range(n)]


@settings(max_examples=400, deadline=None)
@given(
    ys=series,
    fix_after=st.one_of(st.none(), st.integers(1, 30)),
    screen=st.booleans(),
    cuts=st.lists(st.integers(0, 59), max_size=3),
)
def test_engine_agrees_with_the_window_by_window_model(ys, fix_after, screen, cuts):
    dates = weekly(len(ys))
    rebase = [dates[c] for c in cuts if c < len(ys)]
    result = xmr(dates, ys, rebase=rebase, fix_after=fix_after, screen_outliers=screen)
    starts = sorted({0} | {c for c in cuts if 0 < c < len(ys)})
    expected = []
    for start, stop in zip(starts, starts[1:] + [len(ys)], strict=True):
        mean, lpl, upl, rules = model_segment(ys[start:stop], fix_after=fix_after, screen=screen)
        expected += [(mean, lpl, upl, rule, side) for rule, side in rules]
    actual = [(p.mean, p.lpl, p.upl, p.rule, p.side) for p in result.points]
    assert actual == expected


@settings(max_examples=200, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(7, 80))
def test_engine_agrees_with_the_model_on_noisy_decimal_series(seed, n):
    rng = random.Random(seed)
    level = rng.uniform(-50, 50)
    ys = []
    for _ in range(n):
        level += rng.choice([0, 0, 0, rng.gauss(0, 3)])
        ys.append(
            None if rng.random() < 0.05 else round(level + rng.gauss(0, 1), rng.randint(0, 3))
        )
    if not any(y is not None for y in ys):
        return
    result = xmr(weekly(n), ys)
    mean, lpl, upl, rules = model_segment(ys)
    assert [(p.rule, p.side) for p in result.points] == rules
    assert all(p.mean == mean and p.lpl == lpl and p.upl == upl for p in result.points)
    assert math.isfinite(mean)
