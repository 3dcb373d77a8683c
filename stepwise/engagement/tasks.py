from datetime import time

from django_tasks import task

from stepwise.core import scheduler
from stepwise.core.tenancy import tenant_context
from stepwise.engagement import services
from stepwise.organisations.models import Organisation


@task()
def refresh_engagement(organisation_id: int) -> dict:
    organisation = Organisation.objects.filter(pk=organisation_id, is_active=True).first()
    if organisation is None:
        return {"snapshots": 0}
    with tenant_context(organisation):
        written = services.engagement_snapshots_refresh(organisation=organisation)
    return {"snapshots": written}


@task()
def refresh_all_engagement(period: str) -> dict:
    """Every five minutes: one refresh per active organisation, so no dashboard waits."""
    ids = list(Organisation.objects.filter(is_active=True).values_list("pk", flat=True))
    for organisation_id in ids:
        refresh_engagement.enqueue(organisation_id)
    return {"period": period, "organisations": len(ids)}


scheduler.register(scheduler.Job(
    name="engagement.refresh", cadence="five_minutes", at=time(0, 0),
    enqueue=lambda period: refresh_all_engagement.enqueue(period),
))
