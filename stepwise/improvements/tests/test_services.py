from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from stepwise.core.models import AuditEvent
from stepwise.improvements import services, tasks
from stepwise.improvements.models import ActOutcome, Idea, IdeaEvent, State
from stepwise.improvements.tests.helpers import (
    MONDAY,
    at,
    idea_under_test,
    plan,
    ready_idea,
    small,
    suggested_idea,
)
from stepwise.learning.tests.factories import NoteFactory
from stepwise.notifications.models import Notification


@pytest.fixture
def team_a(tenant_a):
    return tenant_a


def kinds_for(user):
    return list(Notification.unscoped.filter(recipient=user).values_list("kind", flat=True))


def test_create_from_notes_links_both_ways_and_tells_the_author(tenant_a):
    with tenant_a.context():
        author = tenant_a.team_manager.user
        note = NoteFactory(team=tenant_a.teams[0], author=author, is_anonymous=True)
        idea = suggested_idea(tenant_a.practitioner, notes=[note])
        assert list(note.idea_links.values_list("idea", flat=True)) == [idea.pk]
        assert idea.note_links.get().note == note
        assert kinds_for(author) == ["improvements.note_led_to"]
        # The title never quotes the note, nor names the anonymous author.
        title = Notification.unscoped.get(recipient=author).title
        assert note.what_happened[:20] not in title and author.full_name not in title
        event = IdeaEvent.objects.get(idea=idea)
        assert event.to_state == State.SUGGESTED and event.actor == tenant_a.practitioner.user
        assert AuditEvent.objects.filter(action="idea.created").count() == 1


def test_not_ready_until_small_and_planned(tenant_a):
    member = tenant_a.practitioner
    with tenant_a.context():
        idea = suggested_idea(member)
        with pytest.raises(services.TransitionRefused, match="smallness check.*first cycle"):
            services.idea_mark_ready(actor=member, idea=idea, expected_version=idea.version)
        small(member, idea, fits=False)
        plan(member, idea)
        idea.refresh_from_db()
        with pytest.raises(services.TransitionRefused, match="cannot test it within a few"):
            services.idea_mark_ready(actor=member, idea=idea, expected_version=idea.version)
        idea.refresh_from_db()
        assert idea.state == State.SUGGESTED
        first = services.idea_split(
            actor=member, idea=idea, title="Try it with two families",
            change="We will phone two families", prediction="Both visits happen",
            first_test_days=5)
        assert first.split_from == idea and idea.first_tests.get() == first
        small(member, first)
        plan(member, first)
        first.refresh_from_db()
        services.idea_mark_ready(actor=member, idea=first, expected_version=first.version,
                                 now=at(MONDAY))
        first.refresh_from_db()
        assert first.state == State.READY
        # Ready on Monday 9 March with a window of 3 working days: Thursday is the last.
        assert first.concern_window_ends == MONDAY + timedelta(days=3)
        assert kinds_for(tenant_a.team_manager.user) == ["improvements.ready"]


def test_only_owners_move_their_idea(tenant_a):
    with tenant_a.context():
        idea = suggested_idea(tenant_a.practitioner)
        with pytest.raises(services.TransitionRefused, match="owners"):
            small(tenant_a.performance_analyst, idea)


def test_stale_edit_is_refused_and_changes_nothing(tenant_a):
    member = tenant_a.practitioner
    with tenant_a.context():
        idea = suggested_idea(member)
        opened = idea.version
        services.idea_update(actor=member, idea=idea, expected_version=opened, title="Newer")
        with pytest.raises(services.StaleIdea, match="Someone else changed this idea"):
            services.idea_update(actor=member, idea=idea, expected_version=opened,
                                 title="Older")
        idea.refresh_from_db()
        assert idea.title == "Newer" and idea.version == opened + 1


