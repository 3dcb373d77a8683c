"""A second opinion on names, addresses and schools, for what the rules have not seen.

Each word is judged by a logistic regression over the word itself, its two neighbours on
either side and the lexicon's view of them, trained at set-up (`build_tagger.py`) on the dev
half of the fictional evaluation corpus; the held-out half never reaches it (docs/adr/0103).
It only adds: the rules' spans stand, and a word the model is unsure of stays as it is.

A word's verdict depends on nothing beyond two words either side. A word with a placeholder
of an earlier redaction that near is not judged again, so redacting twice changes nothing.
"""

import re
from functools import lru_cache
from pathlib import Path

import numpy as np

from stepwise.privacy.deid.lexicon import Lexicon
from stepwise.privacy.deid.spans import RangeIndex, Span

MODEL_PATH = Path(__file__).with_name("tagger_model.npz")
TYPES = ("PERSON", "ADDRESS", "SCHOOL")
OUTSIDE = "O"
TOKEN = re.compile(r"[^\W_]+|[^\w\s]|_")
# How sure the model must be that a word belongs to an identifier. Chosen on the dev half,
# training on files 01-120 and judging files 121-163 (docs/adr/0103).
THRESHOLD = 0.3
# An ordinary word ("Hope", "Summer", "will") needs more: the rules already weigh its context.
PLAIN_THRESHOLD = 0.5
# More still for one opening a sentence ("Hope is not a plan.", "Summer was busy.").
OPENING_THRESHOLD = 0.9
REACH = 2
# Inside one identifier, words are joined over a space, a hyphen, an apostrophe or a full stop.
_JOIN = re.compile(r"[ \t]*[-'’.]?[ \t]*")


def joined(text: str, end: int, start: int, taken: RangeIndex | None = None) -> bool:
    """Whether the words either side of text[end:start] are one identifier's."""
    return bool(_JOIN.fullmatch(text, end, start)) and not (taken and taken.overlaps(end, start))


def tokenize(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]


def _shape(word: str) -> str:
    if word.isdigit():
        return "d"
    if word.isupper():
        return "X" if len(word) > 1 else "X1"
    if word[:1].isupper():
        return "Xx"
    if word.islower():
        return "x"
    if word.isalpha():
        return "mix"
    return "an" if word.isalnum() else "p"


def _own(word: str, lexicon: Lexicon) -> list[str]:
    lower = word.lower()
    found = [_shape(word)]
    if lower in lexicon.first_names:
        found.append("fn")
    if lower in lexicon.last_names:
        found.append("ln")
    if lower in lexicon.safe_words:
        found.append("safe")
    if lower in lexicon.trade_words:
        found.append("trade")
    found.append(f"z{lexicon.zipf_band(lower)}")
    if len(lower) > 3:
        found += ["s3=" + lower[-3:], "p3=" + lower[:3]]
    return found


def _seen_from(word: str, offset: int, lexicon: Lexicon) -> list[str]:
    """The features of a word standing `offset` places from the word judged (0: itself)."""
    lower = word.lower()
    if offset == 0:
        return ["w=" + lower, *_own(word, lexicon)]
    if abs(offset) == 1:
        return [f"{offset}:w={lower}"] + [f"{offset}:{f}" for f in _own(word, lexicon)[:4]]
    return [f"{offset}:w={lower}", f"{offset}:sh={_shape(word)}"]


def _positional(text: str, tokens: list[tuple[int, int, str]], i: int) -> list[str]:
    start, _, word = tokens[i]
    lower = word.lower()
    found = ["b"]
    n = len(tokens)
    for offset in (-2, -1, 1, 2):
        if not 0 <= i + offset < n:
            found.append(f"{offset}:BOS")
    if i > 0:
        found.append(f"bg={tokens[i - 1][2].lower()}|{lower}")
        if tokens[i - 1][2] in ".!?":
            found.append("sentstart")
    if i + 1 < n:
        found.append(f"bg+={lower}|{tokens[i + 1][2].lower()}")
    if start == 0 or "\n" in text[max(0, start - 3) : start]:
        found.append("linestart")
    return found


def features(text: str, tokens: list[tuple[int, int, str]], lexicon: Lexicon) -> list[list[str]]:
    """Every token's features, for training; `Tagger` computes the same with caches."""
    n = len(tokens)
    return [
        _positional(text, tokens, i)
        + [f for d in range(-REACH, REACH + 1) if 0 <= i + d < n for f in _seen_from(tokens[i + d][2], d, lexicon)]
        for i in range(n)
    ]


