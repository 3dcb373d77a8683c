import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from stepwise.themes.engine.cli import main

ROOT = Path(__file__).resolve().parents[3]
NOTES = ROOT / "bench" / "themes" / "notes.jsonl"


def run(args: list[str], stdin: str = "", hash_seed: str = "0") -> subprocess.CompletedProcess:
    """The real door: the stepwise console script's dispatch, in a fresh process."""
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(ROOT), "PYTHONHASHSEED": hash_seed}
    code = (
        "import sys; from stepwise.cli import main; "
        "sys.argv = ['stepwise', 'themes', *sys.argv[1:]]; main()"
    )
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )


def run_here(args: list[str], stdin: str | bytes, monkeypatch, capsys) -> tuple[int, str, str]:
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def notes_input(count: int) -> str:
    lines = NOTES.read_text(encoding="utf-8").splitlines()[:count]
    # Extra keys, such as the benchmark's true theme, must be ignored.
    return "\n".join(lines) + "\n"


def output_rows(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines()]


def test_writes_one_line_per_note_in_input_order_and_is_silent():
    stdin = notes_input(80)
    result = run([], stdin)
    assert result.returncode == 0
    assert result.stderr == ""
    rows = output_rows(result.stdout)
    expected_ids = [json.loads(line)["id"] for line in stdin.splitlines()]
    assert [row["id"] for row in rows] == expected_ids
    assert all(set(row) == {"id", "theme"} for row in rows)
    assert all(row["theme"] is None or isinstance(row["theme"], str) for row in rows)
    assert len({row["theme"] for row in rows}) > 3


def test_same_input_same_output_across_processes_and_hash_seeds():
    stdin = notes_input(120)
    first = run([], stdin, hash_seed="1")
    second = run([], stdin, hash_seed="2024")
    assert first.returncode == second.returncode == 0
    assert first.stdout == second.stdout


def test_reversed_input_gives_the_same_theme_to_each_note(monkeypatch, capsys):
    stdin = notes_input(120)
    _, out, _ = run_here([], stdin, monkeypatch, capsys)
    forward = {row["id"]: row["theme"] for row in output_rows(out)}
    reversed_stdin = "\n".join(reversed(stdin.splitlines())) + "\n"
    _, out, _ = run_here([], reversed_stdin, monkeypatch, capsys)
    backward = output_rows(out)
    assert [row["id"] for row in backward] == list(reversed(list(forward)))
    assert {row["id"]: row["theme"] for row in backward} == forward


def test_reads_a_file_and_skips_blank_lines(tmp_path, monkeypatch, capsys):
    source = tmp_path / "notes.jsonl"
    source.write_text(
        '{"id": "a", "text": "interpreter cancelled so we used the child to translate"}\n'
        "\n   \n"
        '{"id": "b", "text": "telephone interpreter on speaker did not work", "team": 4}\n',
        encoding="utf-8",
    )
    code, out, err = run_here(["--input", str(source)], "ignored", monkeypatch, capsys)
    assert (code, err) == (0, "")
    assert [row["id"] for row in output_rows(out)] == ["a", "b"]


def test_ids_and_text_in_any_script_come_back_intact(monkeypatch, capsys):
    stdin = (
        '{"id": "n\u00e9-\u4e00", "text": "interpr\u00e8te booked, mum\u2019s first language"}\n'
    )
    code, out, err = run_here([], stdin, monkeypatch, capsys)
    assert (code, err) == (0, "")
    rows = output_rows(out)
    assert [row["id"] for row in rows] == ["n\u00e9-\u4e00"]
    assert set(rows[0]) == {"id", "theme"}


def test_empty_input_gives_empty_output():
    result = run([], "\n\n")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_a_bad_line_exits_1_with_one_line_on_stderr_and_no_output():
    result = run([], '{"id": "a", "text": "x"}\nnot json\n')
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "line 2" in result.stderr


@pytest.mark.parametrize(
    ("stdin", "line"),
    [
        ('{"id": "a", "text": "x"}\nnot json\n', 2),
        ('{"id": "a", "text": "x"}\n\n{"id": "a", "text": "y"}\n', 3),
        ('{"id": "a"}\n', 1),
        ('{"id": 7, "text": "x"}\n', 1),
        ('["a", "x"]\n', 1),
        ('{"id": "a", "text": "x"}\n{"id": "", "text": "y"}\n', 2),
        ('{"id": "a", "text": null}\n', 1),
        (b'{"id": "a", "text": "x"}\n{"id": "b", "text": "caf\xe9"}\n', 2),
    ],
)
def test_a_bad_line_writes_nothing_and_names_the_line(stdin, line, monkeypatch, capsys):
    code, out, err = run_here([], stdin, monkeypatch, capsys)
    assert code == 1
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert f"line {line}" in err


def test_a_bad_line_writes_no_labels_either(tmp_path, monkeypatch, capsys):
    labels = tmp_path / "labels.jsonl"
    stdin = '{"id": "a", "text": "x"}\n{"id": "a", "text": "x"}\n'
    code, out, _ = run_here(["--labels", str(labels)], stdin, monkeypatch, capsys)
    assert (code, out) == (1, "")
    assert not labels.exists()


def test_bad_usage_exits_2():
    result = run(["--bogus"], "")
    assert result.returncode == 2
    assert result.stdout == ""


@pytest.mark.parametrize("args", [["--input"], ["extra-argument"], ["--labels"]])
def test_other_bad_usage_exits_2(args, monkeypatch, capsys):
    code, out, err = run_here(args, "", monkeypatch, capsys)
    assert (code, out) == (2, "")
    assert err


def test_a_missing_input_file_is_bad_usage(tmp_path, monkeypatch, capsys):
    code, out, _ = run_here(["--input", str(tmp_path / "nope.jsonl")], "", monkeypatch, capsys)
    assert (code, out) == (2, "")


def test_labels_are_written_per_theme_without_identifiers(tmp_path):
    pytest.importorskip("stepwise.privacy.deid")
    labels = tmp_path / "labels.jsonl"
    result = run(["--labels", str(labels)], notes_input(150))
    assert result.returncode == 0
    assert result.stderr == ""
    rows = [json.loads(line) for line in labels.read_text(encoding="utf-8").splitlines()]
    themes = [row["theme"] for row in output_rows(result.stdout) if row["theme"] is not None]
    assert {row["theme"] for row in rows} == set(themes)
    assert all(row["size"] == themes.count(row["theme"]) for row in rows)
    for row in rows:
        assert row["label"]
        assert "[" not in row["label"]
        for identifier in ("kayla", "brennan", "okoro", "halloran", "larkspur", "ls7"):
            assert identifier not in row["label"].lower()


def test_labels_are_refused_without_deidentification(tmp_path, monkeypatch, capsys):
    # As on an install without the privacy engine: importing it fails.
    monkeypatch.setitem(sys.modules, "stepwise.privacy.deid", None)
    labels = tmp_path / "labels.jsonl"
    code, out, err = run_here(["--labels", str(labels)], notes_input(5), monkeypatch, capsys)
    assert (code, out) == (1, "")
    assert "de-identification" in err
    assert not labels.exists()
