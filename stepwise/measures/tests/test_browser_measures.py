"""Measures in a real browser: tallies, an import with a bad row, the chart with a PDSA marker,
adoption, a fading gain and the sustain check it opens. Every page is scanned with axe-core."""

import re
from datetime import timedelta

import pytest

from stepwise.core.tests.browser import assert_accessible, assert_fits_narrow_screen, sign_in
from stepwise.measures import markers, notify, periods, selectors, services
from stepwise.measures.models import DataPoint, Measure, SustainCheck
from stepwise.measures.tests.factories import MeasureFactory
from stepwise.measures.tests.helpers import add_points
from stepwise.organisations.tests.tenants import make_tenant

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def week(offset: int):
    return periods.period_start(periods.london_today(), "weekly") + timedelta(weeks=offset)


def long(day) -> str:
    return f"{day.day} {day:%B %Y}"


def tally(page, live_server, measure, period_label, numerator, denominator):
    page.goto(f"{live_server.url}/o/northby/measures/{measure.pk}/tally/")
    page.get_by_label("Period").select_option(label=period_label)
    page.get_by_label("How many").fill(str(numerator))
    page.get_by_label("Out of").fill(str(denominator))
    page.get_by_role("button", name="Save figure").click()
    page.get_by_text(re.compile(r"^Saved: ")).wait_for()


@pytest.fixture
def pdsa_marker():
    def cycle(measure):
        return [(week(-20), "PDSA 1: ask at the door")]

    markers.register(cycle)
    yield
    markers.unregister(cycle)


def test_tally_import_chart_adopt_and_fade(live_server, new_page, tmp_path, monkeypatch,
                                           pdsa_marker):
    opened = []
    monkeypatch.setattr(notify, "sustain_check_opened", lambda *, check: opened.append(check.pk))
    tenant = make_tenant("Northby")
    practitioner = tenant.practitioner
    measure = MeasureFactory(
        organisation=tenant.organisation, team=tenant.teams[0], name="Child seen alone",
        unit="percentage", owner=tenant.team_manager.user,
        definition="Statutory visits where the child was seen alone.")
    baseline = [(5, 10), (6, 10), (4, 10), (5, 10)] * 4
    add_points(measure, [100 * n / d for n, d in baseline], start=week(-36),
               fractions=baseline)

    # A practitioner enters this week's and last week's tallies, on a phone-sized screen.
    page = new_page(width=390, height=844)
    sign_in(page, live_server, practitioner.user.email)
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("link", name="Measures").click()
    assert_accessible(page)
    assert_fits_narrow_screen(page)
    page.get_by_role("link", name="Child seen alone", exact=True).click()
    page.get_by_role("link", name="Add a figure").click()
    assert_accessible(page)
    assert_fits_narrow_screen(page)
    page.get_by_label("How many").fill("10")
    page.get_by_label("Out of").fill("9")
    page.get_by_role("button", name="Save figure").click()
    assert page.get_by_role("heading", name="There is a problem").is_visible()
    assert_accessible(page)
    page.get_by_label("How many").fill("7")
    page.get_by_role("button", name="Save figure").click()
    assert page.get_by_text(f"Saved: 77.8% (7 of 9) for the week of {long(week(0))}.").is_visible()
    assert_accessible(page)
    assert_fits_narrow_screen(page)
    tally(page, live_server, measure, f"Week of {long(week(-1))}", 8, 10)

    # An analyst imports twelve weeks from a spreadsheet export; one row is wrong.
    rows = [f"Child seen alone,{week(w).isoformat()},,8,10,\r\n" for w in range(-20, -8)]
    bad = rows[:5] + [f"Child seen alone,{week(-15).isoformat()},,11,10,\r\n"] + rows[6:]
    header = "measure,period,value,numerator,denominator,note\r\n"
    (tmp_path / "bad.csv").write_text(header + "".join(bad), encoding="utf-8-sig")
    (tmp_path / "good.csv").write_text(header + "".join(rows), encoding="utf-8-sig")
    analyst = new_page()
    sign_in(analyst, live_server, tenant.performance_analyst.user.email)
    analyst.goto(f"{live_server.url}/o/northby/measures/")
    analyst.get_by_role("link", name="Import figures").click()
    assert_accessible(analyst)
    analyst.get_by_label("CSV or Excel file").set_input_files(tmp_path / "bad.csv")
    analyst.get_by_role("button", name="Check the file").click()
    assert analyst.get_by_text("Nothing has been imported").is_visible()
    assert analyst.get_by_text("Row 7: 11 of 10 is more than all of them").is_visible()
    assert_accessible(analyst)
    assert DataPoint.unscoped.filter(measure=measure).count() == 18
    analyst.get_by_label("CSV or Excel file").set_input_files(tmp_path / "good.csv")
    analyst.get_by_role("button", name="Check the file").click()
    assert analyst.get_by_role("heading", name="Check before importing 12 figures").is_visible()
    assert_accessible(analyst)
    assert DataPoint.unscoped.filter(measure=measure).count() == 18
    analyst.get_by_role("button", name="Import 12 figures").click()
    assert analyst.get_by_text("Imported 12 figures: 12 new, 0 replaced, 0 unchanged.").is_visible()
    assert DataPoint.unscoped.filter(measure=measure).count() == 30

    # The chart shows the PDSA cycle and says, in words, what happened.
    analyst.get_by_role("link", name="Child seen alone", exact=True).click()
    chart = analyst.locator(".sw-chart__picture svg")
    assert "PDSA 1: ask at the door" in chart.inner_html()
    assert analyst.get_by_text("Marked on the chart: PDSA 1: ask at the door").is_visible()
    with tenant.context():
        expected = selectors.chart_for(Measure.objects.get(pk=measure.pk)).sentence
    assert expected.startswith("Special cause improvement")
    assert analyst.locator("figcaption").inner_text().endswith(expected)
    analyst.get_by_text("The chart as a table").click()
    assert analyst.get_by_role("cell", name="80.0% (8 of 10)").first.is_visible()
    assert_accessible(analyst)

    # The idea is adopted (the improvements app calls this service), then the gain fades.
    with tenant.context():
        services.sustain_watch_start(
            measure=measure, adopted_on=week(-7), owner=practitioner.user,
            source_label="Ask to see the child alone at the door")
    for offset in range(-7, -1):
        tally(page, live_server, measure, f"Week of {long(week(offset))}", 4, 10)
    # Steady low figures after adoption are a concern against the new limits (and six of
    # them no better than before would be a fading gain): one check, and one notification.
    check = SustainCheck.unscoped.get()
    assert check.reason in ("concern", "fading") and opened == [check.pk]

    # The owner sees the check on the home page and records what they found.
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("link", name="Home").click()
    page.get_by_role("link", name="Has the gain held? Child seen alone").click()
    assert page.get_by_text(check.get_reason_display().lower()).is_visible()
    assert page.locator(".sw-chart__picture svg").count() == 1
    assert_accessible(page)
    assert_fits_narrow_screen(page)
    page.get_by_label("What did you find?").fill("Two new starters had not been shown the "
                                                 "door-step question; shown at the huddle.")
    page.get_by_role("button", name="Record what I found").click()
    assert page.get_by_text("what you found has been recorded").is_visible()
    assert_accessible(page)
    check.refresh_from_db()
    assert not check.is_open
