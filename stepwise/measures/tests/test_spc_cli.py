import io
import json
import os
import random
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stepwise.measures.spc import xmr
from stepwise.measures.spc.cli import main

REPO_ROOT = Path(__file__).resolve().parents[3]
XMR_KEYS = ["date", "value", "mean", "lpl", "upl", "point_type"]
RUN_KEYS = [
    "median",
    "n_useful",
    "longest_run",
    "longest_run_max",
    "n_crossings",
    "n_crossings_min",
    "runs_signal",
]


def csv_text(values, start=date(2025, 1, 6)):
    lines = ["date,value"]
    for i, value in enumerate(values):
        lines.append(f"{start + timedelta(weeks=i)},{'' if value is None else value}")
    return "\n".join(lines) + "\n"


@pytest.fixture
def spc(monkeypatch, capsys):
    def run(argv, stdin=""):
        data = stdin.encode() if isinstance(stdin, str) else stdin
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
        code = main(argv)
        out, err = capsys.readouterr()
        return code, out, err

    return run


def strict_json(text):
    def refuse(constant):
        raise AssertionError(f"non-standard JSON constant {constant}")

    return json.loads(text, parse_constant=refuse)


def test_xmr_json(spc):
    code, out, err = spc([], csv_text([10, 12, 11, 13, 12]))
    assert (code, err) == (0, "")
    body = strict_json(out)
    assert list(body) == ["points", "assurance"]
    assert body["assurance"] is None
    first = body["points"][0]
    assert list(first) == XMR_KEYS
    assert first["date"] == "2025-01-06"
    assert first["value"] == 10
    assert first["mean"] == pytest.approx(11.6)
    assert first["upl"] == pytest.approx(11.6 + 2.66 * 1.5)
    assert first["point_type"] == "common_cause"


def test_numbers_are_written_at_full_precision(spc):
    values = [0.1, 0.7, 0.3, 0.45, 0.9]
    _, out, _ = spc([], csv_text(values))
    engine = xmr([date(2025, 1, 6) + timedelta(weeks=i) for i in range(5)], values)
    point = strict_json(out)["points"][0]
    assert (point["mean"], point["lpl"], point["upl"]) == (
        engine.points[0].mean,
        engine.points[0].lpl,
        engine.points[0].upl,
    )


def test_options_reach_the_engine(spc):
    text = csv_text([11, 9, 11, 9, 20, 21, 19, 20])
    args = ["--improvement", "decrease", "--target", "12.5", "--fix-after", "4"]
    code, out, _ = spc([*args, "--rebase", "2025-02-03", "--no-screen-outliers"], text)
    body = strict_json(out)
    assert code == 0
    assert [p["mean"] for p in body["points"]] == [10] * 4 + [20] * 4
    assert body["assurance"] == "consistent_fail"


def test_rows_in_any_order_are_sorted(spc):
    text = "date,value\n2025-01-20,3\n2025-01-06,1\n2025-01-13,2\n"
    _, out, _ = spc([], text)
    assert [p["date"] for p in strict_json(out)["points"]] == [
        "2025-01-06",
        "2025-01-13",
        "2025-01-20",
    ]


def test_missing_value(spc):
    _, out, _ = spc([], csv_text([11, 9, None, 11, 9]))
    point = strict_json(out)["points"][2]
    assert point["value"] is None
    assert point["mean"] == 10
    assert point["upl"] == pytest.approx(15.32)
    assert point["point_type"] == "common_cause"


def test_segment_with_fewer_than_two_values_has_null_limits(spc):
    text = csv_text([11, 9, 11, 9, 30])
    _, out, _ = spc(["--rebase", "2025-02-03"], text)
    last = strict_json(out)["points"][-1]
    assert (last["mean"], last["lpl"], last["upl"]) == (30, None, None)
    assert last["point_type"] == "common_cause"


def test_run_json(spc):
    code, out, err = spc(["--chart", "run"], csv_text(range(1, 11)))
    assert (code, err) == (0, "")
    body = strict_json(out)
    assert list(body) == RUN_KEYS
    assert body == dict(zip(RUN_KEYS, [5.5, 10, 5, 6, 1, 2, True], strict=True))


def test_run_json_without_useful_points(spc):
    _, out, _ = spc(["--chart", "run"], csv_text([4, 4, None, 4]))
    assert strict_json(out) == {
        "median": 4,
        "n_useful": 0,
        "longest_run": None,
        "longest_run_max": None,
        "n_crossings": None,
        "n_crossings_min": None,
        "runs_signal": False,
    }


def test_xmr_csv(spc):
    code, out, _ = spc(["--format", "csv"], csv_text([11, 9, None]))
    lines = out.splitlines()
    assert code == 0
    assert lines[0] == ",".join(XMR_KEYS)
    assert lines[3] == "2025-01-20,,10.0,4.68,15.32,common_cause"
    assert len(lines) == 4


def test_run_csv(spc):
    _, out, _ = spc(["--chart", "run", "--format", "csv"], csv_text([5, 5]))
    assert out.splitlines() == [",".join(RUN_KEYS), "5.0,0,,,,,false"]


def test_svg(spc):
    code, out, err = spc(["--format", "svg", "--title", "Visits <7 days"], csv_text([1, 2, 3]))
    assert (code, err) == (0, "")
    assert out.startswith("<svg") and 'role="img"' in out
    assert "Visits &lt;7 days" in out


