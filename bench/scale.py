"""Scale data for benchmarks: 150 organisations sized like English councils, 1,000,000 notes.

Organisation sizes follow a geometric spread (the largest ten times the smallest), and teams,
staff and notes follow size. Note text is composed from fragments, so word frequencies run
from very common ("family", in about half of all notes) through middling ("chronology") to
rare ("interpreter"). Everything is fictional and generated from a fixed seed.

Rows are written with raw ``executemany`` (SQLite) or ``COPY`` (PostgreSQL) after Django's
own migrations have made the schema; columns not set here take their model defaults, so the
generator keeps working as models grow. The SQLite file is cached under ``var/bench/``.

    python bench/scale.py [--notes N] [--organisations N]   # builds (or reuses) the database
"""

import argparse
import os
import random
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "var" / "bench"
# Bump when the generated data changes, so a stale cached database is not reused.
VERSION = 2
SEED = 20111

NOTES = 1_000_000
ORGANISATIONS = 150
STAFF = 150_000
WEEKS = 156


def configure(database_url: str | None = None) -> None:
    """Django set-up for a bench script, against ``database_url`` or the cached SQLite file."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-for-any-real-deployment-012345")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stepwise.settings")
    os.environ["DATABASE_URL"] = database_url or os.environ.get("DATABASE_URL") or (
        f"sqlite:///{sqlite_path(NOTES, ORGANISATIONS)}")
    import django

    django.setup()


def sqlite_path(notes: int, organisations: int) -> Path:
    return CACHE / f"scale-v{VERSION}-{organisations}-{notes}.sqlite3"


# Fragments. Each list is drawn from uniformly unless weighted; words recur across lists so
# that frequencies spread out like real writing.
OPENINGS = [
    "During a home visit", "At the strategy meeting", "On duty this week", "In supervision",
    "At the initial child protection conference", "When the referral came in",
    "At the core group", "On a joint visit with the police", "During the return interview",
    "At the family group conference", "In the transfer meeting", "At the review meeting",
    "On the phone with the school", "At the pre-proceedings meeting", "During the assessment",
    "In the pathway plan review", "At the multi-agency meeting", "After the court hearing",
    "At the early help panel", "During the MASH check",
]
EVENTS = [
    "the family told us they had not been asked about the father",
    "the family said the plan did not match what was happening at home",
    "the school shared a worry that had not reached the team",
    "the health visitor raised a concern about the baby's weight",
    "we noticed the young person had moved placement twice",
    "the family asked for the meeting to be moved to after school",
    "the grandmother offered to look after the children at short notice",
    "the agenda did not leave time to hear from the young person",
    "the family support worker picked up that the mother was not sleeping",
    "the police shared information about an incident the week before",
    "the family were not sure who their social worker was",
    "the young person said nobody had explained the plan to them",
    "the care leaver needed help with a tenancy agreement",
    "the family had been told different things by different workers",
    "we realised the referral had been sitting in the queue for days",
    "the foster carer described a change in the child's behaviour",
    "the GP letter arrived after the decision had been made",
    "the family brought a friend who helped them explain",
    "the mother said the written agreement was too long to read",
    "the child drew a picture of who lived in the house",
]
DETAILS = [
    "and the plan changed as a result.", "and it took three calls to find out more.",
    "which nobody had recorded in the case notes.", "and the family felt listened to.",
    "so we agreed to visit again the same week.", "and the manager joined the discussion.",
    "which meant the safety plan had to be rewritten.", "and the family were relieved.",
    "so the meeting ran over by an hour.", "and we shared it with the school the same day.",
    "which the team had not expected.", "so we checked the chronology together.",
    "and the decision was made with the family rather than for them.",
    "which made the risk clearer to everyone.", "and the visit was rearranged twice.",
]
EXPECTED = [
    "I expected the family to have been told before the meeting.",
    "I expected the school to be at the meeting.",
    "I expected the referral to be picked up the same day.",
    "I expected the plan to be shared with the family in writing.",
    "We expected the family to disagree with the plan.",
    "I expected the chronology to be up to date.",
    "I expected to find the information on the system.",
    "We expected the young person to be at the review.",
    "I expected the health visitor to have been invited.",
    "I expected the visit to take half an hour.",
]
WHY = [
    "The family had more time to think because we visited early.",
    "Nobody owned the task of updating the chronology.",
    "The system does not show who else is working with the family.",
    "Caseloads were high and visits were rushed.",
    "The manager had protected time for reflective supervision.",
    "We used the family's own words in the plan.",
    "The invitation went to an old e-mail address.",
    "The form asks the questions in an order that does not suit the family.",
    "The young person trusted their personal adviser.",
    "The team had practised the new approach in a huddle.",
    "Information sat with one agency and was not shared.",
    "The family had a good relationship with the family support worker.",
]
NEXT_TIME = [
    "A checklist for the first visit that includes the father.",
    "Sending the agenda to the family a week before.",
    "A shared calendar for multi-agency meetings.",
    "Ten minutes in the huddle to look at the queue.",
    "Writing plans in plain language with the family.",
    "Asking the young person how they want to take part.",
    "A named person to keep the chronology up to date.",
    "Checking contact details at every visit.",
    "Inviting the school nurse to the core group.",
    "Shorter written agreements the family can keep.",
]
# Rare and middling additions (probability per note); the bench searches for these words.
RARE = [
    (0.0015, "An interpreter was needed and had not been booked."),
    (0.02, "The chronology was missing the last two incidents."),
    (0.05, "Advocacy made a real difference for the young person."),
]
SUCCESS_SHARE, OBSERVATION_SHARE, NEAR_MISS_SHARE = 0.35, 0.3, 0.15
PRACTICE_AREAS = [
    "Front door / MASH", "Assessment", "Child protection enquiries and conferences",
    "Child in need", "Children in care", "Care leavers", "Court and pre-proceedings",
    "Early help", "Multi-agency working", "Recording", "Supervision",
]
FACTORS = ["family", "practitioner", "team", "tools", "organisation", "multi_agency",
           "resources"]
PLACES = ["Ashworth", "Brackenford", "Caldermoor", "Dunmere", "Eastwold", "Fernley",
          "Greyhaven", "Holmbridge", "Ivybank", "Kettleby", "Lowmarsh", "Millbrook",
          "Northcote", "Oakhurst", "Pennington", "Queensmead", "Redwater", "Stonebury",
          "Thornfield", "Upperwick", "Valebrook", "Westholme", "Yarrowby"]
TEAM_KINDS = ["Assessment", "Child in Need", "Child Protection", "Children in Care",
              "Care Leavers", "Early Help", "Front Door", "Court", "Disabled Children",
              "Fostering", "Adolescent Support", "Family Support"]


@dataclass
class Built:
    organisations: int
    teams: int
    staff: int
    notes: int
    seconds: float


def weights(count: int) -> list[float]:
    """A geometric spread from 1 to 10: a few large councils, many small ones."""
    return [10 ** (i / (count - 1)) for i in range(count)] if count > 1 else [10.0]


def note_text(rng: random.Random) -> tuple[str, str, str, str]:
    happened = f"{rng.choice(OPENINGS)} {rng.choice(EVENTS)} {rng.choice(DETAILS)}"
    for chance, sentence in RARE:
        if rng.random() < chance:
            happened += " " + sentence
    if rng.random() < 0.5:
        happened += f" {rng.choice(OPENINGS)} {rng.choice(EVENTS)} {rng.choice(DETAILS)}"
    return happened, rng.choice(EXPECTED), rng.choice(WHY), rng.choice(NEXT_TIME)


def _defaults(model) -> tuple[list[str], dict[str, object]]:
    fields = list(model._meta.concrete_fields)
    defaults = {}
    for f in fields:
        if f.has_default():
            defaults[f.column] = f.get_default()
        elif f.null:
            defaults[f.column] = None
        else:
            defaults[f.column] = ""
    return [f.column for f in fields], defaults


def insert(model, rows: Iterable[dict], *, batch: int = 20_000) -> int:
    """Write rows (dicts of column -> value; missing columns take model defaults)."""
    from django.db import connection

    columns, defaults = _defaults(model)
    date_columns = {f.column for f in model._meta.concrete_fields
                    if f.get_internal_type() == "DateTimeField"}
    table = model._meta.db_table
    adapt = connection.ops.adapt_datetimefield_value

    def tuples() -> Iterator[tuple]:
        for row in rows:
            values = {**defaults, **row}
            yield tuple(adapt(values[c]) if c in date_columns and values[c] is not None
                        else values[c] for c in columns)

    written = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            names = ", ".join(f'"{c}"' for c in columns)
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for values in tuples():
                    copy.write_row(values)
                    written += 1
        else:
            marks = ", ".join("%s" for _ in columns)
            names = ", ".join(f'"{c}"' for c in columns)
            sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"
            chunk = []
            for values in tuples():
                chunk.append(values)
                if len(chunk) >= batch:
                    cursor.executemany(sql, chunk)
                    written += len(chunk)
                    chunk = []
            if chunk:
                cursor.executemany(sql, chunk)
                written += len(chunk)
    return written


def build(*, notes: int = NOTES, organisations: int = ORGANISATIONS, log=print) -> Built:
    """Fill an empty, migrated database. Ids are assigned here, so rows can refer to each other."""
    from django.db import connection, transaction

    from stepwise.accounts.models import User
    from stepwise.core.policy import Role
    from stepwise.learning.models import Note, NoteFactor, PracticeArea, Status, Visibility
    from stepwise.organisations.models import Membership, Organisation, Team

    started = time.monotonic()
    rng = random.Random(SEED)
    now = datetime(2026, 11, 1, tzinfo=UTC)
    spread = weights(organisations)
    rng.shuffle(spread)
    total_weight = sum(spread)
    org_rows, team_rows, user_rows, member_rows, area_rows = [], [], [], [], []
    teams_of: dict[int, list[int]] = {}
    staff_of_team: dict[int, list[int]] = {}
    areas_of: dict[int, list[int]] = {}
    team_id = user_id = area_id = 0
    for org_id, weight in enumerate(spread, start=1):
        place = f"{PLACES[org_id % len(PLACES)]} {org_id}"
        org_rows.append({"id": org_id, "name": f"{place} Council", "slug": f"bench-{org_id}",
                         "created_at": now, "is_active": True})
        team_count = 6 + round(weight * 4)
        staff = round(STAFF * weight / total_weight)
        teams_of[org_id] = []
        for t in range(team_count):
            team_id += 1
            teams_of[org_id].append(team_id)
            staff_of_team[team_id] = []
            team_rows.append({"id": team_id, "organisation_id": org_id, "created_at": now,
                              "name": f"{TEAM_KINDS[t % len(TEAM_KINDS)]} {t + 1}"})
        for s in range(max(staff, team_count)):
            user_id += 1
            team = teams_of[org_id][s % team_count]
            role = Role.TEAM_MANAGER if s < team_count else Role.PRACTITIONER
            staff_of_team[team].append(user_id)
            user_rows.append({"id": user_id, "email": f"staff{user_id}@bench-{org_id}.example",
                              "full_name": f"Staff {user_id}", "password": "!",
                              "date_joined": now, "is_active": True})
            member_rows.append({"id": user_id, "organisation_id": org_id, "user_id": user_id,
                                "role": role, "team_id": team, "is_active": True,
                                "joined_at": now})
        areas_of[org_id] = []
        for position, name in enumerate(PRACTICE_AREAS):
            area_id += 1
            areas_of[org_id].append(area_id)
            area_rows.append({"id": area_id, "organisation_id": org_id, "name": name,
                              "position": position, "is_active": True})

    with transaction.atomic():
        insert(Organisation, org_rows)
        insert(Team, team_rows)
        insert(User, user_rows)
        insert(Membership, member_rows)
        insert(PracticeArea, area_rows)
    log(f"  {organisations} organisations, {team_id} teams, {user_id} staff")

    org_ids = list(range(1, organisations + 1))
    factor_rows: list[dict] = []

    def note_rows() -> Iterator[dict]:
        factor_id = 0
        for note_id, org_id in enumerate(rng.choices(org_ids, weights=spread, k=notes), 1):
            team = rng.choice(teams_of[org_id])
            happened, expected, why, next_time = note_text(rng)
            roll = rng.random()
            kind = ("success" if roll < SUCCESS_SHARE else "observation"
                    if roll < SUCCESS_SHARE + OBSERVATION_SHARE else "near_miss"
                    if roll < SUCCESS_SHARE + OBSERVATION_SHARE + NEAR_MISS_SHARE else "mistake")
            submitted = now - timedelta(minutes=rng.randrange(WEEKS * 7 * 24 * 60))
            state = rng.random()
            status = (Status.DRAFT if state < 0.04 else Status.WITHDRAWN if state < 0.06
                      else Status.SUBMITTED)
            widened = status == Status.SUBMITTED and rng.random() < 0.2
            row = {
                "id": note_id, "organisation_id": org_id, "team_id": team,
                "author_id": rng.choice(staff_of_team[team]), "is_anonymous": rng.random() < 0.2,
                "kind": kind, "what_happened": happened, "what_expected": expected,
                "why_difference": why, "next_time": next_time,
                "practice_area_id": rng.choice(areas_of[org_id]), "status": status,
                "visibility": Visibility.ORGANISATION if widened else Visibility.TEAM,
                "created_at": submitted, "updated_at": submitted,
                "submitted_at": None if status == Status.DRAFT else submitted,
                "withdrawn_at": submitted + timedelta(days=2)
                if status == Status.WITHDRAWN else None,
                "hidden_at": submitted + timedelta(hours=1) if state > 0.998 else None,
                "version": 2,
            }
            if widened:
                row.update(shared_what_happened=happened, shared_what_expected=expected,
                           shared_why_difference=why, shared_next_time=next_time,
                           shared_approved_at=submitted)
            if rng.random() < 0.4:
                factor_id += 1
                factor_rows.append({"id": factor_id, "organisation_id": org_id,
                                    "note_id": note_id, "factor": rng.choice(FACTORS)})
            yield row
            if note_id % 100_000 == 0:
                log(f"  {note_id:,} notes ({time.monotonic() - started:.0f} s)")

    fts_triggers = _sqlite_fts_triggers() if connection.vendor == "sqlite" else []
    with transaction.atomic(), connection.cursor() as cursor:
        # One index build after the load is several times faster than a trigger per note.
        for name in ("insert", "delete", "update"):
            if fts_triggers:
                cursor.execute(f"DROP TRIGGER learning_note_fts_{name}")
        insert(Note, note_rows())
        insert(NoteFactor, factor_rows)
        if fts_triggers:
            log("  indexing the text …")
            cursor.execute("INSERT INTO learning_note_fts(learning_note_fts) VALUES ('rebuild')")
            for statement in fts_triggers:
                cursor.execute(statement)
    if connection.vendor == "postgresql":
        from django.core.management.color import no_style

        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(
                no_style(), [Organisation, Team, User, Membership, PracticeArea, Note, NoteFactor]
            ):
                cursor.execute(sql)
        # Index-only scans need the visibility map that autovacuum keeps in production.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
            cursor.execute("INSERT INTO learning_note_fts(learning_note_fts) VALUES ('optimize')")
    return Built(organisations=organisations, teams=team_id, staff=user_id, notes=notes,
                 seconds=time.monotonic() - started)


def _sqlite_fts_triggers() -> list[str]:
    import importlib

    migration = importlib.import_module("stepwise.learning.migrations.0003_note_full_text_search")
    return [s for s in migration.SQLITE if s.startswith("CREATE TRIGGER")]


def migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def ensure_sqlite(*, notes: int = NOTES, organisations: int = ORGANISATIONS, log=print) -> Path:
    """The cached SQLite database, built first if it is missing."""
    path = sqlite_path(notes, organisations)
    if path.exists():
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    for leftover in CACHE.glob(partial.name + "*"):
        leftover.unlink()
    configure(f"sqlite:///{partial}")
    from django.db import connection

    migrate()
    with connection.cursor() as cursor:
        # A throw-away build: durability buys nothing here.
        cursor.execute("PRAGMA synchronous=OFF")
        cursor.execute("PRAGMA cache_size=-400000")
    log(f"Building {notes:,} notes in {partial} …")
    built = build(notes=notes, organisations=organisations, log=log)
    connection.close()
    partial.rename(path)
    log(f"  built in {built.seconds:.0f} s")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=NOTES)
    parser.add_argument("--organisations", type=int, default=ORGANISATIONS)
    args = parser.parse_args()
    print(ensure_sqlite(notes=args.notes, organisations=args.organisations))


if __name__ == "__main__":
    main()


# -- Improvement work on top of the notes (an extra step; see bench/engagement_bench.py) ------

IDEAS = 200_000
MEASURES = 20_000
MEASURE_WEEKS = 104
ENGAGEMENT_VERSION = 1
IDEA_TITLES = [
    "Phone families the day before a visit", "Send the agenda a week before",
    "Ten minutes on the queue in the huddle", "Plain-language written agreements",
    "A named keeper for the chronology", "Check contact details at every visit",
    "Invite the school nurse to core groups", "Ask young people how to take part",
    "A first-visit checklist that includes fathers", "A shared multi-agency calendar",
]


@dataclass
class BuiltEngagement:
    ideas: int
    cycles: int
    links: int
    supporters: int
    measures: int
    points: int
    seconds: float


def engagement_path(notes: int, organisations: int) -> Path:
    return CACHE / (f"scale-v{VERSION}-{organisations}-{notes}"
                    f"-engagement-v{ENGAGEMENT_VERSION}.sqlite3")


def build_engagement(*, ideas: int = IDEAS, measures: int = MEASURES, log=print
                     ) -> BuiltEngagement:
    """Add ideas (with note links, support, PDSA cycles and decisions spread over the three
    years), measures with weekly points, sustain watches and checks, and one improvement
    lead per organisation, to a database ``build`` has filled."""
    from django.db import connection, transaction
    from django.db.models import Max

    from stepwise.accounts.models import User
    from stepwise.core.policy import Role
    from stepwise.improvements.models import Cycle, Idea, IdeaNote, State, Supporter
    from stepwise.learning.models import Note, Status
    from stepwise.measures.models import DataPoint, Measure, SustainCheck, SustainWatch
    from stepwise.organisations.models import Membership, Organisation, Team

    started = time.monotonic()
    rng = random.Random(SEED + 1)
    now = datetime(2026, 11, 1, tzinfo=UTC)
    orgs = list(Organisation.objects.order_by("pk").values_list("pk", flat=True))
    spread = weights(len(orgs))
    random.Random(SEED).shuffle(spread)  # the same spread as ``build``
    teams_of: dict[int, list[int]] = {}
    for team_id, org_id in Team.unscoped.order_by("pk").values_list("pk", "organisation_id"):
        teams_of.setdefault(org_id, []).append(team_id)
    staff_of_team: dict[int, list[int]] = {}
    for user_id, team_id in Membership.unscoped.values_list("user_id", "team_id"):
        staff_of_team.setdefault(team_id, []).append(user_id)
    notes_of_team: dict[int, list[tuple[int, datetime]]] = {}
    for note_id, team_id, submitted in (Note.unscoped.filter(status=Status.SUBMITTED)
                                        .values_list("pk", "team_id", "submitted_at")
                                        .iterator(chunk_size=50_000)):
        notes_of_team.setdefault(team_id, []).append((note_id, submitted))
    log(f"  read {sum(map(len, notes_of_team.values())):,} notes")

    user_id = (User.objects.aggregate(n=Max("pk"))["n"] or 0)
    member_id = (Membership.unscoped.aggregate(n=Max("pk"))["n"] or 0)
    users, members = [], []
    for org_id in orgs:
        user_id += 1
        member_id += 1
        users.append({"id": user_id, "email": f"lead{org_id}@bench-{org_id}.example",
                      "full_name": f"Improvement Lead {org_id}", "password": "!",
                      "date_joined": now, "is_active": True})
        members.append({"id": member_id, "organisation_id": org_id, "user_id": user_id,
                        "role": Role.IMPROVEMENT_LEAD, "team_id": None, "is_active": True,
                        "joined_at": now})

    idea_rows, cycle_rows, link_rows, support_rows = [], [], [], []
    cycle_id = link_id = support_id = 0
    span = WEEKS * 7 * 24 * 60
    for idea_id, org_id in enumerate(rng.choices(orgs, weights=spread, k=ideas), 1):
        team = rng.choice(teams_of[org_id])
        staff = staff_of_team[team]
        author = rng.choice(staff)
        created = now - timedelta(minutes=rng.randrange(span))
        first_test = (created + timedelta(days=rng.randint(1, 30))).date()
        decided = created + timedelta(days=rng.randint(1, 30) + rng.randint(14, 90))
        roll = rng.random()
        if roll < 0.2 or decided > now:
            state = rng.choice([State.SUGGESTED, State.READY, State.TESTING, State.STUDYING])
            decided = None
        else:
            state = (State.ADOPTED if roll < 0.7 else State.SUSTAINED if roll < 0.8
                     else State.ABANDONED)
        tested = state in (State.TESTING, State.STUDYING) or decided is not None
        adopted_on = decided.date() if state in (State.ADOPTED, State.SUSTAINED) else None
        changed = decided or created
        idea_rows.append({
            "id": idea_id, "organisation_id": org_id, "team_id": team, "author_id": author,
            "title": rng.choice(IDEA_TITLES), "change": "We will try it for four weeks.",
            "prediction": "We expect it to help.", "first_test_days": 28, "state": state,
            "decided_at": decided, "adopted_on": adopted_on,
            "abandon_reason": "It did not help." if state == State.ABANDONED else "",
            "ready_at": created if state != State.SUGGESTED else None,
            "state_changed_at": changed, "last_activity_at": changed, "created_at": created,
            "fits_in_weeks": True, "needs_money": False, "needs_policy_change": False,
            "needs_outside_people": False,
        })
        if tested:
            rounds = rng.choice([1, 1, 1, 2, 2, 3])
            start = first_test
            for number in range(1, rounds + 1):
                cycle_id += 1
                last = number == rounds
                outcome = "adapt" if not last else (
                    "adopt" if adopted_on else "abandon" if decided else "")
                act = (decided if last and decided
                       else datetime.combine(start + timedelta(days=14), datetime.min.time(),
                                             tzinfo=UTC) if not last else None)
                cycle_rows.append({
                    "id": cycle_id, "organisation_id": org_id, "idea_id": idea_id,
                    "number": number, "plan_what": "Try it", "plan_who": "The team",
                    "plan_prediction": "Better", "plan_data": "A weekly tally",
                    "starts_on": start, "ends_on": start + timedelta(days=14),
                    "created_by_id": author,
                    "created_at": datetime.combine(start, datetime.min.time(), tzinfo=UTC)
                    - timedelta(days=1),
                    "study_recorded_at": act, "act_outcome": outcome if act else "",
                    "act_recorded_at": act,
                })
                start = start + timedelta(days=15)
        candidates = notes_of_team.get(team, [])
        for note_id, _ in rng.sample(candidates, min(len(candidates), rng.randint(0, 3))):
            link_id += 1
            link_rows.append({"id": link_id, "organisation_id": org_id, "idea_id": idea_id,
                              "note_id": note_id, "created_at": created})
        for person in rng.sample(staff, min(len(staff), rng.randint(0, 3))):
            support_id += 1
            support_rows.append({"id": support_id, "organisation_id": org_id,
                                 "idea_id": idea_id, "person_id": person,
                                 "created_at": created + timedelta(days=rng.randint(0, 14))})

    measure_rows, watch_rows, check_rows = [], [], []
    series: list[tuple[int, int, float, bool]] = []
    first_week = (now - timedelta(weeks=MEASURE_WEEKS)).date()
    first_week -= timedelta(days=first_week.weekday())
    watch_id = check_id = 0
    for measure_id, org_id in enumerate(rng.choices(orgs, weights=spread, k=measures), 1):
        team = rng.choice(teams_of[org_id]) if rng.random() < 0.9 else None
        owner = rng.choice(staff_of_team[team or teams_of[org_id][0]])
        measure_rows.append({
            "id": measure_id, "organisation_id": org_id, "team_id": team, "owner_id": owner,
            "name": f"Measure {measure_id}", "definition": "A weekly count.", "unit": "count",
            "direction": "increase", "frequency": "weekly", "created_at": now,
        })
        level, improves = rng.uniform(10, 40), rng.random() < 0.3
        series.append((measure_id, org_id, level, improves))
        if improves and rng.random() < 0.3:
            watch_id += 1
            adopted = first_week + timedelta(weeks=MEASURE_WEEKS - 12)
            watch_rows.append({"id": watch_id, "organisation_id": org_id,
                               "measure_id": measure_id, "adopted_on": adopted,
                               "owner_id": owner, "source_label": "An adopted idea",
                               "baseline_mean": level, "started_at": now - timedelta(weeks=12)})
            if rng.random() < 0.3:
                check_id += 1
                opened = now - timedelta(days=rng.randint(1, 80))
                resolved = opened + timedelta(days=7) if rng.random() < 0.5 else None
                check_rows.append({"id": check_id, "organisation_id": org_id,
                                   "watch_id": watch_id, "reason": "fading",
                                   "trigger_period": adopted + timedelta(weeks=6),
                                   "opened_at": opened, "resolved_at": resolved,
                                   "resolved_by_id": owner if resolved else None,
                                   "finding": "Back on track." if resolved else ""})

    def point_rows() -> Iterator[dict]:
        # Generated while written: two million dicts at once would not fit a small machine.
        point_id = 0
        for measure_id, org_id, level, improves in series:
            for week in range(MEASURE_WEEKS):
                point_id += 1
                lift = level * 0.4 if improves and week >= MEASURE_WEEKS - 12 else 0.0
                yield {"id": point_id, "organisation_id": org_id, "measure_id": measure_id,
                       "period": first_week + timedelta(weeks=week),
                       "value": round(rng.gauss(level + lift, level * 0.1), 1),
                       "updated_at": now}

    with transaction.atomic():
        insert(User, users)
        insert(Membership, members)
        insert(Idea, idea_rows)
        insert(Cycle, cycle_rows)
        insert(IdeaNote, link_rows)
        insert(Supporter, support_rows)
        insert(Measure, measure_rows)
        points = insert(DataPoint, point_rows())
        insert(SustainWatch, watch_rows)
        insert(SustainCheck, check_rows)
    models = [User, Membership, Idea, Cycle, IdeaNote, Supporter, Measure, DataPoint,
              SustainWatch, SustainCheck]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            from django.core.management.color import no_style

            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)
            cursor.execute("VACUUM ANALYZE")
        else:
            cursor.execute("ANALYZE")
    log(f"  {ideas:,} ideas, {len(cycle_rows):,} cycles, {len(link_rows):,} note links, "
        f"{measures:,} measures, {points:,} points")
    return BuiltEngagement(ideas=ideas, cycles=len(cycle_rows), links=len(link_rows),
                           supporters=len(support_rows), measures=measures,
                           points=points, seconds=time.monotonic() - started)
