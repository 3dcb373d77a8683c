
from stepwise.core.access import get_or_404
from stepwise.notifications.models import Notification


def access_notification_by_id(user, notification_id) -> Notification:
    """Only the recipient's own notifications, in the active organisation."""
    return get_or_404(Notification.objects, pk=notification_id, recipient=user)
