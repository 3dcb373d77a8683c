"""Every write to ideas, cycles and concerns, and the state machine they move through.

The transition table of issue 5 is ``TRANSITIONS``; ``_move`` is the only code that changes
``Idea.state``, so the board, the forms and the scheduler all pass through the same checks.
Every service that edits an idea names the ``expected_version`` it was based on: a stale one
is refused (``StaleIdea``) instead of overwriting a colleague's newer change.
"""

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from stepwise.core import audit, policy
from stepwise.core.policy import Role
from stepwise.core.scheduler import LONDON
from stepwise.improvements import kinds, measures_bridge, notify
from stepwise.improvements.models import (
    OPEN_STATES,
    ActOutcome,
    Concern,
    ConcernReply,
    Cycle,
    Idea,
    IdeaEvent,
    IdeaNote,
    NudgeDay,
    State,
    Supporter,
)
from stepwise.improvements.workdays import add_working_days, working_days_between
from stepwise.organisations.models import Membership, Team
from stepwise.privacy.outside import shown_text
from stepwise.privacy.services import outside_text_update, outside_texts_forget

SCHEDULER = "scheduler"
# (from, to) -> who may make the move, in words (shown when a move is refused).
TRANSITIONS: dict[tuple[str, str], str] = {
    (State.SUGGESTED, State.READY): "an owner, once the first cycle is planned and the "
                                    "smallness check passes",
    (State.READY, State.TESTING): "the team manager (\u201cgo ahead now\u201d), or Stepwise "
                                  "once the concern window has passed with no open concern",
    (State.TESTING, State.STUDYING): "an owner, by recording what happened (Do), or Stepwise "
                                     "once the cycle's end date has passed",
    (State.STUDYING, State.TESTING): "an owner, by choosing Act = adapt and planning the "
                                     "next cycle",
    (State.STUDYING, State.ADOPTED): "an owner, by choosing Act = adopt after the Study",
    (State.STUDYING, State.ABANDONED): "an owner, by choosing Act = abandon after the Study",
    (State.ADOPTED, State.SUSTAINED): "an improvement lead, or Stepwise after 12 further "
                                      "points (or weeks) with no sustain check open",
    **{(s, State.ABANDONED): "an owner or the team manager, with a reason"
       for s in (State.SUGGESTED, State.READY, State.TESTING)},
}
SUSTAIN_POINTS = 12
SUGGESTED_RESTART_DAYS = 30


class StaleIdea(ValidationError):
    def __init__(self, idea: Idea):
        super().__init__(
            f"Someone else changed this idea while you were working on it (it is now at "
            f"version {idea.version}). Nothing you sent has been saved: reload the page to "
            f"see their change, then make yours again."
        )


class TransitionRefused(ValidationError):
    pass


def _now(now: datetime | None) -> datetime:
    return now or timezone.now()


def _today(now: datetime) -> date:
    return now.astimezone(LONDON).date()


def _lock(idea: Idea, expected_version: int | None) -> Idea:
    locked = Idea.unscoped.select_for_update().select_related("organisation", "team").get(
        pk=idea.pk)
    if expected_version is not None and locked.version != expected_version:
        raise StaleIdea(locked)
    return locked


def is_owner(membership: Membership | None, idea: Idea) -> bool:
    return membership is not None and idea.owners.filter(pk=membership.user_id).exists()


def is_team_manager(membership: Membership | None, idea: Idea) -> bool:
    return (membership is not None and membership.is_active
            and membership.role == Role.TEAM_MANAGER and membership.team_id == idea.team_id)


def _require_owner(actor: Membership, idea: Idea, doing: str) -> None:
    policy.require(actor, "idea.create")
    if not is_owner(actor, idea):
        raise TransitionRefused(f"Only the idea's owners can {doing}.")


def _touch(idea: Idea, now: datetime, fields: Iterable[str] = ()) -> None:
    idea.version += 1
    idea.last_activity_at = now
    idea.save(update_fields=["version", "last_activity_at", *fields])


def _named(idea: Idea) -> str:
    # Timelines, notifications and measure pages are read beyond the idea's team.
    return shown_text(None, idea, "title")


def _event(idea: Idea, *, actor, summary: str, now: datetime, from_state: str = "",
           to_state: str = "") -> IdeaEvent:
    by_scheduler = actor == SCHEDULER
    return IdeaEvent.unscoped.create(
        organisation=idea.organisation, idea=idea,
        actor=None if by_scheduler or actor is None else actor,
        by_scheduler=by_scheduler, from_state=from_state, to_state=to_state,
        summary=summary[:300], created_at=now,
    )


