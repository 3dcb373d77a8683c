"""The leadership and inspection report: its own figures counted by hand, the page, the PDF
and the CSV agreeing, nothing identifying anyone, and who may report on what.

The world is the engagement figures' hand-counted one (world.py, 1 January to 30 June 2026)
with, added here: an idea adopted with an improving measure, and themes.
"""

import csv
import io
import re
from datetime import date, timedelta
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from stepwise.engagement import report
from stepwise.engagement.figures import Scope
from stepwise.engagement.report_views import csv_cell, pdf_url_fetcher
from stepwise.engagement.tests.world import END, START, _cycle, _idea, at, build, build_noise
from stepwise.improvements.models import State
from stepwise.learning.models import Visibility
from stepwise.learning.tests.factories import NoteFactory
from stepwise.measures.tests.factories import DataPointFactory, MeasureFactory
from stepwise.themes.models import Theme, ThemeMembership

pytestmark = pytest.mark.django_db

CHILD, POSTCODE, NHS_NUMBER = "Kayden Marsh", "LS11 5QT", "943 476 5919"
PERIOD = {"preset": "custom", "start": START.isoformat(), "end": END.isoformat()}


def _theme(organisation, key, name, notes, *, hidden=False):
    theme = Theme.unscoped.create(organisation=organisation, key=key, name=name,
                                  is_hidden=hidden)
    for note in notes:
        ThemeMembership.unscoped.create(organisation=organisation, note=note, theme=theme,
                                        text="de-identified text")
    return theme


def _weekly(measure, first: date, values):
    for week, value in enumerate(values):
        DataPointFactory(measure=measure, period=first + timedelta(weeks=week), value=value)


@pytest.fixture
def world(tenant_a, tenant_b):
    built = build(tenant_a)
    build_noise(tenant_b)
    organisation = tenant_a.organisation
    # I8: adopted on 15 April with a measure that was steady at 10-11 for twelve weeks before
    # its first test (5 January) and 30 after: far above the upper limit (10.5 + 2.66 x 1).
    measure = MeasureFactory(organisation=organisation, team=built.team1,
                             name="Visits within ten days", owner=built.people["manager"])
    _weekly(measure, date(2025, 10, 13), [10.0, 11.0] * 6 + [30.0] * 4)
    eight = _idea(built, "I8", team=built.team1, created=date(2025, 12, 1),
                  state=State.ADOPTED, decided=date(2026, 4, 15), adopted=date(2026, 4, 15),
                  title="Check the diary the week before")
    eight.measure = measure
    eight.save(update_fields=["measure"])
    _cycle(eight, 1, starts=date(2026, 1, 5), ends=date(2026, 1, 19), outcome="adopt",
           decided=date(2026, 4, 15))
    # Themes. Team 1 notes in the period: three in "Late chronologies", one in "Transport"
    # (plus one before the period); a hidden theme; a team 2 note in "Late chronologies".
    team1, team2 = built.team1, built.team2
    author = built.people["p3"]

    def note(team, day, **extra):
        return NoteFactory(team=team, author=author, submitted_at=at(day), **extra)

    _theme(organisation, "k1", "Late chronologies",
           [note(team1, date(2026, 2, 3)), note(team1, date(2026, 3, 9)),
            note(team1, date(2026, 6, 30)), note(team2, date(2026, 3, 1))])
    _theme(organisation, "k2", "Transport",
           [note(team1, date(2026, 5, 5)), note(team1, date(2025, 12, 31))])
    _theme(organisation, "k3", "Hidden away", [note(team1, date(2026, 2, 2))], hidden=True)
    # Five notes this month and no idea: flagged "learning without change" today.
    _theme(organisation, "k4", "Missed handovers",
           [note(team1, timezone.localdate() - timedelta(days=d)) for d in range(5)])
    return built


def _team_scope(world, *teams):
    return Scope(organisation=world.tenant.organisation, teams=teams or (world.team1,),
                 start=START, end=END)


def _figure(built, key, scope=None):
    found = [f for f in built.figures if f.key == key and (scope is None or f.scope == scope)]
    assert len(found) == 1, (key, found)
    return found[0]


