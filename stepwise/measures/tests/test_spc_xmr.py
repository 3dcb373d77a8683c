from datetime import date, timedelta

import pytest

from stepwise.measures.spc import Assurance, PointType, Rule, xmr

COMMON = PointType.COMMON_CAUSE
IMPROVEMENT = PointType.SPECIAL_CAUSE_IMPROVEMENT
CONCERN = PointType.SPECIAL_CAUSE_CONCERN

# With fix_after=4 this baseline gives mean 10 and mean moving range 2, so
# limits 10 -/+ 5.32 = 4.68 / 15.32 and two-thirds marks 10 -/+ 3.5467 = 6.4533 / 13.5467.
# Later points between 6.46 and 13.54 are never close to a limit, which isolates each rule.
BASELINE = [11.0, 9.0, 11.0, 9.0]


def weekly(n, start=date(2025, 1, 6)):
    return [start + timedelta(weeks=i) for i in range(n)]


def fixed(tail, **options):
    values = BASELINE + tail
    return xmr(weekly(len(values)), values, fix_after=4, **options)


def types(result):
    return [p.point_type for p in result.points]


def test_mean_and_limits_of_a_small_series():
    result = xmr(weekly(5), [10, 12, 11, 13, 12])
    # mean 58/5, moving ranges 2,1,2,1 -> 1.5; none is at or above 3.267 * 1.5
    assert [p.mean for p in result.points] == pytest.approx([11.6] * 5)
    assert result.points[0].lpl == pytest.approx(11.6 - 3.99)
    assert result.points[0].upl == pytest.approx(11.6 + 3.99)
    assert types(result) == [COMMON] * 5


def test_baseline_limits():
    point = fixed([]).points[0]
    assert (point.mean, point.lpl, point.upl) == pytest.approx((10, 4.68, 15.32))


def test_point_above_upper_limit_is_improvement_when_increase_is_better():
    values = [10.0, 12.0] * 10 + [18.0]
    # mean 238/21 = 11.333; ranges 2 x19 and 6 -> 2.2; upl 11.333 + 5.852 = 17.185
    result = xmr(weekly(21), values)
    assert result.points[-1].upl == pytest.approx(238 / 21 + 2.66 * 2.2)
    assert types(result) == [COMMON] * 20 + [IMPROVEMENT]
    assert result.points[-1].rule is Rule.OUTSIDE_LIMITS


@pytest.mark.parametrize(
    ("improvement", "expected"),
    [
        ("increase", CONCERN),
        ("decrease", IMPROVEMENT),
        ("neutral", PointType.SPECIAL_CAUSE_NEUTRAL_LOW),
    ],
)
def test_point_below_lower_limit_by_direction(improvement, expected):
    result = fixed([11.0, 4.0], improvement=improvement)
    assert types(result) == [COMMON] * 5 + [expected]


def test_neutral_high():
    result = fixed([16.0], improvement="neutral")
    assert types(result)[-1] is PointType.SPECIAL_CAUSE_NEUTRAL_HIGH


def test_a_point_exactly_on_a_limit_is_not_outside():
    values = [10.0, 12.0, 10.0, 12.0, 10.0]
    result = xmr(weekly(5), values)
    upl = result.points[0].upl
    fixed_result = xmr(weekly(6), [*values, upl], fix_after=5)
    assert fixed_result.points[-1].rule is None


def test_screening_drops_large_moving_ranges_once():
    values = [10.0, 12.0] * 10 + [40.0]
    screened = xmr(weekly(21), values)
    unscreened = xmr(weekly(21), values, screen_outliers=False)
    mean = 260 / 21
    # ranges: 2 x19 and 28 -> 3.3; 28 >= 3.267 * 3.3 is dropped, leaving 2
    assert screened.points[0].upl == pytest.approx(mean + 2.66 * 2)
    assert unscreened.points[0].upl == pytest.approx(mean + 2.66 * 3.3)


def test_seven_points_above_the_mean_is_a_shift():
    result = fixed([11.0, 12.0, 11.0, 12.0, 11.0, 12.0, 11.0])
    assert types(result) == [COMMON] * 4 + [IMPROVEMENT] * 7
    assert {p.rule for p in result.points[4:]} == {Rule.SHIFT}


def test_six_points_above_the_mean_is_not_a_shift():
    result = fixed([11.0, 12.0, 11.0, 12.0, 11.0, 12.0, 9.0])
    assert types(result) == [COMMON] * 11


def test_a_point_on_the_mean_breaks_a_run():
    broken = fixed([11.0, 12.0, 11.0, 10.0, 12.0, 11.0, 12.0, 11.0])
    assert types(broken) == [COMMON] * 12
    unbroken = fixed([11.0, 12.0, 11.0, 10.5, 12.0, 11.0, 12.0, 11.0])
    assert types(unbroken) == [COMMON] * 4 + [IMPROVEMENT] * 8


def test_shift_below_is_concern_and_improvement_when_decrease_is_better():
    tail = [9.0, 8.0, 9.0, 8.0, 9.0, 8.0, 9.0]
    assert types(fixed(tail))[4:] == [CONCERN] * 7
    assert types(fixed(tail, improvement="decrease"))[4:] == [IMPROVEMENT] * 7