def _move(idea: Idea, to_state: str, *, actor, now: datetime, summary: str,
          fields: Iterable[str] = ()) -> Idea:
    """The one place ``state`` changes: checks the table, records the timeline and audit."""
    from_state = idea.state
    if (from_state, to_state) not in TRANSITIONS:
        raise TransitionRefused(refusal(from_state, to_state))
    idea.state = to_state
    idea.state_changed_at = now
    _touch(idea, now, ["state", "state_changed_at", *fields])
    _event(idea, actor=actor, summary=summary, now=now, from_state=from_state,
           to_state=to_state)
    audit.record(
        audit.IdeaTransitioned(from_state=from_state, to_state=to_state,
                               by_scheduler=actor == SCHEDULER),
        organisation=idea.organisation, actor=None if actor == SCHEDULER else actor,
        target=idea,
    )
    return idea


def refusal(from_state: str, to_state: str) -> str:
    labels = dict(State.choices)
    if from_state == to_state:
        return f"The idea is already {labels[to_state].lower()}."
    rule = TRANSITIONS.get((from_state, to_state))
    if rule is None:
        allowed = [labels[t] .lower() for (f, t) in TRANSITIONS if f == from_state]
        where = (" or ".join(allowed)) if allowed else "nowhere: it is decided"
        return (f"An idea cannot go from {labels[from_state].lower()} to "
                f"{labels[to_state].lower()}. From {labels[from_state].lower()} it can go to "
                f"{where}.")
    return f"{labels[from_state]} to {labels[to_state].lower()} is done by {rule}."


# Creating and editing ------------------------------------------------------------------------


def _check_team(team: Team, actor: Membership) -> None:
    if team.organisation_id != actor.organisation_id:
        raise ValidationError({"team": "Choose a team."})


@transaction.atomic
def idea_create(
    *,
    actor: Membership,
    team: Team,
    title: str,
    change: str,
    prediction: str,
    first_test_days: int = 7,
    measure_label: str = "",
    measure_id: int | None = None,
    new_tally: bool = False,
    tally_direction: str = "",
    notes: Iterable = (),
    split_from: Idea | None = None,
    tried_from: Idea | None = None,
    now: datetime | None = None,
) -> Idea:
    policy.require(actor, "idea.create")
    _check_team(team, actor)
    measures_bridge.check_measure(measure_id)
    if new_tally:
        measure_id = measures_bridge.tally_measure_create(
            actor=actor, name=measure_label, team=team,
            direction=tally_direction or measures_bridge.DIRECTION_CHOICES[0][0]).pk
    now = _now(now)
    idea = Idea(
        organisation=actor.organisation, team=team, author=actor.user, title=title,
        change=change, prediction=prediction, first_test_days=first_test_days,
        measure_label=measure_label, measure_id=measure_id, split_from=split_from,
        tried_from=tried_from, state=State.SUGGESTED, state_changed_at=now,
        last_activity_at=now, created_at=now,
    )
    idea.full_clean(exclude=["owners"])
    idea.save()
    outside_text_update(obj=idea, author=actor.user)
    idea.owners.add(actor.user)
    notes = list(notes)
    IdeaNote.unscoped.bulk_create(
        IdeaNote(organisation=actor.organisation, idea=idea, note=note) for note in notes)
    origin = ""
    if split_from is not None:
        origin = f" as a first small test of \u201c{_named(split_from)}\u201d"
    elif tried_from is not None:
        origin = f", trying \u201c{_named(tried_from)}\u201d from {tried_from.team.name}"
    elif notes:
        origin = f" from {len(notes)} learning note{'s' if len(notes) != 1 else ''}"
    _event(idea, actor=actor.user, summary=f"Suggested{origin}", now=now,
           to_state=State.SUGGESTED)
    audit.record(
        audit.IdeaCreated(from_notes=len(notes),
                          split_from=split_from.pk if split_from else None,
                          tried_from=tried_from.pk if tried_from else None),
        organisation=actor.organisation, actor=actor.user, target=idea,
    )
    if notes:
        notify.send(people=notify.note_authors(idea), idea=idea, kind=kinds.NOTE_LED_TO.key,
                    title=f"Your learning note led to an improvement idea: {_named(idea)}",
                    exclude=actor.user)
    return idea


PLAN_TEXT = ("plan_what", "plan_who", "plan_where", "plan_prediction", "plan_data")
EDITABLE = ("title", "change", "prediction", "first_test_days", "measure_label", "measure_id")


@transaction.atomic
def idea_update(*, actor: Membership, idea: Idea, expected_version: int,
                now: datetime | None = None, **values) -> Idea:
    now = _now(now)
    idea = _lock(idea, expected_version)
    _require_owner(actor, idea, "edit it")
    if not idea.is_open:
        raise TransitionRefused("A decided idea cannot be edited; start a new one instead.")
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    measures_bridge.check_measure(values.get("measure_id"))
    changed = [name for name, value in values.items() if getattr(idea, name) != value]
    for name in changed:
        setattr(idea, name, values[name])
    idea.full_clean(exclude=["owners"])
    if changed:
        _touch(idea, now, changed)
        outside_text_update(obj=idea, author=actor.user, fields=changed)
        _event(idea, actor=actor.user, summary="Edited", now=now)
        audit.record(audit.IdeaEdited(changed=changed), organisation=idea.organisation,
                     actor=actor.user, target=idea)
    return idea