def test_report_figures_counted_by_hand(world):
    manager = world.tenant.team_manager
    with world.tenant.context():
        built = report.build_report(membership=manager, scope=_team_scope(world))
    # Team 1 ideas adopted 1 January - 30 June and still adopted: I1 (11 February), I5
    # (20 January, sustained), I8 (15 April). I0 was adopted in December; I2 was abandoned.
    assert _figure(built, "report.adopted").value == 3
    assert [item.title for item in built.improvements] == [
        "Check the diary the week before", "Ring [PHONE] the day before each visit", "Idea I5"]
    # Only I8 has a measure, and its points since 5 January are far above the limits.
    assert _figure(built, "report.adopted_with_measure").value == 1
    assert _figure(built, "report.adopted_worked").value == 1
    assert built.improvements[0].verdict.startswith("It looks like it worked")
    assert built.improvements[0].chart is not None
    # Team 1's measures: M1, M2 (world) and "Visits within ten days".
    assert _figure(built, "report.measures").value == 3
    # The manager reads team 1's notes: three in the period in "Late chronologies", one in
    # "Transport"; the hidden theme, the team 2 note and December's note are left out.
    assert [(t.name, t.notes) for t in built.themes] == [("Late chronologies", 3),
                                                        ("Transport", 1)]
    assert built.without_change == ["Missed handovers"]
    assert _figure(built, "report.without_change").value == 1
    # Six members in team 1 (world.py).
    assert _figure(built, "report.members").value == 6


def test_report_engagement_figures_are_the_figures_modules(world):
    """Spot checks of the rows the report takes from figures.py (counted by hand there)."""
    manager = world.tenant.team_manager
    with world.tenant.context():
        built = report.build_report(membership=manager, scope=_team_scope(world))
    assert _figure(built, "participation_30").shown == "67%"
    assert _figure(built, "participation_90").shown == "83%"
    june = [f for f in built.figures if f.key == "participation_by_month"][-1]
    assert (june.period_start, june.period_end, june.shown) == (date(2026, 6, 1), END, "67%")


def test_small_group_figures_say_why_they_are_hidden(world):
    lead = world.tenant.improvement_lead
    with world.tenant.context():
        built = report.build_report(membership=lead, scope=_team_scope(world, world.team2))
    share = _figure(built, "participation_30")
    assert share.value is None
    assert share.shown == share.csv_value == "Not shown: fewer than 5 members"


class Tables(HTMLParser):
    """Every table of the page: its attributes, header cells and body rows, as text."""

    def __init__(self):
        super().__init__()
        self.tables: list[dict] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append({"attrs": dict(attrs), "rows": []})
        elif tag == "tr" and self.tables:
            self._row = []
        elif self._row is not None and tag in ("th", "td"):
            self._cell = []

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self._cell is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.tables[-1]["rows"].append(self._row)
            self._row = None


def page_figures(html: str, scope_label: str) -> list[tuple[str, str, str]]:
    """(figure, scope, value) for every figure on the page, in the page's order: the rows of
    each section's table, then its month-by-month table read as "series: month"."""
    parser = Tables()
    parser.feed(html)
    found = []
    for table in parser.tables:
        if "data-section" in table["attrs"]:
            found += [(label, scope, value) for label, scope, value in table["rows"][1:]
                      if label != "Nothing in the period."]
        elif "data-months" in table["attrs"]:
            series = table["rows"][0][1:]
            for month, *values in table["rows"][1:]:
                found += [(f"{name}: {month}", scope_label, value)
                          for name, value in zip(series, values, strict=True)]
    return found


def csv_figures(text: str) -> list[tuple[str, str, str]]:
    rows = list(csv.DictReader(io.StringIO(text)))
    return [(row["figure"], row["scope"], row["value"]) for row in rows]


def pdf_text(content: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(content))
                             .pages).split())


def _unit_free(value: str) -> str:
    return re.sub(r"(%| days)$", "", value)


def _get(client, name, organisation, query):
    return client.get(reverse(f"engagement:{name}", kwargs={"org_slug": organisation.slug}),
                      query)


