"""What to do next: the home page's suggestions, which each app extends in ``ready``."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from stepwise.core import policy


@dataclass(frozen=True)
class NextStep:
    title: str
    text: str
    url: str


StepProvider = Callable[..., list[NextStep]]
_providers: list[tuple[int, StepProvider]] = []


def register(provider: StepProvider, *, order: int = 100) -> None:
    if all(p is not provider for _, p in _providers):
        _providers.append((order, provider))
        _providers.sort(key=lambda item: item[0])


def next_steps(request) -> list[NextStep]:
    steps: list[NextStep] = []
    for _, provider in _providers:
        steps.extend(provider(request=request, membership=request.membership))
    return steps


def organisation_steps(*, request, membership) -> list[NextStep]:
    slug = request.organisation.slug
    steps = []
    if policy.can(membership, "member.invite"):
        steps.append(NextStep(
            "Invite colleagues",
            "Everyone can contribute: invite staff one at a time or from a spreadsheet.",
            reverse("organisations:invite", kwargs={"org_slug": slug}),
        ))
    if policy.can(membership, "team.manage"):
        steps.append(NextStep(
            "Set up teams",
            "Learning stays within a team until its author shares it more widely.",
            reverse("organisations:teams", kwargs={"org_slug": slug}),
        ))
    from stepwise.accounts.services import confirmed_device

    if confirmed_device(request.user) is None:
        steps.append(NextStep(
            "Protect your account",
            "Turn on two-factor authentication with an app on your phone.",
            reverse("accounts:two_factor_setup"),
        ))
    return steps
