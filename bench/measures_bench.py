"""Time the measure page: a 104-week measure rendered through Django, chart and table included.

Run from the repository root: python bench/measures_bench.py [--requests 50]
It builds a throw-away SQLite database in a temporary folder from a fixed seed; the data
describes no real service.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--points", type=int, default=104)
    options = parser.parse_args()

    folder = tempfile.mkdtemp(prefix="stepwise-bench-")
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "stepwise.settings",
        "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3",
        "SECRET_KEY": "bench-only-secret-key-0123456789-0123456789-0123456789",
        "STEPWISE_INSECURE_HTTP": "1",
        "STEPWISE_PLAIN_STATIC": "1",
        "ALLOWED_HOSTS": "testserver",
    })
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from stepwise.accounts.models import User
    from stepwise.core.policy import Role
    from stepwise.measures.models import DataPoint, Measure
    from stepwise.organisations.models import Membership, Organisation, Team

    call_command("migrate", verbosity=0)
    organisation = Organisation.objects.create(name="Benchshire", slug="benchshire")
    team = Team.unscoped.create(organisation=organisation, name="Assessment")
    user = User.objects.create_user("analyst@bench.example", "bench-password-123",
                                    full_name="Bench Analyst")
    Membership.unscoped.create(organisation=organisation, user=user,
                               role=Role.PERFORMANCE_ANALYST)
    measure = Measure.unscoped.create(
        organisation=organisation, name="Child seen alone", unit="percentage",
        direction="increase", frequency="weekly", target=80, owner=user, team=team)
    rng = random.Random(6)
    start = date(2023, 1, 2)
    points = []
    for week in range(options.points):
        denominator = rng.randint(8, 16)
        numerator = sum(rng.random() < (0.6 if week < 60 else 0.78) for _ in range(denominator))
        points.append(DataPoint(organisation=organisation, measure=measure,
                                period=start + timedelta(weeks=week),
                                value=100 * numerator / denominator, numerator=numerator,
                                denominator=denominator))
    DataPoint.unscoped.bulk_create(points)

    client = Client()
    client.force_login(user)
    url = f"/o/benchshire/measures/{measure.pk}/"
    assert client.get(url).status_code == 200  # warm up templates and caches
    timings = []
    for _ in range(options.requests):
        began = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - began) * 1000)
        assert response.status_code == 200
    print(f"measure page, {options.points} weekly points, {options.requests} requests: "
          f"median {statistics.median(timings):.1f} ms, "
          f"95th percentile {sorted(timings)[int(len(timings) * 0.95) - 1]:.1f} ms")


if __name__ == "__main__":
    main()
