"""Time-driven moves of ideas, each idempotent: running one twice changes nothing more."""

from datetime import datetime, time

from django.utils import timezone
from django_tasks import task

from stepwise.core import scheduler
from stepwise.core.tenancy import tenant_context
from stepwise.improvements import services
from stepwise.improvements.models import Cycle, Idea, State
from stepwise.organisations.models import Organisation


def _organisations():
    return Organisation.objects.filter(is_active=True).order_by("pk")


def go_ahead_due(*, now: datetime) -> int:
    moved = 0
    for organisation in _organisations():
        with tenant_context(organisation):
            for idea in Idea.objects.filter(state=State.READY,
                                            concern_window_ends__isnull=False):
                moved += services.idea_go_ahead_by_default(idea=idea, now=now) is not None
    return moved


def cycle_ends_passed(*, now: datetime) -> int:
    moved = 0
    for organisation in _organisations():
        with tenant_context(organisation):
            testing = Cycle.objects.filter(idea__state=State.TESTING).values_list(
                "idea_id", flat=True).distinct()
            for idea in Idea.objects.filter(pk__in=list(testing)):
                moved += services.cycle_end_passed(idea=idea, now=now) is not None
    return moved


def nudges_due(*, now: datetime) -> int:
    sent = 0
    for organisation in _organisations():
        with tenant_context(organisation):
            sent += services.nudges_send(organisation=organisation, now=now)
    return sent


def sustain_due(*, now: datetime) -> int:
    moved = 0
    for organisation in _organisations():
        with tenant_context(organisation):
            for idea in Idea.objects.filter(state=State.ADOPTED):
                moved += services.idea_sustain(actor=None, idea=idea, now=now) is not None
    return moved


@task()
def go_ahead(period: str) -> dict:
    return {"period": period, "went_ahead": go_ahead_due(now=timezone.now())}


@task()
def cycle_ends(period: str) -> dict:
    return {"period": period, "to_study": cycle_ends_passed(now=timezone.now())}


@task()
def nudges(period: str) -> dict:
    return {"period": period, "people_nudged": nudges_due(now=timezone.now())}


@task()
def sustain(period: str) -> dict:
    return {"period": period, "sustained": sustain_due(now=timezone.now())}


for name, job, at in (
    ("improvements.go_ahead", go_ahead, time(6, 45)),
    ("improvements.cycle_ends", cycle_ends, time(6, 50)),
    ("improvements.nudges", nudges, time(8, 30)),
    ("improvements.sustain", sustain, time(3, 15)),
):
    scheduler.register(scheduler.Job(
        name=name, cadence="daily", at=at,
        enqueue=lambda period, job=job: job.enqueue(period),
    ))
