"""The one place measures tell a person something, through the product's notifications."""

from stepwise.notifications.kinds import NotificationKind, register
from stepwise.notifications.models import Delivery

SUSTAIN_CHECK = register(NotificationKind(
    "measures.sustain_check", "Sustain checks on your improvements",
    "The chart of an improvement you own suggests the gain may be fading.",
    Delivery.IMMEDIATELY, can_turn_off=False,
))


def sustain_check_opened(*, check) -> None:
    from stepwise.notifications.services import notification_send

    watch = check.watch
    notification_send(
        recipient=watch.owner, organisation=watch.organisation, kind=SUSTAIN_CHECK.key,
        title=f"Time to look again at “{watch.measure.name}”: its chart has changed",
        url=check.get_absolute_url(),
    )
