import json
import subprocess
import sys

import pytest

from stepwise.cli import ENGINE_COMMANDS


def run(*args, stdin=""):
    return subprocess.run([sys.executable, "-m", "stepwise.cli", *args], input=stdin,
                          capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"})


def test_engine_commands_need_no_settings_or_environment():
    result = run("spc", stdin="date,value\n2024-01-01,4\n2024-01-08,6\n")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert [p["value"] for p in json.loads(result.stdout)["points"]] == [4, 6]


@pytest.mark.parametrize("name", sorted(ENGINE_COMMANDS))
def test_engine_commands_are_listed_in_help(name):
    from django.core.management import get_commands

    assert get_commands()[name] == "stepwise.core"


def test_django_commands_still_work():
    result = run("capabilities")
    # No SECRET_KEY in this environment: Django refuses clearly rather than half-starting.
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr
