import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

MAX_FEATURES = 60_000


def _word_vectoriser(vocabulary: dict[str, int] | None = None, min_df: int = 1) -> TfidfVectorizer:
    return TfidfVectorizer(
        stop_words="english",
        ngram_range=(1, 2),
        sublinear_tf=True,
        min_df=min_df,
        max_features=None if vocabulary else MAX_FEATURES,
        vocabulary=vocabulary,
        dtype=np.float32,
    )


def _char_vectoriser(vocabulary: dict[str, int] | None = None, min_df: int = 1) -> TfidfVectorizer:
    # Character n-grams within words absorb typos and word endings that practitioners
    # type on a phone ("enquirey", "visted").
    return TfidfVectorizer(
        analyzer="char_wb",
        ngram_range=(3, 4),
        sublinear_tf=True,
        min_df=min_df,
        max_features=None if vocabulary else MAX_FEATURES,
        vocabulary=vocabulary,
        dtype=np.float32,
    )


class Featuriser:
    """Word and character TF-IDF over normalised text, each block L2-normalised."""

    def __init__(self, word: TfidfVectorizer, char: TfidfVectorizer) -> None:
        self.word = word
        self.char = char

    @classmethod
    def fit_transform(cls, normalised_texts: list[str]) -> tuple["Featuriser", sp.csr_matrix]:
        # A word seen in one note only says nothing about a theme; in a tiny corpus keep all.
        min_df = 2 if len(normalised_texts) >= 20 else 1
        corpus = [text or " " for text in normalised_texts]
        blocks = []
        fitted = []
        for factory in (_word_vectoriser, _char_vectoriser):
            vectoriser = factory(min_df=min_df)
            try:
                blocks.append(normalize(vectoriser.fit_transform(corpus)))
            except ValueError:
                # Nothing to learn from (no notes, or only stop words): an inert vocabulary.
                vectoriser = factory()
                vectoriser.fit(["placeholder"])
                blocks.append(normalize(vectoriser.transform(corpus)) if corpus else None)
            fitted.append(vectoriser)
        featuriser = cls(*fitted)
        if not corpus:
            return featuriser, sp.csr_matrix((0, featuriser.dimension), dtype=np.float32)
        return featuriser, normalize(sp.hstack(blocks, format="csr"))

    def transform(self, normalised_texts: list[str]) -> sp.csr_matrix:
        if not normalised_texts:
            return sp.csr_matrix((0, self.dimension), dtype=np.float32)
        corpus = [text or " " for text in normalised_texts]
        word = normalize(self.word.transform(corpus))
        char = normalize(self.char.transform(corpus))
        return normalize(sp.hstack([word, char], format="csr"))

    @property
    def dimension(self) -> int:
        return len(self.word.vocabulary_) + len(self.char.vocabulary_)

    def to_state(self) -> dict[str, object]:
        return {
            "word_vocabulary": _ordered_terms(self.word),
            "word_idf": [float(value) for value in self.word.idf_],
            "char_vocabulary": _ordered_terms(self.char),
            "char_idf": [float(value) for value in self.char.idf_],
        }

    @classmethod
    def from_state(cls, state: dict[str, object]) -> "Featuriser":
        word = _restore(_word_vectoriser, state["word_vocabulary"], state["word_idf"])
        char = _restore(_char_vectoriser, state["char_vocabulary"], state["char_idf"])
        return cls(word, char)


def _ordered_terms(vectoriser: TfidfVectorizer) -> list[str]:
    terms = [""] * len(vectoriser.vocabulary_)
    for term, index in vectoriser.vocabulary_.items():
        terms[index] = term
    return terms


def _restore(factory, terms: object, idf: object) -> TfidfVectorizer:
    assert isinstance(terms, list) and isinstance(idf, list)
    vectoriser = factory(vocabulary={term: index for index, term in enumerate(terms)})
    # Fitting on nothing is not possible; a one-line fit builds the internals, then the stored
    # idf replaces the one it computed.
    vectoriser.fit([" ".join(terms[:1]) or "placeholder"])
    vectoriser.idf_ = np.asarray(idf, dtype=np.float64)
    return vectoriser
