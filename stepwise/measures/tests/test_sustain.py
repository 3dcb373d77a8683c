from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from stepwise.core.models import AuditEvent
from stepwise.measures import notify, periods, services
from stepwise.measures.models import Rebase, SustainCheck, SustainWatch
from stepwise.measures.tests.factories import MeasureFactory
from stepwise.measures.tests.helpers import add_points, mondays

BASELINE = [48.0, 52, 49, 51, 50, 47, 53, 50, 49, 51, 48, 52, 50, 51, 49, 50, 52, 48, 50, 50]
SUSTAINED = [69.0, 71, 70, 72, 68, 70, 71, 69, 70, 70, 72, 68, 71, 69, 70, 71, 69, 70, 70, 71]
WIDE = [60.0, 80] * 5  # a gain that holds, but with wide limits


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(periods, "london_today", lambda now=None: date(2026, 1, 1))


@pytest.fixture
def notified(monkeypatch):
    calls = []
    monkeypatch.setattr(notify, "sustain_check_opened", lambda *, check: calls.append(check))
    return calls


@pytest.fixture
def watched(tenant_a):
    """A team measure with 20 baseline weeks, adopted in week 21 (mid-week)."""
    with tenant_a.context():
        measure = MeasureFactory(organisation=tenant_a.organisation, team=tenant_a.teams[0],
                                 owner=tenant_a.team_manager.user)
        add_points(measure, BASELINE)
        adopted = mondays(21)[20]
        watch = services.sustain_watch_start(
            measure=measure, adopted_on=adopted + timedelta(days=2),
            owner=tenant_a.improvement_lead.user, source_label="Ask at the door",
            source_url="/o/northby/ideas/7/")
    return measure, watch, adopted


def tally(tenant, measure, values, start):
    for period, value in zip(mondays(len(values), start), values, strict=True):
        services.datapoint_record(actor=tenant.practitioner, measure=measure, period=period,
                                  value=value)


def test_start_rebases_at_the_adoption_period_and_keeps_the_baseline(tenant_a, watched):
    measure, watch, adopted = watched
    with tenant_a.context():
        assert watch.adopted_on == adopted
        assert watch.baseline_mean == pytest.approx(sum(BASELINE) / len(BASELINE))
        rebase = Rebase.objects.get(measure=measure)
        assert (rebase.period, rebase.reason) == (adopted, "Adopted: Ask at the door")
        assert AuditEvent.objects.filter(action="measure.sustain_watch_started").exists()
        # A second adoption ends the first watch: one active watch per measure.
        services.sustain_watch_start(measure=measure, adopted_on=adopted + timedelta(weeks=4),
                                     owner=tenant_a.improvement_lead.user, source_label="Next")
        assert SustainWatch.objects.filter(measure=measure, ended_at__isnull=True).count() == 1


def test_a_gain_that_holds_raises_no_alarm(tenant_a, watched, notified):
    measure, _, adopted = watched
    with tenant_a.context():
        tally(tenant_a, measure, SUSTAINED, adopted)
        assert not SustainCheck.objects.exists()
    assert notified == []


def test_six_points_no_better_than_before_open_a_fading_check(tenant_a, watched, notified):
    measure, watch, adopted = watched
    with tenant_a.context():
        tally(tenant_a, measure, WIDE, adopted)
        after = mondays(1, adopted + timedelta(weeks=len(WIDE)))[0]
        tally(tenant_a, measure, [50.0] * 5, after)
        assert not SustainCheck.objects.exists(), "five points are not yet a fading gain"
        sixth = after + timedelta(weeks=5)
        tally(tenant_a, measure, [49.0], sixth)
        check = SustainCheck.objects.get()
        assert (check.reason, check.trigger_period, check.watch) == ("fading", sixth, watch)
        assert check.is_open
    assert notified == [check]


def test_special_cause_concern_after_adoption_opens_a_check(tenant_a, watched, notified):
    measure, _, adopted = watched
    with tenant_a.context():
        tally(tenant_a, measure, SUSTAINED[:10], adopted)
        drop = adopted + timedelta(weeks=10)
        tally(tenant_a, measure, [40.0], drop)
        check = SustainCheck.objects.get()
        assert (check.reason, check.trigger_period) == ("concern", drop)
    assert notified == [check]


def test_one_open_check_at_a_time_then_only_newer_points_count(tenant_a, watched, notified):
    measure, _, adopted = watched
    with tenant_a.context():
        tally(tenant_a, measure, SUSTAINED[:10], adopted)
        tally(tenant_a, measure, [40.0, 38.0], adopted + timedelta(weeks=10))
        assert SustainCheck.objects.count() == 1
        assert services.sustain_check_run(measure=measure) is None
        check = SustainCheck.objects.get()
        services.sustain_check_resolve(actor=tenant_a.improvement_lead, check=check,
                                       finding="Two new starters; we have re-briefed them.")
        # The points the owner has looked at (up to the answer) are not judged again.
        assert services.sustain_check_run(measure=measure) is None
        assert check.reviewed_through == adopted + timedelta(weeks=11)
        tally(tenant_a, measure, [70.0], adopted + timedelta(weeks=12))
        assert SustainCheck.objects.count() == 1
        tally(tenant_a, measure, [20.0], adopted + timedelta(weeks=13))
        assert SustainCheck.objects.filter(resolved_at__isnull=True).count() == 1
    assert len(notified) == 2


