"""Engagement and cumulative impact: pure reads over a ``Scope``.

Every function takes the organisation from the scope and reads through the unscoped managers
with an explicit organisation filter, so the same code serves a request, the background
snapshot and the report. Nothing here is ever a figure about one person except
``my_contributions``, which reads the viewer's own rows for the viewer only.
"""

import hashlib
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, DateField, Max, Min, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import timezone

from stepwise.core.tenancy import tenant_context
from stepwise.improvements.models import (
    DECIDED_STATES,
    OPEN_STATES,
    ActOutcome,
    Cycle,
    Idea,
    IdeaNote,
    State,
    Supporter,
)
from stepwise.learning.models import MeToo, Note, Reply, Status
from stepwise.measures.models import Measure, SustainCheck
from stepwise.measures.selectors import measure_queryset, measure_xmr, variation_key
from stepwise.organisations.models import Membership, Organisation, Team
from stepwise.privacy import outside

# Below this many members a share would point at individuals, so it is not shown.
MIN_GROUP = 5
ADOPTED_STATES = (State.ADOPTED, State.SUSTAINED)


@dataclass(frozen=True, kw_only=True)
class Scope:
    organisation: Organisation
    teams: tuple[Team, ...] = ()  # empty: the whole organisation
    start: date
    end: date  # inclusive

    @property
    def team_ids(self) -> list[int]:
        return [team.pk for team in self.teams]

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def _midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _local_date(moment: datetime) -> date:
    return timezone.localtime(moment).date()


def months_between(start: date, end: date) -> list[date]:
    months, month = [], start.replace(day=1)
    while month <= end:
        months.append(month)
        month = (month + timedelta(days=32)).replace(day=1)
    return months


