"""Demo improvement ideas: every state, with PDSA cycles, across the demo teams, grown from
demo learning notes. Wholly fictional. Built through the services with the clock set in the
past, so timelines, notifications and audit read as they would have happened.

Idempotent: an organisation that already has ideas is left alone.
"""

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from stepwise.core.policy import Role
from stepwise.core.scheduler import LONDON
from stepwise.core.tenancy import tenant_context
from stepwise.improvements import services
from stepwise.improvements.models import ActOutcome, Idea
from stepwise.learning.models import Kind, Note, Status
from stepwise.measures.models import Measure
from stepwise.organisations.models import Membership, Organisation, Team


@dataclass
class Cycle:
    what: str
    happened: str
    study: str
    act: str  # an ActOutcome value, or "" to leave the cycle open at that step
    stop_at: str = ""  # "do" (still running), "study" (Do recorded), "act" (Study recorded)


@dataclass
class Spec:
    team: str
    title: str
    change: str
    prediction: str
    measure: str
    goal: str  # suggested, ready, concern, testing, studying, adopted, sustained, abandoned
    days_ago: int
    cycles: list[Cycle] = field(default_factory=list)
    big: bool = False
    abandon_reason: str = ""
    tried_in: list[str] = field(default_factory=list)
    measure_name: str = ""  # a measure from the measures demo, charted with the cycles