def test_resolving_records_the_finding(tenant_a, watched):
    measure, _, adopted = watched
    with tenant_a.context():
        tally(tenant_a, measure, SUSTAINED[:10] + [40.0], adopted)
        check = SustainCheck.objects.get()
        with pytest.raises(PermissionDenied):
            services.sustain_check_resolve(actor=tenant_a.practitioner, check=check,
                                           finding="Not mine to answer")
        with pytest.raises(ValidationError):
            services.sustain_check_resolve(actor=tenant_a.improvement_lead, check=check,
                                           finding="   ")
        services.sustain_check_resolve(actor=tenant_a.improvement_lead, check=check,
                                       finding=" A data entry slip. ")
        check.refresh_from_db()
        assert check.finding == "A data entry slip." and check.resolved_at is not None
        assert check.resolved_by == tenant_a.improvement_lead.user
        with pytest.raises(ValidationError, match="already"):
            services.sustain_check_resolve(actor=tenant_a.improvement_lead, check=check,
                                           finding="Again")


def test_imported_figures_are_checked_too(tenant_a, watched, notified):
    measure, _, adopted = watched
    rows = [services.PointInput(measure=measure, period=period, value=value, line=i + 2)
            for i, (period, value) in enumerate(zip(
                mondays(16, adopted), WIDE + [50.0] * 6, strict=True))]
    with tenant_a.context():
        services.datapoints_import(actor=tenant_a.performance_analyst,
                                   organisation=tenant_a.organisation, rows=rows)
        assert SustainCheck.objects.get().reason == "fading"
    assert len(notified) == 1


def test_neutral_measures_have_no_fading_rule(tenant_a, notified):
    with tenant_a.context():
        measure = MeasureFactory(organisation=tenant_a.organisation, team=tenant_a.teams[0],
                                 direction="neutral")
        add_points(measure, BASELINE)
        adopted = mondays(21)[20]
        services.sustain_watch_start(measure=measure, adopted_on=adopted, owner=measure.owner,
                                     source_label="x")
        tally(tenant_a, measure, WIDE + [50.0] * 6, adopted)
        assert not SustainCheck.objects.exists()


def test_decrease_measures_fade_upwards(tenant_a, notified):
    with tenant_a.context():
        measure = MeasureFactory(organisation=tenant_a.organisation, team=tenant_a.teams[0],
                                 direction="decrease")
        add_points(measure, BASELINE)
        adopted = mondays(21)[20]
        services.sustain_watch_start(measure=measure, adopted_on=adopted, owner=measure.owner,
                                     source_label="x")
        tally(tenant_a, measure, [30.0, 40.0] * 5, adopted)
        assert not SustainCheck.objects.exists()
        tally(tenant_a, measure, [50.0] * 6, adopted + timedelta(weeks=10))
        assert SustainCheck.objects.get().reason == "fading"


def test_a_team_figure_checks_the_organisation_measure_it_adds_into(tenant_a, notified):
    with tenant_a.context():
        whole = MeasureFactory(organisation=tenant_a.organisation, team=None)
        part = MeasureFactory(organisation=tenant_a.organisation, team=tenant_a.teams[0],
                              rolls_up_into=whole)
        add_points(part, BASELINE)
        adopted = mondays(21)[20]
        services.sustain_watch_start(measure=whole, adopted_on=adopted, owner=whole.owner,
                                     source_label="Across the teams")
        tally(tenant_a, part, SUSTAINED[:10] + [30.0], adopted)
        assert SustainCheck.objects.get().watch.measure == whole


def test_weekly_sweep_enqueues_watched_measures_and_the_task_checks_them(tenant_a, watched,
                                                                         notified):
    from django_tasks_db.models import DBTaskResult

    from stepwise.core import scheduler
    from stepwise.measures.tasks import sustain_check_measure, sustain_sweep

    assert "measures.sustain_sweep" in {job.name for job in scheduler.registered_jobs()}
    measure, _, adopted = watched
    add_points(measure, SUSTAINED[:10] + [40.0], start=adopted)  # stored without a check
    assert sustain_sweep.call("2026-W01") == {"period": "2026-W01", "measures": 1}
    assert DBTaskResult.objects.filter(task_path__endswith="sustain_check_measure").count() == 1
    assert sustain_check_measure.call(measure.pk) is True
    assert sustain_check_measure.call(measure.pk) is False  # one open check at a time
    assert sustain_check_measure.call(987654) is False
    assert len(notified) == 1
