"""Markers on a measure's time axis, supplied by other apps (PDSA cycles, adoptions).

An app registers a provider in its ``AppConfig.ready``; a provider takes a Measure and returns
``[(date, label)]``. Measures never import the apps that mark them.
"""

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from stepwise.measures.models import Measure

MarkerProvider = Callable[["Measure"], list[tuple[date, str]]]
_providers: list[MarkerProvider] = []


def register(provider: MarkerProvider) -> None:
    if all(p is not provider for p in _providers):
        _providers.append(provider)


def unregister(provider: MarkerProvider) -> None:
    _providers[:] = [p for p in _providers if p is not provider]


def adoption_markers(measure: "Measure") -> list[tuple[date, str]]:
    return [(watch.adopted_on, "Adopted") for watch in measure.watches.all()]


def markers_for(measure: "Measure") -> list[tuple[date, str]]:
    found = {(day, str(label)) for provider in [adoption_markers, *_providers]
             for day, label in provider(measure)}
    return sorted(found)
