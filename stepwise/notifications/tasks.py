from datetime import time

from django.contrib.auth import get_user_model
from django_tasks import task

from stepwise.core import scheduler
from stepwise.notifications import services
from stepwise.notifications.models import Delivery, EmailState, Notification
from stepwise.organisations.models import Organisation


@task()
def send_notification_email(notification_id: int) -> str:
    notification = Notification.unscoped.filter(pk=notification_id).first()
    if notification is None:
        return "gone"
    return services.notification_email(notification=notification)


@task()
def send_digests(period: str, cadence: str) -> dict:
    pairs = list(
        Notification.unscoped.filter(delivery=cadence, email_state=EmailState.PENDING)
        .values_list("recipient_id", "organisation_id").distinct()
    )
    users = get_user_model().objects.in_bulk({r for r, _ in pairs})
    organisations = Organisation.objects.in_bulk({o for _, o in pairs})
    sent = 0
    for recipient_id, organisation_id in pairs:
        sent += services.digest_send(
            recipient=users[recipient_id], organisation=organisations[organisation_id],
            cadence=cadence,
        )
    return {"period": period, "cadence": cadence, "notifications": sent}


scheduler.register(scheduler.Job(
    name="notifications.daily_digest", cadence="daily", at=time(7, 0),
    enqueue=lambda period: send_digests.enqueue(period, Delivery.DAILY),
))
scheduler.register(scheduler.Job(
    name="notifications.weekly_digest", cadence="weekly", at=time(7, 0), weekday=0,
    enqueue=lambda period: send_digests.enqueue(period, Delivery.WEEKLY),
))
