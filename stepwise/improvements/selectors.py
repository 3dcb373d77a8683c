from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from stepwise.core import policy
from stepwise.core.home import NextStep
from stepwise.core.note_outcomes import NoteOutcome
from stepwise.core.scheduler import LONDON
from stepwise.improvements.models import (
    ActOutcome,
    Concern,
    Cycle,
    Idea,
    IdeaEvent,
    IdeaNote,
    State,
)
from stepwise.improvements.services import TRANSITIONS, refusal
from stepwise.privacy import outside
from stepwise.privacy.outside import shown_text

BOARD_COLUMNS = [State.SUGGESTED, State.READY, State.TESTING, State.STUDYING, State.ADOPTED,
                 State.SUSTAINED, State.ABANDONED]


def london_today(now: datetime | None = None) -> date:
    return (now or timezone.now()).astimezone(LONDON).date()


def idea_queryset() -> QuerySet[Idea]:
    return Idea.objects.select_related("team", "author", "organisation", "measure").prefetch_related(
        "owners",
        Prefetch("cycles", queryset=Cycle.objects.order_by("number")),
        Prefetch("concerns", queryset=Concern.objects.filter(resolved_at__isnull=True),
                 to_attr="open_concerns"),
    )


def idea_list(*, team_id: int | None = None, state: str = "", owner=None) -> QuerySet[Idea]:
    ideas = idea_queryset()
    if team_id:
        ideas = ideas.filter(team_id=team_id)
    if state in State.values:
        ideas = ideas.filter(state=state)
    if owner is not None:
        ideas = ideas.filter(owners=owner)
    return ideas.order_by("-last_activity_at", "-id")


@dataclass
class Card:
    idea: Idea
    age_days: int
    owners: str
    next_label: str
    next_date: date | None
    flags: list[str]
    moves: list[tuple[str, str, bool, str]]  # (state, label, allowed by the table, reason)


def _latest_cycle(idea: Idea) -> Cycle | None:
    cycles = list(idea.cycles.all())
    return cycles[-1] if cycles else None


def flags_for(idea: Idea, today: date) -> list[str]:
    flags = []
    cycle = _latest_cycle(idea)
    if getattr(idea, "open_concerns", None):
        flags.append("Waiting on a concern")
    if cycle is not None and idea.state in (State.TESTING, State.STUDYING) and (
            cycle.study_overdue(today)):
        flags.append("Study overdue")
    if idea.state in (State.TESTING, State.STUDYING) and (
            idea.last_activity_at.astimezone(LONDON).date()
            < today - timedelta(idea.organisation.stalled_test_days)):
        flags.append("Stalled")
    return flags


def next_date_for(idea: Idea) -> tuple[str, date | None]:
    cycle = _latest_cycle(idea)
    if idea.state == State.READY:
        if idea.concern_window_ends is None:
            return "Clock stopped", None
        return "Goes ahead after", idea.concern_window_ends
    if idea.state in (State.TESTING, State.STUDYING) and cycle is not None:
        return ("Cycle ends" if idea.state == State.TESTING else "Study due"), cycle.ends_on
    if idea.state == State.SUGGESTED and cycle is not None:
        return "First cycle starts", cycle.starts_on
    return "", None


def card_for(idea: Idea, today: date) -> Card:
    label, when = next_date_for(idea)
    moves = [
        (state, State(state).label, (idea.state, state) in TRANSITIONS,
         refusal(idea.state, state))
        for state in BOARD_COLUMNS if state != idea.state
    ]
    return Card(
        idea=idea, age_days=(today - idea.created_at.astimezone(LONDON).date()).days,
        owners=", ".join(o.full_name for o in idea.owners.all()), next_label=label,
        next_date=when, flags=flags_for(idea, today), moves=moves,
    )


