from django.conf import settings
from django.db import models
from django.db.models import Q

from stepwise.core.tenancy import TenantModel


class Delivery(models.TextChoices):
    OFF = "off", "Off"
    IMMEDIATELY = "immediately", "By e-mail, straight away"
    DAILY = "daily", "In a daily e-mail digest"
    WEEKLY = "weekly", "In a weekly e-mail digest"


class EmailState(models.TextChoices):
    NONE = "none", "Not e-mailed"
    PENDING = "pending", "Waiting to be e-mailed"
    SENT = "sent", "E-mailed"
    CAPPED = "capped", "Not e-mailed: daily limit reached"


class Notification(TenantModel):
    """One thing a person should hear about. Shown in the notification centre, whatever the
    e-mail preference; titles never quote note text, so they are safe to e-mail too."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=64)
    title = models.CharField(max_length=200)
    url = models.CharField(max_length=500)
    delivery = models.CharField(
        max_length=16, choices=Delivery.choices, default=Delivery.IMMEDIATELY
    )
    email_state = models.CharField(
        max_length=16, choices=EmailState.choices, default=EmailState.NONE
    )
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "organisation", "-created_at"],
                         name="notification_inbox"),
            models.Index(fields=["email_state", "delivery", "recipient"],
                         name="notification_email_queue"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(delivery__in=Delivery.values), name="notification_delivery_valid"
            ),
            models.CheckConstraint(
                condition=Q(email_state__in=EmailState.values),
                name="notification_email_state_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class NotificationPreference(TenantModel):
    """How a person wants to hear about one kind of notification; no row means the default."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=64)
    delivery = models.CharField(max_length=16, choices=Delivery.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "person", "kind"], name="preference_once_per_kind"
            ),
            models.CheckConstraint(
                condition=Q(delivery__in=Delivery.values), name="preference_delivery_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.delivery}"


class EmailSent(models.Model):
    """Every notification e-mail sent to a person, across organisations: the daily cap's count."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    sent_at = models.DateTimeField(auto_now_add=True)
    kind = models.CharField(max_length=64)

    class Meta:
        indexes = [models.Index(fields=["recipient", "sent_at"], name="emailsent_recent")]

    def __str__(self) -> str:
        return f"{self.kind} to {self.recipient_id} at {self.sent_at:%Y-%m-%d %H:%M}"


class Digest(models.TextChoices):
    WEEKLY = "weekly", "Weekly round-up of your notes and ideas"
    MONTHLY = "monthly", "Monthly 'you said, we did'"


class DigestSubscription(TenantModel):
    """A person's switch and watermark for one e-mail digest; no row means switched on and
    never sent. ``covered_until`` is the moment up to which activity has been mailed, so a
    digest never repeats what an earlier one said."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="+")
    digest = models.CharField(max_length=16, choices=Digest.choices)
    enabled = models.BooleanField(default=True)
    covered_until = models.DateTimeField(null=True, blank=True)
    # The monthly digest's watermark is the month it last covered ("2026-11").
    covered_period = models.CharField(max_length=16, blank=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "person", "digest"],
                                    name="digest_subscription_once"),
            models.CheckConstraint(condition=Q(digest__in=Digest.values),
                                   name="digest_subscription_kind_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.digest} digest for {self.person_id}: {'on' if self.enabled else 'off'}"
