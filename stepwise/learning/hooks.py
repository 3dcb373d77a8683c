"""Apps that keep something per note (themes) hear, after commit, that a note changed.

Services call ``note_changed`` explicitly; listeners are registered in ``AppConfig.ready``
and receive only the note's id (a task then loads the row).
"""

from collections.abc import Callable

from django.db import transaction

_listeners: list[Callable[[int], object]] = []


def register(listener: Callable[[int], object]) -> None:
    if listener not in _listeners:
        _listeners.append(listener)


def note_changed(note_id: int) -> None:
    for listener in _listeners:
        transaction.on_commit(lambda listener=listener: listener(note_id))