def board_columns(*, team, today: date) -> list[dict]:
    ideas = idea_queryset().filter(team=team).filter(
        ~Q(state__in=[State.ABANDONED, State.SUSTAINED])
        | Q(state_changed_at__gte=timezone.now() - timedelta(days=90))
    ).order_by("state_changed_at", "id")
    by_state: dict[str, list[Card]] = {state: [] for state in BOARD_COLUMNS}
    ideas = list(ideas)
    outside.prefetch(ideas)
    for idea in ideas:
        by_state[idea.state].append(card_for(idea, today))
    return [{"state": state, "label": State(state).label, "cards": by_state[state]}
            for state in BOARD_COLUMNS]


def timeline(idea: Idea) -> QuerySet[IdeaEvent]:
    return idea.events.select_related("actor").order_by("created_at", "id")


def decision_label(idea: Idea) -> str:
    if idea.state in (State.ADOPTED, State.SUSTAINED):
        return "Adopted"
    if idea.state == State.ABANDONED:
        return "Abandoned"
    adapted = any(c.act_outcome == ActOutcome.ADAPT for c in idea.cycles.all())
    return f"Adapted, {idea.get_state_display().lower()}" if adapted else (
        idea.get_state_display())


def library(*, query: str = "") -> QuerySet[Idea]:
    ideas = idea_queryset().filter(
        state__in=[State.ADOPTED, State.SUSTAINED], tried_from__isnull=True
    ).prefetch_related(
        Prefetch("tried_elsewhere", queryset=Idea.objects.select_related("team")
                 .prefetch_related("cycles").order_by("created_at")),
    )
    query = query.strip()[:100]
    if query:
        ideas = ideas.filter(
            Q(pk__in=outside.matching_ids(Idea, ("title", "change", "prediction"), query))
            | Q(team__name__icontains=query)
            | Q(cycles__in=outside.matching_ids(Cycle, ("study_result",), query))).distinct()
    return ideas.order_by("-adopted_on", "-id")


def decision_counts() -> dict[str, int]:
    """Decision figures count cycles' outcomes (adapt is an outcome, not a state)."""
    rows = Cycle.objects.exclude(act_outcome="").values("act_outcome").annotate(n=Count("id"))
    counts = dict.fromkeys(ActOutcome.values, 0)
    counts.update({row["act_outcome"]: row["n"] for row in rows})
    return counts


def home_steps(*, request, membership) -> list[NextStep]:
    if not policy.can(membership, "idea.create"):
        return []
    slug = request.organisation.slug
    steps = []
    waiting = Idea.objects.filter(state=State.READY, team_id=membership.team_id).count() if (
        policy.can(membership, "idea.go_ahead") and membership.team_id) else 0
    if waiting:
        steps.append(NextStep(
            f"{waiting} idea{'s' if waiting != 1 else ''} ready to test in your team",
            "They go ahead unless you raise a concern. Support, not approval.",
            reverse("improvements:board", kwargs={"org_slug": slug}),
        ))
    mine = Idea.objects.filter(owners=membership.user, state__in=[
        State.SUGGESTED, State.TESTING, State.STUDYING]).count()
    if mine:
        steps.append(NextStep(
            "Your improvement ideas", f"{mine} of your ideas are open: keep them moving.",
            reverse("improvements:ideas", kwargs={"org_slug": slug}) + "?mine=1",
        ))
    return steps


def note_outcomes(*, note, viewer) -> list[NoteOutcome]:
    links = IdeaNote.objects.filter(note=note).select_related("idea__organisation", "idea__team")
    outcomes = []
    # A note's readers are not the idea's team: ideas are named as outsiders see them.
    for link in links:
        idea = link.idea
        title = shown_text(None, idea, "title")
        outcomes.append(NoteOutcome(
            text=f"Led to the idea \u201c{title}\u201d in {idea.team.name}",
            url=idea.get_absolute_url(), status=idea.get_state_display(),
        ))
        for tried in idea.tried_elsewhere.select_related("team"):
            title = shown_text(None, tried, "title")
            outcomes.append(NoteOutcome(
                text=f"Spread: {tried.team.name} tried \u201c{title}\u201d",
                url=tried.get_absolute_url(), status=tried.get_state_display(),
            ))
    return outcomes
