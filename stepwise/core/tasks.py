from datetime import time, timedelta

from django.contrib.sessions.models import Session
from django.utils import timezone
from django_tasks import task

from stepwise.core import scheduler
from stepwise.core.models import SecurityEvent


@task()
def housekeeping(period: str) -> dict:
    """Daily: drop expired sessions and security events older than a year."""
    now = timezone.now()
    sessions, _ = Session.objects.filter(expire_date__lt=now).delete()
    events, _ = SecurityEvent.objects.filter(created_at__lt=now - timedelta(days=365)).delete()
    return {"period": period, "sessions": sessions, "security_events": events}


scheduler.register(scheduler.Job(
    name="core.housekeeping", cadence="daily", at=time(2, 30),
    enqueue=lambda period: housekeeping.enqueue(period),
))