@transaction.atomic
def idea_smallness_check(
    *,
    actor: Membership,
    idea: Idea,
    expected_version: int,
    fits_in_weeks: bool,
    needs_money: bool,
    needs_policy_change: bool,
    needs_outside_people: bool,
    now: datetime | None = None,
) -> Idea:
    now = _now(now)
    idea = _lock(idea, expected_version)
    _require_owner(actor, idea, "answer the smallness check")
    if idea.state != State.SUGGESTED:
        raise TransitionRefused("The smallness check is answered before the idea is ready.")
    idea.fits_in_weeks = fits_in_weeks
    idea.needs_money = needs_money
    idea.needs_policy_change = needs_policy_change
    idea.needs_outside_people = needs_outside_people
    _touch(idea, now, ["fits_in_weeks", "needs_money", "needs_policy_change",
                       "needs_outside_people"])
    summary = ("Smallness check passed: small enough to test" if idea.is_small else
               "Smallness check: too big yet (" + "; ".join(idea.smallness_problems()) + ")")
    _event(idea, actor=actor.user, summary=summary, now=now)
    audit.record(audit.IdeaSmallnessChecked(small=idea.is_small),
                 organisation=idea.organisation, actor=actor.user, target=idea)
    return idea


@transaction.atomic
def idea_split(*, actor: Membership, idea: Idea, title: str, change: str, prediction: str,
               first_test_days: int, now: datetime | None = None) -> Idea:
    """A first small test carved out of a big idea; the big one stays, linked, for later."""
    now = _now(now)
    parent = _lock(idea, None)
    _require_owner(actor, parent, "split it")
    if not parent.is_open:
        raise TransitionRefused("Only an open idea can be split.")
    child = idea_create(
        actor=actor, team=parent.team, title=title, change=change, prediction=prediction,
        first_test_days=first_test_days, measure_label=parent.measure_label,
        measure_id=parent.measure_id, notes=[link.note for link in parent.note_links.all()],
        split_from=parent, now=now,
    )
    _event(parent, actor=actor.user, summary=f"Split: first small test \u201c{_named(child)}\u201d",
           now=now)
    _touch(parent, now)
    return child


# Support -------------------------------------------------------------------------------------


@transaction.atomic
def idea_support(*, actor: Membership, idea: Idea, comment: str = "") -> Supporter:
    policy.require(actor, "idea.create")
    if not idea.is_open:
        raise ValidationError("This idea has been decided; support is for ideas still open.")
    supporter, created = Supporter.objects.update_or_create(
        organisation=actor.organisation, idea=idea, person=actor.user,
        defaults={"comment": comment},
    )
    outside_text_update(obj=supporter, author=actor.user, team=actor.team)
    if created:
        audit.record(audit.IdeaSupported(supported=True), organisation=actor.organisation,
                     actor=actor.user, target=idea)
    return supporter


@transaction.atomic
def idea_unsupport(*, actor: Membership, idea: Idea) -> None:
    gone = Supporter.objects.filter(idea=idea, person=actor.user)
    outside_texts_forget(model=Supporter, organisation=actor.organisation,
                         ids=gone.values_list("pk", flat=True))
    deleted, _ = gone.delete()
    if deleted:
        audit.record(audit.IdeaSupported(supported=False), organisation=actor.organisation,
                     actor=actor.user, target=idea)


# PDSA cycles ---------------------------------------------------------------------------------


def current_cycle(idea: Idea) -> Cycle | None:
    return idea.cycles.order_by("-number").first()


@transaction.atomic
def cycle_plan(
    *,
    actor: Membership,
    idea: Idea,
    expected_version: int,
    what: str,
    who: str,
    where: str,
    prediction: str,
    data: str,
    starts_on: date,
    ends_on: date,
    now: datetime | None = None,
) -> Cycle:
    """Plan the first cycle of a suggested idea (or re-plan it), or the next one after Act =
    adapt, which sends the idea back to testing."""
    now = _now(now)
    idea = _lock(idea, expected_version)
    _require_owner(actor, idea, "plan its cycles")
    if ends_on < starts_on:
        raise ValidationError({"ends_on": "The end date must be on or after the start date."})
    latest = current_cycle(idea)
    plan = {"plan_what": what, "plan_who": who, "plan_where": where,
            "plan_prediction": prediction, "plan_data": data, "starts_on": starts_on,
            "ends_on": ends_on}
    if idea.state == State.SUGGESTED:
        if latest is None:
            cycle = Cycle.unscoped.create(organisation=idea.organisation, idea=idea, number=1,
                                          created_by=actor.user, created_at=now, **plan)
        else:
            for name, value in plan.items():
                setattr(latest, name, value)
            latest.save(update_fields=list(plan))
            cycle = latest
        outside_text_update(obj=cycle, author=actor.user, fields=PLAN_TEXT)
        _touch(idea, now)
        _event(idea, actor=actor.user, summary=f"Planned cycle {cycle.number}", now=now)
    elif idea.state == State.STUDYING and latest and latest.act_outcome == ActOutcome.ADAPT:
        cycle = Cycle.unscoped.create(organisation=idea.organisation, idea=idea,
                                      number=latest.number + 1, created_by=actor.user,
                                      created_at=now, **plan)
        outside_text_update(obj=cycle, author=actor.user, fields=PLAN_TEXT)
        _move(idea, State.TESTING, actor=actor.user, now=now,
              summary=f"Adapted: cycle {cycle.number} planned and under way")
    elif idea.state == State.STUDYING:
        raise TransitionRefused(
            "Record the Study and choose Act = adapt before planning the next cycle.")
    else:
        raise TransitionRefused(
            f"A cycle cannot be planned while the idea is {idea.get_state_display().lower()}.")
    audit.record(audit.CycleRecorded(cycle=cycle.number, step="plan"),
                 organisation=idea.organisation, actor=actor.user, target=idea)
    return cycle


