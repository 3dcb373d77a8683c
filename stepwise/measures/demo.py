"""Two years of weekly figures for the demo teams, wholly invented.

Some measures improve after a change; one improves, is adopted and then fades, so a sustain
check is waiting for its owner.
"""

import random
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction

from stepwise.accounts.models import User
from stepwise.core.tenancy import tenant_context
from stepwise.measures import periods, services
from stepwise.measures.models import DataPoint, Measure
from stepwise.organisations.demo import email_for
from stepwise.organisations.models import Organisation, Team

WEEKS = 104


@dataclass(frozen=True)
class DemoMeasure:
    name: str
    definition: str
    team: str | None
    unit: str
    direction: str
    target: float | None
    owner: str
    # (first week, level) pairs, each level held until the next; seeds chosen so the sustained
    # gains raise no false alarm and the fading one is caught by the six-point rule
    levels: tuple[tuple[int, float], ...]
    adopted_week: int | None = None
    adopted_label: str = ""
    rolls_up_into: str | None = None
    seed: int = 1


MEASURES = [
    DemoMeasure(
        "Children seen alone (all teams)",
        "Home visits where the child was seen alone, across the assessment and child "
        "protection teams.",
        None, "percentage", "increase", 80.0, "lead", ()),
    DemoMeasure(
        "Visits where the child was seen alone: Assessment North",
        "Statutory home visits where the child was seen alone, from the visit record.",
        "Assessment North", "percentage", "increase", 80.0, "manager",
        ((0, 0.62), (60, 0.80)), adopted_week=72,
        adopted_label="Ask to see the child alone at the door, not at the end",
        rolls_up_into="Children seen alone (all teams)", seed=1),
    DemoMeasure(
        "Visits where the child was seen alone: Child Protection South",
        "Statutory home visits where the child was seen alone, from the visit record.",
        "Child Protection South", "percentage", "increase", 80.0, "d.mensah",
        ((0, 0.66),), rolls_up_into="Children seen alone (all teams)", seed=12),
    DemoMeasure(
        "Days from contact to decision at the Front Door",
        "Working days from a contact arriving to the decision on what happens next (mean "
        "for the week).",
        "Front Door and MASH", "days", "decrease", 1.0, "h.whitlock",
        ((0, 2.6), (66, 1.4)), adopted_week=80,
        adopted_label="Morning triage huddle with police and health", seed=1),
    DemoMeasure(
        "Pathway plan reviews held on time",
        "Care leavers' pathway plan reviews held by their due date.",
        "Care Leavers", "percentage", "increase", 90.0, "c.doherty",
        ((0, 0.64), (50, 0.84), (84, 0.56)), adopted_week=66,
        adopted_label="Review dates booked at the previous review", seed=8),
    DemoMeasure(
        "Placement moves in the month",
        "Unplanned placement moves of children in care (count for the week).",
        "Children in Care", "count", "decrease", None, "r.kaur",
        ((0, 3.0),), seed=15),
]


def _level(spec: DemoMeasure, week: int) -> float:
    level = spec.levels[0][1]
    for start, value in spec.levels:
        if week >= start:
            level = value
    return level


def _points(spec: DemoMeasure, measure: Measure, mondays) -> list[DataPoint]:
    rng = random.Random(spec.seed)
    points = []
    for week, monday in enumerate(mondays):
        level = _level(spec, week)
        numerator = denominator = None
        if spec.unit == "percentage":
            denominator = rng.randint(9, 16)
            numerator = sum(rng.random() < level for _ in range(denominator))
            value = 100 * numerator / denominator
        elif spec.unit == "days":
            value = round(max(0.3, rng.gauss(level, 0.35)), 1)
        else:
            value = float(max(0, round(rng.gauss(level, 1.4))))
        points.append(DataPoint(organisation_id=measure.organisation_id, measure=measure,
                                period=monday, value=value, numerator=numerator,
                                denominator=denominator))
    return points


@transaction.atomic
def load(stdout) -> None:
    organisation = Organisation.objects.get(slug="wellbridge")
    this_week = periods.period_start(periods.london_today(), "weekly")
    mondays = [this_week - timedelta(weeks=WEEKS - i) for i in range(WEEKS)]
    created = 0
    with tenant_context(organisation):
        by_name: dict[str, Measure] = {}
        for spec in MEASURES:
            measure = Measure.objects.filter(name=spec.name).first()
            if measure is None:
                measure = Measure.objects.create(
                    organisation=organisation, name=spec.name, definition=spec.definition,
                    unit=spec.unit, direction=spec.direction, frequency="weekly",
                    target=spec.target,
                    team=Team.objects.get(name=spec.team) if spec.team else None,
                    owner=User.objects.get(email=email_for(spec.owner)),
                    rolls_up_into=by_name.get(spec.rolls_up_into or ""),
                )
                if spec.levels:
                    DataPoint.objects.bulk_create(_points(spec, measure, mondays))
                if spec.adopted_week is not None:
                    services.sustain_watch_start(
                        measure=measure, adopted_on=mondays[spec.adopted_week],
                        owner=measure.owner, source_label=spec.adopted_label)
                created += 1
            by_name[spec.name] = measure
    stdout.write(f"Measures: {created} created with {WEEKS} weeks of figures "
                 f"({len(MEASURES) - created} already there).")