SPECS = {
    "wellbridge": [
        # These three match the adoptions in the measures demo, so their charts tell the story.
        Spec("Assessment North", "Ask to see the child alone at the door, not at the end",
             "We will ask to see the child alone as we arrive, rather than at the end of the "
             "visit when everyone is tired.",
             "We expect more visits where the child is seen alone.",
             "Visits where the child was seen alone", "sustained", 238,
             [Cycle("Three workers ask at the door on every visit for a week",
                    "Asked on 19 visits; two parents said no and were offered another time.",
                    "Seen alone rose from about 6 in 10 visits to 8 in 10.", ActOutcome.ADOPT)],
             measure_name="Visits where the child was seen alone: Assessment North"),
        Spec("Front Door and MASH", "Morning triage huddle with police and health",
             "We will hold a 15-minute huddle at 9.30 each morning with the police and health "
             "leads to decide the overnight contacts together.",
             "We expect decisions on contacts to come sooner.",
             "Days from contact to decision", "sustained", 182,
             [Cycle("Huddle on Mondays and Thursdays for two weeks",
                    "Eight huddles held; health joined six by phone.",
                    "Days to decision fell on huddle days; partners asked for every day.",
                    ActOutcome.ADOPT)],
             measure_name="Days from contact to decision at the Front Door"),
        Spec("Care Leavers", "Book the next review at the end of each review",
             "We will agree the date of the next pathway plan review before the current one "
             "ends, and put it in the young person's phone.",
             "We expect more reviews to happen on time.",
             "Pathway plan reviews held on time", "adopted", 280,
             [Cycle("Two personal advisers book the next date at every review for a month",
                    "Booked at 11 of 12 reviews.",
                    "On-time reviews rose from about 64% to 84%.", ActOutcome.ADOPT)],
             measure_name="Pathway plan reviews held on time"),
        Spec("Assessment North", "Chronology ready before transfer meetings",
             "We will have the allocated worker attach a one-page chronology to the transfer "
             "request before the meeting is booked.",
             "We expect transfer meetings to start on time and finish with a clear owner.",
             "Transfer meetings delayed for missing information, per week", "adopted", 70,
             [Cycle("Two workers attach a chronology to every transfer request for a week",
                    "Both did it for 6 of 7 transfers; one request was urgent.",
                    "Five of six meetings started on time against about half before. The "
                    "template took too long for urgent cases.", ActOutcome.ADAPT),
              Cycle("Whole team uses a shorter template, with an urgent-case exception",
                    "All 14 transfers had a chronology; the exception was used twice.",
                    "13 of 14 meetings started on time; managers said decisions were clearer.",
                    ActOutcome.ADOPT)],
             tried_in=["Child Protection South", "Children in Care"]),
        Spec("Assessment North", "Text families the day before a home visit",
             "We will send a short reminder text the day before each planned home visit.",
             "We expect fewer visits where nobody is in.",
             "Planned visits where nobody was home, per week", "sustained", 140,
             [Cycle("Duty workers text the families they will visit the next day",
                    "42 texts sent; three numbers were out of date.",
                    "Wasted visits fell from 9 a week to 4, as predicted.", ActOutcome.ADOPT)]),
        Spec("Assessment North", "Check the family's language before the first visit",
             "We will ask the referrer which language the family prefers and book an "
             "interpreter before the first visit.",
             "We expect fewer first visits that have to be rearranged.",
             "First visits rearranged for language, per week", "testing", 9,
             [Cycle("Duty workers ask every referrer for a week", "", "", "", stop_at="do")]),
        Spec("Assessment North", "Joint visit slots shared with health visitors",
             "We will keep two joint-visit slots a week in a calendar shared with the health "
             "visiting team.",
             "We expect joint visits to be arranged within a week instead of three.",
             "", "suggested", 3),
        Spec("Front Door and MASH", "Five-minute huddle after each strategy discussion",
             "We will hold a five-minute huddle straight after each strategy discussion to "
             "agree who does what by when.",
             "We expect fewer actions with no named owner.",
             "Strategy actions without a named owner, per week", "testing", 12,
             [Cycle("Huddle after every strategy discussion on the Tuesday rota", "", "", "",
                    stop_at="do")]),
        Spec("Children in Care", "A one-page plan in plain words for each child",
             "We will write a one-page version of the care plan in the child's own words and "
             "check it with them.",
             "We expect children to say they understand their plan at review.",
             "Children who say they understand their plan, per review", "studying", 30,
             [Cycle("Two workers try it with three children each before their reviews",
                    "Five of six plans written; one child did not want to talk about it.",
                    "", "", stop_at="study")]),
        Spec("Care Leavers", "Pathway plan reminder at 17 and a half",
             "We will book the first pathway plan conversation when a young person turns "
             "17 and a half, not at 18.",
             "We expect every young person to have a plan before they turn 18.",
             "Care leavers with a pathway plan by 18", "ready", 2,
             [Cycle("Book conversations for everyone turning 17½ this month", "", "", "",
                    stop_at="do")]),
        Spec("Child Protection South", "Health visitor at every initial conference",
             "We will invite the named health visitor to every initial child protection "
             "conference for a child under five.",
             "We expect health information to be in the plan from the start.",
             "Initial plans with health actions", "concern", 3,
             [Cycle("Invite health visitors to conferences for under-fives for two weeks",
                    "", "", "", stop_at="do")]),
        Spec("Child Protection South", "Agenda shared before supervision",
             "We will share a short agenda the day before supervision, starting with what "
             "went well.",
             "We expect supervision to spend more time on reflection and less on lists.",
             "", "suggested", 4),
        Spec("Front Door and MASH", "Shared inbox triage rota",
             "We will rotate one worker a day to triage the shared inbox every two hours.",
             "We expect no referral to wait more than two hours to be read.",
             "Referrals read within two hours", "abandoned", 50,
             [Cycle("One worker triages the inbox each day for a week",
                    "The rota broke down on two days because of court.",
                    "No change in waiting time; the new case system already flags urgency.",
                    ActOutcome.ABANDON)],
             abandon_reason="The new case system's urgency flag does this already; we "
                            "learned that the delay is in allocation, not reading."),
        Spec("Front Door and MASH", "Redesign the whole referral form",
             "We will redesign the multi-agency referral form with partners.",
             "We expect better referrals.", "Referrals needing a call back for basic "
             "information", "suggested", 20, big=True),
    ],
    "wellbridge-partnership": [
        Spec("Police Safeguarding Unit", "Joint call with health within a day",
             "We will phone the named health professional within 24 hours of a domestic "
             "abuse notification involving a child under two.",
             "We expect health to know within a day in most cases.",
             "Notifications shared with health within 24 hours", "testing", 10,
             [Cycle("One sergeant makes the calls for a week", "", "", "", stop_at="do")]),
        Spec("Schools Safeguarding Leads", "Named social work contact for each school",
             "We will send each designated safeguarding lead the name and number of one duty "
             "contact at the start of each half term.",
             "We expect schools to spend less time finding the right person to call.",
             "Calls from schools transferred more than once", "adopted", 60,
             [Cycle("Send named contacts to the eight secondary schools for three weeks",
                    "All eight received it; two asked for a back-up name.",
                    "Transferred calls fell from 11 to 3 across the three weeks.",
                    ActOutcome.ADOPT)]),
        Spec("Health Visiting", "Check the father's details at the first visit",
             "We will ask for and record the father's or partner's details at the new "
             "birth visit.",
             "We expect fathers to be known to services in more cases.",
             "", "suggested", 6),
    ],
}


def _member(team: Team, role: str, offset: int = 0) -> Membership | None:
    members = list(Membership.objects.select_related("user").filter(
        team=team, role=role, is_active=True).order_by("pk"))
    return members[offset % len(members)] if members else None


def _notes_for(team: Team, rng: random.Random) -> list[Note]:
    notes = list(Note.objects.filter(team=team, status=Status.SUBMITTED,
                                     hidden_at__isnull=True,
                                     kind__in=[Kind.MISTAKE, Kind.NEAR_MISS, Kind.OBSERVATION])
                 .order_by("pk")[:40])
    return rng.sample(notes, min(len(notes), rng.choice([1, 2, 2, 3])))


def _version(idea: Idea) -> int:
    idea.refresh_from_db()
    return idea.version