def _lock_cycle(cycle: Cycle, expected_version: int) -> tuple[Idea, Cycle]:
    idea = _lock(cycle.idea, expected_version)
    cycle = Cycle.unscoped.select_for_update().get(pk=cycle.pk)
    latest = current_cycle(idea)
    if latest is None or latest.pk != cycle.pk:
        raise TransitionRefused("Only the idea's latest cycle can be updated.")
    return idea, cycle


@transaction.atomic
def cycle_record_do(
    *,
    actor: Membership,
    cycle: Cycle,
    expected_version: int,
    what_happened: str,
    problems: str = "",
    observations: str = "",
    now: datetime | None = None,
) -> Cycle:
    now = _now(now)
    idea, cycle = _lock_cycle(cycle, expected_version)
    _require_owner(actor, idea, "record what happened")
    if idea.state not in (State.TESTING, State.STUDYING) or cycle.study_recorded_at:
        raise TransitionRefused("What happened (Do) is recorded while the cycle runs, "
                                "before its Study.")
    cycle.do_what_happened = what_happened
    cycle.do_problems = problems
    cycle.do_observations = observations
    cycle.do_recorded_at = now
    cycle.save(update_fields=["do_what_happened", "do_problems", "do_observations",
                              "do_recorded_at"])
    outside_text_update(obj=cycle, author=actor.user,
                        fields=("do_what_happened", "do_problems", "do_observations"))
    if idea.state == State.TESTING:
        _move(idea, State.STUDYING, actor=actor.user, now=now,
              summary=f"Cycle {cycle.number}: what happened recorded (Do)")
    else:
        _touch(idea, now)
        _event(idea, actor=actor.user, summary=f"Cycle {cycle.number}: Do updated", now=now)
    audit.record(audit.CycleRecorded(cycle=cycle.number, step="do"),
                 organisation=idea.organisation, actor=actor.user, target=idea)
    return cycle


@transaction.atomic
def cycle_record_study(*, actor: Membership, cycle: Cycle, expected_version: int, result: str,
                       now: datetime | None = None) -> Cycle:
    now = _now(now)
    idea, cycle = _lock_cycle(cycle, expected_version)
    _require_owner(actor, idea, "record the Study")
    if idea.state != State.STUDYING:
        raise TransitionRefused("The Study is recorded once the cycle has run "
                                "(record what happened first).")
    if cycle.act_outcome:
        raise TransitionRefused("This cycle has been decided already.")
    cycle.study_result = result
    cycle.study_recorded_at = now
    cycle.save(update_fields=["study_result", "study_recorded_at"])
    outside_text_update(obj=cycle, author=actor.user, fields=("study_result",))
    _touch(idea, now)
    _event(idea, actor=actor.user, summary=f"Cycle {cycle.number}: result compared with the "
                                           "prediction (Study)", now=now)
    audit.record(audit.CycleRecorded(cycle=cycle.number, step="study"),
                 organisation=idea.organisation, actor=actor.user, target=idea)
    return cycle


