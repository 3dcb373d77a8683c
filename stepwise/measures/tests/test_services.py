from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from stepwise.core.models import AuditEvent
from stepwise.measures import periods, selectors, services
from stepwise.measures.models import DataPoint, Measure, Rebase
from stepwise.measures.tests.factories import MeasureFactory
from stepwise.measures.tests.helpers import add_points

TODAY = date(2025, 6, 11)  # a Wednesday


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(periods, "london_today", lambda now=None: TODAY)


def team_measure(tenant, **kwargs):
    defaults = {"organisation": tenant.organisation, "team": tenant.teams[0],
                "owner": tenant.team_manager.user}
    return MeasureFactory(**{**defaults, **kwargs})


def test_create_measure_checks_rights_and_audits(tenant_a):
    with tenant_a.context():
        with pytest.raises(PermissionDenied):
            services.measure_create(actor=tenant_a.practitioner, name="Visits", unit="count",
                                    direction="increase", frequency="weekly")
        measure = services.measure_create(
            actor=tenant_a.team_manager, name=" Visits ", unit="percentage",
            direction="increase", frequency="weekly", target=80, team=tenant_a.teams[0])
        assert measure.name == "Visits" and measure.owner == tenant_a.team_manager.user
        assert AuditEvent.objects.filter(action="measure.created",
                                         target_id=str(measure.pk)).exists()
        with pytest.raises(ValidationError, match="already exists"):
            services.measure_create(actor=tenant_a.team_manager, name="visits", unit="count",
                                    direction="increase", frequency="weekly")


def test_same_name_is_fine_in_another_organisation(tenant_a, tenant_b):
    for tenant in (tenant_a, tenant_b):
        with tenant.context():
            services.measure_create(actor=tenant.team_manager, name="Visits", unit="count",
                                    direction="increase", frequency="weekly")


def test_tally_records_seven_of_nine_and_replaces(tenant_a):
    with tenant_a.context():
        measure = team_measure(tenant_a, unit="percentage")
        point = services.datapoint_record(actor=tenant_a.practitioner, measure=measure,
                                          period=date(2025, 6, 9), numerator=7, denominator=9,
                                          note=" busy week ")
        assert point.value == pytest.approx(77.777777, rel=1e-6)
        assert (point.numerator, point.denominator, point.note) == (7, 9, "busy week")
        services.datapoint_record(actor=tenant_a.practitioner, measure=measure,
                                  period=date(2025, 6, 9), numerator=8, denominator=9)
        assert DataPoint.objects.get(measure=measure).numerator == 8
        events = AuditEvent.objects.filter(action="measure.figure_recorded")
        assert [e.data["replaced"] for e in events.order_by("pk")] == [
            None, pytest.approx(77.777777, rel=1e-6)]


def test_only_the_measures_team_tallies(tenant_a):
    with tenant_a.context():
        other_team = team_measure(tenant_a, team=tenant_a.teams[1])
        organisation_wide = team_measure(tenant_a, team=None)
        for measure in (other_team, organisation_wide):
            with pytest.raises(PermissionDenied):
                services.datapoint_record(actor=tenant_a.practitioner, measure=measure,
                                          period=date(2025, 6, 9), value=3)
        # Analysts and managers may add a figure to any measure.
        services.datapoint_record(actor=tenant_a.performance_analyst, measure=other_team,
                                  period=date(2025, 6, 9), value=3)
        assert not DataPoint.objects.filter(measure=organisation_wide).exists()


@pytest.mark.parametrize(("kwargs", "field", "message"), [
    ({"period": date(2025, 6, 10), "numerator": 1, "denominator": 2}, "period",
     "is not a Monday"),
    ({"period": date(2025, 6, 16), "numerator": 1, "denominator": 2}, "period",
     "in the future"),
    ({"period": date(2025, 6, 9), "numerator": 10, "denominator": 9}, "numerator",
     "cannot be larger"),
    ({"period": date(2025, 6, 9), "numerator": 1, "denominator": 0}, "denominator",
     "more than 0"),
    ({"period": date(2025, 6, 9), "numerator": 1}, "numerator", "Enter both"),
    ({"period": date(2025, 6, 9), "value": 50.0}, "numerator", "Enter both"),
])
def test_tally_refuses_bad_figures(tenant_a, kwargs, field, message):
    with tenant_a.context():
        measure = team_measure(tenant_a, unit="percentage")
        with pytest.raises(ValidationError) as raised:
            services.datapoint_record(actor=tenant_a.practitioner, measure=measure, **kwargs)
        assert field in raised.value.error_dict
        assert message in " ".join(raised.value.messages)
        assert not DataPoint.objects.exists()


def test_current_week_is_not_the_future(tenant_a):
    with tenant_a.context():
        measure = team_measure(tenant_a)
        services.datapoint_record(actor=tenant_a.practitioner, measure=measure,
                                  period=date(2025, 6, 9), value=4)
        monthly = team_measure(tenant_a, frequency="monthly")
        services.datapoint_record(actor=tenant_a.practitioner, measure=monthly,
                                  period=date(2025, 6, 1), value=4)
        with pytest.raises(ValidationError, match="future"):
            services.datapoint_record(actor=tenant_a.practitioner, measure=monthly,
                                      period=date(2025, 7, 1), value=4)


