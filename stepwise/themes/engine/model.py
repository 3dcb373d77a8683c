import json
import zlib
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from stepwise.themes.engine.features import Featuriser
from stepwise.themes.engine.lexicon import SEED_THEMES, SeedMatcher
from stepwise.themes.engine.text import normalise

FORMAT_VERSION = 1
# How much a seed theme's cues count next to the text's similarity to the theme's centroid.
# Measured on the development split; see docs/adr/0103-themes-engine.md.
SEED_WEIGHT = 0.3
# Terms kept per centroid in the saved model: the tail carries almost no weight.
CENTROID_TERMS = 4000

_MATCHER = SeedMatcher()


@dataclass
class ThemeModel:
    """What is needed to place a new note into the themes of the last clustering."""

    featuriser: Featuriser
    keys: list[str]
    # Column in the seed matcher for each theme, or -1 for a theme found in the data.
    seed_columns: list[int]
    centroids: sp.csr_matrix

    def scores(self, normalised_texts: list[str]) -> np.ndarray:
        features = self.featuriser.transform(normalised_texts)
        similarity = np.asarray((features @ self.centroids.T).todense(), dtype=np.float64)
        return similarity + SEED_WEIGHT * _seed_shares(normalised_texts, self.seed_columns)

    def label(self, normalised_texts: list[str]) -> list[str | None]:
        if not self.keys or not normalised_texts:
            return [None] * len(normalised_texts)
        scores = self.scores(normalised_texts)
        best = scores.argmax(axis=1)
        return [
            self.keys[column] if scores[row, column] > 0 else None
            for row, column in enumerate(best)
        ]

    def to_bytes(self) -> bytes:
        centroids = self.centroids.tocsr()
        state = {
            "version": FORMAT_VERSION,
            "keys": self.keys,
            "seed_columns": self.seed_columns,
            "seed_keys": [seed.key for seed in SEED_THEMES],
            "features": self.featuriser.to_state(),
            "centroids": [
                {
                    "indices": centroids.indices[start:end].tolist(),
                    "weights": [round(float(value), 6) for value in centroids.data[start:end]],
                }
                for start, end in zip(centroids.indptr[:-1], centroids.indptr[1:], strict=True)
            ],
        }
        return zlib.compress(json.dumps(state, separators=(",", ":")).encode("utf-8"), 6)

    @classmethod
    def from_bytes(cls, data: bytes) -> "ThemeModel":
        state = json.loads(zlib.decompress(data).decode("utf-8"))
        if state.get("version") != FORMAT_VERSION:
            raise ValueError(f"unsupported theme model version {state.get('version')!r}")
        if state["seed_keys"] != [seed.key for seed in SEED_THEMES]:
            raise ValueError("theme model was built with a different set of seed themes")
        featuriser = Featuriser.from_state(state["features"])
        rows = state["centroids"]
        centroids = sp.csr_matrix(
            (
                np.asarray([w for row in rows for w in row["weights"]], dtype=np.float32),
                np.asarray([i for row in rows for i in row["indices"]], dtype=np.int32),
                np.cumsum([0] + [len(row["indices"]) for row in rows]),
            ),
            shape=(len(rows), featuriser.dimension),
        )
        return cls(featuriser, list(state["keys"]), list(state["seed_columns"]), centroids)


def assign(model: ThemeModel, text: str) -> str | None:
    return model.label([normalise(text)])[0]


def seed_scores(normalised_texts: list[str]) -> np.ndarray:
    return _MATCHER.scores(normalised_texts)


def _seed_shares(normalised_texts: list[str], seed_columns: list[int]) -> np.ndarray:
    raw = seed_scores(normalised_texts)
    shares = raw / np.maximum(raw.sum(axis=1, keepdims=True), 1e-12)
    result = np.zeros((len(normalised_texts), len(seed_columns)))
    for theme, column in enumerate(seed_columns):
        if column >= 0:
            result[:, theme] = shares[:, column]
    return result


def prune_centroids(centroids: np.ndarray) -> sp.csr_matrix:
    pruned = np.zeros_like(centroids, dtype=np.float32)
    for row, centroid in enumerate(centroids):
        if centroid.shape[0] > CENTROID_TERMS:
            # A stable sort keeps the pruning independent of how ties happen to fall.
            keep = np.argsort(-centroid, kind="stable")[:CENTROID_TERMS]
        else:
            keep = np.arange(centroid.shape[0])
        pruned[row, keep] = centroid[keep]
    norms = np.linalg.norm(pruned, axis=1, keepdims=True)
    return sp.csr_matrix(pruned / np.maximum(norms, 1e-12))