@transaction.atomic
def cycle_act(*, actor: Membership, cycle: Cycle, expected_version: int, outcome: str,
              notes: str = "", now: datetime | None = None) -> Cycle:
    now = _now(now)
    idea, cycle = _lock_cycle(cycle, expected_version)
    _require_owner(actor, idea, "decide what to do next")
    if outcome not in ActOutcome.values:
        raise ValidationError({"outcome": "Choose adopt, adapt or abandon."})
    if idea.state != State.STUDYING or cycle.study_recorded_at is None:
        raise TransitionRefused("Complete the Study (compare the result with the prediction) "
                                "before deciding.")
    if cycle.act_outcome:
        raise TransitionRefused("This cycle has been decided already.")
    if outcome == ActOutcome.ABANDON and not notes.strip():
        raise ValidationError({"notes": "Say why the idea is abandoned: it is learning too."})
    cycle.act_outcome = outcome
    cycle.act_notes = notes
    cycle.act_recorded_at = now
    cycle.save(update_fields=["act_outcome", "act_notes", "act_recorded_at"])
    outside_text_update(obj=cycle, author=actor.user, fields=("act_notes",))
    audit.record(audit.CycleRecorded(cycle=cycle.number, step=f"act:{outcome}"),
                 organisation=idea.organisation, actor=actor.user, target=idea)
    if outcome == ActOutcome.ADAPT:
        _touch(idea, now)
        _event(idea, actor=actor.user, now=now,
               summary=f"Cycle {cycle.number}: adapt \u2014 plan the next cycle")
        return cycle
    if outcome == ActOutcome.ADOPT:
        idea.adopted_on = _today(now)
        idea.decided_at = now
        _move(idea, State.ADOPTED, actor=actor.user, now=now, fields=["adopted_on", "decided_at"],
              summary=f"Adopted after {cycle.number} cycle{'s' if cycle.number != 1 else ''}")
        measures_bridge.sustain_watch_start(idea, actor=actor)
        verb = "was adopted"
    else:
        idea.abandon_reason = notes
        idea.decided_at = now
        _move(idea, State.ABANDONED, actor=actor.user, now=now,
              fields=["abandon_reason", "decided_at"],
              summary=f"Abandoned after cycle {cycle.number}")
        outside_text_update(obj=idea, author=actor.user, fields=("abandon_reason",))
        verb = "was abandoned (what was learned is kept)"
    notify.send(people=notify.loop_people(idea), idea=idea, kind=kinds.DECIDED.key,
                title=f"The idea \u201c{_named(idea)}\u201d {verb}", exclude=actor.user)
    return cycle


# Support, not approval -----------------------------------------------------------------------


def team_managers(idea: Idea) -> list:
    managers = [m.user for m in Membership.objects.select_related("user").filter(
        team=idea.team, role=Role.TEAM_MANAGER, is_active=True)]
    if managers:
        return managers
    return [m.user for m in Membership.objects.select_related("user").filter(
        role=Role.IMPROVEMENT_LEAD, is_active=True)]


@transaction.atomic
def idea_mark_ready(*, actor: Membership, idea: Idea, expected_version: int,
                    now: datetime | None = None) -> Idea:
    now = _now(now)
    idea = _lock(idea, expected_version)
    _require_owner(actor, idea, "mark it ready to test")
    if idea.state != State.SUGGESTED:
        raise TransitionRefused(refusal(idea.state, State.READY))
    missing = []
    if not idea.smallness_answered:
        missing.append("answer the smallness check")
    elif not idea.is_small:
        missing.append("make it small enough to test (" + "; ".join(idea.smallness_problems())
                       + "): split off a first small test")
    if current_cycle(idea) is None:
        missing.append("plan the first cycle")
    if missing:
        raise TransitionRefused("Before it is ready: " + ", and ".join(missing) + ".")
    window = idea.organisation.concern_window_days
    idea.ready_at = now
    idea.concern_window_ends = add_working_days(_today(now), window)
    idea.concern_days_left = window
    _move(idea, State.READY, actor=actor.user, now=now,
          fields=["ready_at", "concern_window_ends", "concern_days_left"],
          summary=f"Ready to test: goes ahead after {idea.concern_window_ends:%A %-d %B} "
                  f"unless a concern is raised")
    notify.send(people=team_managers(idea), idea=idea, kind=kinds.IDEA_READY.key,
                title=f"Ready to test in {idea.team.name}: {_named(idea)}. It goes ahead unless "
                      f"you raise a concern by {idea.concern_window_ends:%-d %B}.",
                exclude=actor.user)
    return idea


def open_concern(idea: Idea) -> Concern | None:
    return Concern.unscoped.filter(idea=idea, resolved_at__isnull=True).first()


def _went_ahead(idea: Idea, *, actor, now: datetime, summary: str) -> Idea:
    idea.concern_window_ends = None
    idea.concern_days_left = None
    _move(idea, State.TESTING, actor=actor, now=now,
          fields=["concern_window_ends", "concern_days_left"], summary=summary)
    notify.send(people=notify.loop_people(idea), idea=idea, kind=kinds.WENT_AHEAD.key,
                title=f"Now being tested in {idea.team.name}: {_named(idea)}",
                exclude=None if actor == SCHEDULER else actor)
    return idea


@transaction.atomic
def idea_go_ahead(*, actor: Membership, idea: Idea, expected_version: int | None = None,
                  now: datetime | None = None) -> Idea:
    """The team manager lets a ready idea go ahead now, without waiting for the window."""
    now = _now(now)
    idea = _lock(idea, expected_version)
    policy.require(actor, "idea.go_ahead")
    if actor.role == Role.TEAM_MANAGER and not is_team_manager(actor, idea):
        raise TransitionRefused("Only the manager of the idea's team can let it go ahead now.")
    if idea.state != State.READY:
        raise TransitionRefused(refusal(idea.state, State.TESTING))
    if open_concern(idea) is not None:
        raise TransitionRefused("A concern is open: resolve it in the conversation first.")
    return _went_ahead(idea, actor=actor.user, now=now, summary="Went ahead (go ahead now)")