def test_page_pdf_and_csv_show_the_same_figures(world, client, login):
    organisation = world.tenant.organisation
    login(client, world.tenant.improvement_lead.user)
    query = {**PERIOD, "teams": [world.team1.pk, world.team3.pk]}
    page = _get(client, "report", organisation, query)
    assert page.status_code == 200
    on_page = page_figures(page.content.decode(), f"{world.team1.name}, {world.team3.name}")
    assert len(on_page) > 40

    spreadsheet = _get(client, "report_csv", organisation, query)
    assert spreadsheet.status_code == 200
    in_csv = csv_figures(spreadsheet.content.decode())
    assert sorted((label, scope, _unit_free(value)) for label, scope, value in on_page) == (
        sorted(in_csv))

    pdf = _get(client, "report_pdf", organisation, query)
    assert pdf.status_code == 200
    assert pdf["Content-Disposition"] == (
        f'attachment; filename="stepwise-report-{organisation.slug}-2026-01-01-2026-06-30.pdf"')
    text = pdf_text(pdf.content)
    # Every cell of every figure table, in the page's order (the PDF breaks lines in cells,
    # so each is found after the one before rather than as one line).
    parser = Tables()
    parser.feed(page.content.decode())
    position, cells = 0, 0
    for table in parser.tables:
        if {"data-section", "data-months"} & set(table["attrs"]):
            for row in table["rows"]:
                for cell in row:
                    found = text.find(cell, position)
                    assert found >= 0, (cell, text[position:position + 300])
                    position, cells = found + len(cell), cells + 1
    assert cells > 100
    # Per-team rows for a scope of several teams: team 1's 30-day share, team 3's too.
    assert ("Staff who contributed in the last 30 days", world.team1.name, "67%") in on_page


def test_the_pdf_embeds_the_charts_and_fetches_nothing(world, client, login):
    login(client, world.tenant.improvement_lead.user)
    pdf = _get(client, "report_pdf", world.tenant.organisation,
               {**PERIOD, "teams": [world.team1.pk]})
    text = pdf_text(pdf.content)
    # The chart's marker for the first test is drawn only inside the SVG.
    assert "PDSA 1" in text
    assert "It looks like it worked" in text
    fetcher = pdf_url_fetcher()
    for url in ("http://example.com/x.css", "file:///etc/passwd",
                "https://report.stepwise.invalid/static/core/app.mjs",
                "https://report.stepwise.invalid/../../etc/passwd"):
        with pytest.raises(ValueError):
            fetcher(url)
    served = fetcher("https://report.stepwise.invalid/static/engagement/report-print.css")
    assert b"@page" in served.read()


def test_nothing_in_the_report_identifies_a_child(world, client, login):
    organisation = world.tenant.organisation
    planted = f"Visits for {CHILD} at {POSTCODE}, NHS {NHS_NUMBER}"
    world.ideas["I1"].title = planted[:150]
    world.ideas["I1"].save(update_fields=["title"])
    Theme.unscoped.filter(organisation=organisation, key="k1").update(name=planted[:120])
    login(client, world.tenant.team_manager.user)
    query = {**PERIOD}
    page = _get(client, "report", organisation, query).content.decode()
    assert "[POSTCODE]" in page  # the planted text is there, de-identified
    spreadsheet = _get(client, "report_csv", organisation, query).content.decode()
    document = pdf_text(_get(client, "report_pdf", organisation, query).content)
    for shown in (page, spreadsheet, document):
        for secret in (CHILD, "Kayden", "Marsh", POSTCODE, NHS_NUMBER, "9434765919"):
            assert secret not in shown
    # No person is named anywhere: not the anonymous author (p6), nor anyone else.
    people = [member.user.full_name for member in world.tenant.members.values()]
    people += [user.full_name for user in world.people.values()]
    assert world.people["p6"].full_name in people
    for shown in (page, spreadsheet, document):
        for name in people:
            assert name not in shown


def test_csv_cells_that_would_run_as_formulas_are_quoted(world, client, login):
    for risky in ("=SUM(A1)", "+1", "-1", "@cmd", "\tx"):
        assert csv_cell(risky) == "'" + risky
    assert csv_cell("Late chronologies") == "Late chronologies"
    world.team1.name = '=HYPERLINK("http://example.com")'
    world.team1.save(update_fields=["name"])
    login(client, world.tenant.improvement_lead.user)
    text = _get(client, "report_csv", world.tenant.organisation,
                {**PERIOD, "teams": [world.team1.pk, world.team2.pk]}).content.decode()
    scopes = {row["scope"] for row in csv.DictReader(io.StringIO(text))}
    assert "'=HYPERLINK(\"http://example.com\")" in scopes
    assert not any(scope.startswith("=") for scope in scopes)


# -- who may report on what ----------------------------------------------------------------

@pytest.mark.parametrize("role", ["improvement_lead", "performance_analyst", "org_admin"])
def test_leaders_report_on_the_whole_organisation(world, client, login, role):
    login(client, getattr(world.tenant, role).user)
    page = _get(client, "report", world.tenant.organisation, PERIOD)
    assert page.status_code == 200
    assert "Whole organisation" in page.content.decode()


