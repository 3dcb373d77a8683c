from datetime import UTC, datetime, time

import pytest

from stepwise.core import scheduler
from stepwise.core.models import ScheduledRun


def job(cadence, at=time(2, 0), weekday=0, calls=None):
    return scheduler.Job(name=f"test.{cadence}", cadence=cadence, at=at, weekday=weekday,
                         enqueue=lambda period: calls.append(period) if calls is not None else None)


@pytest.mark.parametrize("cadence, now, expected", [
    ("daily", datetime(2026, 3, 2, 1, 59, tzinfo=UTC), None),
    ("daily", datetime(2026, 3, 2, 2, 0, tzinfo=UTC), "2026-03-02"),
    # Summer time: 01:30 UTC is 02:30 in London, so the 02:00 job is due.
    ("daily", datetime(2026, 7, 1, 1, 30, tzinfo=UTC), "2026-07-01"),
    ("daily", datetime(2026, 12, 31, 23, 30, tzinfo=UTC), "2026-12-31"),
    ("hourly", datetime(2026, 7, 1, 1, 30, tzinfo=UTC), "2026-07-01T02"),
    ("weekly", datetime(2026, 11, 30, 9, 0, tzinfo=UTC), "2026-W49"),
    ("weekly", datetime(2027, 1, 1, 9, 0, tzinfo=UTC), "2026-W53"),
    ("monthly", datetime(2026, 11, 30, 9, 0, tzinfo=UTC), "2026-11"),
])
def test_period_keys_follow_london_time(cadence, now, expected):
    assert scheduler.period_key(job(cadence), now) == expected


def test_weekly_job_waits_for_its_weekday():
    friday_job = job("weekly", weekday=4)
    assert scheduler.period_key(friday_job, datetime(2026, 11, 26, 9, tzinfo=UTC)) is None
    assert scheduler.period_key(friday_job, datetime(2026, 11, 27, 9, tzinfo=UTC)) == "2026-W48"


def test_a_job_runs_once_per_period_however_often_it_is_checked(db, monkeypatch):
    calls: list[str] = []
    monkeypatch.setattr(scheduler, "_jobs", {"test.daily": job("daily", calls=calls)})
    now = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)
    assert scheduler.run_due_jobs(now) == ["test.daily"]
    # A second scheduler (or a restart) in the same period claims nothing.
    assert scheduler.run_due_jobs(now) == []
    assert scheduler.run_due_jobs(datetime(2026, 3, 2, 23, 0, tzinfo=UTC)) == []
    assert scheduler.run_due_jobs(datetime(2026, 3, 3, 3, 0, tzinfo=UTC)) == ["test.daily"]
    assert calls == ["2026-03-02", "2026-03-03"]
    assert ScheduledRun.objects.count() == 2


def test_a_failed_enqueue_leaves_the_period_unclaimed(db, monkeypatch):
    def broken(period):
        raise RuntimeError("queue unavailable")

    monkeypatch.setattr(scheduler, "_jobs", {"x": scheduler.Job("x", "daily", time(0), broken)})
    with pytest.raises(RuntimeError):
        scheduler.run_due_jobs(datetime(2026, 3, 2, 3, 0, tzinfo=UTC))
    assert not ScheduledRun.objects.exists()


def test_housekeeping_is_registered_and_runs(db):
    from stepwise.core.tasks import housekeeping

    assert "core.housekeeping" in {j.name for j in scheduler.registered_jobs()}
    result = housekeeping.call("2026-03-02")
    assert result["period"] == "2026-03-02"