def labels(tokens: list[tuple[int, int, str]], spans: list[tuple[int, int, str]]) -> list[str]:
    ordered = sorted((s, e, t) for s, e, t in spans if t in TYPES)
    found = []
    for start, end, _ in tokens:
        found.append(next((t for s, e, t in ordered if s <= start and end <= e), OUTSIDE))
    return found


class ModelMissing(ImportError):
    pass


class Tagger:
    def __init__(self, lexicon: Lexicon, path: Path = MODEL_PATH):
        try:
            model = np.load(path, allow_pickle=False)
        except FileNotFoundError:
            raise ModelMissing(f"{path} is built at set-up: run `make setup`.") from None
        names = str(model["features"]).split("\n")
        classes = [str(c) for c in model["classes"]]
        self.index = {name: row for row, name in enumerate(names)}
        # One extra row of zeros stands for features the model never saw.
        weights = model["weights"].astype(np.float64)
        self._weights = np.vstack([weights, np.zeros((1, weights.shape[1]))])
        self.unknown = len(names)
        self._intercept = model["intercept"].astype(np.float64)
        self._outside = classes.index(OUTSIDE)
        self.classes = classes
        self._lexicon = lexicon
        self._seen = lru_cache(maxsize=65536)(self._seen_ids)

    def _ids(self, names: list[str]) -> list[int]:
        index = self.index
        return [index[f] for f in names if f in index]

    def _seen_ids(self, word: str) -> tuple[list[int], ...]:
        """A word's rows as seen from each place within reach, from -REACH to REACH."""
        return tuple(self._ids(_seen_from(word, d, self._lexicon)) for d in range(-REACH, REACH + 1))

    def feature_ids(self, text: str, tokens: list[tuple[int, int, str]]) -> tuple[list[int], list[int]]:
        """The model's rows for every token's features, end to end, and where each token's begin.
        The same as `features()` gives for training, with each word's part looked up once."""
        ids: list[int] = []
        starts: list[int] = []
        n = len(tokens)
        seen = [self._seen(word) for _, _, word in tokens]
        for i in range(n):
            starts.append(len(ids))
            ids.extend(self._ids(_positional(text, tokens, i)))
            for d in range(max(-REACH, -i), min(REACH, n - 1 - i) + 1):
                ids.extend(seen[i + d][d + REACH])
            ids.append(self.unknown)  # never empty, for reduceat
        return ids, starts

    def probabilities(self, text: str, tokens: list[tuple[int, int, str]]) -> np.ndarray:
        """For each token, the probability of each class (columns in the model's order)."""
        ids, starts = self.feature_ids(text, tokens)
        scores = np.add.reduceat(self._weights[ids], starts, axis=0) + self._intercept
        scores -= scores.max(axis=1, keepdims=True)
        np.exp(scores, out=scores)
        scores /= scores.sum(axis=1, keepdims=True)
        return scores

    def find(
        self, text: str, *, skip: list[tuple[int, int]] = (), taken: list[tuple[int, int]] = ()
    ) -> list[Span]:
        """Identifiers the model is sure enough of, outside the `taken` ranges (found already).
        A word whose reach touches a `skip` range (a placeholder, an allowed phrase) is left alone."""
        tokens = tokenize(text)
        if not tokens:
            return []
        probabilities = self.probabilities(text, tokens)
        skipped = RangeIndex(skip)
        covered = RangeIndex(taken)
        found: list[Span] = []
        n = len(tokens)
        sure = 1.0 - probabilities[:, self._outside]
        for i in np.flatnonzero(sure >= THRESHOLD):
            start, end, word = tokens[i]
            if not word.isalnum() or sure[i] < self._needed(text, start, word):
                continue
            low, high = tokens[max(0, i - REACH)][0], tokens[min(n - 1, i + REACH)][1]
            if (skip and skipped.overlaps(low, high)) or (taken and covered.overlaps(start, end)):
                continue
            row = probabilities[i].copy()
            row[self._outside] = -1.0
            kind = self.classes[int(row.argmax())]
            last = found[-1] if found else None
            if last and last.type == kind and joined(text, last.end, start, covered):
                found[-1] = Span(last.start, end, kind)
            else:
                found.append(Span(start, end, kind))
        # A number alone is a house number only beside its street.
        return [s for s in found if not text[s.start : s.end].isdigit()]

    def _needed(self, text: str, start: int, word: str) -> float:
        if word.lower() not in self._lexicon.plain_words:
            return THRESHOLD
        before = text[max(0, start - 8) : start].rstrip(" \t\"'“‘(")
        if word[:1].isupper() and (not before or before[-1] in ".!?\n"):
            return OPENING_THRESHOLD
        return PLAIN_THRESHOLD
