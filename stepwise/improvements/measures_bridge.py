"""Every call into the measures app, in one place.

An idea names its measure by id (``Idea.measure_id``) so this app works with or without
measures installed; when it is, the chart with the cycles marked, the Study step's "did it
work?" text and the sustain watch on adoption come from here.
"""

from datetime import date

from django.apps import apps


def available() -> bool:
    return apps.is_installed("stepwise.measures")


def measure_choices() -> list[tuple[int, str]]:
    if not available():
        return []
    from stepwise.measures.models import Measure

    return [(m.pk, str(m)) for m in Measure.objects.order_by("name")]


def measure_for(idea):
    if not available() or idea.measure_id is None:
        return None
    from stepwise.measures.models import Measure

    return Measure.objects.filter(pk=idea.measure_id).first()


def cycle_markers(measure) -> list[tuple[date, str]]:
    """Marker provider: the start of every PDSA cycle of every idea measured by ``measure``."""
    from stepwise.improvements.models import Cycle

    return [
        (cycle.starts_on, f"PDSA {cycle.number}: {cycle.idea.title}"[:60])
        for cycle in Cycle.objects.filter(idea__measure_id=measure.pk).select_related("idea")
    ]


def register_markers() -> None:
    if available():
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


def sustain_watch_start(idea, *, owner) -> None:
    measure = measure_for(idea)
    if measure is None:
        return
    from stepwise.measures.services import sustain_watch_start

    sustain_watch_start(measure=measure, adopted_on=idea.adopted_on, owner=owner,
                        source_label=idea.title, source_url=idea.get_absolute_url())


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
    from stepwise.measures.models import SustainCheck

    return SustainCheck.objects.filter(watch__measure=measure, resolved_at__isnull=True).exists()
