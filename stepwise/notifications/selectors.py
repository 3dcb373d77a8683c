from django.db.models import QuerySet

from stepwise.notifications import kinds
from stepwise.notifications.models import Notification, NotificationPreference


def inbox(*, user) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-id")


def unread_count(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def preferences(*, user) -> list[tuple[kinds.NotificationKind, str]]:
    chosen = dict(
        NotificationPreference.objects.filter(person=user).values_list("kind", "delivery")
    )
    return [(kind, chosen.get(kind.key, kind.default)) for kind in kinds.all_kinds()]
