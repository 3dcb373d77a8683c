"""Every call into the measures app, in one place: the measure picker, a tally measure made
on the spot, the chart with the cycles marked, the Study step's "did it work?" text, the
sustain watch on adoption and the points counted towards "sustained".
"""

from datetime import date

from django.core.exceptions import ValidationError

from stepwise.core import policy
from stepwise.measures.models import Direction, Frequency, Measure, SustainCheck, Unit


def measure_choices() -> list[tuple[int, str]]:
    return [(m.pk, f"{m.name} ({m.scope_label})")
            for m in Measure.objects.select_related("team").order_by("name")]


def check_measure(measure_id: int | None) -> None:
    if measure_id is not None and not Measure.objects.filter(pk=measure_id).exists():
        raise ValidationError({"measure_id": "Choose a measure from the list."})


def can_create_tally(membership) -> bool:
    return policy.can(membership, "measure.create")


def tally_measure_create(*, actor, name: str, team, direction: str) -> Measure:
    """A simple weekly count for the team, made while suggesting the idea."""
    from stepwise.measures.services import measure_create

    try:
        return measure_create(actor=actor, name=name, unit=Unit.COUNT, direction=direction,
                              frequency=Frequency.WEEKLY, team=team,
                              definition="A weekly tally started with an improvement idea.")
    except ValidationError as error:
        if hasattr(error, "error_dict") and "name" in error.error_dict:
            raise ValidationError({"measure_label": error.error_dict["name"]}) from None
        raise


def measure_for(idea):
    if idea.measure_id is None:
        return None
    return Measure.objects.filter(pk=idea.measure_id).first()


def cycle_markers(measure) -> list[tuple[date, str]]:
    """Marker provider: the start of every PDSA cycle of every idea measured by ``measure``."""
    from stepwise.improvements.models import Cycle
    from stepwise.privacy.outside import prefetch, shown_text

    # Charts are read across the organisation: cycles name their idea as outsiders see it.
    cycles = list(Cycle.objects.filter(idea__measure_id=measure.pk).select_related("idea"))
    prefetch(cycle.idea for cycle in cycles)
    return [
        (cycle.starts_on, f"PDSA {cycle.number}: {shown_text(None, cycle.idea, 'title')}"[:60])
        for cycle in cycles
    ]


def register_markers() -> None:
    from stepwise.measures import markers

    markers.register(cycle_markers)


def chart_for(idea):
    measure = measure_for(idea)
    if measure is None:
        return None
    from stepwise.measures.selectors import chart_for

    return chart_for(measure)


def did_it_work(idea, *, start: date, end: date | None) -> str:
    measure = measure_for(idea)
    if measure is None:
        return ""
    from stepwise.measures.selectors import did_it_work_for

    return did_it_work_for(measure, start=start, end=end)


def sustain_watch_start(idea, *, actor) -> None:
    measure = measure_for(idea)
    if measure is None:
        return
    from stepwise.measures.services import sustain_watch_start
    from stepwise.privacy.outside import shown_text

    # Measure pages are read across the organisation: they name the idea as outsiders see it.
    sustain_watch_start(measure=measure, adopted_on=idea.adopted_on, owner=actor.user,
                        source_label=shown_text(None, idea, "title"),
                        source_url=idea.get_absolute_url(),
                        actor=actor)


def points_since(idea, day: date) -> int | None:
    """Data points of the idea's measure after ``day``; None when it has no measure."""
    measure = measure_for(idea)
    if measure is None:
        return None
    return measure.points.filter(period__gt=day).count()


def sustain_check_open(idea) -> bool:
    measure = measure_for(idea)
    if measure is None:
        return False
    return SustainCheck.objects.filter(watch__measure=measure, resolved_at__isnull=True).exists()


DIRECTION_CHOICES = [(Direction.DECREASE, "Fewer is better"),
                     (Direction.INCREASE, "More is better")]
