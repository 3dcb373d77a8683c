from datetime import time

from django.utils import timezone
from django_tasks import task

from stepwise.core import scheduler
from stepwise.core.tenancy import tenant_context
from stepwise.learning import services
from stepwise.organisations.models import Organisation


@task()
def purge_withdrawn_notes(period: str) -> dict:
    """Daily: delete the text of notes withdrawn longer ago than each organisation keeps it."""
    now = timezone.now()
    purged = {}
    for organisation in Organisation.objects.filter(is_active=True).iterator():
        with tenant_context(organisation):
            purged[organisation.slug] = services.notes_purge_withdrawn(
                organisation=organisation, now=now
            )
    return {"period": period, "purged": sum(purged.values())}


scheduler.register(scheduler.Job(
    name="learning.purge_withdrawn", cadence="daily", at=time(3, 0),
    enqueue=lambda period: purge_withdrawn_notes.enqueue(period),
))
