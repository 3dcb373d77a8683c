from collections import Counter
from datetime import time

from django.contrib.auth import get_user_model
from django.utils import timezone
from django_tasks import task

from stepwise.core import scheduler
from stepwise.core.tenancy import tenant_context
from stepwise.notifications import digests, services
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
@task()
def send_weekly_digests(period: str) -> dict:
    """Monday: one task per organisation, so one slow organisation holds up nobody else."""
    ids = list(Organisation.objects.filter(is_active=True).values_list("pk", flat=True))
    for organisation_id in ids:
        send_weekly_digest.enqueue(organisation_id, period)
    return {"period": period, "organisations": len(ids)}


@task()
def send_weekly_digest(organisation_id: int, period: str) -> dict:
    from stepwise.organisations.models import Membership

    organisation = Organisation.objects.filter(pk=organisation_id, is_active=True).first()
    if organisation is None:
        return {"period": period, "gone": True}
    now = timezone.now()
    outcomes: Counter = Counter()
    with tenant_context(organisation):
        members = list(Membership.objects.filter(is_active=True, user__is_active=True)
                       .select_related("user", "team", "organisation").order_by("pk"))
        for membership in members:
            outcomes[digests.weekly_digest_send(membership=membership, now=now)] += 1
        # Weekly notifications for someone who has left are not e-mailed to them any more.
        Notification.objects.filter(delivery=Delivery.WEEKLY, email_state=EmailState.PENDING
                                    ).exclude(recipient__in=[m.user for m in members]
                                              ).update(email_state=EmailState.CAPPED)
    return {"period": period, **outcomes}


@task()
def send_monthly_digests(period: str) -> dict:
    """Daily; on the month's first working day, "you said, we did" for the month before."""
    today = timezone.localdate(timezone.now(), scheduler.LONDON)
    if today != digests.first_working_day(today.replace(day=1)):
        return {"period": period, "due": False}
    ids = list(Organisation.objects.filter(is_active=True).values_list("pk", flat=True))
    for organisation_id in ids:
        send_monthly_digest.enqueue(organisation_id, f"{digests.previous_month(today):%Y-%m}")
    return {"period": period, "due": True, "organisations": len(ids)}


@task()
def send_monthly_digest(organisation_id: int, month: str) -> dict:
    from datetime import date

    from stepwise.organisations.models import Membership

    organisation = Organisation.objects.filter(pk=organisation_id, is_active=True).first()
    if organisation is None:
        return {"month": month, "gone": True}
    year, number = (int(part) for part in month.split("-"))
    first = date(year, number, 1)
    outcomes: Counter = Counter()
    with tenant_context(organisation):
        # The same for everyone in the organisation: worked out once.
        sections = digests.you_said_we_did(organisation=organisation, month=first)
        for membership in (Membership.objects.filter(is_active=True, user__is_active=True)
                           .select_related("user", "organisation").order_by("pk")):
            outcomes[digests.monthly_digest_send(membership=membership, month=first,
                                                 sections=sections)] += 1
    return {"month": month, **outcomes}


scheduler.register(scheduler.Job(
    name="notifications.monthly_digest", cadence="daily", at=time(7, 0),
    enqueue=lambda period: send_monthly_digests.enqueue(period),
))


# The Monday e-mail carries weekly notifications too (see digests.py), so the weekly job
# sends the round-up rather than a separate notification summary.
scheduler.register(scheduler.Job(
    name="notifications.weekly_digest", cadence="weekly", at=time(7, 0), weekday=0,
    enqueue=lambda period: send_weekly_digests.enqueue(period),
))
