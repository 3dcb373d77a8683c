"""Notes per second for the de-identification engine on one core.

    python bench/privacy_speed.py [--notes 400] [--words 150] [--input notes.jsonl | --corpus heldout]

Without --input it generates fictional notes of about --words words, mixing ordinary prose
with names, addresses, numbers and the words of the trade. With --corpus it joins the notes
of that corpus split, in order, until each reaches --words words: real writing, far denser in
identifiers than most case notes, and every word met for the first time in its own process.
"""

import argparse
import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from stepwise.privacy.deid import Deidentifier  # noqa: E402

FIRST = ["Kayden", "Sarah", "Zuzanna", "Mohammed", "Grace", "Tyrone", "Aisha", "Kacper", "Hope",
         "Chinedu", "Siobhan", "Ioana", "Liam", "Priya", "Jack", "Amara", "Mehmet", "Lily-Mae"]
LAST = ["Hughes", "Nowak", "Begum", "Okafor", "Smith-Jones", "O'Brien", "Popescu", "Khan",
        "Baptiste", "Kaur", "Yilmaz", "Wright", "Adeyemi", "Murphy"]
PROSE_TEXT = (
    "we met at the family centre and talked about what had helped since the last core group "
    "the plan was reviewed and everyone agreed that the next visit would be unannounced "
    "school said attendance had improved but there were still worries about lunch and uniform "
    "the HV will visit on Monday and CAMHS have offered an appointment within six weeks "
    "what would make it easier next time is a shared chronology that everyone can see"
)
PROSE = PROSE_TEXT.split()


def fragment(rng: random.Random) -> str:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    return rng.choice([
        f"Mum {first} said",
        f"{first} {last} (DOB {rng.randint(1, 28)}/{rng.randint(1, 12)}/20{rng.randint(10, 22)})",
        f"lives at {rng.randint(1, 200)} {rng.choice(LAST)} Road, HM{rng.randint(1, 9)} {rng.randint(1, 9)}DL",
        f"rang on 07700 900{rng.randint(100, 999)}",
        f"NHS 943 476 5919 and LCS ID {rng.randint(100000, 9999999)}",
        f"{first.lower()}'s nan",
        f"at {rng.choice(LAST)} Primary School",
        f"{first} told the SW",
    ])


def generate(count: int, words: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    notes = []
    for _ in range(count):
        parts: list[str] = []
        while sum(len(p.split()) for p in parts) < words:
            if rng.random() < 0.2:
                parts.append(fragment(rng))
            else:
                parts.append(" ".join(rng.choice(PROSE) for _ in range(rng.randint(6, 14))) + ".")
        notes.append(" ".join(parts))
    return notes


CORPUS = Path(__file__).resolve().parent / "privacy" / "corpus"


def joined(path: Path, words: int) -> list[str]:
    notes, current, count = [], [], 0
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                text = json.loads(line)["text"]
                current.append(text)
                count += len(text.split())
                if count >= words:
                    notes.append("\n\n".join(current))
                    current, count = [], 0
    return notes


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--notes", type=int, default=400)
    parser.add_argument("--words", type=int, default=150)
    parser.add_argument("--input", help="JSON lines with a 'text' key instead of generated notes")
    parser.add_argument("--corpus", choices=("dev", "heldout"), help="join this split's notes instead")
    args = parser.parse_args()
    if args.input:
        with open(args.input, encoding="utf-8") as handle:
            notes = [json.loads(line)["text"] for line in handle if line.strip()]
    elif args.corpus:
        notes = joined(CORPUS / f"{args.corpus}.jsonl", args.words)
    else:
        notes = generate(args.notes, args.words)
    started = time.perf_counter()
    engine = Deidentifier(staff_names=["Will Hope", "Priya Shah"])
    loaded = time.perf_counter() - started
    engine.detect(notes[0])
    words = sum(len(n.split()) for n in notes)
    started = time.process_time()
    for note in notes:
        engine.detect(note)
    elapsed = time.process_time() - started
    rate = len(notes) / elapsed
    print(f"construction {loaded * 1000:.0f} ms")
    print(f"{len(notes)} notes, mean {words / len(notes):.0f} words: {rate:.0f} notes/s "
          f"({words / elapsed:.0f} words/s, {words / elapsed / 150:.0f} notes/s at 150 words)")


if __name__ == "__main__":
    main()
