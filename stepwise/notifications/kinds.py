"""Every kind of notification the product sends, registered by the app that sends it.

A kind's key is what preferences are stored under; its label and description are what the
preferences page shows. Later parts of the loop (ideas, tests, adoptions, digests, sustain
checks) register their kinds here and send through ``notification_send``.
"""

from dataclasses import dataclass

from stepwise.notifications.models import Delivery


@dataclass(frozen=True)
class NotificationKind:
    key: str
    label: str
    description: str
    default: str = Delivery.DAILY
    # Kinds a person must not turn off entirely (they still choose how they hear).
    can_turn_off: bool = True


_kinds: dict[str, NotificationKind] = {}


def register(kind: NotificationKind) -> NotificationKind:
    _kinds[kind.key] = kind
    return kind


def get(key: str) -> NotificationKind:
    try:
        return _kinds[key]
    except KeyError:
        raise KeyError(f"Unknown notification kind {key!r}; register it in kinds.py") from None


def label_for(key: str) -> str:
    """What e-mails call a notification: its kind's fixed name, never its title (titles can
    name an idea, and e-mails carry links, never people's words)."""
    kind = _kinds.get(key)
    return kind.label if kind is not None else "A notification"


def all_kinds() -> list[NotificationKind]:
    return sorted(_kinds.values(), key=lambda k: k.label)


NOTE_REPLY = register(NotificationKind(
    "learning.reply", "Replies to your notes",
    "Someone replied to a learning note you wrote.", Delivery.IMMEDIATELY,
))
NOTE_ME_TOO = register(NotificationKind(
    "learning.me_too", "'Me too' on your notes",
    "A colleague said the same happened to them.", Delivery.DAILY,
))
NOTE_THANKS = register(NotificationKind(
    "learning.thanks", "Thanks for your notes",
    "A colleague thanked you for a learning note.", Delivery.WEEKLY,
))
NOTE_REPORTED = register(NotificationKind(
    "learning.reported", "Notes reported for review",
    "A note was reported and hidden; it is waiting for your review.", Delivery.IMMEDIATELY,
    can_turn_off=False,
))
NOTE_REVIEWED = register(NotificationKind(
    "learning.reviewed", "Reviews of your notes",
    "A note you wrote or reported has been reviewed.", Delivery.IMMEDIATELY,
))
