from datetime import time

from django_tasks import task

from stepwise.core import scheduler
from stepwise.core.tenancy import tenant_context
from stepwise.measures.models import Measure, SustainWatch


@task()
def sustain_check_measure(measure_id: int) -> bool:
    """Check one watched measure; True when a sustain check was opened."""
    from stepwise.measures.services import sustain_check_run

    measure = Measure.unscoped.select_related("organisation").filter(pk=measure_id).first()
    if measure is None or not measure.organisation.is_active:
        return False
    with tenant_context(measure.organisation):
        return sustain_check_run(measure=measure) is not None


@task()
def sustain_sweep(period: str) -> dict:
    """Weekly safety net: figures are checked as they arrive, but a rebase or a corrected
    figure can change what the chart says about earlier weeks."""
    measure_ids = sorted(set(
        SustainWatch.unscoped.filter(ended_at__isnull=True).values_list("measure_id", flat=True)
    ))
    for measure_id in measure_ids:
        sustain_check_measure.enqueue(measure_id)
    return {"period": period, "measures": len(measure_ids)}


scheduler.register(scheduler.Job(
    name="measures.sustain_sweep", cadence="weekly", at=time(6, 0),
    enqueue=lambda period: sustain_sweep.enqueue(period),
))
