import json
import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stepwise.themes.engine.lexicon import SEED_THEMES, SeedMatcher, literal_prefixes
from stepwise.themes.engine.text import normalise

BENCH = Path(__file__).resolve().parents[3] / "bench" / "themes"


PLAIN_CUES = [
    [(re.compile(r"(?<![a-z0-9])(?:" + cue + ")"), weight) for cue, weight in seed.cues]
    for seed in SEED_THEMES
]
MATCHER = SeedMatcher()


def plain_scores(texts: list[str]) -> np.ndarray:
    return np.array(
        [
            [sum(w for pattern, w in theme if pattern.search(text)) for theme in PLAIN_CUES]
            for text in texts
        ]
    )


def bench_texts() -> list[str]:
    return [
        normalise(json.loads(line)["text"])
        for name in ("notes.jsonl", "shifted.jsonl")
        for line in (BENCH / name).read_text(encoding="utf-8").splitlines()
    ]


# Words from the notes and the cues' own fixed starts, so random sentences hit cues often.
WORDS = sorted(
    {word for text in bench_texts() for word in text.split()}
    | {
        prefix.strip()
        for seed in SEED_THEMES
        for cue, _ in seed.cues
        for prefix in literal_prefixes(cue)
    }
)


def test_the_fast_matcher_scores_exactly_like_plain_regular_expressions():
    texts = bench_texts()
    assert np.array_equal(MATCHER.scores(texts), plain_scores(texts))


@settings(deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=30), st.text("abcdefgh 0123", max_size=12))
def test_fast_and_plain_agree_on_arbitrary_text(words, noise):
    text = " ".join(words) + noise
    assert np.array_equal(MATCHER.scores([text]), plain_scores([text]))


@pytest.mark.parametrize(
    ("cue", "prefixes"),
    [
        ("interpret", ("interpret",)),
        ("dads?\\b", ("dad",)),
        ("tired|exhausted", ("tired", "exhausted")),
        ("(didnt|never) ask", ("didnt", "never")),
        ("(the )?medical", ()),
        ("\\d+ cases", ()),
        ("step.?(dad|father)", ("step",)),
        ("(a|b)?c", ()),
    ],
)
def test_literal_prefixes(cue, prefixes):
    assert literal_prefixes(cue) == prefixes


def test_seed_keys_are_unique_and_weights_in_range():
    assert len({seed.key for seed in SEED_THEMES}) == len(SEED_THEMES)
    assert all(weight in (1, 2, 3) for seed in SEED_THEMES for _, weight in seed.cues)
