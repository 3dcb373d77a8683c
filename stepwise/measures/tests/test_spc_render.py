import xml.etree.ElementTree as ET
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from stepwise.measures.spc import describe, did_it_work, render_svg, run_chart, xmr
from stepwise.measures.spc.render import POINT_COLOURS

SVG = "{http://www.w3.org/2000/svg}"
BASELINE = [11.0, 9.0, 11.0, 9.0]  # with fix_after=4: mean 10, limits 4.68 and 15.32


def weekly(n):
    return [date(2025, 1, 6) + timedelta(weeks=i) for i in range(n)]


def fixed(tail, **options):
    values = BASELINE + tail
    return xmr(weekly(len(values)), values, fix_after=4, **options)


def test_describe_common_cause():
    assert describe(fixed([10.5, 9.5])) == "Common cause variation only: no signal."


def test_describe_shift():
    result = fixed([11.0, 12.0, 11.0, 12.0, 11.0, 12.0, 11.0, 12.0])
    assert (
        describe(result)
        == "Special cause improvement: 8 points above the mean since 3 February 2025."
    )


def test_describe_falling_trend_when_decrease_is_better():
    result = fixed([13.0, 12.0, 11.0, 10.0, 9.0, 8.0, 7.0], improvement="decrease")
    assert describe(result) == (
        "Special cause improvement: 7 points falling in a row since 3 February 2025."
    )


def test_describe_single_point_outside_and_a_signal_that_has_ended():
    assert describe(fixed([16.0])) == (
        "Special cause improvement: a point above the upper limit on 3 February 2025."
    )
    ended = fixed([16.0, 10.5, 9.5])
    assert describe(ended).endswith("a point above the upper limit on 3 February 2025.")
    two = fixed([14.0, 11.0, 14.0, 9.0])
    assert describe(two) == (
        "Special cause improvement: a point close to the upper limit on 17 February 2025."
    )


def test_describe_neutral_and_no_data():
    assert describe(fixed([4.0], improvement="neutral")).startswith("Special cause variation (low)")
    assert describe(xmr([], [])) == "No data yet: nothing to analyse."


def test_describe_only_looks_at_the_latest_segment():
    values = BASELINE + [30.0] + [11.0, 9.0, 11.0, 9.0]
    dates = weekly(len(values))
    assert "upper limit" in describe(xmr(dates, values, fix_after=4))
    rebased = xmr(dates, values, fix_after=4, rebase=[dates[5]])
    assert describe(rebased) == "Common cause variation only: no signal."


def test_describe_run_chart():
    assert (
        describe(run_chart(weekly(4), [1.0, 3.0, 2.0, 4.0])) == "Random variation only: no signal."
    )
    rising = run_chart(weekly(10), [float(v) for v in range(10)])
    assert describe(rising) == (
        "Non-random variation: only 1 crossing of the median (fewer than 2)."
    )
    assert describe(run_chart(weekly(2), [3.0, 3.0])).startswith("Too few points")


def test_did_it_work():
    changed_on = weekly(5)[4]
    assert did_it_work(fixed([16.0]), changed_on=changed_on).startswith("It looks like it worked")
    assert did_it_work(fixed([4.0]), changed_on=changed_on).startswith("It may have made things")
    assert did_it_work(fixed([10.5]), changed_on=changed_on).startswith(
        "Too early to tell: 1 point"
    )
    assert did_it_work(fixed([]), changed_on=changed_on).startswith("Too early to tell: no data")
    quiet = fixed([10.5, 9.5] * 4)
    assert did_it_work(quiet, changed_on=changed_on).startswith("No sign of a difference")


def parse(svg):
    return ET.fromstring(svg)


def test_svg_is_accessible_and_names_itself():
    result = fixed([16.0, 10.5, 9.5], target=12.0)
    root = parse(render_svg(result, title="Visits in 10 days", target=12.0))
    assert root.get("role") == "img"
    ids = root.get("aria-labelledby").split()
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert [title.get("id"), desc.get("id")] == ids
    assert title.text == "Visits in 10 days"
    assert desc.text.startswith(describe(result))
    assert "target 12" in desc.text


def test_svg_colours_points_by_type():
    result = fixed([16.0, 4.0, 10.5])
    points = parse(render_svg(result, title="t")).find(f".//{SVG}g[@class='spc-points']")
    circles = points.iter(f"{SVG}circle")
    assert [c.get("fill") for c in circles] == [POINT_COLOURS[p.point_type] for p in result.points]
    assert len({POINT_COLOURS[p.point_type] for p in result.points}) == 3


def test_svg_limits_step_at_a_rebase_and_gaps_for_missing_values():
    values = [11.0, 9.0, None, 11.0, 21.0, 19.0, 21.0]
    dates = weekly(len(values))
    root = parse(render_svg(xmr(dates, values, rebase=[dates[4]]), title="t"))
    limits = root.find(f".//{SVG}g[@class='spc-limits']")
    mean_lines = [line for line in limits if line.get("stroke") == "#000000"]
    assert len(mean_lines) == 2
    assert mean_lines[0].get("y1") != mean_lines[1].get("y1")
    path = root.find(f".//{SVG}path[@class='spc-values']").get("d")
    assert path.count("M") == 2
    points = root.find(f".//{SVG}g[@class='spc-points']")
    assert len(list(points.iter(f"{SVG}circle"))) == 6


def test_svg_legend_lists_the_point_types_shown():
    root = parse(render_svg(fixed([16.0, 10.5]), title="t"))
    legend = root.find(f".//{SVG}g[@class='spc-legend']")
    assert [t.text for t in legend.iter(f"{SVG}text")] == [
        "Common cause",
        "Special cause improvement",
    ]


def test_svg_markers_and_target():
    result = fixed([10.5, 9.5])
    svg = render_svg(
        result,
        title="t",
        target=13.0,
        markers=[(weekly(5)[4], "PDSA 1: <new form>")],
    )
    root = parse(svg)
    marker = root.find(f".//{SVG}g[@class='spc-marker']")
    assert marker.find(f"{SVG}text").text == "PDSA 1: <new form>"
    target = root.find(f".//{SVG}g[@class='spc-target']")
    assert target.find(f"{SVG}text").text == "Target 13"


def test_svg_for_run_chart_and_empty_series():
    root = parse(render_svg(run_chart(weekly(3), [1.0, 2.0, 3.0]), title="Runs"))
    assert root.find(f".//{SVG}line[@class='spc-median']") is not None
    parse(render_svg(xmr([], []), title="Nothing yet"))


@settings(max_examples=60, deadline=None)
@given(
    values=st.lists(
        st.one_of(st.none(), st.floats(-1e6, 1e6, allow_nan=False)), min_size=0, max_size=30
    ),
    chart=st.sampled_from(["xmr", "run"]),
)
def test_svg_is_always_well_formed(values, chart):
    dates = weekly(len(values))
    result = xmr(dates, values) if chart == "xmr" else run_chart(dates, values)
    root = parse(render_svg(result, title="Any & all", markers=[(date(2025, 3, 3), "a")]))
    assert root.tag == f"{SVG}svg"