def test_a_practitioner_may_not_open_the_report(world, client, login):
    login(client, world.tenant.practitioner.user)
    for name in ("report", "report_pdf", "report_csv"):
        assert _get(client, name, world.tenant.organisation, PERIOD).status_code == 403


def test_a_team_manager_reports_on_their_own_team_only(world, client, login):
    organisation = world.tenant.organisation
    login(client, world.tenant.team_manager.user)
    page = _get(client, "report", organisation, PERIOD)
    assert page.status_code == 200
    assert world.team1.name in page.content.decode()
    assert "Whole organisation" not in page.content.decode()
    for name in ("report", "report_pdf", "report_csv"):
        refused = _get(client, name, organisation, {**PERIOD, "teams": [world.team2.pk]})
        assert refused.status_code == 422
        body = refused.content.decode()
        assert "Choose teams from the list." in body
        assert world.team2.name not in body


def test_another_organisations_team_is_refused_without_a_leak(world, client, login, tenant_b):
    other = tenant_b.teams[0]
    login(client, world.tenant.improvement_lead.user)
    refused = _get(client, "report", world.tenant.organisation, {**PERIOD, "teams": [other.pk]})
    assert refused.status_code == 422
    assert other.name not in refused.content.decode()
    assert "Choose teams from the list." in refused.content.decode()


# -- bad input ------------------------------------------------------------------------------

@pytest.mark.parametrize(("query", "message"), [
    ({"preset": "custom", "start": "2026-06-30", "end": "2026-01-01"},
     "The last day must be the same as or after the first day."),
    ({"preset": "custom", "start": "2020-01-01", "end": "2023-06-30"},
     "The period can be at most three years long."),
    ({"preset": "custom", "start": "2026-01-01", "end": "2999-01-01"},
     "The period cannot end in the future."),
    ({"preset": "custom", "start": "1066-10-14", "end": "2026-01-01"},
     "The period must start on or after 1 January 2000."),
    ({"preset": "custom", "start": "", "end": ""}, "Enter the first day of the period."),
    ({"preset": "custom", "start": "yesterday\x00", "end": "2026-01-01"}, "Enter a valid date."),
    ({"preset": "next_decade"}, "Select a valid choice."),
    ({"preset": "last_month", "teams": "99999999999999999999999"}, "Choose teams from the list."),
    ({"preset": "last_month", "teams": "1e309\x00"}, "Choose teams from the list."),
    ({"start": "2026-01-01"}, "Choose period."),
    ({"preset": "last_month", "teams": [str(n) for n in range(1, 500)]},
     "Choose at most 200 teams, or none for the whole organisation."),
])
def test_bad_input_gets_a_message_and_no_report(world, client, login, query, message):
    login(client, world.tenant.improvement_lead.user)
    for name in ("report", "report_pdf", "report_csv"):
        response = _get(client, name, world.tenant.organisation, query)
        assert response.status_code == 422, (name, query)
        body = response.content.decode()
        assert message in body
        assert "govuk-error-message" in body
        assert "data-figure" not in body


def test_presets_are_whole_months_before_today():
    from stepwise.engagement.report_forms import preset_period

    today = date(2026, 5, 14)
    assert preset_period("last_month", today) == (date(2026, 4, 1), date(2026, 4, 30))
    assert preset_period("last_quarter", today) == (date(2026, 1, 1), date(2026, 3, 31))
    assert preset_period("last_12_months", today) == (date(2025, 5, 1), date(2026, 4, 30))
    assert preset_period("last_month", date(2026, 1, 3)) == (date(2025, 12, 1),
                                                             date(2025, 12, 31))
    assert preset_period("last_quarter", date(2026, 2, 1)) == (date(2025, 10, 1),
                                                               date(2025, 12, 31))


def test_the_page_without_input_shows_the_last_twelve_months(world, client, login):
    login(client, world.tenant.improvement_lead.user)
    page = _get(client, "report", world.tenant.organisation, {})
    assert page.status_code == 200
    from stepwise.engagement.report_forms import preset_period

    start, end = preset_period("last_12_months", timezone.localdate())
    assert f"{start:%-d %B %Y} to {end:%-d %B %Y}" in page.content.decode()


def _page_queries(client, world) -> int:
    with CaptureQueriesContext(connection) as captured:
        page = _get(client, "report", world.tenant.organisation, PERIOD)
    assert page.status_code == 200
    return len(captured.captured_queries)


