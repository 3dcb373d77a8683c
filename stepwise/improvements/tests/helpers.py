from datetime import date, datetime, timedelta

from stepwise.core.scheduler import LONDON
from stepwise.improvements import services


def at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=LONDON)


MONDAY = date(2026, 3, 9)


def suggested_idea(member, *, notes=(), now=None, title="Call families the day before"):
    return services.idea_create(
        actor=member, team=member.team, title=title,
        change="We will phone each family the day before a home visit.",
        prediction="We expect fewer wasted visits.", first_test_days=7,
        measure_label="Wasted visits a week", notes=notes, now=now or at(MONDAY),
    )


def plan(member, idea, *, starts_on=MONDAY, days=7, now=None):
    idea.refresh_from_db()
    return services.cycle_plan(
        actor=member, idea=idea, expected_version=idea.version,
        what="Phone calls the day before", who="Duty workers", where="Team 1",
        prediction="Half as many wasted visits", data="Wasted visits tallied each day",
        starts_on=starts_on, ends_on=starts_on + timedelta(days=days), now=now or at(MONDAY),
    )


def small(member, idea, *, now=None, fits=True):
    idea.refresh_from_db()
    return services.idea_smallness_check(
        actor=member, idea=idea, expected_version=idea.version, fits_in_weeks=fits,
        needs_money=False, needs_policy_change=False, needs_outside_people=False,
        now=now or at(MONDAY),
    )


def ready_idea(member, *, now=None, **kwargs):
    idea = suggested_idea(member, now=now, **kwargs)
    small(member, idea, now=now)
    plan(member, idea, now=now)
    idea.refresh_from_db()
    return services.idea_mark_ready(actor=member, idea=idea, expected_version=idea.version,
                                    now=now or at(MONDAY))


def idea_under_test(member, manager, *, now=None, **kwargs):
    idea = ready_idea(member, now=now, **kwargs)
    return services.idea_go_ahead(actor=manager, idea=idea, now=now or at(MONDAY))


def isolation_idea(tenant):
    """An idea owned by the tenant's admin (who walks every form in test_bad_input), with a
    planned cycle and an open concern, for the URL tables of the isolation tests."""
    from django.utils import timezone

    from stepwise.improvements.models import Concern

    with tenant.context():
        idea = services.idea_create(
            actor=tenant.org_admin, team=tenant.teams[0], title="Isolation idea",
            change="We will check", prediction="We expect nothing to leak")
        cycle = plan(tenant.org_admin, idea, now=timezone.now())
        concern = Concern.unscoped.create(organisation=tenant.organisation, idea=idea,
                                          raised_by=tenant.team_manager.user, text="Check",
                                          created_at=timezone.now())
    return idea, cycle, concern
