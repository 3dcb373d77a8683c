import math
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from stepwise.core import audit, policy
from stepwise.measures import notify, periods
from stepwise.measures.models import (
    DataPoint,
    Direction,
    Measure,
    Rebase,
    SustainCheck,
    SustainWatch,
    Unit,
)
from stepwise.measures.selectors import measure_series, measure_xmr
from stepwise.measures.spc import PointType
from stepwise.organisations.models import Membership, Team
from stepwise.privacy.services import outside_text_update

MAX_VALUE = 1e12
FADING_RUN = 6


@dataclass(frozen=True)
class PointInput:
    measure: Measure
    period: date
    value: float | None
    numerator: int | None = None
    denominator: int | None = None
    note: str = ""
    line: int = 0


@dataclass(frozen=True)
class ImportOutcome:
    created: int
    updated: int
    unchanged: int
    measures: list[Measure]


class ImportRejected(ValidationError):
    """Nothing was saved; ``rows`` holds (line, message) for every row at fault."""

    def __init__(self, rows: list[tuple[int, str]]):
        super().__init__([f"Row {line}: {message}" if line else message for line, message in rows])
        self.rows = rows


# Business rules for one figure ------------------------------------------------------------


def figure_value(
    *, measure: Measure, value: float | None, numerator: int | None, denominator: int | None,
    is_roll_up: bool | None = None,
) -> float:
    """The figure to store, or ValidationError naming the field at fault."""
    if measure.parts.exists() if is_roll_up is None else is_roll_up:
        raise ValidationError("This measure adds up its teams' figures: enter them on the team "
                              "measures instead.")
    if measure.is_proportion:
        if numerator is None or denominator is None:
            raise ValidationError({"numerator": "Enter both numbers, as in 7 of 9."})
        if denominator <= 0:
            raise ValidationError({"denominator": "The second number must be more than 0."})
        if numerator < 0:
            raise ValidationError({"numerator": "The first number cannot be negative."})
        if numerator > denominator:
            raise ValidationError({"numerator": f"{numerator} of {denominator} is more than all "
                                                "of them: the first number cannot be larger."})
        computed = 100 * numerator / denominator
        if value is not None and abs(value - computed) > 0.05:
            raise ValidationError({"value": f"The value {value:g} does not match {numerator} of "
                                            f"{denominator} ({computed:.1f}%): leave it empty "
                                            "or correct it."})
        return computed
    if numerator is not None or denominator is not None:
        raise ValidationError({"numerator": "Only percentage measures take 'x of y' figures: "
                                            "give the value alone."})
    if value is None:
        raise ValidationError({"value": "Enter the figure."})
    if not math.isfinite(value) or abs(value) >= MAX_VALUE:
        raise ValidationError({"value": "Enter a number of a sensible size."})
    if value < 0 and measure.unit in (Unit.COUNT, Unit.DAYS):
        raise ValidationError({"value": "A count or a number of days cannot be negative."})
    return value


def check_period(*, measure: Measure, period: date, today: date | None = None) -> None:
    if not periods.is_aligned(period, measure.frequency):
        expected = periods.period_start(period, measure.frequency)
        what = "a Monday" if measure.frequency == "weekly" else "the 1st of a month"
        raise ValidationError({"period": f"{period.isoformat()} is not {what}; "
                                         f"did you mean {expected.isoformat()}?"})
    if periods.is_future(period, today=today):
        raise ValidationError({"period": f"{period.isoformat()} is in the future."})


def can_tally(actor: Membership | None, measure: Measure) -> bool:
    if policy.can(actor, "measure.create") or policy.can(actor, "measure.import"):
        return True
    return (policy.can(actor, "measure.tally") and measure.team_id is not None
            and actor.team_id == measure.team_id)


# Measures ------------------------------------------------------------------------------------


def _check_roll_up(*, team: Team | None, unit: str, frequency: str,
                   rolls_up_into: Measure | None) -> None:
    if rolls_up_into is None:
        return
    if team is None:
        raise ValidationError({"rolls_up_into": "Only a team's measure can add into another."})
    if rolls_up_into.team_id is not None:
        raise ValidationError({"rolls_up_into": "Choose an organisation-wide measure."})
    if rolls_up_into.unit != unit or rolls_up_into.frequency != frequency:
        raise ValidationError({"rolls_up_into": "It must have the same unit and frequency."})
    if unit not in (Unit.COUNT, Unit.PERCENTAGE):
        raise ValidationError({"rolls_up_into": "Only counts and percentages add up."})
    if rolls_up_into.points.exists():
        raise ValidationError({"rolls_up_into": "That measure has figures of its own."})


