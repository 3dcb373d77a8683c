"""Turn the marked-up source notes into the dev and held-out JSONL corpora.

Markup: ``[[TYPE:text]]`` marks an identifier in place; notes are separated by a line ``---``.
Run: ``python bench/privacy/build_corpus.py`` (add ``--check`` to verify without writing).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE_DIR = HERE / "source"
CORPUS_DIR = HERE / "corpus"

REQUIRED_TYPES = (
    "PERSON",
    "DATE_OF_BIRTH",
    "ADDRESS",
    "POSTCODE",
    "PHONE",
    "EMAIL",
    "NHS_NUMBER",
    "NI_NUMBER",
    "CASE_ID",
    "SCHOOL",
)
NEUTRAL_TYPES = ("DATE", "AGE", "ORG", "TOWN")
KNOWN_TYPES = REQUIRED_TYPES + NEUTRAL_TYPES

HELDOUT_PERCENT = 30

MARK = re.compile(r"\[\[([A-Z_]+):([^\[\]]+?)\]\]")
SEPARATOR = re.compile(r"^---\s*$", re.MULTILINE)


class MarkupError(ValueError):
    pass


@dataclass
class Note:
    id: str
    text: str
    spans: list[dict[str, object]] = field(default_factory=list)

    def as_json(self) -> str:
        return json.dumps(
            {"id": self.id, "text": self.text, "spans": self.spans}, ensure_ascii=False
        )


def parse_note(note_id: str, marked: str) -> Note:
    pieces: list[str] = []
    spans: list[dict[str, object]] = []
    cursor = 0
    length = 0
    for match in MARK.finditer(marked):
        before = marked[cursor : match.start()]
        pieces.append(before)
        length += len(before)
        kind, value = match.group(1), match.group(2)
        if kind not in KNOWN_TYPES:
            raise MarkupError(f"{note_id}: unknown type {kind!r}")
        if value != value.strip():
            raise MarkupError(f"{note_id}: span {value!r} has outer whitespace")
        spans.append({"start": length, "end": length + len(value), "type": kind})
        pieces.append(value)
        length += len(value)
        cursor = match.end()
    pieces.append(marked[cursor:])
    text = "".join(pieces)
    if "[[" in text or "]]" in text:
        raise MarkupError(f"{note_id}: unbalanced markup in {text[:80]!r}")
    return Note(id=note_id, text=text, spans=spans)


def read_source(path: Path) -> list[Note]:
    notes = []
    blocks = SEPARATOR.split(path.read_text(encoding="utf-8"))
    number = 0
    for block in blocks:
        body = block.strip("\n").rstrip()
        if not body.strip():
            continue
        number += 1
        notes.append(parse_note(f"{path.stem}-{number:03d}", body))
    return notes


def is_heldout(note_id: str) -> bool:
    # A content-independent hash of the id keeps a note in the same split when others are added.
    digest = hashlib.sha256(note_id.encode("utf-8")).hexdigest()
    return int(digest[:8], 16) % 100 < HELDOUT_PERCENT


def nhs_number_is_valid(raw: str) -> bool:
    digits = [int(ch) for ch in raw if ch.isdigit()]
    if len(digits) != 10:
        return False
    total = sum(d * (10 - i) for i, d in enumerate(digits[:9]))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == digits[9]


# Words the annotation convention keeps outside a span; a span that starts or ends with one is
# almost always a markup slip.
LABEL_WORDS = {
    "dob", "d.o.b", "d.o.b.", "born", "b.", "nhs", "no", "no.", "ni", "ref", "ref:", "lcs", "id",
    "mosaic", "ehm", "tel", "tel:", "mob", "phone", "email", "mum", "dad", "nan", "sw", "hv",
    "dsl", "gp", "iro", "child", "baby", "aunt", "aunty", "auntie", "uncle", "grandad", "grandma",
    "nana", "nanna", "grandpa", "gran", "granny", "sister", "brother",
}
LABELLED_TYPES = {"DATE_OF_BIRTH", "NHS_NUMBER", "NI_NUMBER", "CASE_ID", "PHONE", "EMAIL", "PERSON"}


def convention_problems(note_id: str, kind: str, value: str) -> list[str]:
    problems = []
    words = re.split(r"[\s:]+", value)
    if kind in LABELLED_TYPES and words and words[0].lower().rstrip(":") in LABEL_WORDS:
        problems.append(f"{note_id}: {kind} {value!r} starts with a label or role word")
    if kind == "PERSON" and (value.endswith("'s") or value.endswith("\u2019s")):
        problems.append(f"{note_id}: PERSON {value!r} keeps the possessive")
    # A trailing full stop is part of an initial ("Abu B."), so only names may keep one.
    if value[-1] in ",;:()" or (value[-1] == "." and kind != "PERSON"):
        problems.append(f"{note_id}: {kind} {value!r} ends with punctuation")
    return problems


def validate(notes: list[Note]) -> list[str]:
    problems = []
    seen: set[str] = set()
    for note in notes:
        if note.id in seen:
            problems.append(f"{note.id}: duplicate id")
        seen.add(note.id)
        for span in note.spans:
            value = note.text[span["start"] : span["end"]]  # type: ignore[misc]
            problems.extend(convention_problems(note.id, str(span["type"]), value))
            if span["type"] == "NHS_NUMBER" and not nhs_number_is_valid(value):
                problems.append(f"{note.id}: NHS number {value!r} fails the mod-11 check")
    return problems


def unmarked_repeats(note: Note) -> list[str]:
    # A name marked once and left bare elsewhere is the commonest slip; ordinary-word names
    # ("will", "grace") make some of these hits deliberate, so they are shown, not failed.
    covered = [(int(s["start"]), int(s["end"])) for s in note.spans]
    hits = []
    for span in note.spans:
        if span["type"] != "PERSON":
            continue
        for word in re.findall(r"[^\W\d_]{2,}", note.text[span["start"] : span["end"]]):  # type: ignore[misc]
            if word.lower() in {"mr", "mrs", "ms", "miss", "dr", "pc", "dc", "ds", "sgt"}:
                continue
            for match in re.finditer(rf"\b{re.escape(word)}\b", note.text, re.IGNORECASE):
                if not any(a <= match.start() < b for a, b in covered):
                    hits.append(f"{note.id}: bare {match.group()!r} at {match.start()}")
    return sorted(set(hits))


def load_all() -> list[Note]:
    notes: list[Note] = []
    for path in sorted(SOURCE_DIR.glob("*.txt")):
        notes.extend(read_source(path))
    return notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="validate only, write nothing")
    parser.add_argument("--review", action="store_true", help="list names left unmarked")
    args = parser.parse_args(argv)
    notes = load_all()
    problems = validate(notes)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    if args.review:
        for note in notes:
            for hit in unmarked_repeats(note):
                print(hit)
    dev = [n for n in notes if not is_heldout(n.id)]
    heldout = [n for n in notes if is_heldout(n.id)]
    counts: dict[str, int] = dict.fromkeys(KNOWN_TYPES, 0)
    for note in notes:
        for span in note.spans:
            counts[str(span["type"])] += 1
    empty = sum(1 for n in notes if not any(s["type"] in REQUIRED_TYPES for s in n.spans))
    print(f"{len(notes)} notes ({len(dev)} dev, {len(heldout)} held out), {empty} without identifiers")
    print("  ".join(f"{kind}={counts[kind]}" for kind in KNOWN_TYPES))
    if not args.check:
        CORPUS_DIR.mkdir(exist_ok=True)
        for name, split in (("dev", dev), ("heldout", heldout)):
            lines = "".join(note.as_json() + "\n" for note in split)
            (CORPUS_DIR / f"{name}.jsonl").write_text(lines, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