def _share(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole >= MIN_GROUP else None


def _median(values: list[int]) -> float | None:
    return float(statistics.median(values)) if values else None


# -- Participation ------------------------------------------------------------------------

def members(scope: Scope) -> QuerySet[Membership]:
    found = Membership.unscoped.filter(organisation=scope.organisation, is_active=True)
    return found.filter(team__in=scope.team_ids) if scope.teams else found


def _contributions(organisation: Organisation, since: datetime, until: datetime, people):
    """(queryset, person field, time field) for every kind of contribution in [since, until).

    Anonymous notes and replies are left out: counting them would let a change in a share
    point at the person who wrote anonymously. They still count in the team's note totals.
    """
    org = {"organisation": organisation}
    return [
        (Note.unscoped.filter(**org, status=Status.SUBMITTED, is_anonymous=False,
                              submitted_at__gte=since, submitted_at__lt=until,
                              author__in=people), "author_id", "submitted_at"),
        (MeToo.unscoped.filter(**org, created_at__gte=since, created_at__lt=until,
                               person__in=people), "person_id", "created_at"),
        (Reply.unscoped.filter(**org, is_anonymous=False, created_at__gte=since,
                               created_at__lt=until, author__in=people),
         "author_id", "created_at"),
        (Idea.unscoped.filter(**org, created_at__gte=since, created_at__lt=until,
                              author__in=people), "author_id", "created_at"),
        (Supporter.unscoped.filter(**org, created_at__gte=since, created_at__lt=until,
                                   person__in=people), "person_id", "created_at"),
        (Cycle.unscoped.filter(**org, created_at__gte=since, created_at__lt=until,
                               created_by__in=people), "created_by_id", "created_at"),
    ]


def _contributors(organisation, since, until, people) -> set[int]:
    return set(_latest_contributions(organisation, since, until, people))


def _latest_contributions(organisation, since, until, people) -> dict[int, datetime]:
    """Each contributor's latest contribution in [since, until): one grouped query per kind,
    from which every shorter window ending at ``until`` is read without asking again."""
    latest: dict[int, datetime] = {}
    for rows, person, moment in _contributions(organisation, since, until, people):
        for who, last in (rows.order_by().values(person).annotate(last=Max(moment))
                          .values_list(person, "last")):
            if who not in latest or last > latest[who]:
                latest[who] = last
    return latest


def _contributors_by_month(organisation, since, until, people) -> dict[date, set[int]]:
    by_month: dict[date, set[int]] = defaultdict(set)
    for rows, person, moment in _contributions(organisation, since, until, people):
        month = TruncMonth(moment, output_field=DateField())
        for who, when in (rows.order_by().annotate(month=month).values_list(person, "month")
                          .distinct()):
            by_month[when].add(who)
    return by_month


@dataclass(frozen=True)
class MonthShare:
    month: date
    contributors: int | None
    share: int | None


@dataclass(frozen=True)
class Participation:
    members: int
    contributors_30: int | None
    share_30: int | None
    contributors_90: int | None
    share_90: int | None
    notes_90: int
    by_month: tuple[MonthShare, ...]

    @property
    def suppressed(self) -> bool:
        return self.members < MIN_GROUP


def participation(scope: Scope) -> Participation:
    people = members(scope).values("user_id")
    count = members(scope).count()
    until = _midnight(scope.end + timedelta(days=1))
    since_30, since_90 = until - timedelta(days=30), until - timedelta(days=90)
    notes = Note.unscoped.filter(organisation=scope.organisation, status=Status.SUBMITTED,
                                 submitted_at__gte=since_90, submitted_at__lt=until)
    if scope.teams:
        notes = notes.filter(team__in=scope.team_ids)
    notes_90 = notes.count()
    if count < MIN_GROUP:
        months = months_between(scope.start, scope.end)
        return Participation(count, None, None, None, None, notes_90,
                             tuple(MonthShare(m, None, None) for m in months))
    latest = _latest_contributions(scope.organisation, since_90, until, people)
    in_90 = set(latest)
    in_30 = {who for who, last in latest.items() if last >= since_30}
    by_month = _contributors_by_month(scope.organisation, _midnight(scope.start), until, people)
    series = tuple(
        MonthShare(month, len(by_month.get(month, ())), _share(len(by_month.get(month, ())),
                                                               count))
        for month in months_between(scope.start, scope.end)
    )
    return Participation(count, len(in_30), _share(len(in_30), count), len(in_90),
                         _share(len(in_90), count), notes_90, series)


@dataclass(frozen=True)
class QuietTeam:
    team_id: int
    name: str
    members: int


def teams_without_contribution(scope: Scope, days: int = 30) -> list[QuietTeam]:
    """Teams of at least ``MIN_GROUP`` members with no contribution in the ``days`` before the
    end: neither a shared note (anonymous ones too) nor any contribution by a member.

    Smaller teams are never listed: "nobody contributed" would be a statement about people.
    """
    sizes = dict(
        members(scope).exclude(team=None).order_by().values("team")
        .annotate(n=Count("pk")).values_list("team", "n")
    )
    until = _midnight(scope.end + timedelta(days=1))
    since = until - timedelta(days=days)
    people = members(scope).exclude(team=None)
    team_of = dict(people.values_list("user_id", "team_id"))
    busy = {team_of[person] for person in _contributors(scope.organisation, since, until,
                                                        people.values("user_id"))}
    busy.update(Note.unscoped.filter(
        organisation=scope.organisation, status=Status.SUBMITTED, submitted_at__gte=since,
        submitted_at__lt=until, team__in=list(sizes)).order_by()
        .values_list("team_id", flat=True).distinct())
    quiet = [team_id for team_id, size in sizes.items()
             if size >= MIN_GROUP and team_id not in busy]
    names = dict(Team.unscoped.filter(pk__in=quiet).values_list("pk", "name"))
    return sorted((QuietTeam(t, names[t], sizes[t]) for t in quiet), key=lambda q: q.name)


# -- Flow -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class MonthFlow:
    month: date
    tested: int
    adopted: int


@dataclass(frozen=True)
class TeamWork:
    team_id: int
    name: str
    open_ideas: int


@dataclass(frozen=True)
class Flow:
    note_to_idea_days: float | None
    note_to_idea_count: int
    idea_to_test_days: float | None
    idea_to_test_count: int
    test_to_decision_days: float | None
    test_to_decision_count: int
    by_month: tuple[MonthFlow, ...]
    work_in_progress: tuple[TeamWork, ...]
    adopted: int
    members: int
    per_100_staff_per_year: float | None
    decisions: dict[str, int]

    @property
    def decisions_total(self) -> int:
        return sum(self.decisions.values())

    def decision_share(self, outcome: str) -> int | None:
        total = self.decisions_total
        return round(100 * self.decisions.get(outcome, 0) / total) if total else None


def _ideas(scope: Scope) -> QuerySet[Idea]:
    ideas = Idea.unscoped.filter(organisation=scope.organisation)
    return ideas.filter(team__in=scope.team_ids) if scope.teams else ideas


def flow(scope: Scope) -> Flow:
    since, until = _midnight(scope.start), _midnight(scope.end + timedelta(days=1))
    links = IdeaNote.unscoped.filter(organisation=scope.organisation, created_at__gte=since,
                                     created_at__lt=until, note__submitted_at__isnull=False)
    if scope.teams:
        links = links.filter(idea__team__in=scope.team_ids)
    note_to_idea = [max((_local_date(linked) - _local_date(submitted)).days, 0)
                    for linked, submitted in links.values_list("created_at",
                                                               "note__submitted_at")]
    rows = (
        _ideas(scope).order_by().annotate(first_test=Min("cycles__starts_on"))
        .filter(Q(first_test__gte=scope.start, first_test__lte=scope.end)
                | Q(decided_at__gte=since, decided_at__lt=until)
                | Q(adopted_on__gte=scope.start, adopted_on__lte=scope.end))
        .values_list("created_at", "first_test", "decided_at", "state", "adopted_on")
    )
    idea_to_test, test_to_decision = [], []
    tested, adopted = Counter(), Counter()
    for created, first_test, decided, state, adopted_on in rows:
        if first_test and scope.start <= first_test <= scope.end:
            idea_to_test.append(max((first_test - _local_date(created)).days, 0))
            tested[first_test.replace(day=1)] += 1
        if (first_test and decided and state in DECIDED_STATES
                and since <= decided < until):
            test_to_decision.append(max((_local_date(decided) - first_test).days, 0))
        if state in ADOPTED_STATES and adopted_on and scope.start <= adopted_on <= scope.end:
            adopted[adopted_on.replace(day=1)] += 1
    open_by_team = (_ideas(scope).filter(state__in=OPEN_STATES).order_by()
                    .values("team_id", "team__name").annotate(n=Count("pk"))
                    .values_list("team_id", "team__name", "n"))
    decisions = _decisions(scope, since, until)
    staff = members(scope).count()
    total_adopted = sum(adopted.values())
    per_100 = (round(total_adopted / staff * 100 * 365 / scope.days, 1) if staff else None)
    return Flow(
        note_to_idea_days=_median(note_to_idea), note_to_idea_count=len(note_to_idea),
        idea_to_test_days=_median(idea_to_test), idea_to_test_count=len(idea_to_test),
        test_to_decision_days=_median(test_to_decision),
        test_to_decision_count=len(test_to_decision),
        by_month=tuple(MonthFlow(m, tested[m], adopted[m])
                       for m in months_between(scope.start, scope.end)),
        work_in_progress=tuple(TeamWork(t, name, n) for t, name, n
                               in sorted(open_by_team, key=lambda row: row[1])),
        adopted=total_adopted, members=staff, per_100_staff_per_year=per_100,
        decisions=decisions,
    )


def _decisions(scope: Scope, since: datetime, until: datetime) -> dict[str, int]:
    cycles = Cycle.unscoped.filter(organisation=scope.organisation, act_recorded_at__gte=since,
                                   act_recorded_at__lt=until).exclude(act_outcome="")
    if scope.teams:
        cycles = cycles.filter(idea__team__in=scope.team_ids)
    counted = dict(cycles.order_by().values("act_outcome").annotate(n=Count("pk"))
                   .values_list("act_outcome", "n"))
    return {outcome: counted.get(outcome, 0) for outcome in ActOutcome.values}


# -- Cumulative impact ------------------------------------------------------------------------

@dataclass(frozen=True)
class MonthTotal:
    month: date
    adopted: int
    cumulative: int


@dataclass(frozen=True)
class ImprovingMeasure:
    measure_id: int
    name: str


@dataclass(frozen=True)
class Cumulative:
    adopted_before: int
    by_month: tuple[MonthTotal, ...]
    measures: int
    improving: tuple[ImprovingMeasure, ...]
    checks_opened: int
    checks_resolved: int

    @property
    def adopted_total(self) -> int:
        return self.by_month[-1].cumulative if self.by_month else self.adopted_before


def _measures(scope: Scope) -> QuerySet[Measure]:
    found = Measure.unscoped.filter(organisation=scope.organisation)
    return found.filter(team__in=scope.team_ids) if scope.teams else found


@dataclass(frozen=True)
class MeasureStatus:
    measure_id: int
    name: str
    team_id: int | None
    improving: bool


def measure_statuses(organisation: Organisation, team_ids: list[int] | None = None
                     ) -> list[MeasureStatus]:
    """Whether each measure's latest point is special-cause improvement (Making Data Count
    rules), exactly as the measure's own page labels it. A refresh of every scope computes
    this once for the organisation and hands each team its share."""
    measures = Measure.unscoped.filter(organisation=organisation)
    if team_ids is not None:
        measures = measures.filter(team__in=team_ids)
    statuses = []
    with tenant_context(organisation):
        for measure in measure_queryset().filter(pk__in=measures.values("pk")).order_by("name"):
            key = variation_key(measure_xmr(measure))
            statuses.append(MeasureStatus(measure.pk, measure.name, measure.team_id,
                                          bool(key and key.startswith("improvement"))))
    return statuses


def improving_measures(scope: Scope, statuses: list[MeasureStatus] | None = None
                       ) -> tuple[int, tuple[ImprovingMeasure, ...]]:
    if statuses is None:
        statuses = measure_statuses(scope.organisation, scope.team_ids if scope.teams else None)
    elif scope.teams:
        statuses = [s for s in statuses if s.team_id in scope.team_ids]
    return len(statuses), tuple(ImprovingMeasure(s.measure_id, s.name)
                                for s in statuses if s.improving)


def cumulative(scope: Scope, *, statuses: list[MeasureStatus] | None = None) -> Cumulative:
    adopted = _ideas(scope).filter(state__in=ADOPTED_STATES)
    before = adopted.filter(adopted_on__lt=scope.start).count()
    per_month = Counter(
        day.replace(day=1) for day in adopted.filter(
            adopted_on__gte=scope.start, adopted_on__lte=scope.end)
        .values_list("adopted_on", flat=True)
    )
    running, series = before, []
    for month in months_between(scope.start, scope.end):
        running += per_month[month]
        series.append(MonthTotal(month, per_month[month], running))
    since, until = _midnight(scope.start), _midnight(scope.end + timedelta(days=1))
    checks = SustainCheck.unscoped.filter(organisation=scope.organisation)
    if scope.teams:
        checks = checks.filter(watch__measure__team__in=scope.team_ids)
    counts = checks.aggregate(
        opened=Count("pk", filter=Q(opened_at__gte=since, opened_at__lt=until)),
        resolved=Count("pk", filter=Q(resolved_at__gte=since, resolved_at__lt=until)),
    )
    total, improving = improving_measures(scope, statuses)
    return Cumulative(before, tuple(series), total, improving, counts["opened"],
                      counts["resolved"])


# -- You said, we did -------------------------------------------------------------------------

@dataclass(frozen=True)
class YouSaidWeDid:
    idea_id: int
    title: str
    team: str
    adopted_on: date
    notes: int
    sustained: bool
    url: str


def shown_title(idea: Idea) -> str:
    """The one door through which an idea's title leaves its team in engagement figures: the
    de-identified title stored on save, with its author's corrections."""
    return outside.shown_text(None, idea, "title")


def you_said_we_did(*, organisation: Organisation, start: date, end: date,
                    teams: tuple[Team, ...] = ()) -> list[YouSaidWeDid]:
    """Ideas adopted (or since sustained) in [start, end], newest first, with how many learning
    notes each grew from. No free text but the title, and that through ``shown_title``."""
    ideas = (Idea.unscoped.filter(organisation=organisation, state__in=ADOPTED_STATES,
                                  adopted_on__gte=start, adopted_on__lte=end)
             .select_related("team", "organisation")
             .annotate(notes=Count("note_links")).order_by("-adopted_on", "-pk"))
    if teams:
        ideas = ideas.filter(team__in=[team.pk for team in teams])
    ideas = list(ideas)
    outside.prefetch(ideas)
    return [
        YouSaidWeDid(idea_id=idea.pk, title=shown_title(idea),
                     team=idea.team.name,
                     adopted_on=idea.adopted_on, notes=idea.notes,
                     sustained=idea.state == State.SUSTAINED,
                     url=reverse("improvements:idea", kwargs={
                         "org_slug": organisation.slug, "idea_id": idea.pk}))
        for idea in ideas
    ]


# -- My contributions ------------------------------------------------------------------------

@dataclass(frozen=True)
class MyContributions:
    days: int
    notes: int
    me_toos: int
    replies: int
    ideas: int
    support: int
    cycles: int

    @property
    def total(self) -> int:
        return self.notes + self.me_toos + self.replies + self.ideas + self.support + self.cycles


def my_contributions(*, organisation: Organisation, user, end: date,
                     days: int = 90) -> MyContributions:
    """The viewer's own contributions, read from their own rows and shown only to them
    (their anonymous notes and replies included: it is their own work)."""
    until = _midnight(end + timedelta(days=1))
    since = until - timedelta(days=days)
    org = {"organisation": organisation}
    window = {"created_at__gte": since, "created_at__lt": until}
    return MyContributions(
        days=days,
        notes=Note.unscoped.filter(**org, author=user, status=Status.SUBMITTED,
                                   submitted_at__gte=since, submitted_at__lt=until).count(),
        me_toos=MeToo.unscoped.filter(**org, **window, person=user).count(),
        replies=Reply.unscoped.filter(**org, **window, author=user).count(),
        ideas=Idea.unscoped.filter(**org, **window, author=user).count(),
        support=Supporter.unscoped.filter(**org, **window, person=user).count(),
        cycles=Cycle.unscoped.filter(**org, **window, created_by=user).count(),
    )


# -- What the figures are counted from ---------------------------------------------------------

def sources(organisation: Organisation) -> str:
    """A digest of every row the organisation's figures are counted from: counts and the
    latest id or change time of each. Unchanged digest and period, unchanged figures — so the
    five-minute refresh need not count again. Team renames are not seen; the hourly recount
    (``services.RECOUNT_AFTER``) bounds how long an old name can show."""
    from stepwise.measures.models import DataPoint, Rebase
    from stepwise.privacy.models import OrganisationPhrase

    org = {"organisation": organisation}
    n, last = Count("pk"), Max("pk")
    parts = [
        Membership.unscoped.filter(**org).aggregate(
            n=n, last=last, active=Count("pk", filter=Q(is_active=True)), teams=Sum("team_id")),
        Team.unscoped.filter(**org).aggregate(n=n, last=last),
        Note.unscoped.filter(**org).aggregate(n=n, last=last, changed=Max("updated_at")),
        MeToo.unscoped.filter(**org).aggregate(n=n, last=last),
        Reply.unscoped.filter(**org).aggregate(n=n, last=last),
        Idea.unscoped.filter(**org).aggregate(n=n, last=last, changed=Max("state_changed_at"),
                                              active=Max("last_activity_at")),
        IdeaNote.unscoped.filter(**org).aggregate(n=n, last=last),
        Supporter.unscoped.filter(**org).aggregate(n=n, last=last),
        Cycle.unscoped.filter(**org).aggregate(n=n, last=last, acted=Max("act_recorded_at")),
        Measure.unscoped.filter(**org).aggregate(n=n, last=last),
        DataPoint.unscoped.filter(**org).aggregate(n=n, changed=Max("updated_at")),
        Rebase.unscoped.filter(**org).aggregate(n=n, last=last),
        SustainCheck.unscoped.filter(**org).aggregate(
            n=n, opened=Max("opened_at"), resolved=Max("resolved_at")),
        OrganisationPhrase.unscoped.filter(**org).aggregate(n=n, last=last),
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()
