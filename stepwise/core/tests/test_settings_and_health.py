import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.urls import reverse

from stepwise.core import policy


def test_health_endpoint_reports_the_database(client, db):
    response = client.get(reverse("core:health"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_health_endpoint_needs_no_sign_in_and_is_not_cached(client, db):
    response = client.get(reverse("core:health"))
    assert "no-cache" in response.headers["Cache-Control"]


def _production_env(**extra):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("STEPWISE_", "DEBUG", "DATABASE_URL", "DJANGO_ALLOW_ASYNC"))}
    env.update({
        "SECRET_KEY": "k" * 30 + "-production-like-secret-" + "z" * 30,
        "ALLOWED_HOSTS": "stepwise.example.org",
        "DATABASE_URL": "sqlite:////tmp/stepwise-deploy-check.sqlite3",
        **extra,
    })
    return env


def test_deploy_check_passes_with_production_settings():
    result = subprocess.run(
        [sys.executable, "-m", "stepwise.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=_production_env(), capture_output=True, text=True,
        cwd=Path(settings.BASE_DIR),
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = _production_env()
    del env["SECRET_KEY"]
    result = subprocess.run([sys.executable, "-m", "stepwise.cli", "check"], env=env,
                            capture_output=True, text=True, cwd=Path(settings.BASE_DIR))
    assert result.returncode != 0 and "Set SECRET_KEY" in result.stderr


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(db):
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] >= 5000
    assert settings.DATABASES["default"]["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in settings.DATABASES["default"]["OPTIONS"]["init_command"]


def test_readme_capability_table_matches_the_policy():
    readme = (Path(settings.BASE_DIR) / "README.md").read_text()
    assert policy.capability_table_markdown() in readme, (
        "README is out of date: paste the output of `stepwise capabilities`"
    )


def test_security_headers(client, db):
    response = client.get(reverse("accounts:login"))
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"
