import argparse
import json
import sys
import warnings
from collections.abc import Callable
from typing import IO


class _UsageError(Exception):
    pass


class _InputError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(message)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="stepwise themes",
        description="Group learning notes (JSON lines with id and text) into themes.",
    )
    parser.add_argument("--input", metavar="FILE", help="JSON lines to read (default: stdin)")
    parser.add_argument("--labels", metavar="FILE", help="write one JSON line per theme here")
    return parser


def main(argv: list[str]) -> int:
    # Library warnings and progress output would break the promise of a silent stderr.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _run(argv)


def _run(argv: list[str]) -> int:
    try:
        args = _parser().parse_args(argv)
    except _UsageError as error:
        print(f"stepwise themes: {error}", file=sys.stderr)
        return 2
    except SystemExit as exit_:
        # --help prints and exits 0 through argparse.
        return int(exit_.code or 0)
    try:
        if args.input:
            with open(args.input, "rb") as stream:
                records = _read(stream)
        else:
            records = _read(sys.stdin.buffer)
    except OSError as error:
        print(f"stepwise themes: cannot read {args.input}: {error.strerror}", file=sys.stderr)
        return 2
    except _InputError as error:
        print(f"stepwise themes: {error}", file=sys.stderr)
        return 1

    # Imported only now: a bad line is reported without paying for scikit-learn's start-up.
    from stepwise.themes.engine.discover import Document, discover
    from stepwise.themes.engine.labels import label_themes

    documents = [Document(doc_id, text) for doc_id, text in records]
    discovery = discover(documents)
    labels_out = None
    if args.labels:
        deidentify = _deidentifier()
        if deidentify is None:
            print("stepwise themes: de-identification is not available", file=sys.stderr)
            return 1
        labels = label_themes(documents, discovery.assignments, deidentify=deidentify)
        labels_out = [
            {"theme": theme.key, "label": labels[theme.key].label, "size": theme.size}
            for theme in discovery.themes
        ]
        try:
            with open(args.labels, "w", encoding="utf-8") as stream:
                _write_lines(stream, labels_out)
        except OSError as error:
            print(f"stepwise themes: cannot write {args.labels}: {error.strerror}", file=sys.stderr)
            return 1
    _write_lines(
        sys.stdout,
        [{"id": doc.id, "theme": discovery.assignments[doc.id]} for doc in documents],
    )
    sys.stdout.flush()
    return 0


def _read(stream: IO[bytes]) -> list[tuple[str, str]]:
    records = []
    seen: set[str] = set()
    for number, raw in enumerate(stream, start=1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise _InputError(f"line {number}: not valid UTF-8") from None
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise _InputError(f"line {number}: not valid JSON ({error.msg})") from None
        if not isinstance(record, dict):
            raise _InputError(f"line {number}: expected a JSON object")
        doc_id, text = record.get("id"), record.get("text")
        if not isinstance(doc_id, str) or not doc_id:
            raise _InputError(f'line {number}: "id" must be a non-empty string')
        if not isinstance(text, str):
            raise _InputError(f'line {number}: "text" must be a string')
        if doc_id in seen:
            raise _InputError(f"line {number}: repeated id {doc_id!r}")
        seen.add(doc_id)
        records.append((doc_id, text))
    return records


def _write_lines(stream: IO[str], rows: list[dict[str, object]]) -> None:
    for row in rows:
        stream.write(json.dumps(row) + "\n")


def _deidentifier() -> Callable[[str], str] | None:
    try:
        from stepwise.privacy.deid import redact_text
    except ImportError:
        return None
    return redact_text


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
