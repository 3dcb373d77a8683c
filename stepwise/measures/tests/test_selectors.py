from datetime import date, timedelta

import pytest

from stepwise.measures import markers, selectors
from stepwise.measures.models import Measure
from stepwise.measures.tests.factories import MeasureFactory
from stepwise.measures.tests.helpers import add_points, mondays

STEADY = [10.0, 12, 11, 9, 10, 11, 12, 10, 9, 11, 10, 12, 11, 10]
HIGHER = [15.0, 16, 15, 17, 16, 15, 16, 17]


@pytest.fixture
def measure(tenant_a):
    return MeasureFactory(organisation=tenant_a.organisation, team=tenant_a.teams[0],
                          name="Visits within 10 days", target=14.0)


@pytest.fixture
def test_markers():
    def cycles(measure):
        return [(mondays(15)[14], "PDSA 1: door-step question")]

    markers.register(cycles)
    yield cycles
    markers.unregister(cycles)


def test_chart_has_picture_sentence_table_and_icons(tenant_a, measure, test_markers):
    add_points(measure, STEADY + HIGHER)
    with tenant_a.context():
        chart = selectors.chart_for(Measure.objects.get(pk=measure.pk))
    assert chart.svg.startswith("<svg") and "Visits within 10 days" in chart.svg
    assert "PDSA 1: door-step question" in chart.svg
    assert chart.markers == [(mondays(15)[14], "PDSA 1: door-step question")]
    assert chart.sentence == ("Special cause improvement: 8 points above the upper limit "
                              "since 8 April 2024.")
    assert len(chart.rows) == 22 and chart.rows[0].figure == "10"
    assert chart.rows[-1].point_type == "special cause improvement"
    assert chart.variation == "improvement_high"
    assert chart.assurance == "inconsistent" and "some weeks" in chart.assurance_label
    assert not chart.too_few_points


def test_chart_markers_may_be_given_and_start_limits_the_window(tenant_a, measure,
                                                                test_markers):
    add_points(measure, STEADY)
    with tenant_a.context():
        chart = selectors.chart_for(measure, markers=[(mondays(3)[2], "Cycle 2")],
                                    start=mondays(10)[9])
    assert chart.markers == [] and len(chart.rows) == 5 and chart.too_few_points
    with tenant_a.context():
        chart = selectors.chart_for(measure, markers=[(mondays(12)[11], "Cycle 2")])
    assert chart.markers == [(mondays(12)[11], "Cycle 2")]
    assert "door-step" not in chart.svg


def test_empty_measure_charts_without_error(tenant_a, measure):
    with tenant_a.context():
        chart = selectors.chart_for(measure)
    assert chart.rows == [] and chart.variation is None
    assert chart.sentence == "No data yet: nothing to analyse."


def test_percentage_figures_show_x_of_y(tenant_a):
    measure = MeasureFactory(organisation=tenant_a.organisation, unit="percentage")
    add_points(measure, [70.0], fractions=[(7, 10)])
    with tenant_a.context():
        assert selectors.chart_for(measure).rows[0].figure == "70.0% (7 of 10)"


@pytest.mark.parametrize(("direction", "values", "key"), [
    ("increase", STEADY, "common_cause"),
    ("increase", STEADY + [30.0], "improvement_high"),
    ("decrease", STEADY + [30.0], "concern_high"),
    ("decrease", STEADY + [-20.0], "improvement_low"),
    ("neutral", STEADY + [30.0], "neutral_high"),
    ("neutral", STEADY + [-20.0], "neutral_low"),
])
def test_variation_icon_follows_the_latest_point(tenant_a, direction, values, key):
    measure = MeasureFactory(organisation=tenant_a.organisation, direction=direction)
    add_points(measure, values)
    with tenant_a.context():
        assert selectors.chart_for(measure).variation == key


def test_did_it_work_with_a_long_baseline(tenant_a, measure):
    add_points(measure, STEADY + HIGHER)
    changed = mondays(15)[14]
    with tenant_a.context():
        statement = selectors.did_it_work_for(measure, start=changed + timedelta(days=3))
    assert statement == ("It looks like it worked: special cause improvement since the change "
                         "on 8 April 2024.")


def test_did_it_work_warns_about_too_few_points(tenant_a, measure):
    add_points(measure, [10.0, 11, 10, 9, 16, 17, 15, 16, 17, 16, 15])
    with tenant_a.context():
        statement = selectors.did_it_work_for(measure, start=mondays(5)[4])
    assert statement.startswith("It looks like it worked")
    assert "only 4 points before the change" in statement
    assert "about 12" in statement


def test_did_it_work_looks_only_at_the_test_period(tenant_a, measure):
    add_points(measure, STEADY + HIGHER)
    with tenant_a.context():
        statement = selectors.did_it_work_for(measure, start=mondays(15)[14],
                                              end=mondays(14)[13])
    assert statement.startswith("Too early to tell: no data since the change on 8 April 2024")


def test_measure_rows_and_query_shape(tenant_a, django_assert_max_num_queries):
    for i in range(5):
        measure = MeasureFactory(organisation=tenant_a.organisation, team=tenant_a.teams[0],
                                 name=f"Measure {i}")
        add_points(measure, STEADY[: i + 3])
    with tenant_a.context(), django_assert_max_num_queries(8):
        rows = selectors.measure_rows(list(selectors.measure_list()))
    assert [row.points for row in rows] == [3, 4, 5, 6, 7]
    assert rows[0].latest_figure == "11" and rows[0].latest.period == date(2024, 1, 15)


def test_tally_measures_are_the_teams_own(tenant_a):
    own = MeasureFactory(organisation=tenant_a.organisation, team=tenant_a.teams[0])
    MeasureFactory(organisation=tenant_a.organisation, team=tenant_a.teams[1])
    MeasureFactory(organisation=tenant_a.organisation, team=None)
    with tenant_a.context():
        assert list(selectors.tally_measures(tenant_a.practitioner)) == [own]
        assert selectors.tally_measures(tenant_a.performance_analyst).count() == 3