def test_goes_ahead_by_default_after_the_window_across_a_bank_holiday(tenant_a):
    member = tenant_a.practitioner
    thursday = MONDAY.replace(month=4, day=2)  # before Good Friday and Easter Monday 2026
    with tenant_a.context():
        idea = ready_idea(member, now=at(thursday))
        idea.refresh_from_db()
        assert idea.concern_window_ends == thursday.replace(day=9)  # Tue 7, Wed 8, Thu 9
        assert tasks.go_ahead_due(now=at(thursday.replace(day=9), 23)) == 0
        assert tasks.go_ahead_due(now=at(thursday.replace(day=10), 7)) == 1
        assert tasks.go_ahead_due(now=at(thursday.replace(day=10), 8)) == 0  # idempotent
        idea.refresh_from_db()
        assert idea.state == State.TESTING
        event = idea.events.last()
        assert event.by_scheduler and event.actor is None and event.who.startswith("Stepwise")


def test_a_concern_stops_the_clock_until_resolved(tenant_a):
    member, manager = tenant_a.practitioner, tenant_a.team_manager
    with tenant_a.context():
        idea = ready_idea(member)
        with pytest.raises(PermissionDenied):
            services.concern_raise(actor=tenant_a.performance_analyst, idea=idea, text="Hm")
        concern = services.concern_raise(actor=manager, idea=idea, text="Agency staff?",
                                         now=at(MONDAY + timedelta(days=1)))
        assert kinds_for(member.user) == ["improvements.concern"]
        assert tasks.go_ahead_due(now=at(MONDAY + timedelta(days=30))) == 0
        with pytest.raises(services.TransitionRefused, match="concern is open"):
            services.idea_go_ahead(actor=manager, idea=idea)
        services.concern_reply(actor=member, concern=concern, text="Duty workers only.")
        resolved_on = MONDAY + timedelta(days=14)  # Monday 23 March
        services.concern_resolve(actor=manager, concern=concern, resolution="Fine",
                                 now=at(resolved_on))
        idea.refresh_from_db()
        # Two working days were left when the clock stopped on Tuesday.
        assert idea.concern_window_ends == resolved_on + timedelta(days=2)
        assert tasks.go_ahead_due(now=at(resolved_on + timedelta(days=3))) == 1


def test_go_ahead_now_is_for_the_teams_manager(tenant_a, tenant_b):
    with tenant_a.context():
        idea = ready_idea(tenant_a.practitioner)
        with pytest.raises(PermissionDenied):
            services.idea_go_ahead(actor=tenant_a.practitioner, idea=idea)
        idea.team = tenant_a.teams[1]
        idea.save()
        with pytest.raises(services.TransitionRefused, match="manager of the idea's team"):
            services.idea_go_ahead(actor=tenant_a.team_manager, idea=idea)
        services.idea_go_ahead(actor=tenant_a.improvement_lead, idea=idea)
        idea.refresh_from_db()
        assert idea.state == State.TESTING


