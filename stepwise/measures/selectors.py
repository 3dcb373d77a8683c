from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, QuerySet
from django.urls import reverse

from stepwise.core import policy
from stepwise.measures import markers as marker_registry
from stepwise.measures import periods
from stepwise.measures.models import (
    DataPoint,
    Direction,
    Measure,
    Rebase,
    SustainCheck,
    Unit,
)
from stepwise.measures.spc import (
    Assurance,
    PointType,
    XmrResult,
    describe,
    did_it_work,
    render_svg,
    xmr,
)
from stepwise.privacy import outside

# Limits from fewer points than this move a lot as data arrive (Making Data Count's advice).
STABLE_LIMIT_POINTS = 12


@dataclass(frozen=True)
class SeriesPoint:
    period: date
    value: float
    numerator: int | None
    denominator: int | None
    note: str = ""
    teams: int = 1


def measure_queryset() -> QuerySet[Measure]:
    """The one query shape for measures with everything a chart needs."""
    points = DataPoint.objects.order_by("period")
    return Measure.objects.select_related("team", "owner", "rolls_up_into").prefetch_related(
        Prefetch("points", queryset=points),
        Prefetch("rebases", queryset=Rebase.objects.order_by("period")),
        "watches",
        Prefetch("parts", queryset=Measure.objects.prefetch_related(
            Prefetch("points", queryset=points))),
    )


def measure_list() -> QuerySet[Measure]:
    return measure_queryset().order_by("name")


def measure_series(measure: Measure) -> list[SeriesPoint]:
    parts = list(measure.parts.all())
    if not parts:
        points = sorted(measure.points.all(), key=lambda p: p.period)
        # Charts travel beyond the team (idea pages, the library, reports): notes on figures
        # are always shown as outsiders read them.
        outside.prefetch(p for p in points if p.note)
        return [SeriesPoint(p.period, p.value, p.numerator, p.denominator,
                            outside.shown_text(None, p, "note"))
                for p in points]
    by_period: dict[date, list[DataPoint]] = defaultdict(list)
    for part in parts:
        for point in part.points.all():
            by_period[point.period].append(point)
    series = []
    for period in sorted(by_period):
        points = by_period[period]
        if measure.unit == Unit.PERCENTAGE:
            numerator = sum(p.numerator or 0 for p in points)
            denominator = sum(p.denominator or 0 for p in points)
            if not denominator:
                continue
            series.append(SeriesPoint(period, 100 * numerator / denominator, numerator,
                                      denominator, teams=len(points)))
        else:
            series.append(SeriesPoint(period, sum(p.value for p in points), None, None,
                                      teams=len(points)))
    return series


def measure_xmr(
    measure: Measure,
    *,
    series: Sequence[SeriesPoint] | None = None,
    until: date | None = None,
    inclusive: bool = True,
    start: date | None = None,
) -> XmrResult:
    points = list(measure_series(measure) if series is None else series)
    if until is not None:
        points = [p for p in points if p.period < until or (inclusive and p.period == until)]
    if start is not None:
        points = [p for p in points if p.period >= start]
    return xmr(
        [p.period for p in points], [p.value for p in points],
        improvement=measure.direction, target=measure.target,
        rebase=[r.period for r in measure.rebases.all()],
    )


# Icons: what the latest point says (variation) and whether the target will be met (assurance).
VARIATION_LABELS = {
    "common_cause": "Common cause variation",
    "improvement_high": "Special cause improvement: higher",
    "improvement_low": "Special cause improvement: lower",
    "concern_high": "Special cause concern: higher",
    "concern_low": "Special cause concern: lower",
    "neutral_high": "Special cause variation: higher",
    "neutral_low": "Special cause variation: lower",
}
ASSURANCE_LABELS = {
    Assurance.CONSISTENT_PASS: "The target will be met consistently",
    Assurance.CONSISTENT_FAIL: "The target will not be met without a change",
    Assurance.INCONSISTENT: "The target will be met some weeks and missed others",
}


