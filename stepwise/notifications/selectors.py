from django.db.models import QuerySet
from django.urls import reverse

from stepwise.notifications import kinds
from stepwise.notifications.models import (
    Digest,
    DigestSubscription,
    Notification,
    NotificationPreference,
)


def inbox(*, user) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-id")


def unread_count(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def preferences(*, user) -> list[tuple[kinds.NotificationKind, str]]:
    chosen = dict(
        NotificationPreference.objects.filter(person=user).values_list("kind", "delivery")
    )
    return [(kind, chosen.get(kind.key, kind.default)) for kind in kinds.all_kinds()]


def digest_choices(*, membership) -> list[tuple[Digest, bool, str]]:
    """Each digest, whether it is on, and the address that switches it the other way."""
    off = set(DigestSubscription.objects.filter(person=membership.user, enabled=False)
              .values_list("digest", flat=True))
    return [
        (digest, on, reverse(f"notifications:digest_{digest.value}_{'off' if on else 'on'}",
                             kwargs={"org_slug": membership.organisation.slug}))
        for digest in Digest for on in [digest.value not in off]
    ]
