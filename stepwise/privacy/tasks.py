from datetime import time

from django.utils import timezone
from django_tasks import task

from stepwise.core import scheduler
from stepwise.core.tenancy import tenant_context
from stepwise.organisations.models import Organisation


@task()
def purge_shared_originals(period: str) -> int:
    from stepwise.privacy.services import originals_purge

    purged = 0
    for organisation in Organisation.objects.filter(is_active=True):
        with tenant_context(organisation):
            purged += originals_purge(organisation=organisation, now=timezone.now())
    return purged


scheduler.register(scheduler.Job(
    name="privacy.purge_shared_originals", cadence="daily", at=time(3, 15),
    enqueue=lambda period: purge_shared_originals.enqueue(period),
))