@pytest.mark.parametrize(("unit", "kwargs", "message"), [
    ("count", {"value": -1.0}, "cannot be negative"),
    ("count", {"value": None}, "Enter the figure"),
    ("count", {"value": 2.0, "numerator": 1, "denominator": 2}, "Only percentage measures"),
    ("rate", {"value": float("inf")}, "sensible size"),
    ("days", {"value": 1e13}, "sensible size"),
])
def test_other_units_refuse_bad_values(tenant_a, unit, kwargs, message):
    with tenant_a.context():
        measure = team_measure(tenant_a, unit=unit)
        with pytest.raises(ValidationError, match=message):
            services.datapoint_record(actor=tenant_a.practitioner, measure=measure,
                                      period=date(2025, 6, 9), **kwargs)


def test_database_backs_the_rules(tenant_a):
    with tenant_a.context():
        measure = team_measure(tenant_a, unit="percentage")
        make = lambda **kw: DataPoint.objects.create(  # noqa: E731
            organisation=tenant_a.organisation, measure=measure, value=1, **kw)
        make(period=date(2025, 6, 2), numerator=1, denominator=2)
        for bad in ({"period": date(2025, 6, 2)},
                    {"period": date(2025, 5, 26), "numerator": 3, "denominator": 2},
                    {"period": date(2025, 5, 19), "numerator": 1}):
            with pytest.raises(IntegrityError), transaction.atomic():
                make(**bad)


def test_roll_up_sums_numerators_over_denominators(tenant_a):
    with tenant_a.context():
        whole = team_measure(tenant_a, team=None, unit="percentage", name="All teams")
        north = services.measure_create(
            actor=tenant_a.team_manager, name="North", unit="percentage",
            direction="increase", frequency="weekly", team=tenant_a.teams[0],
            rolls_up_into=whole)
        south = team_measure(tenant_a, team=tenant_a.teams[1], unit="percentage",
                             rolls_up_into=whole)
        add_points(north, [70.0, 100.0], fractions=[(7, 10), (1, 1)])
        add_points(south, [10.0], fractions=[(1, 10)])
        series = selectors.measure_series(Measure.objects.get(pk=whole.pk))
        # Week 1: (7 + 1) / (10 + 10), not the mean of 70 % and 10 %.
        assert [(p.value, p.numerator, p.denominator, p.teams) for p in series] == [
            (40.0, 8, 20, 2), (100.0, 1, 1, 1)]
        with pytest.raises(ValidationError, match="adds up its teams"):
            services.datapoint_record(actor=tenant_a.org_admin, measure=whole,
                                      period=date(2025, 6, 9), numerator=1, denominator=2)


def test_count_roll_up_adds_values(tenant_a):
    with tenant_a.context():
        whole = team_measure(tenant_a, team=None)
        for team in tenant_a.teams:
            add_points(team_measure(tenant_a, team=team, rolls_up_into=whole), [2.0, 3.0])
        assert [p.value for p in selectors.measure_series(whole)] == [4.0, 6.0]


@pytest.mark.parametrize(("change", "message"), [
    ({"team": None}, "Only a team's measure"),
    ({"unit": "count"}, "same unit and frequency"),
    ({"frequency": "monthly"}, "same unit and frequency"),
])
def test_roll_up_must_match(tenant_a, change, message):
    with tenant_a.context():
        whole = team_measure(tenant_a, team=None, unit="percentage")
        kwargs = {"actor": tenant_a.team_manager, "name": "Part", "unit": "percentage",
                  "direction": "increase", "frequency": "weekly", "team": tenant_a.teams[0],
                  "rolls_up_into": whole, **change}
        with pytest.raises(ValidationError, match=message):
            services.measure_create(**kwargs)


def test_update_changes_and_audits(tenant_a):
    with tenant_a.context():
        measure = team_measure(tenant_a)
        services.measure_update(actor=tenant_a.improvement_lead, measure=measure,
                                name="Renamed", definition="New", direction="decrease",
                                target=3.0, team=tenant_a.teams[1], rolls_up_into=None)
        measure.refresh_from_db()
        assert (measure.name, measure.direction, measure.target) == ("Renamed", "decrease", 3.0)
        event = AuditEvent.objects.get(action="measure.changed")
        assert set(event.data["changed"]) == {"name", "definition", "direction", "target",
                                              "team"}


def test_rebase_is_stored_once_and_steps_the_limits(tenant_a):
    with tenant_a.context():
        measure = team_measure(tenant_a)
        weeks = add_points(measure, [10.0, 11, 9, 10, 30, 31, 29, 30])
        services.measure_rebase(actor=tenant_a.team_manager, measure=measure,
                                period=weeks[4], reason="New triage")
        with pytest.raises(ValidationError, match="already"):
            services.measure_rebase(actor=tenant_a.team_manager, measure=measure,
                                    period=weeks[4], reason="Again")
        with pytest.raises(ValidationError, match="not a Monday"):
            services.measure_rebase(actor=tenant_a.team_manager, measure=measure,
                                    period=date(2024, 1, 3), reason="Midweek")
        with pytest.raises(PermissionDenied):
            services.measure_rebase(actor=tenant_a.practitioner, measure=measure,
                                    period=weeks[5], reason="No right")
        assert Rebase.objects.count() == 1
        result = selectors.measure_xmr(Measure.objects.get(pk=measure.pk))
        assert [p.mean for p in result.points] == [10.0] * 4 + [30.0] * 4


def test_hand_over_moves_measures(tenant_a):
    from stepwise.organisations.services import membership_deactivate

    with tenant_a.context():
        measure = team_measure(tenant_a, owner=tenant_a.practitioner.user)
        membership_deactivate(actor=tenant_a.org_admin, membership=tenant_a.practitioner,
                              handover_to=tenant_a.team_manager)
        measure.refresh_from_db()
        assert measure.owner == tenant_a.team_manager.user
