"""Trains the tagger's model (tagger_model.npz) at set-up (`make setup`), from the dev half of
the fictional evaluation corpus only; the held-out half is never read (docs/adr/0103).

    python stepwise/privacy/deid/build_tagger.py bench/privacy/corpus/dev.jsonl

The same corpus and the same pinned scikit-learn give the same model.
"""

import json
import sys
import time
from pathlib import Path

import numpy as np

# The weights are kept to this many decimals, and features whose every weight rounds to
# zero are dropped: the model file stays small and loads fast.
DECIMALS = 3
# Inverse strength of the L2 penalty: 3 caught the most on dev files 121-163 with training on
# 01-120 (0.3: 8,121 of 8,215; 1: 8,130; 3: 8,138; 10: 8,136).
C = 3.0


def training_data(paths: list[str]) -> tuple[list[list[str]], list[str]]:
    from stepwise.privacy.deid.lexicon import default_lexicon
    from stepwise.privacy.deid.tagger import features, labels, tokenize

    lexicon = default_lexicon()
    rows: list[list[str]] = []
    targets: list[str] = []
    for path in paths:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            note = json.loads(line)
            tokens = tokenize(note["text"])
            rows.extend(features(note["text"], tokens, lexicon))
            targets.extend(labels(tokens, [(s["start"], s["end"], s["type"]) for s in note["spans"]]))
    return rows, targets


def train(rows: list[list[str]], targets: list[str]) -> dict[str, np.ndarray]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer(dtype=np.float64)
    matrix = vectorizer.fit_transform(dict.fromkeys(row, 1) for row in rows)
    model = LogisticRegression(C=C, max_iter=300)
    model.fit(matrix, targets)
    weights = np.round(model.coef_.T, DECIMALS)  # one row per feature, one column per class
    kept = np.flatnonzero(np.abs(weights).max(axis=1) > 0)
    names = vectorizer.get_feature_names_out()
    return {
        "features": np.array("\n".join(names[kept])),
        "classes": np.array(model.classes_),
        "weights": weights[kept].astype(np.float32),
        "intercept": model.intercept_.astype(np.float32),
        "words": np.array(len(targets)),
    }


def build(corpus_paths: list[str], target: Path) -> dict[str, np.ndarray]:
    arrays = train(*training_data(corpus_paths))
    np.savez_compressed(target, **arrays)
    return arrays


def main() -> None:
    from stepwise.privacy.deid.tagger import MODEL_PATH

    started = time.perf_counter()
    arrays = build(sys.argv[1:], MODEL_PATH)
    targets = int(arrays["words"])
    print(
        f"{targets} words, {arrays['weights'].shape[0]} features -> {MODEL_PATH}"
        f" ({time.perf_counter() - started:.0f} s)"
    )


if __name__ == "__main__":
    main()
