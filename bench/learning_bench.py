"""Learning notes at national scale: search, similar notes and saving a note, on SQLite and
on PostgreSQL, over the 1,000,000-note data set of ``bench/scale.py``.

Everything runs as a practitioner of the largest organisation, through the same functions
the pages call. PostgreSQL is the one named by ``BENCH_DATABASE_URL``, or else a throw-away
cluster this script starts (as ``.ci/run`` does) with its data kept under ``var/bench/`` so
that a second run skips the build.

    python bench/learning_bench.py [--notes N] [--only sqlite|postgres] [--repeat N]
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

import scale  # noqa: E402 - the sibling module, found through the path set just above

PGBIN = Path("/usr/lib/postgresql/15/bin")
PGPORT = 54331
WORDS = {"rare": "interpreter", "middling": "advocacy", "very common": "family"}
SIMILAR_TEXT = ("At the review meeting the family said the plan did not match what was "
                "happening at home and the chronology was missing the last two incidents.")
TARGETS_MS = {"search": 50, "similar": 100, "save": 50}


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000


def timed(action, repeat: int) -> dict:
    """Wall-clock and this process's CPU time. On a shared machine the wall clock includes
    waiting for a core; on SQLite (in-process) the CPU time is the work itself."""
    action()  # warm the caches once, as a running server would have them
    wall, cpu = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        action()
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    (p50, p95), (cpu50, cpu95) = percentiles(wall), percentiles(cpu)
    return {"p50": p50, "p95": p95, "cpu_p50": cpu50, "cpu_p95": cpu95}


def measure(repeat: int) -> list[dict]:
    """Runs inside a configured Django process; returns one row per measurement."""
    from django.db import connection
    from django.db.models import Count

    from stepwise.core.policy import Role
    from stepwise.core.tenancy import tenant_context
    from stepwise.learning import search, selectors
    from stepwise.learning.models import Note
    from stepwise.learning.services import NoteContent, note_submit
    from stepwise.organisations.models import Membership, Organisation

    largest = (Note.unscoped.values("organisation_id").annotate(n=Count("id"))
               .order_by("-n").first())
    organisation = Organisation.objects.get(pk=largest["organisation_id"])
    busiest_team = (Note.unscoped.filter(organisation=organisation).values("team_id")
                    .annotate(n=Count("id")).order_by("-n").first())
    membership = (Membership.unscoped.select_related("user", "team", "organisation")
                  .filter(organisation=organisation, team_id=busiest_team["team_id"],
                          role=Role.PRACTITIONER).first())
    rows = []
    vendor = connection.vendor
    with tenant_context(organisation):
        visible = selectors.visible_notes(membership=membership).count()
        rows.append({"database": vendor, "what": "notes the practitioner may see",
                     "value": f"{visible:,} of {largest['n']:,} in the organisation"})
        for label, word in WORDS.items():
            found = search.search_notes(membership=membership, text=word)
            times = timed(lambda w=word: search.search_notes(membership=membership, text=w),
                          repeat)
            rows.append({"database": vendor, "what": f"search, {label} word ('{word}', "
                         f"{found.total:,} matches)", **times, "target": TARGETS_MS["search"]})
        times = timed(lambda: search.similar_notes(membership=membership, text=SIMILAR_TEXT),
                      repeat)
        rows.append({"database": vendor, "what": "similar notes while typing (full-text)",
                     **times, "target": TARGETS_MS["similar"]})
        times = timed(lambda: selectors.similar_notes(membership=membership,
                                                      text=SIMILAR_TEXT), repeat)
        rows.append({"database": vendor, "what": "similar notes while typing (selector's "
                     "TF-IDF over recent notes)", **times, "target": TARGETS_MS["similar"]})
        saved = []

        def save():
            saved.append(note_submit(membership=membership, note=None, content=NoteContent(
                kind="observation", what_happened=SIMILAR_TEXT,
                next_time="Sending the agenda to the family a week before.")).pk)

        times = timed(save, repeat)
        rows.append({"database": vendor, "what": "saving (sharing) a note", **times,
                     "target": TARGETS_MS["save"]})
        Note.objects.filter(pk__in=saved).delete()
    return rows


def run_measure(args) -> None:
    scale.configure(os.environ["DATABASE_URL"])
    scale.migrate()
    print("RESULT " + json.dumps(measure(args.repeat)))


def _as_postgres(command: str) -> None:
    subprocess.run(["su", "postgres", "-s", "/bin/sh", "-c", command], check=True,
                   stdout=subprocess.DEVNULL)


def start_postgres(data: Path) -> str:
    """A throw-away cluster; its data directory stays under var/bench/ between runs."""
    if not (data / "PG_VERSION").exists():
        if data.exists():
            shutil.rmtree(data)
        data.mkdir(parents=True)
        shutil.chown(data, "postgres")
        _as_postgres(f"{PGBIN}/initdb -D {data} -A trust -U postgres -E UTF8")
    _as_postgres(
        f"{PGBIN}/pg_ctl -D {data} -l {data}/log -w -o \"-p {PGPORT} -k {data} "
        "-c listen_addresses=127.0.0.1 -c fsync=off -c shared_buffers=512MB "
        "-c maintenance_work_mem=512MB -c max_wal_size=4GB\" start")
    return f"postgres://postgres@127.0.0.1:{PGPORT}/stepwise_bench"


def stop_postgres(data: Path) -> None:
    _as_postgres(f"{PGBIN}/pg_ctl -D {data} -m fast stop")


def ensure_postgres_data(url: str, notes: int, organisations: int) -> None:
    env = {**os.environ, "DATABASE_URL": url}
    code = (
        "import sys; sys.path.insert(0, 'bench'); import scale; scale.configure(); "
        "from django.db import connection; from stepwise.learning.models import Note; "
        "scale.migrate(); "
        f"built = Note.unscoped.count() >= {notes}; "
        f"print('built' if built else 'building'); "
        f"built or scale.build(notes={notes}, organisations={organisations})"
    )
    subprocess.run(["psql", url.rsplit("/", 1)[0] + "/postgres", "-qc",
                    "CREATE DATABASE stepwise_bench"], stderr=subprocess.DEVNULL,
                   stdout=subprocess.DEVNULL)
    subprocess.run([sys.executable, "-c", code], env=env, check=True, cwd=scale.ROOT)


def child(database_url: str, args) -> list[dict]:
    env = {**os.environ, "DATABASE_URL": database_url}
    out = subprocess.run(
        [sys.executable, __file__, "--measure", "--repeat", str(args.repeat)], env=env,
        check=True, capture_output=True, text=True, cwd=scale.ROOT,
    ).stdout
    return json.loads(out.split("RESULT ", 1)[1])


def report(rows: list[dict]) -> None:
    print(f"Load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print("| database | measurement | p50 ms | p95 ms | CPU p50 / p95 ms | target p95 |")
    print("|---|---|---|---|---|---|")
    for row in rows:
        if "p50" in row:
            ok = "✓" if row["p95"] <= row["target"] else "✗"
            print(f"| {row['database']} | {row['what']} | {row['p50']:.1f} | {row['p95']:.1f} "
                  f"| {row['cpu_p50']:.1f} / {row['cpu_p95']:.1f} | < {row['target']} ms {ok} |")
        else:
            print(f"| {row['database']} | {row['what']} | {row['value']} | | | |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=scale.NOTES)
    parser.add_argument("--organisations", type=int, default=scale.ORGANISATIONS)
    parser.add_argument("--only", choices=["sqlite", "postgres"])
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        run_measure(args)
        return
    rows = []
    if args.only in (None, "sqlite"):
        started = time.monotonic()
        path = scale.sqlite_path(args.notes, args.organisations)
        if not path.exists():
            subprocess.run([sys.executable, str(scale.ROOT / "bench" / "scale.py"),
                            "--notes", str(args.notes), "--organisations",
                            str(args.organisations)], check=True)
        print(f"SQLite data ready in {time.monotonic() - started:.0f} s: {path}")
        rows += child(f"sqlite:///{path}", args)
    if args.only in (None, "postgres"):
        url = os.environ.get("BENCH_DATABASE_URL")
        data = scale.CACHE / f"postgres-v{scale.VERSION}-{args.organisations}-{args.notes}"
        if url is None and not (PGBIN / "initdb").exists():
            print("PostgreSQL skipped: set BENCH_DATABASE_URL or install postgresql-15.")
        else:
            started_here = url is None
            if started_here:
                url = start_postgres(data)
            try:
                started = time.monotonic()
                ensure_postgres_data(url, args.notes, args.organisations)
                print(f"PostgreSQL data ready in {time.monotonic() - started:.0f} s")
                rows += child(url, args)
            finally:
                if started_here:
                    stop_postgres(data)
    report(rows)


if __name__ == "__main__":
    main()