def _more_improvements_and_themes(world, keys):
    organisation = world.tenant.organisation
    for key in keys:
        measure = MeasureFactory(organisation=organisation, team=world.team1,
                                 owner=world.people["manager"])
        _weekly(measure, date(2025, 10, 13), [10.0, 11.0] * 6 + [30.0] * 4)
        idea = _idea(world, key, team=world.team1, created=date(2025, 12, 1),
                     state=State.ADOPTED, decided=date(2026, 5, 1), adopted=date(2026, 5, 1))
        idea.measure = measure
        idea.save(update_fields=["measure"])
        _cycle(idea, 1, starts=date(2026, 1, 5), ends=date(2026, 1, 19), outcome="adopt",
               decided=date(2026, 5, 1))
        _theme(organisation, key, f"More {key}", [NoteFactory(
            team=world.team1, author=world.people["p3"], submitted_at=at(date(2026, 3, 3)),
            visibility=Visibility.ORGANISATION, shared_approved_at=at(date(2026, 3, 3)))])


def test_report_page_query_count(world, client, login, django_assert_max_num_queries):
    login(client, world.tenant.improvement_lead.user)
    _more_improvements_and_themes(world, ["X0"])
    with django_assert_max_num_queries(80):
        _get(client, "report", world.tenant.organisation, PERIOD)
    before = _page_queries(client, world)
    # Three more adopted improvements, each with a measure, a chart and a test, and three
    # more themes: not one more query.
    _more_improvements_and_themes(world, ["X1", "X2", "X3"])
    assert _page_queries(client, world) == before


def test_organisation_notes_count_in_the_leads_themes(world, client, login):
    """The lead reads notes shared with the whole organisation, so those are the ones the
    report counts for them (as on the themes pages)."""
    organisation = world.tenant.organisation
    shared = NoteFactory(team=world.team1, author=world.people["p4"],
                         submitted_at=at(date(2026, 4, 2)), visibility=Visibility.ORGANISATION,
                         shared_approved_at=at(date(2026, 4, 2)))
    ThemeMembership.unscoped.create(organisation=organisation, note=shared,
                                    theme=Theme.unscoped.get(organisation=organisation,
                                                             key="k2"), text="x")
    with world.tenant.context():
        built = report.build_report(
            membership=world.tenant.improvement_lead,
            scope=Scope(organisation=organisation, start=START, end=END))
    assert [(t.name, t.notes) for t in built.themes] == [("Transport", 1)]


def test_charts_beyond_the_limit_are_left_to_stepwise(world, monkeypatch):
    _more_improvements_and_themes(world, ["X0"])  # a second adopted idea with a measure
    monkeypatch.setattr(report, "CHARTS_SHOWN", 1)
    with world.tenant.context():
        built = report.build_report(membership=world.tenant.improvement_lead,
                                    scope=_team_scope(world))
    measured = [item for item in built.improvements if item.measure]
    assert len(measured) == 2
    assert [item.chart is not None for item in measured] == [True, False]
    assert all(item.verdict for item in measured)


def test_a_team_manager_without_a_team_may_not_report(world, client, login):
    manager = world.tenant.team_manager
    manager.team = None
    manager.save(update_fields=["team"])
    login(client, manager.user)
    assert _get(client, "report", world.tenant.organisation, PERIOD).status_code == 403


def test_an_analyst_sees_the_organisations_shares_but_not_a_teams(world):
    """As on the dashboards, teams' participation follows team.participation, which a
    performance analyst does not hold; the organisation's shares are for every reader."""
    analyst = world.tenant.performance_analyst
    organisation = world.tenant.organisation
    with world.tenant.context():
        team = report.build_report(membership=analyst, scope=_team_scope(world))
        whole = report.build_report(membership=analyst, scope=Scope(
            organisation=organisation, start=START, end=END))
        lead = report.build_report(membership=world.tenant.improvement_lead,
                                   scope=_team_scope(world, world.team1, world.team3))
    hidden = report.NOT_FOR_ROLE
    assert _figure(team, "participation_30").shown == hidden
    assert _figure(team, "notes_90").shown == hidden
    assert all(f.shown == hidden for f in team.figures if f.key == "participation_by_month")
    assert _figure(team, "quiet_teams").shown == hidden
    assert team.engagement.participation_chart is None
    assert _figure(whole, "participation_30").value is not None
    assert _figure(whole, "quiet_teams").shown == hidden
    # The lead sees both teams' shares and the quiet teams (team 3: nothing since April).
    assert _figure(lead, "participation_30", world.team1.name).shown == "67%"
    assert _figure(lead, "quiet_teams").value == 1
