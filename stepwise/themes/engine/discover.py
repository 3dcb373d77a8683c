import hashlib
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.cluster import AgglomerativeClustering

from stepwise.themes.engine.features import Featuriser
from stepwise.themes.engine.lexicon import SEED_THEMES
from stepwise.themes.engine.model import SEED_WEIGHT, ThemeModel, prune_centroids, seed_scores
from stepwise.themes.engine.text import normalise

MAX_ITERATIONS = 12
REPRESENTATIVES = 5
# Notes that match no seed theme are clustered on their own to find themes the seeds lack.
# The sample bounds the quadratic cost of that step; the rest join by similarity afterwards.
DISCOVERY_SAMPLE = 3000
DISCOVERY_DISTANCE = 0.86
# Notes whose seed cues add up to less than this are weak evidence and may form new themes.
WEAK_SEED_SCORE = 1
# Only notes with at least this much seed evidence shape the first centroids.
INITIAL_SEED_SCORE = 1

_SEED_TITLES = {seed.key: seed.title for seed in SEED_THEMES}


@dataclass(frozen=True)
class Document:
    id: str
    text: str


@dataclass(frozen=True)
class Theme:
    key: str
    size: int
    representative_ids: list[str]
    # The recurring practice-review theme this one grew from, if any.
    seed_title: str | None


@dataclass(frozen=True)
class Discovery:
    assignments: dict[str, str | None]
    themes: list[Theme]
    model: ThemeModel


def minimum_theme_size(note_count: int) -> int:
    if note_count < 60:
        return 2
    return max(3, math.ceil(0.005 * note_count))


def _best(scores: np.ndarray) -> np.ndarray:
    if scores.shape[1] == 0:
        return np.full(scores.shape[0], -1)
    return np.where(scores.max(axis=1) > 0, scores.argmax(axis=1), -1)


def discover(
    documents: Iterable[Document],
    *,
    seed_assignments: Mapping[str, str] | None = None,
) -> Discovery:
    """Group notes into themes; notes in seed_assignments stay in the theme they are pinned to."""
    docs = sorted(documents, key=lambda doc: doc.id)
    ids = [doc.id for doc in docs]
    known = set(ids)
    if len(known) != len(ids):
        raise ValueError("document ids must be unique")
    pinned = {doc_id: key for doc_id, key in (seed_assignments or {}).items() if doc_id in known}

    texts = [normalise(doc.text) for doc in docs]
    featuriser, features = Featuriser.fit_transform(texts)
    if not docs:
        return Discovery(assignments={}, themes=[], model=ThemeModel(featuriser, [], [], features))
    raw_seeds = seed_scores(texts)
    has_content = (np.asarray(features.getnnz(axis=1)) > 0) | (raw_seeds.max(axis=1, initial=0) > 0)

    seed_keys = [seed.key for seed in SEED_THEMES]
    keys = seed_keys + sorted(set(pinned.values()) - set(seed_keys))
    seed_columns = [index if index < len(seed_keys) else -1 for index in range(len(keys))]
    pinned_rows = {
        row: keys.index(pinned[doc_id]) for row, doc_id in enumerate(ids) if doc_id in pinned
    }

    labels = np.where(
        raw_seeds.max(axis=1, initial=0) >= INITIAL_SEED_SCORE, raw_seeds.argmax(axis=1), -1
    )
    for row, column in pinned_rows.items():
        labels[row] = column

    min_size = minimum_theme_size(len(docs))
    weak = (raw_seeds.max(axis=1, initial=0) < WEAK_SEED_SCORE) & (labels >= 0)
    weak[list(pinned_rows)] = False
    found = _found_themes(features, np.where(weak, -1, labels), has_content, min_size, ids)
    for members, key in found:
        keys.append(key)
        seed_columns.append(-1)
        labels[members] = len(keys) - 1

    protected = set(pinned_rows.values())
    for _ in range(3):
        labels = _refine(features, raw_seeds, labels, seed_columns, pinned_rows, has_content)
        sizes = np.bincount(labels[labels >= 0], minlength=len(keys))
        keep = [c for c in range(len(keys)) if sizes[c] >= min_size or c in protected]
        if len(keep) == len(keys):
            break
        remap = {old: new for new, old in enumerate(keep)}
        keys = [keys[c] for c in keep]
        seed_columns = [seed_columns[c] for c in keep]
        protected = {remap[c] for c in protected}
        pinned_rows = {row: remap[c] for row, c in pinned_rows.items()}
        labels = np.array([remap.get(int(c), -1) for c in labels])

    centroids = _centroids(features, labels, len(keys))
    model = ThemeModel(featuriser, keys, seed_columns, prune_centroids(centroids))
    scores = _scores(features, model.centroids, raw_seeds, seed_columns)
    final = _best(scores)
    final[~has_content] = -1
    for row, column in pinned_rows.items():
        final[row] = column

    assignments = {
        doc_id: (keys[c] if c >= 0 else None) for doc_id, c in zip(ids, final, strict=True)
    }
    themes = _describe(keys, final, scores, ids)
    return Discovery(assignments=assignments, themes=themes, model=model)