def test_two_cycles_then_adopt_and_spread(tenant_a):
    member, manager = tenant_a.practitioner, tenant_a.team_manager
    with tenant_a.context():
        note = NoteFactory(team=tenant_a.teams[0], author=tenant_a.improvement_lead.user)
        idea = idea_under_test(member, manager, notes=[note])
        cycle = idea.cycles.get()
        with pytest.raises(services.TransitionRefused, match="Complete the Study"):
            services.cycle_act(actor=member, cycle=cycle, expected_version=idea.version,
                               outcome=ActOutcome.ADOPT)
        idea.refresh_from_db()
        services.cycle_record_do(actor=member, cycle=cycle, expected_version=idea.version,
                                 what_happened="Rang 12 families")
        idea.refresh_from_db()
        assert idea.state == State.STUDYING
        services.cycle_record_study(actor=member, cycle=cycle, expected_version=idea.version,
                                    result="Wasted visits halved, as predicted")
        idea.refresh_from_db()
        services.cycle_act(actor=member, cycle=cycle, expected_version=idea.version,
                           outcome=ActOutcome.ADAPT, notes="Text instead of calling")
        idea.refresh_from_db()
        assert idea.state == State.STUDYING
        second = plan(member, idea, starts_on=MONDAY + timedelta(days=8))
        idea.refresh_from_db()
        assert second.number == 2 and idea.state == State.TESTING
        services.cycle_record_do(actor=member, cycle=second, expected_version=idea.version,
                                 what_happened="Texted 20 families")
        idea.refresh_from_db()
        services.cycle_record_study(actor=member, cycle=second, expected_version=idea.version,
                                    result="Better again")
        idea.refresh_from_db()
        services.cycle_act(actor=member, cycle=second, expected_version=idea.version,
                           outcome=ActOutcome.ADOPT, now=at(MONDAY + timedelta(days=20)))
        idea.refresh_from_db()
        assert idea.state == State.ADOPTED and idea.adopted_on == MONDAY + timedelta(days=20)
        lead = tenant_a.improvement_lead.user
        assert kinds_for(lead) == ["improvements.note_led_to", "improvements.went_ahead",
                                   "improvements.decided"][::-1] or set(kinds_for(lead)) == {
            "improvements.note_led_to", "improvements.went_ahead", "improvements.decided"}
        tried = services.idea_try_in_team(actor=tenant_a.improvement_lead, idea=idea,
                                          team=tenant_a.teams[1])
        assert tried.tried_from == idea and tried.state == State.SUGGESTED
        assert "improvements.spread" in kinds_for(member.user)
        with pytest.raises(ValidationError):
            services.idea_try_in_team(actor=tenant_a.improvement_lead, idea=idea,
                                      team=tenant_a.teams[0])
        transitions = list(idea.events.exclude(to_state="").order_by("id").values_list(
            "from_state", "to_state"))
        assert transitions == [
            ("", "suggested"), ("suggested", "ready"), ("ready", "testing"),
            ("testing", "studying"), ("studying", "testing"), ("testing", "studying"),
            ("studying", "adopted"),
        ]
        assert AuditEvent.objects.filter(action="idea.transitioned").count() == 6


def test_sustained_after_twelve_weeks_without_a_measure(tenant_a):
    member, manager = tenant_a.practitioner, tenant_a.team_manager
    with tenant_a.context():
        idea = idea_under_test(member, manager)
        Idea.objects.filter(pk=idea.pk).update(state=State.ADOPTED, adopted_on=MONDAY)
        idea.refresh_from_db()
        with pytest.raises(services.TransitionRefused, match="Not yet: 1 of 12 weeks"):
            services.idea_sustain(actor=tenant_a.improvement_lead, idea=idea,
                                  now=at(MONDAY + timedelta(days=8)))
        with pytest.raises(services.TransitionRefused, match="improvement lead"):
            services.idea_sustain(actor=member, idea=idea, now=at(MONDAY + timedelta(days=90)))
        assert tasks.sustain_due(now=at(MONDAY + timedelta(weeks=11))) == 0
        assert tasks.sustain_due(now=at(MONDAY + timedelta(weeks=12))) == 1
        assert tasks.sustain_due(now=at(MONDAY + timedelta(weeks=13))) == 0
        idea.refresh_from_db()
        assert idea.state == State.SUSTAINED


def test_cycle_end_moves_a_test_to_study_and_flags_overdue(tenant_a):
    member, manager = tenant_a.practitioner, tenant_a.team_manager
    with tenant_a.context():
        idea = idea_under_test(member, manager)
        assert tasks.cycle_ends_passed(now=at(MONDAY + timedelta(days=7))) == 0
        assert tasks.cycle_ends_passed(now=at(MONDAY + timedelta(days=8))) == 1
        assert tasks.cycle_ends_passed(now=at(MONDAY + timedelta(days=9))) == 0
        idea.refresh_from_db()
        assert idea.state == State.STUDYING
        from stepwise.improvements.selectors import flags_for, idea_queryset

        loaded = idea_queryset().get(pk=idea.pk)
        assert "Study overdue" in flags_for(loaded, MONDAY + timedelta(days=9))


