import json
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
HELD_OUT_SHARE = 0.3


def _read_sources(folder: Path) -> list[dict[str, str]]:
    rows = []
    for source in sorted(folder.glob("*.txt")):
        theme = source.stem
        for line in source.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rows.append({"text": line.strip(), "theme": theme})
    return rows


def build() -> list[dict[str, str]]:
    rows = _read_sources(HERE / "sources")
    # Opaque ids in a shuffled order, so neither ids nor position reveal the theme.
    random.Random(20261127).shuffle(rows)
    held_out = int(len(rows) * HELD_OUT_SHARE)
    return [
        {
            "id": f"n{index:04d}",
            "text": row["text"],
            "theme": row["theme"],
            "split": "holdout" if index < held_out else "dev",
        }
        for index, row in enumerate(rows)
    ]


def build_shifted() -> list[dict[str, str]]:
    rows = _read_sources(HERE / "shifted")
    random.Random(5).shuffle(rows)
    return [{"id": f"s{index:03d}", **row} for index, row in enumerate(rows)]


if __name__ == "__main__":
    with open(HERE / "notes.jsonl", "w", encoding="utf-8") as out:
        for row in build():
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    with open(HERE / "shifted.jsonl", "w", encoding="utf-8") as out:
        for row in build_shifted():
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