@transaction.atomic
def measure_create(
    *,
    actor: Membership,
    name: str,
    definition: str = "",
    unit: str,
    direction: str,
    frequency: str,
    target: float | None = None,
    team: Team | None = None,
    owner=None,
    rolls_up_into: Measure | None = None,
) -> Measure:
    policy.require(actor, "measure.create")
    if Measure.objects.filter(name__iexact=name.strip()).exists():
        raise ValidationError({"name": "A measure with this name already exists."})
    _check_roll_up(team=team, unit=unit, frequency=frequency, rolls_up_into=rolls_up_into)
    measure = Measure(
        organisation=actor.organisation, name=name.strip(), definition=definition, unit=unit,
        direction=direction, frequency=frequency, target=target, team=team,
        owner=owner or actor.user, rolls_up_into=rolls_up_into,
    )
    measure.full_clean()
    measure.save()
    audit.record(audit.MeasureCreated(name=measure.name), organisation=actor.organisation,
                 actor=actor.user, target=measure)
    return measure


@transaction.atomic
def measure_update(
    *,
    actor: Membership,
    measure: Measure,
    name: str,
    definition: str,
    direction: str,
    target: float | None,
    team: Team | None,
    rolls_up_into: Measure | None,
    owner=None,
) -> Measure:
    policy.require(actor, "measure.create")
    if Measure.objects.filter(name__iexact=name.strip()).exclude(pk=measure.pk).exists():
        raise ValidationError({"name": "A measure with this name already exists."})
    if rolls_up_into is not None and rolls_up_into.pk == measure.pk:
        raise ValidationError({"rolls_up_into": "A measure cannot add into itself."})
    _check_roll_up(team=team, unit=measure.unit, frequency=measure.frequency,
                   rolls_up_into=rolls_up_into)
    if team is not None and measure.parts.exists():
        raise ValidationError({"team": "Team measures add into this one: it stays "
                                       "organisation-wide."})
    new = {"name": name.strip(), "definition": definition, "direction": direction,
           "target": target, "team": team, "rolls_up_into": rolls_up_into,
           "owner": owner or measure.owner}
    changed = [field for field, value in new.items() if getattr(measure, field) != value]
    for field, value in new.items():
        setattr(measure, field, value)
    measure.full_clean()
    measure.save()
    audit.record(audit.MeasureChanged(changed=changed), organisation=actor.organisation,
                 actor=actor.user, target=measure)
    return measure


@transaction.atomic
def measure_rebase(*, actor: Membership, measure: Measure, period: date, reason: str) -> Rebase:
    policy.require(actor, "measure.create")
    check_period(measure=measure, period=period)
    rebase, created = Rebase.objects.get_or_create(
        organisation=measure.organisation, measure=measure, period=period,
        defaults={"reason": reason, "created_by": actor.user},
    )
    if not created:
        raise ValidationError({"period": "The limits already start again from this period."})
    audit.record(audit.MeasureRebased(period=period.isoformat(), reason=reason),
                 organisation=actor.organisation, actor=actor.user, target=measure)
    return rebase


# Getting figures in --------------------------------------------------------------------------


def _upsert(point: PointInput, value: float, user, existing: DataPoint | None = None
            ) -> tuple[DataPoint, float | None, bool]:
    """Store the figure; returns the point, the value it replaced and whether anything changed."""
    replaced = existing.value if existing else None
    had_note = bool(existing is not None and existing.note)
    if existing is not None and (existing.value, existing.numerator, existing.denominator,
                                 existing.note) == (value, point.numerator, point.denominator,
                                                    point.note):
        return existing, replaced, False
    if existing is None:
        existing = DataPoint(organisation=point.measure.organisation, measure=point.measure,
                             period=point.period)
    existing.value = value
    existing.numerator = point.numerator
    existing.denominator = point.denominator
    existing.note = point.note
    existing.entered_by = user
    existing.save()
    if existing.note or had_note:
        outside_text_update(obj=existing, author=user)
    return existing, replaced, True


def _watched_after_save(measures: list[Measure]) -> None:
    seen: set[int] = set()
    for measure in measures:
        for each in (measure, measure.rolls_up_into):
            if each is not None and each.pk not in seen:
                seen.add(each.pk)
                sustain_check_run(measure=each)


@transaction.atomic
def datapoint_record(
    *,
    actor: Membership,
    measure: Measure,
    period: date,
    value: float | None = None,
    numerator: int | None = None,
    denominator: int | None = None,
    note: str = "",
) -> DataPoint:
    """The quick tally: one figure for one period, replacing any figure already there."""
    if not can_tally(actor, measure):
        raise PermissionDenied("Only the measure's team adds figures to it.")
    check_period(measure=measure, period=period)
    stored = figure_value(measure=measure, value=value, numerator=numerator,
                          denominator=denominator)
    point, replaced, _ = _upsert(
        PointInput(measure=measure, period=period, value=value, numerator=numerator,
                   denominator=denominator, note=note.strip()),
        stored, actor.user,
        DataPoint.objects.filter(measure=measure, period=period).first(),
    )
    audit.record(
        audit.MeasureFigureRecorded(period=period.isoformat(), value=stored, replaced=replaced),
        organisation=actor.organisation, actor=actor.user, target=measure,
    )
    _watched_after_save([measure])
    return point


def sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else text + "."


def check_rows(rows: list[PointInput], *, today: date | None = None) -> list[tuple[int, str]]:
    """Every row's business-rule problems, as (line, message); empty when all are fine."""
    errors: list[tuple[int, str]] = []
    seen: dict[tuple[int, date], int] = {}
    roll_ups = _roll_up_ids(rows)
    for row in rows:
        problems = []
        key = (row.measure.pk, row.period)
        if key in seen:
            problems.append(f"{row.measure.name} already has a figure for "
                            f"{row.period.isoformat()} on row {seen[key]}")
        else:
            seen[key] = row.line
        for check in (
            lambda r=row: check_period(measure=r.measure, period=r.period, today=today),
            lambda r=row: figure_value(measure=r.measure, value=r.value,
                                       numerator=r.numerator, denominator=r.denominator,
                                       is_roll_up=r.measure.pk in roll_ups),
        ):
            try:
                check()
            except ValidationError as error:
                problems.extend(error.messages)
        if problems:
            errors.append((row.line, sentence("; ".join(p.rstrip(".") for p in problems))))
    return errors


def _roll_up_ids(rows: list[PointInput]) -> set[int]:
    ids = {row.measure.pk for row in rows}
    return set(Measure.objects.filter(pk__in=ids, parts__isnull=False).values_list("pk", flat=True))


@transaction.atomic
def datapoints_import(
    *, actor: Membership | None, organisation, rows: list[PointInput], source: str = ""
) -> ImportOutcome:
    """All or nothing: any row at fault and nothing is saved.

    ``actor`` is None only for the ``import-measures`` command, run by someone with shell
    access to the server, who is trusted as the operator.
    """
    if actor is not None:
        policy.require(actor, "measure.import")
    if not rows:
        raise ImportRejected([(0, "The file has no rows to import.")])
    if any(row.measure.organisation_id != organisation.pk for row in rows):
        raise ImportRejected([(0, "Every measure must belong to this organisation.")])
    errors = check_rows(rows)
    if errors:
        raise ImportRejected(errors)
    created = updated = unchanged = 0
    user = actor.user if actor is not None else None
    measures: dict[int, Measure] = {row.measure.pk: row.measure for row in rows}
    existing = {
        (p.measure_id, p.period): p
        for p in DataPoint.objects.select_for_update().filter(measure__in=list(measures))
    }
    for row in rows:
        value = figure_value(measure=row.measure, value=row.value, numerator=row.numerator,
                             denominator=row.denominator, is_roll_up=False)
        _, replaced, changed = _upsert(row, value, user,
                                       existing.get((row.measure.pk, row.period)))
        if replaced is None:
            created += 1
        elif changed:
            updated += 1
        else:
            unchanged += 1
    audit.record(
        audit.MeasureDataImported(rows=len(rows), created=created, updated=updated,
                                  unchanged=unchanged,
                                  measures=sorted(measures), source=source[:200]),
        organisation=organisation, actor=user,
    )
    _watched_after_save(list(measures.values()))
    return ImportOutcome(created=created, updated=updated, unchanged=unchanged,
                         measures=list(measures.values()))


# Sustain watch -------------------------------------------------------------------------------


@transaction.atomic
def sustain_watch_start(
    *,
    measure: Measure,
    adopted_on: date,
    owner,
    source_label: str,
    source_url: str = "",
    actor: Membership | None = None,
) -> SustainWatch:
    """Called when a change is adopted (by the improvements app, which has checked its rights).

    The chart starts again at the adoption period, so the gain is judged against limits of its
    own, and the mean before adoption is kept to notice the gain fading back to it.
    """
    period = periods.period_start(adopted_on, measure.frequency)
    before = measure_xmr(measure, until=period, inclusive=False)
    baseline = next((p.mean for p in reversed(before.points) if p.mean is not None), None)
    SustainWatch.objects.filter(measure=measure, ended_at__isnull=True).update(
        ended_at=timezone.now())
    Rebase.objects.get_or_create(
        organisation=measure.organisation, measure=measure, period=period,
        defaults={"reason": f"Adopted: {source_label}"[:200]},
    )
    watch = SustainWatch.objects.create(
        organisation=measure.organisation, measure=measure, adopted_on=period, owner=owner,
        source_label=source_label[:200], source_url=source_url[:500], baseline_mean=baseline,
    )
    audit.record(
        audit.SustainWatchStarted(adopted_on=period.isoformat(), source_label=source_label),
        organisation=measure.organisation, actor=actor.user if actor else None, target=measure,
    )
    sustain_check_run(measure=measure)
    return watch


def _sustain_trigger(watch: SustainWatch, measure: Measure) -> tuple[str, date] | None:
    looked_at = [day for check in watch.checks.all()
                 for day in (check.trigger_period, check.reviewed_through) if day is not None]
    last = max(looked_at, default=None)
    result = measure_xmr(measure)
    fresh = [p for p in result.points
             if p.date >= watch.adopted_on and p.value is not None
             and (last is None or p.date > last)]
    concerns = [p for p in fresh if p.point_type is PointType.SPECIAL_CAUSE_CONCERN]
    if concerns:
        return SustainCheck.Reason.CONCERN, concerns[-1].date
    baseline = watch.baseline_mean
    if baseline is None or measure.direction == Direction.NEUTRAL:
        return None
    run = 0
    for point in fresh:
        no_better = (point.value <= baseline if measure.direction == Direction.INCREASE
                     else point.value >= baseline)
        run = run + 1 if no_better else 0
        if run >= FADING_RUN:
            return SustainCheck.Reason.FADING, point.date
    return None


@transaction.atomic
def sustain_check_run(*, measure: Measure) -> SustainCheck | None:
    """Open a sustain check when the newest figures say the gain may be fading.

    Idempotent: nothing happens while a check is open, and a resolved check's data are not
    looked at again.
    """
    watch = (SustainWatch.objects.select_for_update()
             .filter(measure=measure, ended_at__isnull=True).first())
    if watch is None or watch.checks.filter(resolved_at__isnull=True).exists():
        return None
    trigger = _sustain_trigger(watch, measure)
    if trigger is None:
        return None
    reason, period = trigger
    check = SustainCheck.objects.create(organisation=measure.organisation, watch=watch,
                                        reason=reason, trigger_period=period)
    audit.record(audit.SustainCheckOpened(reason=reason, trigger_period=period.isoformat()),
                 organisation=measure.organisation, target=check)
    notify.sustain_check_opened(check=check)
    return check


@transaction.atomic
def sustain_check_resolve(*, actor: Membership, check: SustainCheck, finding: str
                          ) -> SustainCheck:
    if check.watch.owner_id != actor.user_id:
        policy.require(actor, "measure.create")
    if check.resolved_at is not None:
        raise ValidationError("This check has already been answered.")
    if not finding.strip():
        raise ValidationError({"finding": "Say what you found."})
    series = measure_series(check.watch.measure)
    check.finding = finding.strip()
    check.resolved_at = timezone.now()
    check.resolved_by = actor.user
    check.reviewed_through = series[-1].period if series else None
    check.save(update_fields=["finding", "resolved_at", "resolved_by", "reviewed_through"])
    # The measure's team reads the finding as written; an organisation measure's finding is
    # read as written by its author's team.
    outside_text_update(obj=check, author=actor.user, team=actor.team)
    audit.record(audit.SustainCheckResolved(), organisation=actor.organisation, actor=actor.user,
                 target=check)
    return check


def measures_hand_over(*, organisation, from_user, to_user) -> int:
    moved = Measure.objects.filter(owner=from_user).update(owner=to_user)
    moved += SustainWatch.objects.filter(owner=from_user, ended_at__isnull=True).update(
        owner=to_user)
    return moved
