from django.http import Http404

from stepwise.notifications.models import Notification


def access_notification_by_id(user, notification_id) -> Notification:
    """Only the recipient's own notifications, in the active organisation."""
    try:
        return Notification.objects.get(pk=notification_id, recipient=user)
    except (Notification.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
