"""Themes in the product: recomputation, placing a new note and the theme list, on a scratch
SQLite database filled with notes resampled from the evaluation set.

python bench/themes_web_bench.py              5,000 notes
python bench/themes_web_bench.py --notes 20000
"""

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
NOTES = ROOT / "bench" / "themes" / "notes.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--notes", type=int, default=5000)
    args = parser.parse_args()
    scratch = tempfile.mkdtemp(prefix="stepwise-themes-bench-")
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "stepwise.settings",
        "DATABASE_URL": f"sqlite:///{scratch}/bench.sqlite3",
        "SECRET_KEY": "bench-only-secret-key-0123456789-0123456789-0123456789",
        "STEPWISE_INSECURE_HTTP": "1",
    })
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from stepwise.accounts.models import User
    from stepwise.core.policy import Role
    from stepwise.core.tenancy import tenant_context
    from stepwise.learning.models import Note, Status, Visibility
    from stepwise.organisations import setup
    from stepwise.organisations.models import Membership, Organisation, Team
    from stepwise.themes import selectors, services

    call_command("migrate", verbosity=0)
    texts = [json.loads(line)["text"] for line in NOTES.read_text(encoding="utf-8").splitlines()]
    rng = random.Random(20261127)
    organisation = Organisation.objects.create(name="Benchby", slug="benchby")
    teams = [Team.unscoped.create(organisation=organisation, name=f"Team {i}") for i in range(8)]
    author = User.objects.create_user("author@bench.example", "x", full_name="Bench Author")
    lead_user = User.objects.create_user("lead@bench.example", "x", full_name="Bench Lead")
    Membership.unscoped.create(organisation=organisation, user=author, role=Role.PRACTITIONER,
                               team=teams[0])
    lead = Membership.unscoped.create(organisation=organisation, user=lead_user,
                                      role=Role.IMPROVEMENT_LEAD)
    now = timezone.now()
    with tenant_context(organisation):
        setup.set_up(organisation=organisation)
        notes = []
        for i in range(args.notes):
            text = rng.choice(texts)
            shared = i % 2 == 0
            submitted = now - timedelta(days=rng.uniform(0, 365))
            notes.append(Note(
                organisation=organisation, team=rng.choice(teams), author=author,
                kind="observation", what_happened=text, status=Status.SUBMITTED,
                submitted_at=submitted,
                visibility=Visibility.ORGANISATION if shared else Visibility.TEAM,
                shared_what_happened=text if shared else "",
                shared_approved_at=submitted if shared else None))
        Note.objects.bulk_create(notes, batch_size=1000)

        started = time.perf_counter()
        first = services.themes_recompute(organisation=organisation)
        first_s = time.perf_counter() - started
        started = time.perf_counter()
        again = services.themes_recompute(organisation=organisation)
        again_s = time.perf_counter() - started

        placed = []
        for text in rng.sample(texts, 100):
            note = Note.objects.create(
                organisation=organisation, team=teams[0], author=author, kind="observation",
                what_happened=text, status=Status.SUBMITTED, submitted_at=now)
            started = time.perf_counter()
            services.note_theme_assign(note=note)
            placed.append((time.perf_counter() - started) * 1000)

        selectors.theme_rows(membership=lead)
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            rows = selectors.theme_rows(membership=lead)
        list_ms = (time.perf_counter() - started) * 1000

    placed.sort()
    print(json.dumps({
        "notes": args.notes,
        "first_recompute_s (de-identifies every team-only note)": round(first_s, 1),
        "recompute_again_s": round(again_s, 1),
        "themes": again.theme_count,
        "first_run_themes": first.theme_count,
        "place_new_note_ms_p50": round(statistics.median(placed), 1),
        "place_new_note_ms_p95": round(placed[int(0.95 * len(placed)) - 1], 1),
        "theme_list_ms": round(list_ms, 1),
        "theme_list_queries": len(queries),
        "theme_list_rows": len(rows),
    }, indent=2))


if __name__ == "__main__":
    main()