def _drive(spec: Spec, *, owner: Membership, manager: Membership | None, lead: Membership,
           notes: list[Note], now: datetime) -> Idea:
    clock = now - timedelta(days=spec.days_ago)
    measure = Measure.objects.filter(name=spec.measure_name).first() if (
        spec.measure_name) else None
    idea = services.idea_create(actor=owner, team=owner.team, title=spec.title,
                                change=spec.change, prediction=spec.prediction,
                                first_test_days=7, measure_label=spec.measure,
                                measure_id=measure.pk if measure else None, notes=notes,
                                now=clock)
    if spec.goal == "suggested" and not spec.big:
        return idea
    clock += timedelta(hours=2)
    services.idea_smallness_check(
        actor=owner, idea=idea, expected_version=_version(idea), fits_in_weeks=not spec.big,
        needs_money=False, needs_policy_change=False, needs_outside_people=spec.big, now=clock)
    if spec.big:
        services.idea_split(
            actor=owner, idea=idea, title="Ask 'what are you worried about?' first",
            change="We will move the question 'what are you worried about?' to the top of "
                   "the referral form for school referrals only.",
            prediction="We expect fewer call-backs for basic information.",
            first_test_days=7, now=clock + timedelta(hours=1))
        return idea
    first = spec.cycles[0]
    start = clock.date() + timedelta(days=1)
    services.cycle_plan(actor=owner, idea=idea, expected_version=_version(idea),
                        what=first.what, who=owner.team.name, where=owner.team.name,
                        prediction=spec.prediction, data=spec.measure or "A daily tally",
                        starts_on=start, ends_on=start + timedelta(days=6), now=clock)
    services.idea_mark_ready(actor=owner, idea=idea, expected_version=_version(idea),
                             now=clock)
    if spec.goal in ("ready", "concern"):
        if spec.goal == "concern" and manager is not None:
            concern = services.concern_raise(
                actor=manager, idea=idea, now=clock + timedelta(hours=20),
                text="Conference chairs need notice of who is invited; can we agree the "
                     "invitation wording with them first?")
            services.concern_reply(actor=owner, concern=concern,
                                   now=clock + timedelta(hours=22),
                                   text="Yes: I will draft it with the chair this week.")
        return idea
    idea.refresh_from_db()
    day = idea.concern_window_ends + timedelta(days=1)
    clock = datetime(day.year, day.month, day.day, 7, tzinfo=LONDON)
    services.idea_go_ahead_by_default(idea=idea, now=clock)
    for number, cycle_spec in enumerate(spec.cycles, start=1):
        cycle = services.current_cycle(idea)
        if number > 1:
            services.cycle_plan(actor=owner, idea=idea, expected_version=_version(idea),
                                what=cycle_spec.what, who=owner.team.name,
                                where=owner.team.name, prediction=spec.prediction,
                                data=spec.measure or "A daily tally",
                                starts_on=clock.date(), ends_on=clock.date() + timedelta(6),
                                now=clock)
            cycle = services.current_cycle(idea)
        if cycle_spec.stop_at == "do":
            return idea
        clock += timedelta(days=7)
        services.cycle_record_do(actor=owner, cycle=cycle, expected_version=_version(idea),
                                 what_happened=cycle_spec.happened, now=clock)
        if cycle_spec.stop_at == "study":
            return idea
        clock += timedelta(days=1)
        services.cycle_record_study(actor=owner, cycle=cycle, expected_version=_version(idea),
                                    result=cycle_spec.study, now=clock)
        services.cycle_act(actor=owner, cycle=cycle, expected_version=_version(idea),
                           outcome=cycle_spec.act,
                           notes=spec.abandon_reason or ("Keep it, as the team's usual way"
                                                         if cycle_spec.act == ActOutcome.ADOPT
                                                         else "Change it and test again"),
                           now=clock + timedelta(hours=1))
        clock += timedelta(days=1)
    if spec.goal == "sustained":
        services.idea_sustain(actor=None, idea=idea, now=now)
    idea.refresh_from_db()
    return idea


@transaction.atomic
def load(stdout) -> None:
    rng = random.Random(5)
    now = timezone.now()
    created = 0
    for slug, specs in SPECS.items():
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            continue
        with tenant_context(organisation):
            if Idea.objects.exists():
                continue
            lead = Membership.objects.filter(role=Role.IMPROVEMENT_LEAD, is_active=True).first()
            teams = {team.name: team for team in Team.objects.all()}
            for position, spec in enumerate(specs):
                team = teams.get(spec.team)
                if team is None:
                    continue
                owner = _member(team, Role.PRACTITIONER, position) or _member(
                    team, Role.TEAM_MANAGER)
                if owner is None:
                    continue
                manager = _member(team, Role.TEAM_MANAGER)
                idea = _drive(spec, owner=owner, manager=manager, lead=lead,
                              notes=_notes_for(team, rng), now=now)
                created += 1
                for other_name in spec.tried_in:
                    other = teams.get(other_name)
                    trier = other and (_member(other, Role.PRACTITIONER)
                                       or _member(other, Role.TEAM_MANAGER))
                    if trier is None:
                        continue
                    tried = services.idea_try_in_team(actor=trier, idea=idea, team=other,
                                                      now=now - timedelta(days=8))
                    services.idea_support(actor=owner, idea=tried,
                                          comment="Happy to share our template.")
                    created += 1
    stdout.write(f"Improvement ideas: {created} created.")
