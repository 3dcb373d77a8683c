"""The leadership and inspection report: one assembly of figures for a period and a scope,
drawn as a page, printed to PDF from the same template and written out as CSV.

The report names no people at all: no authors (anonymous or not), no owners, no supporters.
Its only free text is idea titles, theme names and measure names, and every one of them goes
through ``report_text``.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone

from stepwise.core import policy
from stepwise.engagement import definitions, figures
from stepwise.engagement.figures import Scope
from stepwise.improvements.models import ActOutcome, Cycle, Idea, State
from stepwise.learning.selectors import visible_notes
from stepwise.measures import selectors as measure_selectors
from stepwise.measures.spc import describe, render_svg, run_chart
from stepwise.organisations.models import Team
from stepwise.privacy import outside
from stepwise.privacy.deid import redact
from stepwise.privacy.services import deidentifier_for
from stepwise.themes import selectors as theme_selectors
from stepwise.themes.models import Theme

__all__ = ["Scope", "build_report", "report_text"]

# Charts beyond this many would make the PDF a book; the rest are listed with their verdict.
CHARTS_SHOWN = 20
TOP_THEMES = 10
# How spc.text.did_it_work's verdict begins for special cause improvement and no concern.
WORKED = "It looks like it worked"


# -- who may report on what -------------------------------------------------------------------

def may_report_on_organisation(membership) -> bool:
    return policy.can(membership, "report.view") and policy.can(membership, "report.any_team")


def reportable_teams(membership) -> QuerySet[Team]:
    """The access helper for teams named in a report's input: any team for those who report
    on the whole organisation, their own team for other report readers (team managers),
    nothing for anyone else."""
    if not policy.can(membership, "report.view"):
        return Team.objects.none()
    if may_report_on_organisation(membership):
        return Team.objects.order_by("name")
    return Team.objects.filter(pk=membership.team_id).order_by("name")


def require_report(membership) -> None:
    policy.require(membership, "report.view")
    if not may_report_on_organisation(membership) and membership.team_id is None:
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied("You may report on your own team, and you have none.")


# -- free text ----------------------------------------------------------------------------------

_deidentifier: ContextVar[tuple[int, object] | None] = ContextVar("report_deidentifier",
                                                                  default=None)


@contextmanager
def _one_deidentifier(organisation) -> Iterator[None]:
    # deidentifier_for reads the staff list on every call; one report reads it once.
    token = _deidentifier.set((organisation.pk, deidentifier_for(organisation)))
    try:
        yield
    finally:
        _deidentifier.reset(token)


def report_text(organisation, text: str) -> str:
    """Every piece of free text in the report, as it may be read outside its team."""
    if not text:
        return ""
    held = _deidentifier.get()
    engine = held[1] if held and held[0] == organisation.pk else deidentifier_for(organisation)
    return redact(text, engine.detect(text))


# -- the shape of the report --------------------------------------------------------------------

@dataclass(frozen=True)
class Figure:
    section: str
    key: str
    series: str
    scope: str
    period_start: date
    period_end: date
    value: float | int | str | None
    unit: str = ""
    # Why the figure is not shown (a group under the privacy threshold, no data yet).
    reason: str = ""
    # Set for one point of a month-by-month series.
    month: date | None = None

    @property
    def label(self) -> str:
        return f"{self.series}: {self.month:%B %Y}" if self.month else self.series

    @property
    def shown(self) -> str:
        if self.value is None:
            return self.reason or "Not available"
        if isinstance(self.value, float):
            return f"{self.value:.1f}{self.unit}"
        return f"{self.value}{self.unit}"

    @property
    def csv_value(self) -> str:
        if self.value is None:
            return self.reason or "Not available"
        if isinstance(self.value, float):
            return f"{self.value:.1f}"
        return str(self.value)

    @property
    def definition(self) -> str:
        return definition_text(self.key)


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    figures: list[Figure]

    @property
    def definitions(self) -> list[tuple[str, str]]:
        return _definitions(self.figures)

    @property
    def totals(self) -> list[Figure]:
        return [figure for figure in self.figures if figure.month is None]

    @property
    def series(self) -> list[str]:
        return list(dict.fromkeys(f.series for f in self.figures if f.month is not None))

    @property
    def by_month(self) -> list[tuple[date, list[Figure]]]:
        """The month-by-month figures as a table: one row per month, one column per series."""
        cells: dict[date, dict[str, Figure]] = {}
        for figure in self.figures:
            if figure.month is not None:
                cells.setdefault(figure.month, {})[figure.series] = figure
        series = self.series
        return [(month, [row[name] for name in series]) for month, row in cells.items()]


def _definitions(found: list[Figure]) -> list[tuple[str, str]]:
    keys = list(dict.fromkeys(figure.key for figure in found))
    return [(definition_label(key), definition_text(key)) for key in keys]


@dataclass(frozen=True)
class ChartPicture:
    svg: str
    description: str
    caption: str
    rows: list[tuple[str, str]]


@dataclass(frozen=True)
class AdoptedImprovement:
    title: str
    team: str
    adopted_on: date
    measure: str
    verdict: str
    chart: ChartPicture | None


@dataclass(frozen=True)
class ThemeCount:
    name: str
    notes: int


@dataclass
class Report:
    scope: Scope
    scope_label: str
    sections: list[Section] = field(default_factory=list)
    improvements: list[AdoptedImprovement] = field(default_factory=list)
    themes: list[ThemeCount] = field(default_factory=list)
    without_change: list[str] = field(default_factory=list)
    you_said: list = field(default_factory=list)
    engagement: "EngagementFigures | None" = None
    improving_measures: list[str] = field(default_factory=list)

    @property
    def figures(self) -> list[Figure]:
        return [figure for section in self.sections for figure in section.figures]

    charts_shown = CHARTS_SHOWN

    @property
    def definitions(self) -> list[tuple[str, str]]:
        return _definitions(self.figures)


# Definitions of the report's own figures; the engagement figures' come from definitions.py.
REPORT_DEFINITIONS = {
    "report.members": (
        "Members in scope",
        "Active members of the teams in scope (or of the whole organisation) today: the number "
        "the participation shares are divided by."),
    "report.measures": (
        "Measures in scope",
        "Measures of the teams in scope (or every measure of the organisation), whatever "
        "their data."),
    "report.adopted": (
        "Improvements adopted",
        "Improvement ideas of the teams in scope whose adoption date falls in the period "
        "and which are still adopted or sustained (an idea adopted and later abandoned is not "
        "counted)."),
    "report.adopted_with_measure": (
        "Adopted improvements with a measure",
        "Of the improvements adopted in the period, those linked to a measure, so there is a "
        "chart to judge them by."),
    "report.adopted_worked": (
        "Adopted improvements whose chart shows special cause improvement",
        "Of the adopted improvements with a measure, those where the points since the first "
        "test (or the adoption, when there was no test) show special cause improvement and no "
        "special cause concern, judged with the NHS 'Making Data Count' rules."),
    "report.theme_notes": (
        "Notes in the theme",
        "Learning notes of the teams in scope, shared in the period and placed in the theme, "
        "counted among the notes you may read (the same notes the themes pages count). Hidden "
        "themes are left out."),
    "report.without_change": (
        "Themes flagged 'learning without change'",
        f"Themes with at least {theme_selectors.FLAG_NOTES} notes in the last "
        f"{theme_selectors.FLAG_DAYS} days before today and no linked idea that has reached "
        "testing: the flag on the themes pages, as it stands today."),
}


def definition_label(key: str) -> str:
    if key in REPORT_DEFINITIONS:
        return REPORT_DEFINITIONS[key][0]
    return definitions.DEFINITIONS[key].label


def definition_text(key: str) -> str:
    if key in REPORT_DEFINITIONS:
        return REPORT_DEFINITIONS[key][1]
    return definitions.DEFINITIONS[key].how


def scope_label(scope: Scope) -> str:
    if not scope.teams:
        return "Whole organisation"
    return ", ".join(team.name for team in scope.teams)


# -- adopted improvements -----------------------------------------------------------------------

def _adopted_ideas(scope: Scope) -> list[Idea]:
    ideas = (
        Idea.objects.filter(state__in=[State.ADOPTED, State.SUSTAINED],
                            adopted_on__range=(scope.start, scope.end))
        .select_related("team")
        .prefetch_related(Prefetch("cycles", queryset=Cycle.objects.order_by("number")),
                          Prefetch("measure", queryset=measure_selectors.measure_queryset()))
        .order_by("-adopted_on", "-pk")
    )
    if scope.teams:
        ideas = ideas.filter(team__in=scope.teams)
    ideas = list(ideas)
    outside.prefetch(ideas)
    return ideas


def _chart(organisation, idea: Idea, measure) -> ChartPicture:
    series = measure_selectors.measure_series(measure)
    result = measure_selectors.measure_xmr(measure, series=series)
    # Only the cycle numbers: the charts elsewhere mark cycles with idea titles, which here
    # would be free text that has not been through report_text.
    markers = [(cycle.starts_on, f"PDSA {cycle.number}") for cycle in idea.cycles.all()
               if series and cycle.starts_on >= series[0].period]
    name = report_text(organisation, measure.name)
    return ChartPicture(
        svg=render_svg(result, title=name, markers=markers, width=640, height=300),
        description=describe(result),
        caption=f"{name}: figures by period",
        rows=[(measure_selectors.period_text(measure, point.period),
               measure_selectors.figure_text(measure, point)) for point in series],
    )


def _improvements(scope: Scope) -> list[AdoptedImprovement]:
    organisation = scope.organisation
    items, charts = [], 0
    for idea in _adopted_ideas(scope):
        measure = idea.measure
        cycles = list(idea.cycles.all())
        verdict, chart = "", None
        if measure is not None:
            changed_on = cycles[0].starts_on if cycles else idea.adopted_on
            verdict = measure_selectors.did_it_work_for(measure, start=changed_on)
            if charts < CHARTS_SHOWN:
                chart, charts = _chart(organisation, idea, measure), charts + 1
        items.append(AdoptedImprovement(
            title=figures.shown_title(idea), team=idea.team.name,
            adopted_on=idea.adopted_on,
            measure=report_text(organisation, measure.name) if measure else "",
            verdict=verdict, chart=chart,
        ))
    return items


def _improvement_section(scope: Scope, label: str, items: list[AdoptedImprovement]) -> Section:
    def figure(key, value):
        return Figure("Adopted improvements", key, definition_label(key), label, scope.start,
                      scope.end, value)

    measured = [item for item in items if item.measure]
    return Section("improvements", "Adopted improvements", [
        figure("report.adopted", len(items)),
        figure("report.adopted_with_measure", len(measured)),
        figure("report.adopted_worked",
               sum(1 for item in measured if item.verdict.startswith(WORKED))),
    ])


# -- themes -------------------------------------------------------------------------------------

def _themes(membership, scope: Scope) -> list[ThemeCount]:
    notes = visible_notes(membership=membership).order_by().filter(
        submitted_at__date__gte=scope.start, submitted_at__date__lte=scope.end,
        theme_membership__theme__isnull=False, theme_membership__theme__is_hidden=False,
        theme_membership__theme__merged_into__isnull=True)
    if scope.teams:
        notes = notes.filter(team__in=scope.teams)
    counts = list(notes.values("theme_membership__theme").annotate(notes=Count("pk"))
                  .order_by("-notes", "theme_membership__theme")[:TOP_THEMES])
    themes = Theme.objects.in_bulk([row["theme_membership__theme"] for row in counts])
    return [ThemeCount(report_text(scope.organisation, themes[row["theme_membership__theme"]].title),
                       row["notes"]) for row in counts]


def _without_change(membership, scope: Scope) -> list[str]:
    filters = ([theme_selectors.ThemeFilters(team=team.pk) for team in scope.teams]
               or [theme_selectors.ThemeFilters()])
    flagged = {row.theme.pk: row.theme for f in filters
               for row in theme_selectors.theme_rows(membership=membership, filters=f)
               if row.without_change and not row.theme.is_hidden}
    return sorted(report_text(scope.organisation, theme.title) for theme in flagged.values())


def _theme_section(scope: Scope, label: str, themes: list[ThemeCount],
                   without_change: list[str]) -> Section:
    rows = [Figure("Themes", "report.theme_notes", f"Notes in the theme '{theme.name}'",
                   label, scope.start, scope.end, theme.notes) for theme in themes]
    rows.append(Figure("Themes", "report.without_change",
                       definition_label("report.without_change"), label, scope.start,
                       scope.end, len(without_change)))
    return Section("themes", "Themes", rows)


# -- participation, flow and cumulative impact (the engagement figures) ------------------------

SUPPRESSED = f"Not shown: fewer than {figures.MIN_GROUP} members"
NONE_IN_PERIOD = "None in the period"
NOT_FOR_ROLE = ("Not shown: team participation figures are for team managers, improvement "
                "leads and admins")


def _month_end(month: date, scope: Scope) -> date:
    following = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return min(following - timedelta(days=1), scope.end)


@dataclass(frozen=True)
class EngagementFigures:
    participation: figures.Participation
    team_participation: list[tuple[str, figures.Participation]]
    quiet_teams: list[figures.QuietTeam]
    # Whether the reader may see figures about teams' participation (team.participation).
    team_figures: bool
    flow: figures.Flow
    cumulative: figures.Cumulative
    participation_chart: ChartPicture | None


def _participation_chart(participation: figures.Participation) -> ChartPicture | None:
    months = [m for m in participation.by_month if m.share is not None]
    if participation.suppressed or len(months) < 2:
        return None
    result = run_chart([m.month for m in months], [float(m.share) for m in months])
    title = "Share of members contributing, by month (%)"
    return ChartPicture(
        svg=render_svg(result, title=title, width=640, height=300),
        description=describe(result), caption=title,
        rows=[(f"{m.month:%B %Y}", f"{m.share}%") for m in months],
    )


def _hidden(participation: figures.Participation) -> figures.Participation:
    return replace(participation, contributors_30=None, share_30=None, contributors_90=None,
                   share_90=None, notes_90=None,
                   by_month=tuple(replace(m, contributors=None, share=None)
                                  for m in participation.by_month))


def _engagement(scope: Scope, *, team_figures: bool) -> EngagementFigures:
    """As on the dashboards: a team's participation, and which teams have gone quiet, only
    for readers who hold team.participation; the organisation's shares for every reader."""
    whole = figures.participation(scope)
    if scope.teams and not team_figures:
        whole = _hidden(whole)
    by_team = ([(team.name, figures.participation(replace(scope, teams=(team,))))
                for team in scope.teams] if len(scope.teams) > 1 and team_figures else [])
    return EngagementFigures(
        participation=whole, team_participation=by_team,
        quiet_teams=figures.teams_without_contribution(scope) if team_figures else [],
        team_figures=team_figures,
        flow=figures.flow(scope), cumulative=figures.cumulative(scope),
        participation_chart=_participation_chart(whole),
    )


