"""Engagement dashboards at national scale: the team dashboard (as a team manager) and the
organisation dashboard (as the improvement lead) of the largest organisation, through Django's
test client, on SQLite and on PostgreSQL, and the background refresh that keeps them fresh.

The data is the 1,000,000-note set of ``bench/scale.py`` plus, as an extra step that never
touches the cached notes database, 200,000 ideas (note links, support, PDSA cycles and
decisions over three years) and 20,000 measures with two years of weekly points: the notes
database (SQLite file or PostgreSQL data directory) is copied once under ``var/bench/`` and
the improvement work added to the copy, so later runs start at once.

    nice -n 10 python bench/engagement_bench.py [--only sqlite|postgres] [--requests 50]
    nice -n 10 python bench/engagement_bench.py --national   # every organisation's refresh
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import learning_bench  # noqa: E402 - siblings, found through the path set just above
import scale  # noqa: E402

# Not learning_bench's port, so both benchmarks may run on one machine.
learning_bench.PGPORT = 54341
TARGET_MS = 200


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000


def measure_national() -> list[dict]:
    """The five-minute task for every organisation, one after another, as one worker would:
    a first pass that counts everything, then a pass five minutes later with nothing changed."""
    from datetime import timedelta

    from django.db import connection
    from django.utils import timezone

    from stepwise.core.tenancy import tenant_context
    from stepwise.engagement import services
    from stepwise.organisations.models import Organisation

    organisations = list(Organisation.objects.filter(is_active=True))
    rows, now = [], timezone.now()
    for label, moment in (("first count", now), ("five minutes on, nothing changed",
                                                  now + timedelta(minutes=5))):
        began, counted = time.perf_counter(), 0
        for organisation in organisations:
            with tenant_context(organisation):
                counted += services.engagement_snapshots_refresh(organisation=organisation,
                                                                 now=moment)
        rows.append({"database": connection.vendor,
                     "what": f"refresh: every organisation, one worker, {label}",
                     "value": f"{len(organisations)} organisations, {counted:,} snapshots "
                              f"counted, in {time.perf_counter() - began:,.1f} s"})
    return rows


def measure(requests: int) -> list[dict]:
    """Runs inside a configured Django process; returns one row per measurement."""
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.urls import reverse

    from stepwise.core.policy import Role
    from stepwise.core.tenancy import tenant_context
    from stepwise.engagement import services
    from stepwise.engagement.models import EngagementSnapshot
    from stepwise.improvements.models import Idea
    from stepwise.learning.models import Note
    from stepwise.measures.models import Measure
    from stepwise.organisations.models import Membership, Organisation

    vendor = connection.vendor
    largest = (Note.unscoped.values("organisation_id").annotate(n=Count("id"))
               .order_by("-n").first())
    organisation = Organisation.objects.get(pk=largest["organisation_id"])
    busiest = (Note.unscoped.filter(organisation=organisation).values("team_id")
               .annotate(n=Count("id")).order_by("-n").first())
    manager = (Membership.unscoped.select_related("user", "team")
               .filter(organisation=organisation, team_id=busiest["team_id"],
                       role=Role.TEAM_MANAGER).first())
    lead = (Membership.unscoped.select_related("user")
            .filter(organisation=organisation, role=Role.IMPROVEMENT_LEAD).first())
    rows = [{"database": vendor, "what": "largest organisation", "value": (
        f"{largest['n']:,} notes, "
        f"{Idea.unscoped.filter(organisation=organisation).count():,} ideas, "
        f"{Measure.unscoped.filter(organisation=organisation).count():,} measures, "
        f"{Membership.unscoped.filter(organisation=organisation).count():,} staff")}]

    with tenant_context(organisation):
        began = time.perf_counter()
        services.engagement_snapshot_refresh(organisation=organisation)
        rows.append({"database": vendor, "what": "refresh: organisation figures (live)",
                     "value": f"{(time.perf_counter() - began) * 1000:,.0f} ms"})
        began = time.perf_counter()
        services.engagement_snapshot_refresh(organisation=organisation, team=manager.team)
        rows.append({"database": vendor, "what": "refresh: one team's figures (live)",
                     "value": f"{(time.perf_counter() - began) * 1000:,.0f} ms"})
        # Forget what the figures were counted from, so that everything is counted.
        EngagementSnapshot.unscoped.filter(organisation=organisation).update(sources="")
        began = time.perf_counter()
        written = services.engagement_snapshots_refresh(organisation=organisation)
        rows.append({"database": vendor, "what": "refresh: whole organisation, every team "
                     "(the five-minute task, counting)",
                     "value": f"{written} snapshots in {time.perf_counter() - began:,.1f} s"})
        began = time.perf_counter()
        written = services.engagement_snapshots_refresh(organisation=organisation)
        rows.append({"database": vendor, "what": "refresh: the same, nothing changed since",
                     "value": f"{written} snapshots counted, "
                              f"{(time.perf_counter() - began) * 1000:,.0f} ms"})

    for label, member, url in (
        ("team dashboard, team manager", manager,
         reverse("engagement:team", kwargs={"org_slug": organisation.slug,
                                            "team_id": manager.team_id})),
        ("organisation dashboard, improvement lead", lead,
         reverse("engagement:home", kwargs={"org_slug": organisation.slug})),
    ):
        client = Client()
        client.force_login(member.user)
        with tenant_context(organisation):
            # Fresh figures, as the five-minute task keeps them.
            services.engagement_snapshots_refresh(organisation=organisation)
        assert client.get(url).status_code == 200  # warm up templates and caches
        wall, cpu = [], []
        for _ in range(requests):
            began, began_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            wall.append(time.perf_counter() - began)
            cpu.append(time.process_time() - began_cpu)
            assert response.status_code == 200
        (p50, p95), (cpu50, cpu95) = percentiles(wall), percentiles(cpu)
        rows.append({"database": vendor, "what": label, "p50": p50, "p95": p95,
                     "cpu_p50": cpu50, "cpu_p95": cpu95, "target": TARGET_MS})
    return rows


def configure_web() -> None:
    os.environ.update({"STEPWISE_INSECURE_HTTP": "1", "STEPWISE_PLAIN_STATIC": "1",
                       "ALLOWED_HOSTS": "testserver"})


def run_child(args) -> None:
    configure_web()
    scale.configure(os.environ["DATABASE_URL"])
    scale.migrate()
    if args.build:
        from stepwise.improvements.models import Idea

        if Idea.unscoped.count() < args.ideas:
            built = scale.build_engagement(ideas=args.ideas, measures=args.measures,
                                           log=lambda text: print(text, file=sys.stderr))
            print(f"  improvement work added in {built.seconds:.0f} s", file=sys.stderr)
        return
    rows = measure_national() if args.national else measure(args.requests)
    print("RESULT " + json.dumps(rows))


def child(database_url: str, args, *, build: bool = False) -> list[dict]:
    env = {**os.environ, "DATABASE_URL": database_url}
    command = [sys.executable, __file__, "--child", "--requests", str(args.requests),
               "--ideas", str(args.ideas), "--measures", str(args.measures),
               *(["--national"] if args.national else [])]
    out = subprocess.run(command + (["--build"] if build else []), env=env, check=True,
                         stdout=subprocess.PIPE, text=True, cwd=scale.ROOT).stdout
    return [] if build else json.loads(out.split("RESULT ", 1)[1])


def _suffix(args) -> str:
    return f"-engagement-v{scale.ENGAGEMENT_VERSION}-{args.ideas}-{args.measures}"


def sqlite_database(args) -> Path:
    base = scale.sqlite_path(args.notes, args.organisations)
    if not base.exists():
        subprocess.run([sys.executable, str(scale.ROOT / "bench" / "scale.py"), "--notes",
                        str(args.notes), "--organisations", str(args.organisations)],
                       check=True)
    path = base.with_name(base.stem + _suffix(args) + base.suffix)
    if not path.exists():
        partial = path.with_suffix(".partial")
        print(f"Copying {base.name} and adding improvement work …")
        shutil.copyfile(base, partial)
        child(f"sqlite:///{partial}", args, build=True)
        partial.rename(path)
    return path


def postgres_data(args) -> Path:
    base = scale.CACHE / f"postgres-v{scale.VERSION}-{args.organisations}-{args.notes}"
    data = base.with_name(base.name + _suffix(args))
    if (data / "PG_VERSION").exists():
        return data
    if not (base / "PG_VERSION").exists():
        url = learning_bench.start_postgres(base)
        try:
            learning_bench.ensure_postgres_data(url, args.notes, args.organisations)
        finally:
            learning_bench.stop_postgres(base)
    partial = data.with_name(data.name + ".partial")
    if partial.exists():
        shutil.rmtree(partial)
    print(f"Copying {base.name} and adding improvement work …")
    # resolve(): the notes cluster may be a link to a shared cache; copy what it points at.
    subprocess.run(["cp", "-a", str(base.resolve()), str(partial)], check=True)
    (partial / "postmaster.pid").unlink(missing_ok=True)
    url = learning_bench.start_postgres(partial)
    try:
        child(url, args, build=True)
    finally:
        learning_bench.stop_postgres(partial)
    partial.rename(data)
    return data


# The same table as the learning bench's.
report = learning_bench.report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=scale.NOTES)
    parser.add_argument("--organisations", type=int, default=scale.ORGANISATIONS)
    parser.add_argument("--ideas", type=int, default=scale.IDEAS)
    parser.add_argument("--measures", type=int, default=scale.MEASURES)
    parser.add_argument("--only", choices=["sqlite", "postgres"])
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--national", action="store_true",
                        help="time the five-minute refresh of every organisation instead")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--build", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_child(args)
        return
    rows = []
    if args.only in (None, "sqlite"):
        started = time.monotonic()
        path = sqlite_database(args)
        print(f"SQLite data ready in {time.monotonic() - started:.0f} s: {path}")
        rows += child(f"sqlite:///{path}", args)
    if args.only in (None, "postgres"):
        if not (learning_bench.PGBIN / "initdb").exists():
            print("PostgreSQL skipped: install postgresql-15.")
        else:
            started = time.monotonic()
            data = postgres_data(args)
            url = learning_bench.start_postgres(data)
            try:
                print(f"PostgreSQL data ready in {time.monotonic() - started:.0f} s")
                rows += child(url, args)
            finally:
                learning_bench.stop_postgres(data)
    report(rows)


if __name__ == "__main__":
    main()
