import argparse
import json
import sys
from collections.abc import Iterable
from typing import NoReturn

from stepwise.privacy.deid import Deidentifier, redact


class _OneLineParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"stepwise redact: {message}\n")
        raise SystemExit(2)


class InputError(Exception):
    pass


def _parser() -> argparse.ArgumentParser:
    parser = _OneLineParser(
        prog="stepwise redact",
        description="Find and replace identifiers in notes read as JSON lines or plain text.",
    )
    parser.add_argument("--input", metavar="FILE", help="read FILE instead of standard input")
    parser.add_argument("--plain", action="store_true", help="input is plain text; print it redacted")
    return parser


def _notes(lines: Iterable[str]) -> list[tuple[str, str]]:
    notes: list[tuple[str, str]] = []
    seen: set[str] = set()
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            raise InputError(f"line {number}: not valid JSON") from None
        if not isinstance(record, dict) or "id" not in record or "text" not in record:
            raise InputError(f"line {number}: needs \"id\" and \"text\"")
        note_id, text = record["id"], record["text"]
        if not isinstance(note_id, str) or not isinstance(text, str):
            raise InputError(f"line {number}: \"id\" and \"text\" must be strings")
        if note_id in seen:
            raise InputError(f"line {number}: repeated id {note_id!r}")
        seen.add(note_id)
        notes.append((note_id, text))
    return notes


def _read_input(path: str | None) -> str:
    if path is not None:
        # "utf-8-sig" also reads files saved with a byte-order mark (Windows editors).
        with open(path, encoding="utf-8-sig") as source:
            return source.read()
    buffer = getattr(sys.stdin, "buffer", None)
    return sys.stdin.read() if buffer is None else buffer.read().decode("utf-8-sig")


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    try:
        content = _read_input(args.input)
    except OSError as error:
        sys.stderr.write(f"stepwise redact: cannot open input: {error.strerror}\n")
        return 2
    except UnicodeDecodeError:
        sys.stderr.write("stepwise redact: input is not UTF-8\n")
        return 1
    deidentifier = Deidentifier()
    if args.plain:
        _write(redact(content, deidentifier.detect(content)))
        return 0
    try:
        # Only "\n" ends a record: JSON strings may hold other line separators raw.
        notes = _notes(line.rstrip("\r") for line in content.split("\n"))
    except InputError as error:
        sys.stderr.write(f"stepwise redact: {error}\n")
        return 1
    lines = []
    for note_id, text in notes:
        spans = deidentifier.detect(text)
        record = {
            "id": note_id,
            "spans": [{"start": s.start, "end": s.end, "type": s.type} for s in spans],
            "redacted": redact(text, spans),
        }
        lines.append(json.dumps(record, ensure_ascii=False) + "\n")
    _write("".join(lines))
    return 0


def _write(content: str) -> None:
    # Standard output's own encoding depends on the locale; the contract says UTF-8.
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(content)
    else:
        buffer.write(content.encode("utf-8"))
        buffer.flush()
