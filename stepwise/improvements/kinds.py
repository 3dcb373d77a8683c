"""The notifications this app sends, registered with the notifications app."""

from stepwise.notifications.kinds import NotificationKind, register
from stepwise.notifications.models import Delivery

IDEA_READY = register(NotificationKind(
    "improvements.ready", "Ideas ready to test in your team",
    "An idea in your team is ready; it goes ahead unless you raise a concern.",
    Delivery.IMMEDIATELY,
))
CONCERN = register(NotificationKind(
    "improvements.concern", "Concerns about your ideas",
    "Someone raised a concern about an idea you own, or replied to one.", Delivery.IMMEDIATELY,
    can_turn_off=False,
))
WENT_AHEAD = register(NotificationKind(
    "improvements.went_ahead", "Tests going ahead",
    "An idea you own, support or helped start is now being tested.", Delivery.DAILY,
))
NUDGE = register(NotificationKind(
    "improvements.nudge", "Reminders about stalled ideas",
    "A test of yours has had no update for a while, or an idea is waiting to start.",
    Delivery.DAILY,
))
DECIDED = register(NotificationKind(
    "improvements.decided", "Decisions on ideas",
    "An idea you support or helped start was adopted or abandoned.", Delivery.DAILY,
))
SPREAD = register(NotificationKind(
    "improvements.spread", "Ideas spreading to other teams",
    "Another team is trying an idea you own, support or helped start.", Delivery.WEEKLY,
))
NOTE_LED_TO = register(NotificationKind(
    "improvements.note_led_to", "What became of your notes",
    "A learning note you wrote led to an improvement idea.", Delivery.DAILY,
))
