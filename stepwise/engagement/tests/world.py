"""A small, fully fictional world whose figures are worked out by hand in test_figures.py.

Period: 1 January to 30 June 2026 (181 days). Team 1 has six members, team 2 four, team 3
five; the tenant's improvement lead, analyst and admin belong to no team (18 members in all).
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from stepwise.core.policy import Role
from stepwise.core.scheduler import LONDON
from stepwise.improvements.models import Cycle, Idea, IdeaNote, State, Supporter
from stepwise.learning.models import MeToo, Reply, Status
from stepwise.learning.tests.factories import NoteFactory
from stepwise.measures.models import SustainCheck
from stepwise.measures.tests.factories import (
    DataPointFactory,
    MeasureFactory,
    SustainCheckFactory,
    SustainWatchFactory,
)
from stepwise.organisations.tests.factories import MembershipFactory, TeamFactory, UserFactory

START, END = date(2026, 1, 1), date(2026, 6, 30)


def at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=LONDON)


@dataclass
class World:
    tenant: object
    team1: object
    team2: object
    team3: object
    people: dict = field(default_factory=dict)
    ideas: dict = field(default_factory=dict)
    measures: dict = field(default_factory=dict)


def _member(tenant, team, name):
    user = UserFactory(full_name=f"{tenant.organisation.name} {name}")
    return MembershipFactory(organisation=tenant.organisation, user=user, team=team,
                             role=Role.PRACTITIONER).user


def _note(team, author, day, **extra):
    return NoteFactory(team=team, author=author, submitted_at=at(day), **extra)


def _idea(world, key, *, team, created, state=State.SUGGESTED, decided=None, adopted=None,
          title=None, author=None):
    organisation = world.tenant.organisation
    idea = Idea.unscoped.create(
        organisation=organisation, team=team, author=author or world.tenant.org_admin.user,
        title=title or f"Idea {key}", change="We will try it.", prediction="It will help.",
        state=state, created_at=at(created), state_changed_at=at(created),
        last_activity_at=at(created), decided_at=at(decided) if decided else None,
        adopted_on=adopted, abandon_reason="It did not help." if state == State.ABANDONED
        else "")
    world.ideas[key] = idea
    return idea


def _cycle(idea, number, *, starts, ends, outcome="", decided=None, by=None):
    return Cycle.unscoped.create(
        organisation=idea.organisation, idea=idea, number=number, plan_what="Try it",
        plan_who="The team", plan_prediction="Better", plan_data="A tally",
        starts_on=starts, ends_on=ends, created_by=by or idea.author, created_at=at(starts, 9),
        study_recorded_at=at(decided) if outcome else None, act_outcome=outcome,
        act_recorded_at=at(decided) if outcome else None)


def _link(idea, note, day):
    link = IdeaNote.unscoped.create(organisation=idea.organisation, idea=idea, note=note)
    IdeaNote.unscoped.filter(pk=link.pk).update(created_at=at(day))


def build(tenant) -> World:
    organisation = tenant.organisation
    team1, team2 = tenant.teams
    team3 = TeamFactory(organisation=organisation, name=f"{organisation.name} Team 3")
    world = World(tenant, team1, team2, team3)
    people = world.people
    people["practitioner"], people["manager"] = (tenant.practitioner.user,
                                                 tenant.team_manager.user)
    for n in (3, 4, 5, 6):
        people[f"p{n}"] = _member(tenant, team1, f"Member {n}")
    for n in range(1, 5):
        people[f"t2_{n}"] = _member(tenant, team2, f"Second team {n}")
    for n in range(1, 6):
        people[f"t3_{n}"] = _member(tenant, team3, f"Third team {n}")

    # Team 1 in June: four contributors of six; p6 writes only anonymously.
    shared = _note(team1, people["practitioner"], date(2026, 6, 10))
    me_too = MeToo.unscoped.create(organisation=organisation, note=shared,
                                   person=people["manager"])
    MeToo.unscoped.filter(pk=me_too.pk).update(created_at=at(date(2026, 6, 12)))
    seven = _idea(world, "I7", team=team1, created=date(2026, 6, 15), author=people["p3"])
    support = Supporter.unscoped.create(organisation=organisation, idea=seven,
                                        person=people["p4"])
    Supporter.unscoped.filter(pk=support.pk).update(created_at=at(date(2026, 6, 20)))
    _note(team1, people["p6"], date(2026, 6, 16), is_anonymous=True)
    reply = Reply.unscoped.create(organisation=organisation, note=shared, author=people["p6"],
                                  is_anonymous=True, text="Same here.")
    Reply.unscoped.filter(pk=reply.pk).update(created_at=at(date(2026, 6, 17)))
    NoteFactory(team=team1, author=people["p6"], status=Status.DRAFT, submitted_at=None)
    # p5: a reply in May (90 days, not 30), and the notes the ideas below grew from.
    late = Reply.unscoped.create(organisation=organisation, note=shared, author=people["p5"],
                                 text="We tried this.")
    Reply.unscoped.filter(pk=late.pk).update(created_at=at(date(2026, 5, 20)))
    n1 = _note(team1, people["p5"], date(2026, 1, 2))
    n2 = _note(team1, people["p5"], date(2026, 1, 22))
    n3 = _note(team1, people["p5"], date(2026, 2, 27))
    # Team 2: one contributor of four (too few to show); team 3: quiet since April.
    _note(team2, people["t2_1"], date(2026, 6, 3))
    _note(team3, people["t3_1"], date(2026, 4, 20))

    # Ideas of team 1 (authored and tested by the admin, who is in no team).
    i0 = _idea(world, "I0", team=team1, created=date(2025, 10, 1), state=State.ADOPTED,
               decided=date(2025, 12, 1), adopted=date(2025, 12, 1))
    _cycle(i0, 1, starts=date(2025, 10, 10), ends=date(2025, 10, 20), outcome="adopt",
           decided=date(2025, 12, 1))
    i1 = _idea(world, "I1", team=team1, created=date(2026, 1, 5), state=State.ADOPTED,
               decided=date(2026, 2, 11), adopted=date(2026, 2, 11),
               title="Ring 07700 900123 the day before each visit")
    _cycle(i1, 1, starts=date(2026, 1, 12), ends=date(2026, 1, 26), outcome="adopt",
           decided=date(2026, 2, 11))
    _link(i1, n1, date(2026, 1, 5))
    i2 = _idea(world, "I2", team=team1, created=date(2026, 2, 1), state=State.ABANDONED,
               decided=date(2026, 3, 6))
    _cycle(i2, 1, starts=date(2026, 2, 4), ends=date(2026, 2, 18), outcome="abandon",
           decided=date(2026, 3, 6))
    _link(i2, n2, date(2026, 2, 1))
    i3 = _idea(world, "I3", team=team1, created=date(2026, 3, 1), state=State.TESTING)
    _cycle(i3, 1, starts=date(2026, 3, 20), ends=date(2026, 3, 27), outcome="adapt",
           decided=date(2026, 3, 27))
    _cycle(i3, 2, starts=date(2026, 4, 1), ends=date(2026, 4, 14))
    _link(i3, n3, date(2026, 3, 1))
    _link(i3, n1, date(2026, 3, 1))
    _idea(world, "I4", team=team1, created=date(2026, 4, 1))
    i5 = _idea(world, "I5", team=team1, created=date(2025, 11, 1), state=State.SUSTAINED,
               decided=date(2026, 1, 20), adopted=date(2026, 1, 20))
    _cycle(i5, 1, starts=date(2025, 11, 10), ends=date(2025, 11, 24), outcome="adopt",
           decided=date(2026, 1, 20))
    # Team 2's one adopted idea.
    i6 = _idea(world, "I6", team=team2, created=date(2026, 1, 10), state=State.ADOPTED,
               decided=date(2026, 3, 3), adopted=date(2026, 3, 3))
    _cycle(i6, 1, starts=date(2026, 1, 15), ends=date(2026, 1, 29), outcome="adopt",
           decided=date(2026, 3, 3))

    # Measures: team 1 has one improving (three points far above a steady 10-11) and one
    # steady; team 2 has one improving.
    for key, team, tail in (("M1", team1, 30.0), ("M2", team1, 11.0), ("M3", team2, 30.0)):
        measure = MeasureFactory(organisation=organisation, team=team, name=f"Measure {key}",
                                 owner=people["manager"])
        values = [10.0, 11.0] * 8 + [tail] * 3
        for week, value in enumerate(values):
            DataPointFactory(measure=measure, period=date(2026, 1, 5).fromordinal(
                date(2026, 1, 5).toordinal() + 7 * week), value=value)
        world.measures[key] = measure
    watch = SustainWatchFactory(measure=world.measures["M1"], owner=people["manager"])
    opened = SustainCheckFactory(watch=watch)
    SustainCheck.unscoped.filter(pk=opened.pk).update(
        opened_at=at(date(2026, 3, 2)), resolved_at=at(date(2026, 4, 7)))
    older = SustainCheckFactory(watch=watch)
    SustainCheck.unscoped.filter(pk=older.pk).update(
        opened_at=at(date(2025, 12, 1)), resolved_at=at(date(2026, 1, 9)))
    return world


def build_noise(tenant) -> None:
    """Rows in another organisation, all inside the period: none may ever be counted."""
    team = tenant.teams[0]
    for n in range(6):
        user = _member(tenant, team, f"Other {n}")
        _note(team, user, date(2026, 6, 10 + n))
    idea = Idea.unscoped.create(
        organisation=tenant.organisation, team=team, author=tenant.org_admin.user,
        title="Elsewhere", change="x", prediction="y", state=State.ADOPTED,
        created_at=at(date(2026, 2, 1)), state_changed_at=at(date(2026, 2, 1)),
        last_activity_at=at(date(2026, 2, 1)), decided_at=at(date(2026, 3, 1)),
        adopted_on=date(2026, 3, 1))
    _cycle(idea, 1, starts=date(2026, 2, 2), ends=date(2026, 2, 9), outcome="adopt",
           decided=date(2026, 3, 1))
    _link(idea, _note(team, tenant.practitioner.user, date(2026, 1, 30)), date(2026, 2, 1))
    measure = MeasureFactory(organisation=tenant.organisation, team=team, name="Other measure",
                             owner=tenant.org_admin.user)
    for week, value in enumerate([10.0, 11.0] * 8 + [30.0] * 3):
        DataPointFactory(measure=measure, period=date(2026, 1, 5).fromordinal(
            date(2026, 1, 5).toordinal() + 7 * week), value=value)