def _participation_figures(scope: Scope, label: str, participation: figures.Participation,
                           reason: str = SUPPRESSED) -> list[Figure]:
    def figure(key, value, *, unit="%", start=scope.start, end=scope.end, month=None):
        return Figure("Participation", key, definition_label(key), label, start, end,
                      value, unit, "" if value is not None else reason, month)

    rows = [
        figure("report.members", participation.members, unit=""),
        figure("participation_30", participation.share_30),
        figure("participation_90", participation.share_90),
        figure("notes_90", participation.notes_90, unit=""),
    ]
    rows += [figure("participation_by_month", month.share, month=month.month,
                    start=max(month.month, scope.start), end=_month_end(month.month, scope))
             for month in participation.by_month]
    return rows


def _engagement_sections(scope: Scope, label: str, found: EngagementFigures) -> list[Section]:
    hidden = bool(scope.teams) and not found.team_figures
    participation = _participation_figures(scope, label, found.participation,
                                           NOT_FOR_ROLE if hidden else SUPPRESSED)
    for team_name, team_figures in found.team_participation:
        participation += [f for f in _participation_figures(scope, team_name, team_figures)
                          if f.key != "participation_by_month"]
    participation.append(Figure(
        "Participation", "quiet_teams", definition_label("quiet_teams"), label, scope.start,
        scope.end, len(found.quiet_teams) if found.team_figures else None,
        reason=NOT_FOR_ROLE))

    flow = found.flow

    def flow_figure(key, value, *, text=None, unit="", scope_text=label, start=scope.start,
                    end=scope.end, reason=NONE_IN_PERIOD, month=None):
        return Figure("Flow", key, text or definition_label(key), scope_text, start, end,
                      value, unit, "" if value is not None else reason, month)

    flow_rows = [
        flow_figure("note_to_idea", flow.note_to_idea_days, unit=" days"),
        flow_figure("idea_to_test", flow.idea_to_test_days, unit=" days"),
        flow_figure("test_to_decision", flow.test_to_decision_days, unit=" days"),
        flow_figure("per_100_staff", flow.per_100_staff_per_year,
                    reason="No members in scope"),
    ]
    for outcome, outcome_label in ActOutcome.choices:
        flow_rows.append(flow_figure(
            "decisions", flow.decision_share(outcome), unit="%",
            text=f"Decisions after a test: {outcome_label.split(':')[0].lower()}"))
    for month in flow.by_month:
        end = _month_end(month.month, scope)
        start = max(month.month, scope.start)
        flow_rows.append(flow_figure("tested_adopted_by_month", month.tested, start=start,
                                     end=end, text="Ideas tested", month=month.month))
        flow_rows.append(flow_figure("tested_adopted_by_month", month.adopted, start=start,
                                     end=end, text="Ideas adopted", month=month.month))
    today = timezone.localdate()
    flow_rows += [flow_figure("work_in_progress", work.open_ideas, scope_text=work.name,
                              text="Ideas in progress today", end=today, start=today)
                  for work in flow.work_in_progress]

    cumulative = found.cumulative
    impact_rows = [
        Figure("Cumulative impact", "cumulative_adopted", definition_label("cumulative_adopted"),
               label, max(month.month, scope.start), _month_end(month.month, scope),
               month.cumulative, month=month.month)
        for month in cumulative.by_month
    ]
    impact_rows += [
        Figure("Cumulative impact", "report.measures", definition_label("report.measures"),
               label, scope.start, scope.end, cumulative.measures),
        Figure("Cumulative impact", "improving_measures", definition_label("improving_measures"),
               label, scope.start, scope.end, len(cumulative.improving)),
        Figure("Cumulative impact", "sustain_checks", "Sustain checks opened", label,
               scope.start, scope.end, cumulative.checks_opened),
        Figure("Cumulative impact", "sustain_checks", "Sustain checks resolved", label,
               scope.start, scope.end, cumulative.checks_resolved),
    ]
    return [
        Section("participation", "Participation", participation),
        Section("flow", "Flow: from learning to change", flow_rows),
        Section("impact", "Cumulative impact", impact_rows),
    ]