def _scores(
    features: sp.csr_matrix,
    centroids: sp.csr_matrix,
    raw_seeds: np.ndarray,
    seed_columns: list[int],
) -> np.ndarray:
    similarity = np.asarray((features @ centroids.T).todense(), dtype=np.float64)
    shares = raw_seeds / np.maximum(raw_seeds.sum(axis=1, keepdims=True), 1e-12)
    for theme, column in enumerate(seed_columns):
        if column >= 0:
            similarity[:, theme] += SEED_WEIGHT * shares[:, column]
    return similarity


def _centroids(features: sp.csr_matrix, labels: np.ndarray, count: int) -> np.ndarray:
    rows = np.flatnonzero(labels >= 0)
    membership = sp.csr_matrix(
        (np.ones(rows.size, dtype=np.float32), (labels[rows], rows)),
        shape=(count, features.shape[0]),
    )
    sums = np.asarray((membership @ features).todense(), dtype=np.float64)
    return sums / np.maximum(np.linalg.norm(sums, axis=1, keepdims=True), 1e-12)


def _refine(
    features: sp.csr_matrix,
    raw_seeds: np.ndarray,
    labels: np.ndarray,
    seed_columns: list[int],
    pinned_rows: dict[int, int],
    has_content: np.ndarray,
) -> np.ndarray:
    # Spherical k-means that starts from the seeded grouping and keeps the seed cues as a prior.
    for _ in range(MAX_ITERATIONS):
        centroids = sp.csr_matrix(_centroids(features, labels, len(seed_columns)))
        scores = _scores(features, centroids, raw_seeds, seed_columns)
        updated = _best(scores)
        updated[~has_content] = -1
        for row, column in pinned_rows.items():
            updated[row] = column
        if np.array_equal(updated, labels):
            break
        labels = updated
    return labels


def _found_themes(
    features: sp.csr_matrix,
    labels: np.ndarray,
    has_content: np.ndarray,
    min_size: int,
    ids: list[str],
) -> list[tuple[np.ndarray, str]]:
    residual = np.flatnonzero((labels < 0) & has_content)
    if residual.size < 2 * min_size:
        return []
    if residual.size > DISCOVERY_SAMPLE:
        residual = residual[np.linspace(0, residual.size - 1, DISCOVERY_SAMPLE).astype(int)]
    block = features[residual]
    distance = 1.0 - np.asarray((block @ block.T).todense(), dtype=np.float64)
    np.clip(distance, 0.0, 2.0, out=distance)
    clusters = AgglomerativeClustering(
        n_clusters=None,
        metric="precomputed",
        linkage="average",
        distance_threshold=DISCOVERY_DISTANCE,
    ).fit_predict(distance)
    found = []
    for cluster in sorted(set(clusters.tolist())):
        members = residual[clusters == cluster]
        if members.size >= min_size:
            digest = hashlib.sha256("\n".join(sorted(ids[m] for m in members)).encode()).hexdigest()
            found.append((members, f"found-{digest[:10]}"))
    return found


def _describe(
    keys: list[str], labels: np.ndarray, scores: np.ndarray, ids: list[str]
) -> list[Theme]:
    themes = []
    for column, key in enumerate(keys):
        members = np.flatnonzero(labels == column)
        if members.size == 0:
            continue
        # Highest score first; ties fall back to id order so the choice is reproducible.
        ranked = sorted(
            members.tolist(), key=lambda row: (-round(scores[row, column], 9), ids[row])
        )
        themes.append(
            Theme(
                key=key,
                size=int(members.size),
                representative_ids=[ids[row] for row in ranked[:REPRESENTATIVES]],
                seed_title=_SEED_TITLES.get(key),
            )
        )
    themes.sort(key=lambda theme: (-theme.size, theme.key))
    return themes