def test_seven_rising_points_are_a_trend_and_every_point_is_marked():
    result = fixed([7.0, 8.0, 9.0, 10.0, 11.0, 12.0, 13.0])
    assert types(result) == [COMMON] * 4 + [IMPROVEMENT] * 7
    assert {p.rule for p in result.points[4:]} == {Rule.TREND}


def test_six_rising_points_are_not_a_trend():
    assert types(fixed([8.0, 9.0, 10.0, 11.0, 12.0, 13.0])) == [COMMON] * 10


def test_an_equal_step_breaks_a_trend():
    assert types(fixed([7.0, 8.0, 9.0, 9.0, 10.0, 11.0, 12.0])) == [COMMON] * 11


def test_falling_trend_is_concern_when_increase_is_better():
    result = fixed([13.0, 12.0, 11.0, 10.0, 9.0, 8.0, 7.0])
    assert types(result) == [COMMON] * 4 + [CONCERN] * 7


def test_trend_crossing_the_mean_is_one_colour():
    result = fixed([7.0, 8.0, 9.0, 10.0, 11.0, 12.0, 13.0], improvement="decrease")
    assert types(result)[4:] == [CONCERN] * 7


def test_peak_shared_by_two_trends_takes_the_step_to_its_right():
    rising = [7.0, 8.0, 9.0, 10.0, 11.0, 12.0, 13.0]
    falling = [12.5, 12.0, 11.5, 11.0, 10.5, 10.0]
    result = fixed(rising + falling)
    assert types(result) == [COMMON] * 4 + [IMPROVEMENT] * 6 + [CONCERN] * 7


def test_two_of_three_close_to_the_upper_limit():
    result = fixed([14.0, 11.0, 14.0, 9.0])
    assert types(result) == [COMMON] * 4 + [IMPROVEMENT, COMMON, IMPROVEMENT, COMMON]
    assert result.points[4].rule is Rule.TWO_IN_THREE


def test_two_of_three_needs_all_three_on_the_same_side():
    assert types(fixed([14.0, 9.0, 14.0, 9.0])) == [COMMON] * 8


def test_two_of_three_does_not_fire_with_a_point_on_the_mean():
    assert types(fixed([14.0, 10.0, 14.0, 9.0])) == [COMMON] * 8


def test_a_point_outside_the_limits_is_not_close_to_them():
    result = fixed([16.0, 14.0, 11.0, 9.0])
    assert types(result) == [COMMON] * 4 + [IMPROVEMENT, COMMON, COMMON, COMMON]
    assert result.points[4].rule is Rule.OUTSIDE_LIMITS


def test_outside_limits_takes_precedence_over_a_trend():
    result = fixed([7.0, 8.0, 9.0, 10.0, 11.0, 12.0, 16.0])
    assert [p.rule for p in result.points[4:]] == [Rule.TREND] * 6 + [Rule.OUTSIDE_LIMITS]


def test_trend_takes_precedence_over_two_in_three_and_shift():
    # 11.5..13.9 rise for seven points, all above the mean, the last two close to the limit
    tail = [11.5, 12.0, 12.5, 13.0, 13.2, 13.6, 13.9]
    assert [p.rule for p in fixed(tail).points[4:]] == [Rule.TREND] * 7


def test_two_in_three_takes_precedence_over_shift():
    tail = [11.0, 12.0, 11.0, 14.0, 12.0, 14.0, 11.0]
    rules = [p.rule for p in fixed(tail).points[4:]]
    assert rules == [Rule.SHIFT] * 3 + [
        Rule.TWO_IN_THREE,
        Rule.SHIFT,
        Rule.TWO_IN_THREE,
        Rule.SHIFT,
    ]


def test_missing_value_is_common_cause_and_left_out_of_the_mean():
    result = xmr(weekly(5), [11.0, 9.0, None, 11.0, 9.0])
    point = result.points[2]
    assert point.value is None and point.point_type is COMMON
    # the ranges next to the gap are dropped: 2 and 2 remain
    assert (point.mean, point.upl) == pytest.approx((10, 15.32))


def test_missing_value_breaks_a_shift_and_a_trend():
    assert types(fixed([11.0, 12.0, 11.0, None, 12.0, 11.0, 12.0, 11.0])) == [COMMON] * 12
    assert types(fixed([7.0, 8.0, 9.0, None, 10.0, 11.0, 12.0, 13.0])) == [COMMON] * 12


def test_nan_is_read_as_missing():
    with_nan = xmr(weekly(5), [11.0, 9.0, float("nan"), 11.0, 9.0])
    assert with_nan == xmr(weekly(5), [11.0, 9.0, None, 11.0, 9.0])


def test_missing_rows_count_towards_fix_after():
    result = xmr(weekly(6), [None, 11.0, 9.0, 11.0, 9.0, 50.0], fix_after=3)
    assert result.points[0].mean == 10
    assert result.points[-1].point_type is IMPROVEMENT


