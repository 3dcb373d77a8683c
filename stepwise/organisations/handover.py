"""When someone leaves, each app hands what they own to a named colleague.

Apps register a handler at import time (in their ``AppConfig.ready``); the handler reassigns
everything the leaver owns in the active organisation and returns how many items moved.
"""

from collections.abc import Callable

HandoverHandler = Callable[..., int]
_handlers: dict[str, HandoverHandler] = {}


def register(name: str, handler: HandoverHandler) -> None:
    _handlers[name] = handler


def hand_over(*, organisation, from_user, to_user) -> dict[str, int]:
    return {
        name: handler(organisation=organisation, from_user=from_user, to_user=to_user)
        for name, handler in sorted(_handlers.items())
    }