@transaction.atomic
def idea_go_ahead_by_default(*, idea: Idea, now: datetime | None = None) -> Idea | None:
    """The scheduler's move: the window has passed and no concern is open."""
    now = _now(now)
    idea = _lock(idea, None)
    if (idea.state != State.READY or idea.concern_window_ends is None
            or _today(now) <= idea.concern_window_ends or open_concern(idea) is not None):
        return None
    return _went_ahead(idea, actor=SCHEDULER, now=now,
                       summary="Went ahead: no concern raised within the window")


@transaction.atomic
def concern_raise(*, actor: Membership, idea: Idea, text: str,
                  now: datetime | None = None) -> Concern:
    now = _now(now)
    idea = _lock(idea, None)
    policy.require(actor, "idea.go_ahead")
    if idea.state != State.READY:
        raise TransitionRefused("Concerns are raised while an idea waits to go ahead.")
    if open_concern(idea) is not None:
        raise TransitionRefused("A concern is already open: add to its conversation instead.")
    concern = Concern.unscoped.create(organisation=idea.organisation, idea=idea,
                                      raised_by=actor.user, text=text, created_at=now)
    outside_text_update(obj=concern, author=actor.user, fields=("text",))
    # The clock stops: keep the working days that were left, to restart from them.
    idea.concern_days_left = working_days_between(_today(now), idea.concern_window_ends)
    idea.concern_window_ends = None
    _touch(idea, now, ["concern_days_left", "concern_window_ends"])
    _event(idea, actor=actor.user, summary="Concern raised: the clock stops until it is "
                                           "resolved", now=now)
    audit.record(audit.ConcernRaised(), organisation=idea.organisation, actor=actor.user,
                 target=idea)
    notify.send(people=list(idea.owners.all()), idea=idea, kind=kinds.CONCERN.key,
                title=f"A concern was raised about your idea: {_named(idea)}", exclude=actor.user)
    return concern


@transaction.atomic
def concern_reply(*, actor: Membership, concern: Concern, text: str,
                  now: datetime | None = None) -> ConcernReply:
    policy.require(actor, "idea.create")
    now = _now(now)
    if concern.resolved_at is not None:
        raise ValidationError("This concern has been resolved.")
    reply = ConcernReply.unscoped.create(organisation=concern.organisation, concern=concern,
                                         author=actor.user, text=text, created_at=now)
    outside_text_update(obj=reply, author=actor.user)
    idea = concern.idea
    audit.record(audit.ConcernReplied(), organisation=idea.organisation, actor=actor.user,
                 target=idea)
    notify.send(people=[concern.raised_by, *idea.owners.all()], idea=idea,
                kind=kinds.CONCERN.key, title=f"New reply about the concern on: {_named(idea)}",
                exclude=actor.user)
    return reply


@transaction.atomic
def concern_resolve(*, actor: Membership, concern: Concern, resolution: str,
                    now: datetime | None = None) -> Concern:
    now = _now(now)
    idea = _lock(concern.idea, None)
    concern = Concern.unscoped.select_for_update().get(pk=concern.pk)
    if concern.resolved_at is not None:
        raise ValidationError("This concern has been resolved already.")
    if concern.raised_by_id != actor.user_id and not policy.can(actor, "idea.go_ahead"):
        raise TransitionRefused("The person who raised the concern, or a manager, resolves it.")
    concern.resolved_at = now
    concern.resolved_by = actor.user
    concern.resolution = resolution
    concern.save(update_fields=["resolved_at", "resolved_by", "resolution"])
    outside_text_update(obj=concern, author=actor.user, fields=("resolution",))
    fields = []
    if idea.state == State.READY:
        idea.concern_window_ends = add_working_days(_today(now),
                                                    max(idea.concern_days_left or 0, 1))
        fields = ["concern_window_ends"]
    _touch(idea, now, fields)
    summary = "Concern resolved"
    if fields:
        summary += f": the clock restarts; goes ahead after {idea.concern_window_ends:%-d %B}"
    _event(idea, actor=actor.user, summary=summary, now=now)
    audit.record(audit.ConcernResolved(), organisation=idea.organisation, actor=actor.user,
                 target=idea)
    notify.send(people=[concern.raised_by, *idea.owners.all()], idea=idea,
                kind=kinds.CONCERN.key, title=f"The concern on \u201c{_named(idea)}\u201d is "
                                              "resolved", exclude=actor.user)
    return concern


# Abandon, sustain ----------------------------------------------------------------------------


