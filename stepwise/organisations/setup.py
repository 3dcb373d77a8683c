"""What every new organisation starts with, contributed by each app.

Apps register a step in their ``AppConfig.ready``; ``organisation_create`` runs them all in
its transaction, inside the new organisation's tenant context. Steps must be idempotent.
"""

from collections.abc import Callable

SetupStep = Callable[..., None]
_steps: dict[str, SetupStep] = {}


def register(name: str, step: SetupStep) -> None:
    _steps[name] = step


def set_up(*, organisation) -> None:
    for _, step in sorted(_steps.items()):
        step(organisation=organisation)