def test_fix_after_tests_later_points_against_the_baseline_limits():
    result = fixed([20.0])
    assert result.points[-1].upl == pytest.approx(15.32)
    assert types(result)[-1] is IMPROVEMENT
    assert types(xmr(weekly(5), [*BASELINE, 20.0]))[-1] is COMMON


def test_rebase_recalculates_each_segment():
    low = [8.0, 10.0, 8.0, 10.0, 8.0, 10.0, 8.0]
    high = [12.0, 14.0, 12.0, 14.0, 12.0, 14.0, 12.0]
    dates = weekly(14)
    whole = xmr(dates, low + high)
    assert types(whole) == [CONCERN] * 7 + [IMPROVEMENT] * 7
    rebased = xmr(dates, low + high, rebase=[dates[7]])
    assert [p.mean for p in rebased.points] == pytest.approx([62 / 7] * 7 + [90 / 7] * 7)
    assert [p.segment for p in rebased.points] == [0] * 7 + [1] * 7
    assert types(rebased) == [COMMON] * 14


def test_rebase_on_a_date_not_in_the_data_is_ignored():
    dates = weekly(14)
    values = [8.0, 10.0] * 3 + [8.0] + [12.0, 14.0] * 3 + [12.0]
    assert xmr(dates, values, rebase=[dates[7] + timedelta(days=1)]) == xmr(dates, values)
    assert xmr(dates, values, rebase=[dates[0]]) == xmr(dates, values)


def test_fix_after_applies_per_segment():
    dates = weekly(10)
    values = [11.0, 9.0, 30.0, 30.0, 30.0, 21.0, 19.0, 40.0, 40.0, 40.0]
    result = xmr(dates, values, rebase=[dates[5]], fix_after=2)
    assert [p.mean for p in result.points] == [10.0] * 5 + [20.0] * 5


def test_rows_are_sorted_by_date():
    dates = weekly(3)
    result = xmr([dates[2], dates[0], dates[1]], [3.0, 1.0, 2.0])
    assert [p.value for p in result.points] == [1.0, 2.0, 3.0]


@pytest.mark.parametrize("n", [0, 1])
def test_too_few_points_have_no_limits(n):
    result = xmr(weekly(n), [5.0] * n)
    assert len(result.points) == n
    assert all(p.lpl is None and p.upl is None for p in result.points)
    assert all(p.point_type is COMMON for p in result.points)


def test_two_points_have_limits():
    result = xmr(weekly(2), [4.0, 6.0])
    assert (result.points[0].lpl, result.points[0].upl) == pytest.approx((5 - 5.32, 5 + 5.32))


def test_segment_with_only_missing_values_has_no_mean():
    result = xmr(weekly(3), [None, None, None], target=3)
    assert all(p.mean is None and p.lpl is None for p in result.points)
    assert result.assurance is Assurance.INCONSISTENT


def test_constant_series_limits_vanish_when_screened():
    screened = xmr(weekly(10), [5.0] * 10)
    assert screened.points[0].upl is None and screened.points[0].mean == 5.0
    unscreened = xmr(weekly(10), [5.0] * 10, screen_outliers=False)
    assert unscreened.points[0].upl == unscreened.points[0].lpl == 5.0
    assert types(screened) == types(unscreened) == [COMMON] * 10


@pytest.mark.parametrize(
    ("improvement", "target", "expected"),
    [
        ("increase", 16.0, Assurance.CONSISTENT_FAIL),
        ("decrease", 16.0, Assurance.CONSISTENT_PASS),
        ("increase", 4.0, Assurance.CONSISTENT_PASS),
        ("decrease", 4.0, Assurance.CONSISTENT_FAIL),
        ("increase", 10.0, Assurance.INCONSISTENT),
        ("decrease", 15.32, Assurance.INCONSISTENT),
        ("neutral", 16.0, None),
        ("increase", None, None),
    ],
)
def test_assurance(improvement, target, expected):
    assert fixed([10.0], improvement=improvement, target=target).assurance is expected


def test_assurance_uses_the_last_segment():
    dates = weekly(8)
    values = [11.0, 9.0, 11.0, 9.0, 101.0, 99.0, 101.0, 99.0]
    result = xmr(dates, values, rebase=[dates[4]], target=50.0)
    assert result.assurance is Assurance.CONSISTENT_PASS


def test_assurance_with_target_exactly_on_the_upper_limit_is_inconsistent():
    upl = fixed([]).points[-1].upl
    assert fixed([], target=upl).assurance is Assurance.INCONSISTENT


@pytest.mark.parametrize(
    "kwargs",
    [{"fix_after": 0}, {"improvement": "sideways"}, {"target": float("nan")}],
)
def test_bad_arguments(kwargs):
    with pytest.raises(ValueError):
        xmr(weekly(3), [1.0, 2.0, 3.0], **kwargs)


def test_duplicate_dates_and_non_finite_values_are_rejected():
    day = date(2025, 1, 6)
    with pytest.raises(ValueError, match="duplicate"):
        xmr([day, day], [1.0, 2.0])
    with pytest.raises(ValueError):
        xmr(weekly(2), [1.0, float("inf")])