@transaction.atomic
def idea_abandon(*, actor: Membership, idea: Idea, expected_version: int, reason: str,
                 now: datetime | None = None) -> Idea:
    now = _now(now)
    idea = _lock(idea, expected_version)
    policy.require(actor, "idea.create")
    if not (is_owner(actor, idea) or is_team_manager(actor, idea)):
        raise TransitionRefused("Only an owner or the team manager can abandon an idea.")
    if not reason.strip():
        raise ValidationError({"reason": "Say why: an abandoned idea is learning too."})
    if idea.state not in OPEN_STATES:
        raise TransitionRefused(refusal(idea.state, State.ABANDONED))
    idea.abandon_reason = reason
    idea.decided_at = now
    idea.concern_window_ends = None
    _move(idea, State.ABANDONED, actor=actor.user, now=now,
          fields=["abandon_reason", "decided_at", "concern_window_ends"],
          summary="Abandoned, with a reason")
    outside_text_update(obj=idea, author=actor.user, fields=("abandon_reason",))
    notify.send(people=notify.loop_people(idea), idea=idea, kind=kinds.DECIDED.key,
                title=f"The idea \u201c{_named(idea)}\u201d was abandoned (what was learned is "
                      "kept)", exclude=actor.user)
    return idea


def sustain_progress(idea: Idea, now: datetime) -> tuple[int, str]:
    """How far an adopted idea is towards sustained: (count, "points" or "weeks")."""
    points = measures_bridge.points_since(idea, idea.adopted_on)
    if points is not None:
        return points, "points"
    return (_today(now) - idea.adopted_on).days // 7, "weeks"


@transaction.atomic
def idea_sustain(*, actor: Membership | None, idea: Idea, now: datetime | None = None
                 ) -> Idea | None:
    """Adopted -> sustained. ``actor=None`` is the scheduler, which skips ideas not yet due."""
    now = _now(now)
    idea = _lock(idea, None)
    if actor is not None and actor.role != Role.IMPROVEMENT_LEAD:
        raise TransitionRefused("An improvement lead marks an adopted idea sustained.")
    problem = ""
    if idea.state != State.ADOPTED:
        problem = refusal(idea.state, State.SUSTAINED)
    else:
        count, unit = sustain_progress(idea, now)
        if count < SUSTAIN_POINTS:
            problem = (f"Not yet: {count} of {SUSTAIN_POINTS} {unit} since adoption.")
        elif measures_bridge.sustain_check_open(idea):
            problem = "A sustain check is open on its measure: look at it first."
    if problem:
        if actor is None:
            return None
        raise TransitionRefused(problem)
    return _move(idea, State.SUSTAINED, actor=actor.user if actor else SCHEDULER, now=now,
                 summary=f"Sustained: {SUSTAIN_POINTS} further points or weeks with no "
                         "sustain check open")


@transaction.atomic
def cycle_end_passed(*, idea: Idea, now: datetime | None = None) -> Idea | None:
    """Scheduler: a test whose cycle's end date has passed moves on to its Study."""
    now = _now(now)
    idea = _lock(idea, None)
    cycle = current_cycle(idea)
    if idea.state != State.TESTING or cycle is None or cycle.ends_on >= _today(now):
        return None
    return _move(idea, State.STUDYING, actor=SCHEDULER, now=now,
                 summary=f"Cycle {cycle.number} reached its end date: time to study the result")


# Spread --------------------------------------------------------------------------------------


@transaction.atomic
def idea_try_in_team(*, actor: Membership, idea: Idea, team: Team,
                     now: datetime | None = None) -> Idea:
    if idea.state not in (State.ADOPTED, State.SUSTAINED):
        raise TransitionRefused("Only adopted ideas are in the library to try elsewhere.")
    if team.pk == idea.team_id:
        raise ValidationError({"team": "Choose another team: this idea came from that one."})
    original = idea.tried_from or idea
    # The copy starts from the de-identified text: the new team is outside the idea's team,
    # so a name never travels there this way.
    copied = {name: shown_text(None, idea, name)
              for name in ("title", "change", "prediction", "measure_label")}
    tried = idea_create(
        actor=actor, team=team, first_test_days=idea.first_test_days, tried_from=original,
        now=now, **copied,
    )
    notify.send(people=notify.loop_people(original), idea=original, kind=kinds.SPREAD.key,
                title=f"{team.name} is trying \u201c{_named(original)}\u201d", exclude=actor.user)
    return tried


# Board ---------------------------------------------------------------------------------------


def idea_move(*, actor: Membership, idea: Idea, to_state: str, expected_version: int,
              now: datetime | None = None) -> Idea:
    """A card dropped (or moved by keyboard) on another column: the same services, or a
    refusal that says why and what to do instead."""
    if to_state not in State.values:
        raise TransitionRefused("Choose a column.")
    if idea.version != expected_version:
        raise StaleIdea(idea)
    key = (idea.state, to_state)
    if key not in TRANSITIONS:
        raise TransitionRefused(refusal(*key))
    if key == (State.SUGGESTED, State.READY):
        return idea_mark_ready(actor=actor, idea=idea, expected_version=expected_version, now=now)
    if key == (State.READY, State.TESTING):
        return idea_go_ahead(actor=actor, idea=idea, expected_version=expected_version, now=now)
    if key == (State.ADOPTED, State.SUSTAINED):
        return idea_sustain(actor=actor, idea=idea, now=now)
    # Every other move needs words (what happened, the Study, a reason): say where.
    raise TransitionRefused(
        f"{refusal(*key)} Open the idea to record it: the board cannot say it for you.")