@pytest.mark.parametrize(("to_state", "message"), [
    (State.ADOPTED, "cannot go from suggested to adopted"),
    (State.TESTING, "cannot go from suggested to testing"),
    (State.ABANDONED, "with a reason"),
    (State.SUGGESTED, "already suggested"),
    ("nonsense", "Choose a column"),
])
def test_illegal_moves_are_refused_with_the_reason_and_change_nothing(
        tenant_a, to_state, message):
    member = tenant_a.practitioner
    with tenant_a.context():
        idea = suggested_idea(member)
        before = (idea.state, idea.version, IdeaEvent.objects.count())
        with pytest.raises(ValidationError, match=message):
            services.idea_move(actor=member, idea=idea, to_state=to_state,
                               expected_version=idea.version)
        idea.refresh_from_db()
        assert (idea.state, idea.version, IdeaEvent.objects.count()) == before


def test_abandon_needs_a_reason_and_an_owner_or_manager(tenant_a):
    with tenant_a.context():
        idea = suggested_idea(tenant_a.practitioner)
        with pytest.raises(ValidationError, match="Say why"):
            services.idea_abandon(actor=tenant_a.team_manager, idea=idea,
                                  expected_version=idea.version, reason=" ")
        with pytest.raises(services.TransitionRefused):
            services.idea_abandon(actor=tenant_a.performance_analyst, idea=idea,
                                  expected_version=idea.version, reason="No")
        services.idea_abandon(actor=tenant_a.team_manager, idea=idea,
                              expected_version=idea.version, reason="Covered by another")
        idea.refresh_from_db()
        assert idea.state == State.ABANDONED


def test_nudges_are_batched_once_a_day(tenant_a):
    member, manager = tenant_a.practitioner, tenant_a.team_manager
    with tenant_a.context():
        idea_under_test(member, manager, title="One")
        idea_under_test(member, manager, title="Two")
        suggested_idea(member, title="Three")
        later = at(MONDAY + timedelta(days=31))
        assert tasks.nudges_due(now=later) == 1
        nudges = Notification.unscoped.filter(recipient=member.user,
                                              kind="improvements.nudge")
        assert [n.title for n in nudges] == ["3 of your ideas need an update"]
        assert nudges.get().url.endswith("/ideas/?mine=1")
        assert tasks.nudges_due(now=later + timedelta(hours=2)) == 0
        assert tasks.nudges_due(now=later + timedelta(days=1)) == 0  # nudged recently


def test_hand_over_and_leaver_hand_over(tenant_a):
    member = tenant_a.practitioner
    with tenant_a.context():
        idea = suggested_idea(member)
        with pytest.raises(ValidationError, match="other than yourself"):
            services.idea_owner_add(actor=member, idea=idea, expected_version=idea.version,
                                    new_owner=member)
        services.idea_owner_add(actor=member, idea=idea, expected_version=idea.version,
                                new_owner=tenant_a.team_manager, hand_over=True)
        assert list(idea.owners.all()) == [tenant_a.team_manager.user]
        from stepwise.organisations import handover

        moved = handover.hand_over(organisation=tenant_a.organisation,
                                   from_user=tenant_a.team_manager.user,
                                   to_user=tenant_a.improvement_lead.user)
        assert moved["improvements.ideas"] == 1
        assert list(idea.owners.all()) == [tenant_a.improvement_lead.user]


def test_stalled_days_is_an_organisation_setting(tenant_a):
    member, manager = tenant_a.practitioner, tenant_a.team_manager
    tenant_a.organisation.stalled_test_days = 5
    tenant_a.organisation.save()
    with tenant_a.context():
        idea_under_test(member, manager)
        assert tasks.nudges_due(now=at(MONDAY + timedelta(days=5))) == 0
        assert tasks.nudges_due(now=at(MONDAY + timedelta(days=6))) == 1