def test_bom_crlf_extra_and_reordered_columns(spc):
    text = "\ufeffteam,value,date\r\nA,3,2025-01-13\r\nA,1,2025-01-06\r\n"
    code, out, _ = spc([], text.encode("utf-8"))
    assert code == 0
    assert [p["value"] for p in strict_json(out)["points"]] == [1, 3]


def test_input_file(spc, tmp_path):
    path = tmp_path / "measure.csv"
    path.write_text(csv_text([1, 2, 3]))
    code, out, _ = spc(["--input", str(path)])
    assert code == 0 and len(strict_json(out)["points"]) == 3


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("", None),
        ("date,value\n", None),
        ("when,value\n2025-01-06,1\n", None),
        ("date,amount\n2025-01-06,1\n", None),
        ("date,value\n2025-01-06,1\n2025-1-13,2\n", "row 2"),
        ("date,value\n06/01/2025,1\n", "row 1"),
        ("date,value\n2025-02-30,1\n", "row 1"),
        ("date,value\n2025-01-06,1\n2025-01-13,2\n2025-01-06,3\n", "row 3"),
        ("date,value\n2025-01-06,nan\n", "row 1"),
        ("date,value\n2025-01-06,1\n2025-01-13,inf\n", "row 2"),
        ("date,value\n2025-01-06,-Infinity\n", "row 1"),
        ("date,value\n2025-01-06,1e999\n", "row 1"),
        ("date,value\n2025-01-06,1_000\n", "row 1"),
        ("date,value\n2025-01-06,twelve\n", "row 1"),
        ("date,value\n2025-01-06\n", "row 1"),
        ("date,value\n2025-01-06,\u0661\u0662\n", "row 1"),
        ('date,value\n2025-01-06,"1\n2"\n', "row 1"),
    ],
)
def test_bad_input_exits_1_with_one_line(spc, text, names):
    code, out, err = spc([], text)
    assert code == 1
    assert out == ""
    assert err.endswith("\n") and err.count("\n") == 1
    if names:
        assert names in err


def test_unreadable_input_file(spc, tmp_path):
    code, out, err = spc(["--input", str(tmp_path / "missing.csv")])
    assert (code, out, err.count("\n")) == (1, "", 1)


@pytest.mark.parametrize(
    "argv",
    [
        ["--chart", "run", "--target", "3"],
        ["--chart", "run", "--rebase", "2025-01-13"],
        ["--chart", "run", "--fix-after", "3"],
        ["--chart", "run", "--no-screen-outliers"],
        ["--chart", "run", "--improvement", "decrease"],
        ["--colour", "red"],
        ["--chart", "pie"],
        ["--format", "xml"],
        ["--improvement", "up"],
        ["--fix-after", "0"],
        ["--fix-after", "-2"],
        ["--fix-after", "ten"],
        ["--rebase", "13/01/2025"],
        ["--rebase", "2025-02-30"],
        ["--target", "nan"],
        ["--target"],
        ["surplus"],
        ["--unknown\nsecond line"],
        ["--title", "Only for pictures"],
    ],
)
def test_usage_errors_exit_2_with_one_line(spc, argv):
    code, out, err = spc(argv, csv_text([1, 2, 3]))
    assert (code, out) == (2, "")
    assert err.endswith("\n") and err.count("\n") == 1


def test_help_exits_0(spc):
    code, out, _ = spc(["--help"])
    assert code == 0 and "--fix-after" in out


rows = st.lists(
    st.tuples(
        st.dates(min_value=date(2020, 1, 1), max_value=date(2026, 12, 31)),
        st.one_of(st.none(), st.integers(-50, 50)),
    ),
    min_size=1,
    max_size=40,
    unique_by=lambda row: row[0],
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=rows, seed=st.integers(0, 1000), chart=st.sampled_from(["xmr", "run"]))
def test_output_does_not_depend_on_row_order(spc, rows, seed, chart):
    def as_csv(ordered):
        body = "".join(f"{d},{'' if v is None else v}\n" for d, v in ordered)
        return "date,value\n" + body

    shuffled = rows[:]
    random.Random(seed).shuffle(shuffled)
    first = spc(["--chart", chart], as_csv(sorted(rows)))
    second = spc(["--chart", chart], as_csv(shuffled))
    assert first == second
    assert first[0] == 0
    strict_json(first[1])


def run_process(argv, stdin):
    code = "import sys; from stepwise.measures.spc.cli import main; sys.exit(main(sys.argv[1:]))"
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [sys.executable, "-c", code, *argv],
        input=stdin.encode(),
        capture_output=True,
        env=env,
        cwd=REPO_ROOT,
        timeout=60,
    )


def test_process_success_writes_nothing_on_stderr():
    done = run_process(["--chart", "run"], csv_text([1, 3, 2, 4]))
    assert (done.returncode, done.stderr) == (0, b"")
    assert strict_json(done.stdout)["n_useful"] == 4


def test_process_bad_value_exits_1():
    done = run_process([], "date,value\n2025-01-06,inf\n")
    assert done.returncode == 1
    assert done.stdout == b""
    assert done.stderr.decode().count("\n") == 1 and b"row 1" in done.stderr


def test_process_misplaced_option_exits_2():
    done = run_process(["--chart", "run", "--target", "3"], csv_text([1, 2]))
    assert done.returncode == 2
    assert done.stdout == b""
    assert done.stderr.decode().count("\n") == 1 and b"--target" in done.stderr