def variation_key(result: XmrResult) -> str | None:
    latest = next((p for p in reversed(result.points) if p.value is not None), None)
    if latest is None:
        return None
    kind = {
        PointType.SPECIAL_CAUSE_IMPROVEMENT: "improvement",
        PointType.SPECIAL_CAUSE_CONCERN: "concern",
        PointType.SPECIAL_CAUSE_NEUTRAL_HIGH: "neutral",
        PointType.SPECIAL_CAUSE_NEUTRAL_LOW: "neutral",
    }.get(latest.point_type)
    if kind is None:
        return "common_cause"
    return f"{kind}_{'high' if latest.side > 0 else 'low'}"


@dataclass(frozen=True)
class ChartRow:
    period: date
    value: float
    figure: str
    mean: float | None
    lpl: float | None
    upl: float | None
    point_type: str
    note: str


@dataclass(frozen=True)
class Chart:
    measure: Measure
    svg: str
    sentence: str
    rows: list[ChartRow]
    result: XmrResult
    variation: str | None
    variation_label: str
    assurance: str | None
    assurance_label: str
    markers: list[tuple[date, str]]
    too_few_points: bool


def _figure(measure: Measure, point: SeriesPoint) -> str:
    if measure.unit == Unit.PERCENTAGE:
        shown = f"{point.value:.1f}%"
        if point.denominator is not None:
            shown += f" ({point.numerator} of {point.denominator})"
        return shown
    return f"{point.value:g}"


def chart_for(
    measure: Measure,
    *,
    markers: Sequence[tuple[date, str]] | None = None,
    start: date | None = None,
    width: int = 720,
    height: int = 360,
) -> Chart:
    """The measure's XmR chart and its text alternative; also used by ideas and reports.

    ``markers`` (date, label) are drawn on the time axis; without them, every registered
    marker provider (see ``markers.py``) is asked.
    """
    series = [p for p in measure_series(measure) if start is None or p.period >= start]
    result = measure_xmr(measure, series=series)
    chosen = list(marker_registry.markers_for(measure) if markers is None else markers)
    if series:
        chosen = [m for m in chosen if m[0] >= series[0].period]
    svg = render_svg(result, title=measure.name, markers=chosen, width=width, height=height)
    labels = {p.date: p for p in result.points}
    rows = [
        ChartRow(period=p.period, value=p.value, figure=_figure(measure, p),
                 mean=labels[p.period].mean, lpl=labels[p.period].lpl,
                 upl=labels[p.period].upl,
                 point_type=labels[p.period].point_type.replace("_", " "), note=p.note)
        for p in series
    ]
    key = variation_key(result)
    return Chart(
        measure=measure, svg=svg, sentence=describe(result), rows=rows, result=result,
        variation=key, variation_label=VARIATION_LABELS.get(key or "", "No data yet"),
        assurance=result.assurance.value if result.assurance else None,
        assurance_label=ASSURANCE_LABELS.get(result.assurance, "") if result.assurance else "",
        markers=chosen, too_few_points=len(series) < STABLE_LIMIT_POINTS,
    )


def did_it_work_for(measure: Measure, *, start: date, end: date | None = None) -> str:
    """What the chart says about a test that began on ``start``, in plain words.

    For the Study step of a PDSA cycle: the limits come from before the test, so the points
    of the test period are judged against the process as it was.
    """
    changed_on = periods.period_start(start, measure.frequency)
    result = measure_xmr(measure, until=end)
    statement = did_it_work(result, changed_on=changed_on)
    segment = next((p.segment for p in result.points if p.date >= changed_on), None)
    before = [p for p in result.points
              if p.date < changed_on and p.value is not None
              and (segment is None or p.segment == segment)]
    if len(before) < STABLE_LIMIT_POINTS:
        statement += (
            f" A caution: only {len(before)} point{'s' if len(before) != 1 else ''} before the "
            f"change; limits need about {STABLE_LIMIT_POINTS} to be stable, so treat this as "
            "a first look."
        )
    return statement


@dataclass(frozen=True)
class MeasureRow:
    measure: Measure
    latest: SeriesPoint | None
    latest_figure: str
    variation: str | None
    variation_label: str
    points: int


def measure_rows(measures: Sequence[Measure]) -> list[MeasureRow]:
    rows = []
    for measure in measures:
        series = measure_series(measure)
        result = measure_xmr(measure, series=series)
        key = variation_key(result)
        latest = series[-1] if series else None
        rows.append(MeasureRow(
            measure=measure, latest=latest,
            latest_figure=_figure(measure, latest) if latest else "",
            variation=key, variation_label=VARIATION_LABELS.get(key or "", "No data yet"),
            points=len(series),
        ))
    return rows


def tally_measures(membership) -> QuerySet[Measure]:
    """Measures this person may add a figure to, with no team-wide sums among them."""
    measures = Measure.objects.select_related("team").filter(parts__isnull=True)
    if policy.can(membership, "measure.create") or policy.can(membership, "measure.import"):
        return measures.order_by("name")
    if membership.team_id is None:
        return measures.none()
    return measures.filter(team_id=membership.team_id).order_by("name")


def open_checks_for(user) -> QuerySet[SustainCheck]:
    return SustainCheck.objects.select_related("watch__measure").filter(
        resolved_at__isnull=True, watch__owner=user)


def checks_for_measure(measure: Measure) -> QuerySet[SustainCheck]:
    return SustainCheck.objects.select_related("watch", "resolved_by").filter(
        watch__measure=measure)


def home_steps(*, request, membership) -> list:
    from stepwise.core.home import NextStep

    slug = request.organisation.slug
    steps = [
        NextStep(
            f"Has the gain held? {check.watch.measure.name}",
            "The chart suggests the improvement may be fading: look at it and record what "
            "you find.",
            reverse("measures:check", kwargs={"org_slug": slug, "check_id": check.pk}),
        )
        for check in open_checks_for(request.user)[:3]
    ]
    own = list(tally_measures(membership)[:2]) if membership.team_id else []
    if own:
        target = (reverse("measures:tally", kwargs={"org_slug": slug, "measure_id": own[0].pk})
                  if len(own) == 1 else reverse("measures:list", kwargs={"org_slug": slug}))
        steps.append(NextStep(
            "Add this week's figures",
            "A quick tally keeps your team's charts up to date.", target,
        ))
    return steps


def direction_word(measure: Measure) -> str:
    return {Direction.INCREASE: "higher is better", Direction.DECREASE: "lower is better"}.get(
        measure.direction, "neither direction is better")


def figure_text(measure: Measure, point) -> str:
    return _figure(measure, SeriesPoint(point.period, point.value, point.numerator,
                                        point.denominator))


def period_text(measure: Measure, period: date) -> str:
    return periods.period_label(period, measure.frequency)


@dataclass(frozen=True)
class PreviewRow:
    line: int
    measure: Measure
    period: date
    figure: str
    replaces: str | None
    note: str


def import_preview(rows) -> list[PreviewRow]:
    """What an import would do, row by row, before anything is saved."""
    existing = {
        (p.measure_id, p.period): p
        for p in DataPoint.objects.filter(measure__in={r.measure.pk for r in rows})
    }
    preview = []
    for row in rows:
        value = (100 * row.numerator / row.denominator
                 if row.measure.is_proportion and row.numerator is not None and row.denominator
                 else row.value)
        old = existing.get((row.measure.pk, row.period))
        preview.append(PreviewRow(
            line=row.line, measure=row.measure, period=row.period,
            figure=_figure(row.measure, SeriesPoint(row.period, value or 0.0, row.numerator,
                                                    row.denominator)),
            replaces=figure_text(row.measure, old) if old else None, note=row.note,
        ))
    return preview


def owner_membership(measure: Measure):
    from stepwise.organisations.models import Membership

    return Membership.objects.filter(user_id=measure.owner_id, is_active=True).first()
