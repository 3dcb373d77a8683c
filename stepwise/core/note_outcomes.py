"""What became of a learning note: the note page asks every registered provider.

The learning app renders ``outcomes_for(note=…, viewer=…)`` on the note page (for instance
with ``{% include "core/includes/note_outcomes.html" %}``); later parts of the loop register
providers in their ``AppConfig.ready`` without the learning app importing them.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class NoteOutcome:
    text: str  # e.g. "Became the idea 'Call before the visit': adopted"
    url: str
    status: str  # a short state label, shown as a tag


OutcomeProvider = Callable[..., list[NoteOutcome]]
_providers: list[OutcomeProvider] = []


def register(provider: OutcomeProvider) -> None:
    if all(p is not provider for p in _providers):
        _providers.append(provider)


def outcomes_for(*, note, viewer) -> list[NoteOutcome]:
    outcomes: list[NoteOutcome] = []
    for provider in _providers:
        outcomes.extend(provider(note=note, viewer=viewer))
    return outcomes
