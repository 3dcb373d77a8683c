import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from stepwise.privacy.deid.cli import main

ROOT = Path(__file__).resolve().parents[3]


def run(args: list[str], stdin: str | bytes = "") -> subprocess.CompletedProcess[bytes]:
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-c", "import sys; from stepwise.privacy.deid.cli import main; sys.exit(main(sys.argv[1:]))", *args],
        input=data,
        capture_output=True,
        env=env,
        cwd=ROOT,
        timeout=60,
    )


def lines_of(*records: object) -> str:
    return "".join(json.dumps(r) + "\n" for r in records)


def test_json_lines_in_order_with_offsets_into_the_original():
    notes = [
        {"id": "n2", "text": "Mum Sarah rang from 07700 900123.", "team": "ignored"},
        {"id": "n1", "text": "Zoë Nowak (DOB 01/02/2016) lives at 4 Elm Road."},
        {"id": "n3", "text": ""},
    ]
    result = run([], lines_of(*notes))
    assert result.returncode == 0
    assert result.stderr == b""
    out = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]
    assert [o["id"] for o in out] == ["n2", "n1", "n3"]
    for note, record in zip(notes, out, strict=True):
        assert set(record) == {"id", "spans", "redacted"}
        starts = [s["start"] for s in record["spans"]]
        assert starts == sorted(starts)
        for span in record["spans"]:
            assert 0 <= span["start"] < span["end"] <= len(note["text"])
    assert [notes[1]["text"][s["start"] : s["end"]] for s in out[1]["spans"]] == [
        "Zoë Nowak", "01/02/2016", "4 Elm Road",
    ]
    assert out[0]["redacted"] == "Mum [PERSON 1] rang from [PHONE]."
    assert out[2] == {"id": "n3", "spans": [], "redacted": ""}


def test_output_is_utf8_without_ascii_escapes():
    result = run([], lines_of({"id": "é", "text": "Zoë — café at 3pm"}))
    assert result.returncode == 0
    line = result.stdout.decode("utf-8")
    assert '"é"' in line and "—" in line and "\\u" not in line


def test_blank_lines_are_skipped():
    result = run([], "\n" + lines_of({"id": "a", "text": "x"}) + "\n   \n")
    assert result.returncode == 0
    assert len(result.stdout.decode().splitlines()) == 1


def test_line_separators_inside_strings_stay_in_one_record():
    text = "Ava\u2028Ben\u0085Cal"
    raw = json.dumps({"id": "a", "text": text}, ensure_ascii=False) + "\n"
    result = run([], raw)
    assert result.returncode == 0
    assert len(result.stdout.decode("utf-8").split("\n")) == 2


def test_input_file(tmp_path):
    path = tmp_path / "notes.jsonl"
    path.write_text(lines_of({"id": "a", "text": "Kacper said hi"}), encoding="utf-8")
    result = run(["--input", str(path)])
    assert result.returncode == 0
    assert json.loads(result.stdout)["redacted"] == "[PERSON 1] said hi"


def test_plain_mode_prints_redacted_text():
    result = run(["--plain"], "Nan (Pat) lives at 14 Elm Road, HM2 9DL.\n")
    assert result.returncode == 0
    assert result.stderr == b""
    assert result.stdout.decode("utf-8") == "Nan ([PERSON 1]) lives at [ADDRESS], [POSTCODE].\n"


@pytest.mark.parametrize(
    ("bad_line", "reason"),
    [
        ("not json", "JSON"),
        ('{"id": "b"}', "text"),
        ('{"text": "x"}', "id"),
        ('{"id": 7, "text": "x"}', "string"),
        ('{"id": "b", "text": null}', "string"),
        ('["id", "text"]', "id"),
        ('{"id": "a", "text": "again"}', "repeated"),
    ],
)
def test_invalid_input_writes_nothing_and_names_the_line(bad_line, reason):
    stdin = lines_of({"id": "a", "text": "Sarah"}) + "\n" + bad_line + "\n"
    result = run([], stdin)
    assert result.returncode == 1
    assert result.stdout == b""
    message = result.stderr.decode("utf-8")
    assert message.count("\n") == 1
    assert "line 3" in message
    assert reason in message


def test_byte_order_mark_is_tolerated():
    result = run([], "\ufeff" + lines_of({"id": "a", "text": "Kacper said hi"}))
    assert result.returncode == 0
    assert json.loads(result.stdout)["redacted"] == "[PERSON 1] said hi"


def test_input_that_is_not_utf8_fails_cleanly():
    result = run([], b'{"id": "a", "text": "\xff"}\n')
    assert result.returncode == 1
    assert result.stdout == b""
    assert result.stderr.decode().count("\n") == 1


@pytest.mark.parametrize("args", [["--bogus"], ["--input"], ["extra"], ["--input", "/nonexistent/notes.jsonl"]])
def test_bad_usage_exits_2_with_one_line(args):
    result = run(args, "")
    assert result.returncode == 2
    assert result.stdout == b""
    assert result.stderr.decode().count("\n") == 1


def test_main_in_process_returns_exit_code(tmp_path, capsys):
    path = tmp_path / "notes.jsonl"
    path.write_text(lines_of({"id": "a", "text": "Grace Okafor rang."}), encoding="utf-8")
    assert main(["--input", str(path)]) == 0
    assert json.loads(capsys.readouterr().out)["redacted"] == "[PERSON 1] rang."


def test_stepwise_command_dispatches_to_redact_without_django_settings():
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", "import sys; sys.argv = ['stepwise', 'redact', '--plain']; "
         "from stepwise.cli import main; main()"],
        input=b"Mum Sarah rang.",
        capture_output=True,
        env=env,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode() == "Mum [PERSON 1] rang."