def _you_said_section(scope: Scope, label: str, items: list) -> Section:
    rows = [Figure("You said, we did", "you_said_we_did",
                   f"Notes behind '{item.title}' (adopted {item.adopted_on:%-d %B %Y})",
                   item.team, item.adopted_on, item.adopted_on, item.notes) for item in items]
    return Section("you_said", "You said, we did", rows)


# -- the whole report ---------------------------------------------------------------------------

def build_report(*, membership, scope: Scope) -> Report:
    label = scope_label(scope)
    organisation = scope.organisation
    with _one_deidentifier(organisation):
        engagement = _engagement(
            scope, team_figures=policy.can(membership, "team.participation"))
        improvements = _improvements(scope)
        themes = _themes(membership, scope)
        without_change = _without_change(membership, scope)
        # Titles come de-identified from figures.shown_title, as in the adopted improvements.
        you_said = figures.you_said_we_did(organisation=organisation, start=scope.start,
                                           end=scope.end, teams=scope.teams)
        improving = [report_text(organisation, m.name) for m in engagement.cumulative.improving]
        sections = [
            *_engagement_sections(scope, label, engagement),
            _improvement_section(scope, label, improvements),
            _theme_section(scope, label, themes, without_change),
            _you_said_section(scope, label, you_said),
        ]
    return Report(scope=scope, scope_label=label, sections=sections, improvements=improvements,
                  themes=themes, without_change=without_change, you_said=you_said,
                  engagement=engagement, improving_measures=improving)
