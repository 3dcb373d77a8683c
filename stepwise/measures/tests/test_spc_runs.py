import math
from datetime import date, timedelta
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stepwise.measures.spc import run_chart
from stepwise.measures.spc.arithmetic import r_mean, r_median
from stepwise.measures.spc.runs import binomial_quantile_half


def weekly(n):
    return [date(2025, 1, 6) + timedelta(weeks=i) for i in range(n)]


def summary(values):
    r = run_chart(weekly(len(values)), values)
    return (
        r.median,
        r.n_useful,
        r.longest_run,
        r.longest_run_max,
        r.n_crossings,
        r.n_crossings_min,
        r.runs_signal,
    )


def test_rising_series_has_too_few_crossings():
    # median 5.5; 5 below then 5 above: one crossing, fewer than qbinom(0.05, 9, 0.5) = 2
    assert summary([float(v) for v in range(1, 11)]) == (5.5, 10, 5, 6, 1, 2, True)


def test_points_on_the_median_are_dropped():
    assert summary([1.0, 5.0, 9.0, 5.0, 1.0, 9.0, 5.0]) == (5.0, 4, 1, 5, 3, 0, False)


def test_missing_values_are_ignored():
    assert summary([None, 3.0, None, 1.0, 2.0]) == (2.0, 2, 1, 4, 1, 0, False)


def test_long_run_is_a_signal():
    # median 5; runs 1, 8, 7; 16 useful points allow round(log2(16)) + 3 = 7
    # and need qbinom(0.05, 15, 0.5) = 4 crossings (P(X<=3) = 697/32768, P(X<=4) = 2517/32768)
    values = [1.0] + [9.0] * 8 + [1.0] * 7
    assert summary(values) == (5.0, 16, 8, 7, 2, 4, True)


def test_run_as_long_as_the_limit_is_not_a_signal():
    # median 9.5; sides - + - then 7 above and 6 below: runs 1,1,1,7,6 and 4 crossings
    values = [1.0, 11.0, 2.0, 12.0, 13.0, 14.0, 15.0, 16.0, 17.0, 18.0, 3.0, 4.0, 5.0, 6.0, 7.0]
    values.append(8.0)
    assert summary(values) == (9.5, 16, 7, 7, 4, 4, False)


@pytest.mark.parametrize(
    "values", [[], [None, None], [5.0], [5.0, 5.0, 5.0]], ids=["empty", "missing", "one", "flat"]
)
def test_no_useful_point(values):
    median, n_useful, *counts, signal = summary(values)
    assert median == (5.0 if 5.0 in values else None)
    assert n_useful == 0
    assert counts == [None] * 4
    assert signal is False


def test_rows_are_sorted_by_date():
    dates = weekly(4)
    r = run_chart([dates[3], dates[1], dates[0], dates[2]], [4.0, 2.0, 1.0, 3.0])
    assert [p.value for p in r.points] == [1.0, 2.0, 3.0, 4.0]
    assert r.n_crossings == 1


@pytest.mark.parametrize(
    ("size", "expected"), [(0, 0), (1, 0), (4, 0), (5, 1), (9, 2), (19, 6), (29, 10)]
)
def test_binomial_quantile_worked_values(size, expected):
    # e.g. size 9: P(X<=1) = 10/512 < 0.05 <= P(X<=2) = 46/512
    assert binomial_quantile_half(0.05, size) == expected


def test_binomial_quantile_agrees_with_floating_point_sums_away_from_ties():
    # R searches with floating-point CDFs and a tiny fuzz; the exact answer is the same as
    # long as no CDF value sits within a hair of 0.05, which this checks size by size.
    for size in range(0, 700):
        k = binomial_quantile_half(0.05, size)
        total = 2**size
        below = sum(math.comb(size, i) for i in range(k))
        at = below + math.comb(size, k)
        assert Fraction(at, total) >= Fraction(1, 20) > Fraction(below, total)
        assert abs(Fraction(at, total) - Fraction(1, 20)) > Fraction(1, 10**9)
        assert abs(Fraction(below, total) - Fraction(1, 20)) > Fraction(1, 10**9)


def test_binomial_quantile_rejects_bad_arguments():
    with pytest.raises(ValueError):
        binomial_quantile_half(0.0, 3)
    with pytest.raises(ValueError):
        binomial_quantile_half(0.05, -1)


# Measures are counts, rates and percentages written with a few decimals. Across wildly mixed
# magnitudes (1e16 next to 1e-104) neither R's long double sum nor this code rounds correctly.
decimals = st.builds(
    lambda units, places: units / 10**places,
    st.integers(-(10**9), 10**9),
    st.integers(0, 4),
)


@settings(max_examples=500, deadline=None)
@given(st.lists(decimals, min_size=1, max_size=120))
def test_mean_is_the_correctly_rounded_exact_mean(values):
    exact = sum(map(Fraction, values)) / len(values)
    assert r_mean(values) == float(exact)


def test_mean_of_decimals_lands_on_the_decimal_like_r():
    # a naive sum gives 0.20000000000000004 here; R gives 0.2
    assert r_mean([0.1, 0.2, 0.3]) == 0.2


def test_median():
    assert r_median([3.0, 1.0, 2.0]) == 2.0
    assert r_median([4.0, 1.0, 3.0, 2.0]) == 2.5


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.none(), st.integers(-20, 20).map(float)), max_size=50))
def test_run_chart_invariants(values):
    r = run_chart(weekly(len(values)), values)
    present = [v for v in values if v is not None]
    assert r.n_useful == sum(1 for v in present if v != r.median)
    if r.n_useful:
        assert 1 <= r.longest_run <= r.n_useful
        assert 0 <= r.n_crossings <= r.n_useful - 1
        assert r.runs_signal == (
            r.longest_run > r.longest_run_max or r.n_crossings < r.n_crossings_min
        )
    mirrored = run_chart(weekly(len(values)), [None if v is None else -v for v in values])
    assert (mirrored.n_useful, mirrored.longest_run, mirrored.n_crossings) == (
        r.n_useful,
        r.longest_run,
        r.n_crossings,
    )
