"""Time-driven work: one scheduler, idempotent jobs, Europe/London time.

A job runs at most once per period. The claim is a row in ``ScheduledRun`` with a unique
(job, period) pair, so even several schedulers, or one restarted mid-period, cannot run a job
twice for the same period. The job itself is a background task; the worker runs it.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction

from stepwise.core.models import ScheduledRun

logger = logging.getLogger(__name__)
LONDON = ZoneInfo("Europe/London")


@dataclass(frozen=True)
class Job:
    name: str
    cadence: str  # "five_minutes", "hourly", "daily", "weekly" or "monthly"
    at: time  # local time of day after which the job is due in its period
    enqueue: Callable[[str], object]  # takes the period key, enqueues the task
    weekday: int = 0  # for weekly jobs: 0 = Monday


_jobs: dict[str, Job] = {}


def register(job: Job) -> None:
    _jobs[job.name] = job


def registered_jobs() -> list[Job]:
    return sorted(_jobs.values(), key=lambda j: j.name)


def period_key(job: Job, now: datetime) -> str | None:
    """The period this moment falls in, or None if the job is not yet due in it."""
    local = now.astimezone(LONDON)
    if job.cadence == "five_minutes":
        return local.strftime("%Y-%m-%dT%H:") + f"{local.minute - local.minute % 5:02d}"
    if job.cadence == "hourly":
        return local.strftime("%Y-%m-%dT%H")
    if local.time() < job.at:
        return None
    if job.cadence == "daily":
        return local.strftime("%Y-%m-%d")
    if job.cadence == "weekly":
        if local.weekday() < job.weekday:
            return None
        year, week, _ = local.isocalendar()
        return f"{year}-W{week:02d}"
    if job.cadence == "monthly":
        return local.strftime("%Y-%m")
    raise ValueError(f"Unknown cadence {job.cadence!r}")


def run_due_jobs(now: datetime) -> list[str]:
    """Claim and enqueue every job due now; returns the names of those claimed."""
    claimed = []
    for job in registered_jobs():
        key = period_key(job, now)
        if key is None:
            continue
        try:
            with transaction.atomic():
                run = ScheduledRun.objects.create(job=job.name, period=key)
                result = job.enqueue(key)
                run.task_result_id = str(getattr(result, "id", "") or "")
                run.save(update_fields=["task_result_id"])
        except IntegrityError:
            continue
        logger.info("scheduled %s for %s", job.name, key)
        claimed.append(job.name)
    return claimed
