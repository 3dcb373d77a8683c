import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer

from stepwise.themes.engine.discover import Document
from stepwise.themes.engine.lexicon import SEED_THEMES

PHRASES = 3
# Whatever bracket style a de-identifier writes ("[PERSON 1]", "<POSTCODE>", "{EMAIL}"), the
# whole placeholder goes, so its words can never surface as a label.
_PLACEHOLDERS = re.compile(r"\[[^\]]*\]|<[^>]*>|\{[^}]*\}")
# Words every learning note uses; as label words they would say nothing about the theme.
_PRACTICE_WORDS = frozenset(
    (
        "child", "children", "kid", "kids", "mum", "mums", "mother", "father", "dad", "family",
        "families", "parent", "parents", "baby", "young", "person", "people", "time", "times",
        "week", "weeks", "month", "months", "year", "years", "day", "days", "did", "didnt",
        "dont", "doesnt", "wasnt", "werent", "wouldnt", "couldnt", "shouldnt", "isnt", "arent",
        "hadnt", "havent", "im", "ive", "id", "ill", "weve", "theyd", "theyre", "got", "get",
        "make", "made", "need", "needed", "needs", "really", "just", "worked", "work", "good",
        "better", "helped", "help", "thing", "things", "way", "lot", "new", "told", "said",
        "know", "knew", "think", "thought", "felt", "feel", "went", "came", "come", "case",
        "cases", "time", "visit", "visits", "social", "worker", "workers", "team", "asked",
        "ask", "saw", "seen", "thats", "childs", "dads", "mums", "lot", "still", "held",
    )
)
_STOP_WORDS = sorted(ENGLISH_STOP_WORDS | _PRACTICE_WORDS)
_SEED_TITLES = {seed.key: seed.title for seed in SEED_THEMES}


@dataclass(frozen=True)
class ThemeLabel:
    key: str
    label: str
    phrases: list[str]
    size: int


def label_themes(
    documents: Iterable[Document],
    assignments: Mapping[str, str | None],
    *,
    deidentify: Callable[[str], str],
    phrases: int = PHRASES,
) -> dict[str, ThemeLabel]:
    """Suggest a short label for each theme from its notes' de-identified text."""
    docs = sorted((doc for doc in documents if assignments.get(doc.id)), key=lambda doc: doc.id)
    keys = sorted({assignments[doc.id] for doc in docs})
    if not keys:
        return {}
    texts = [_clean(deidentify(doc.text)) for doc in docs]
    labels = np.array([keys.index(assignments[doc.id]) for doc in docs])
    counts = _count_terms(texts)
    top_phrases = _top_phrases(counts, labels, len(keys), phrases) if counts else {}
    result = {}
    for column, key in enumerate(keys):
        chosen = top_phrases.get(column, [])
        title = _SEED_TITLES.get(key)
        if title and chosen:
            label = f"{title} ({', '.join(chosen)})"
        else:
            label = title or ", ".join(chosen) or "Unnamed theme"
        result[key] = ThemeLabel(key, label, chosen, int((labels == column).sum()))
    return result


def _clean(text: str) -> str:
    text = _PLACEHOLDERS.sub(" ", text).lower().replace("\u2019", "'").replace("'", "")
    return re.sub(r"[^a-z]+", " ", text)


def _count_terms(texts: list[str]):
    # A term must appear in several notes: single-note words are where identifiers that
    # de-identification missed would hide.
    vectoriser = CountVectorizer(
        stop_words=_STOP_WORDS,
        ngram_range=(1, 2),
        min_df=2 if len(texts) >= 2 else 1,
        token_pattern=r"(?u)\b[a-z][a-z]{2,}\b",
        binary=True,
    )
    try:
        matrix = vectoriser.fit_transform(texts)
    except ValueError:
        return None
    return vectoriser.get_feature_names_out(), matrix


def _top_phrases(counts, labels: np.ndarray, theme_count: int, wanted: int) -> dict[int, list[str]]:
    terms, matrix = counts
    per_theme = np.vstack(
        [np.asarray(matrix[labels == column].sum(axis=0)).ravel() for column in range(theme_count)]
    ).astype(np.float64)
    # Class-based TF-IDF: frequent in this theme, rare across themes.
    share = per_theme / np.maximum(per_theme.sum(axis=1, keepdims=True), 1.0)
    rarity = np.log(1.0 + per_theme.sum(axis=1).mean() / np.maximum(per_theme.sum(axis=0), 1.0))
    # Two-word phrases read better as labels ("mental health" over "mental").
    phrase_boost = np.array([1.5 if " " in str(term) else 1.0 for term in terms])
    weight = share * rarity * phrase_boost
    theme_sizes = np.bincount(labels, minlength=theme_count)
    result = {}
    for column in range(theme_count):
        # A label phrase should speak for a fair share of the theme, not one vivid note.
        floor = max(2, int(0.1 * theme_sizes[column]))
        order = sorted(
            (index for index in np.flatnonzero(per_theme[column] >= floor)),
            key=lambda index: (-round(weight[column, index], 12), terms[index]),
        )
        chosen: list[str] = []
        for index in order:
            term = str(terms[index])
            if any(term in other or other in term for other in chosen):
                continue
            chosen.append(term)
            if len(chosen) == wanted:
                break
        result[column] = chosen
    return result