# Nudges --------------------------------------------------------------------------------------


@transaction.atomic
def nudges_send(*, organisation, now: datetime | None = None) -> int:
    """One batched reminder per person per day: stalled tests, overdue Studies, ideas left
    in suggested. Returns how many people were nudged."""
    now = _now(now)
    today = _today(now)
    stalled_before = now - timedelta(days=organisation.stalled_test_days)
    idle_before = now - timedelta(days=SUGGESTED_RESTART_DAYS)
    not_nudged_since = now - timedelta(days=organisation.stalled_test_days)
    ideas = Idea.unscoped.filter(organisation=organisation).exclude(
        nudged_at__gte=not_nudged_since)
    due: dict[int, list[Idea]] = {}
    candidates = list(
        ideas.filter(state__in=[State.TESTING, State.STUDYING], last_activity_at__lt=stalled_before)
    ) + list(ideas.filter(state=State.STUDYING, cycles__ends_on__lt=today,
                          cycles__study_recorded_at__isnull=True).distinct())
    candidates += list(ideas.filter(state=State.SUGGESTED, last_activity_at__lt=idle_before))
    for idea in {i.pk: i for i in candidates}.values():
        people = [idea.author_id] if idea.state == State.SUGGESTED else list(
            idea.owners.values_list("pk", flat=True))
        for person_id in people:
            due.setdefault(person_id, []).append(idea)
    from stepwise.accounts.models import User

    sent = 0
    for person in User.objects.filter(pk__in=list(due), is_active=True):
        if NudgeDay.unscoped.filter(organisation=organisation, person=person,
                                    day=today).exists():
            continue
        waiting = sorted(due[person.pk], key=lambda i: i.pk)
        NudgeDay.unscoped.create(organisation=organisation, person=person, day=today,
                                 ideas=len(waiting))
        first = waiting[0]
        if len(waiting) == 1 and first.state == State.SUGGESTED:
            title = (f"\u201c{_named(first)}\u201d has waited {SUGGESTED_RESTART_DAYS} days: "
                     "restart it, hand it over or close it?")
        elif len(waiting) == 1:
            title = f"\u201c{_named(first)}\u201d needs an update"
        else:
            title = f"{len(waiting)} of your ideas need an update"
        url = "" if len(waiting) == 1 else reverse(
            "improvements:ideas", kwargs={"org_slug": organisation.slug}) + "?mine=1"
        notify.send(people=[person], idea=first, kind=kinds.NUDGE.key, title=title, url=url)
        Idea.unscoped.filter(pk__in=[i.pk for i in waiting]).update(nudged_at=now)
        sent += 1
    return sent


# Owners --------------------------------------------------------------------------------------


@transaction.atomic
def idea_owner_add(*, actor: Membership, idea: Idea, expected_version: int,
                   new_owner: Membership, hand_over: bool = False,
                   now: datetime | None = None) -> Idea:
    """Add a co-owner; with ``hand_over`` the actor steps back, so an idea is handed on
    rather than left to stall."""
    now = _now(now)
    idea = _lock(idea, expected_version)
    _require_owner(actor, idea, "change its owners")
    if new_owner.organisation_id != idea.organisation_id or not new_owner.is_active:
        raise ValidationError({"new_owner": "Choose an active colleague."})
    if new_owner.user_id == actor.user_id:
        raise ValidationError({"new_owner": "Choose someone other than yourself."})
    idea.owners.add(new_owner.user)
    summary = f"{new_owner.user.full_name} became an owner"
    if hand_over:
        idea.owners.remove(actor.user)
        summary = f"Handed over to {new_owner.user.full_name}"
    _touch(idea, now)
    _event(idea, actor=actor.user, summary=summary, now=now)
    audit.record(audit.IdeaEdited(changed=["owners"]), organisation=idea.organisation,
                 actor=actor.user, target=idea)
    notify.send(people=[new_owner.user], idea=idea, kind=kinds.NUDGE.key,
                title=f"You are now an owner of the idea \u201c{_named(idea)}\u201d")
    return idea


def ideas_hand_over(*, organisation, from_user, to_user) -> int:
    """When someone leaves, the open ideas they own go to their successor."""
    moved = 0
    for idea in Idea.unscoped.filter(organisation=organisation, owners=from_user,
                                     state__in=[*OPEN_STATES, State.ADOPTED]):
        idea.owners.remove(from_user)
        idea.owners.add(to_user)
        idea.version += 1
        idea.save(update_fields=["version"])
        _event(idea, actor=None, summary=f"Handed over to {to_user.full_name} (owner left)",
               now=timezone.now())
        moved += 1
    return moved
