"""A second opinion on names, addresses and schools, for what the rules have not seen.

Each word is judged by a logistic regression over the word itself, its two neighbours on
either side and the lexicon's view of them, trained at set-up (`build_tagger.py`) on the dev
half of the fictional evaluation corpus; the held-out half never reaches it (docs/adr/0103).
It only adds: the rules' spans stand, and a word the model is unsure of stays as it is.

A word's verdict depends on nothing beyond two words either side. A word with a placeholder
of an earlier redaction that near is not judged again, so redacting twice changes nothing.
"""

import re
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
REACH = 2  # _seen_all spells out the places within reach
WORDS_KEPT = 100_000
# Inside one identifier, words are joined over a space, a hyphen, an apostrophe or a full stop.
_NEXT_WORD = re.compile(r"[ \t]+([^\W\d_]+)")
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


def _seen_all(word: str, lexicon: Lexicon) -> list[list[str]]:
    """The features a word gives each word within reach, from REACH places after it (the
    word judged is REACH places before) to REACH places before it; the middle is its own."""
    lower = word.lower()
    own = _own(word, lexicon)
    near = own[:4]
    return [
        ["-2:w=" + lower, "-2:sh=" + own[0]],
        ["-1:w=" + lower, *("-1:" + f for f in near)],
        ["w=" + lower, *own],
        ["1:w=" + lower, *("1:" + f for f in near)],
        ["2:w=" + lower, "2:sh=" + own[0]],
    ]


def _after_stop(tokens: list[tuple[int, int, str]], i: int) -> bool:
    return i > 0 and tokens[i - 1][2] in ".!?"


def _line_start(text: str, start: int) -> bool:
    return start == 0 or "\n" in text[max(0, start - 3) : start]


def _positional(text: str, tokens: list[tuple[int, int, str]], i: int) -> list[str]:
    found = ["b"]
    n = len(tokens)
    for offset in range(-REACH, REACH + 1):
        if offset and not 0 <= i + offset < n:
            found.append(f"{offset}:BOS")
    if _after_stop(tokens, i):
        found.append("sentstart")
    if _line_start(text, tokens[i][0]):
        found.append("linestart")
    return found


def features(text: str, tokens: list[tuple[int, int, str]], lexicon: Lexicon) -> list[list[str]]:
    """Every token's features, for training; `Tagger` adds up the same with a cache."""
    n = len(tokens)
    seen = [_seen_all(word, lexicon) for _, _, word in tokens]
    return [
        _positional(text, tokens, i)
        + [f for d in range(-REACH, REACH + 1) if 0 <= i + d < n for f in seen[i + d][d + REACH]]
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
        # What each word adds to the scores of each word within reach: one row per place, from
        # -REACH to REACH. Filled a note at a time; emptied when it grows past WORDS_KEPT.
        self._by_word: dict[str, np.ndarray] = {}

    def _row(self, feature: str) -> np.ndarray:
        return self._weights[self.index.get(feature, self.unknown)]

    def _word_scores(self, words: list[str]) -> np.ndarray:
        cache = self._by_word
        # Read into a note's own table first: another thread may empty the cache meanwhile.
        rows = {w: cache.get(w) for w in set(words)}
        missing = [w for w, row in rows.items() if row is None]
        if missing:
            index, unknown = self.index, self.unknown
            ids: list[int] = []
            starts: list[int] = []
            for word in missing:
                for names in _seen_all(word, self._lexicon):
                    starts.append(len(ids))
                    ids.extend([index.get(f, unknown) for f in names])
            sums = np.add.reduceat(self._weights[ids], starts, axis=0).reshape(len(missing), 2 * REACH + 1, -1)
            rows.update(zip(missing, sums, strict=True))
            if len(cache) + len(missing) > WORDS_KEPT:
                cache.clear()
            cache.update(zip(missing, sums, strict=True))
        return np.stack([rows[w] for w in words])

    def scores(self, text: str, tokens: list[tuple[int, int, str]]) -> np.ndarray:
        """For each token, the model's score for each class: the sum of its features' weights,
        as `features()` lists them for training, with each word's part looked up once."""
        n = len(tokens)
        by_word = self._word_scores([w for _, _, w in tokens])
        total = np.tile(self._intercept + self._row("b"), (n, 1))
        for d in range(-REACH, REACH + 1):
            low, high = max(0, -d), min(n, n - d)
            if low < high:
                total[low:high] += by_word[low + d : high + d, d + REACH]
            if d < 0:
                total[: min(n, -d)] += self._row(f"{d}:BOS")
            elif d > 0:
                total[max(0, n - d) :] += self._row(f"{d}:BOS")
        opening = [i for i in range(n) if _after_stop(tokens, i)]
        if opening:
            total[opening] += self._row("sentstart")
        line = [i for i, (start, _, _) in enumerate(tokens) if _line_start(text, start)]
        if line:
            total[line] += self._row("linestart")
        return total

    def probabilities(self, text: str, tokens: list[tuple[int, int, str]]) -> np.ndarray:
        """For each token, the probability of each class (columns in the model's order)."""
        scores = self.scores(text, tokens)
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
            # A word touching a placeholder may be what is left of a longer word ("1Aa" → "1[PERSON 1]").
            if (skip and skipped.overlaps(low - 1, high + 1)) or (taken and covered.overlaps(start, end)):
                continue
            row = probabilities[i].copy()
            row[self._outside] = -1.0
            kind = self.classes[int(row.argmax())]
            last = found[-1] if found else None
            if last and last.type == kind and joined(text, last.end, start, covered):
                found[-1] = Span(last.start, end, kind)
            else:
                found.append(Span(start, end, kind))
        # A number alone is a house number only just before a street found by other means.
        return [s for s in found if not text[s.start : s.end].isdigit() or self._before_found(text, s, covered)]

    @staticmethod
    def _before_found(text: str, span: Span, covered: RangeIndex) -> bool:
        if span.type != "ADDRESS":
            return False
        following = _NEXT_WORD.match(text, span.end)
        return bool(following) and covered.overlaps(following.start(1), following.end(1))

    def _needed(self, text: str, start: int, word: str) -> float:
        if word.lower() not in self._lexicon.plain_words:
            return THRESHOLD
        before = text[max(0, start - 8) : start].rstrip(" \t\"'“‘(")
        if word[:1].isupper() and (not before or before[-1] in ".!?\n"):
            return OPENING_THRESHOLD
        return PLAIN_THRESHOLD
