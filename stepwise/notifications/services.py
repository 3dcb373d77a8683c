from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone

from stepwise.core import audit
from stepwise.notifications import kinds
from stepwise.notifications.models import (
    Delivery,
    EmailSent,
    EmailState,
    Notification,
    NotificationPreference,
)


def delivery_for(*, person, organisation, kind: str) -> str:
    registered = kinds.get(kind)
    chosen = (
        NotificationPreference.unscoped.filter(
            organisation=organisation, person=person, kind=kind
        ).values_list("delivery", flat=True).first()
    ) or registered.default
    if chosen == Delivery.OFF and not registered.can_turn_off:
        return Delivery.DAILY
    return chosen


def notification_send(
    *, recipient, organisation, kind: str, title: str, url: str
) -> Notification | None:
    """Tell one person about something. ``title`` is shown in the notification centre only:
    e-mails name the kind and link here.

    Stored for the notification centre unless the person turned this kind off; e-mailed
    straight away, or later in a digest, by the worker.
    """
    delivery = delivery_for(person=recipient, organisation=organisation, kind=kind)
    if delivery == Delivery.OFF:
        return None
    notification = Notification.unscoped.create(
        organisation=organisation, recipient=recipient, kind=kind, title=title[:200],
        url=url, delivery=delivery, email_state=EmailState.PENDING,
    )
    if delivery == Delivery.IMMEDIATELY:
        from stepwise.notifications.tasks import send_notification_email

        transaction.on_commit(lambda: send_notification_email.enqueue(notification.pk))
    return notification


def _email(*, to: str, subject: str, context: dict,
           template: str = "notifications/emails/notification") -> None:
    """Send now, inside the worker's transaction: if sending fails, nothing is marked sent and
    the task can run again. Templates get titles and links, never note text."""
    context = {"site_url": settings.SITE_URL, **context}
    message = EmailMultiAlternatives(
        subject=subject, body=render_to_string(f"{template}.txt", context), to=[to]
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    message.send()


def day_text(moment) -> str:
    """"27 November": how e-mails name a day."""
    return formats.date_format(timezone.localtime(moment), "j F")


def email_links(notifications) -> list[tuple[str, str]]:
    """E-mails name the kind and day and link to the notification, not to what it is about: a
    mail log then shows no note's address, so it cannot tie an anonymous note to the person it
    was mailed to, and no title (which can name an idea)."""
    return [
        (f"{kinds.label_for(n.kind)} ({day_text(n.created_at)})",
         reverse("notifications:open", kwargs={
            "org_slug": n.organisation.slug, "notification_id": n.pk}))
        for n in notifications
    ]


def _emails_left_today(recipient) -> int:
    since = timezone.now() - timedelta(hours=24)
    sent = EmailSent.objects.filter(recipient=recipient, sent_at__gte=since).count()
    return max(0, settings.NOTIFICATION_EMAILS_PER_DAY - sent)


@transaction.atomic
def notification_email(*, notification: Notification) -> str:
    """E-mail one notification now, unless today's cap for its recipient is used up."""
    notification = Notification.unscoped.select_for_update().select_related(
        "recipient", "organisation").get(pk=notification.pk)
    if notification.email_state != EmailState.PENDING:
        return notification.email_state
    recipient = notification.recipient
    if not recipient.is_active or _emails_left_today(recipient) == 0:
        notification.email_state = EmailState.CAPPED
        notification.save(update_fields=["email_state"])
        return notification.email_state
    _email(
        to=recipient.email,
        subject=f"Stepwise: {kinds.label_for(notification.kind)}",
        context={
            "organisation_name": notification.organisation.name,
            "items": email_links([notification]),
        },
    )
    EmailSent.objects.create(recipient=recipient, kind=notification.kind)
    notification.email_state = EmailState.SENT
    notification.emailed_at = timezone.now()
    notification.save(update_fields=["email_state", "emailed_at"])
    return notification.email_state


@transaction.atomic
def digest_send(*, recipient, organisation, cadence: str) -> int:
    """One e-mail listing every waiting notification of this cadence; returns how many."""
    waiting = list(
        Notification.unscoped.select_for_update().select_related("organisation")
        .filter(organisation=organisation, recipient=recipient, delivery=cadence,
                email_state=EmailState.PENDING)
        .order_by("created_at")
    )
    if not waiting:
        return 0
    ids = [n.pk for n in waiting]
    if not recipient.is_active or _emails_left_today(recipient) == 0:
        Notification.unscoped.filter(pk__in=ids).update(email_state=EmailState.CAPPED)
        return 0
    label = "daily" if cadence == Delivery.DAILY else "weekly"
    _email(
        to=recipient.email,
        subject=f"Stepwise: your {label} summary ({len(waiting)} new)",
        context={"organisation_name": organisation.name, "items": email_links(waiting),
                 "digest": label},
    )
    EmailSent.objects.create(recipient=recipient, kind=f"digest.{label}")
    Notification.unscoped.filter(pk__in=ids).update(
        email_state=EmailState.SENT, emailed_at=timezone.now()
    )
    return len(waiting)


def notification_mark_read(*, recipient, notification: Notification) -> Notification:
    if notification.recipient_id != recipient.pk:
        raise ValidationError("This is not your notification.")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notifications_mark_all_read(*, recipient) -> int:
    return Notification.objects.filter(recipient=recipient, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def notification_preferences_set(*, membership, choices: dict[str, str]) -> list[str]:
    changed = []
    for key, delivery in choices.items():
        kind = kinds.get(key)
        if delivery not in Delivery.values:
            raise ValidationError({key: "Choose how you want to hear about this."})
        if delivery == Delivery.OFF and not kind.can_turn_off:
            raise ValidationError({key: "This one cannot be turned off; choose how you hear."})
        current = delivery_for(
            person=membership.user, organisation=membership.organisation, kind=key
        )
        if current == delivery:
            continue
        NotificationPreference.objects.update_or_create(
            organisation=membership.organisation, person=membership.user, kind=key,
            defaults={"delivery": delivery},
        )
        changed.append(key)
    if changed:
        audit.record(
            audit.NotificationPreferencesChanged(changed=changed),
            organisation=membership.organisation, actor=membership.user,
            target=membership,
        )
    return changed
