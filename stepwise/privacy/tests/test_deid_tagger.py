"""The tagger: a second opinion learnt from the dev half of the corpus (docs/adr/0103)."""

import json
import random
from pathlib import Path

import numpy as np
import pytest

from stepwise.privacy.deid import Deidentifier
from stepwise.privacy.deid.build_tagger import build
from stepwise.privacy.deid.lexicon import default_lexicon
from stepwise.privacy.deid.tagger import (
    OPENING_THRESHOLD,
    PLAIN_THRESHOLD,
    THRESHOLD,
    ModelMissing,
    Tagger,
    features,
    tokenize,
)
from stepwise.privacy.tests.deid_helpers import privacy_eval

CORPUS = Path(__file__).resolve().parents[3] / "bench" / "privacy" / "corpus"
RULES = Deidentifier(second_opinion=False)
FULL = Deidentifier()

# All names below are invented.
GIVEN = ["Quolly", "Brindle", "Tamsk", "Ovidra", "Pellam", "Zuvia", "Harnet", "Morrow"]
STREETS = ["Cobble", "Fenwright", "Ashgate", "Lintle", "Brackwood", "Semmer"]


def _toy_notes() -> list[dict]:
    rng = random.Random(7)
    notes = []
    for n in range(80):
        name, street = rng.choice(GIVEN), rng.choice(STREETS)
        number = rng.randint(2, 90)
        text = f"Seen {name} at home today. Lives at {number} {street} Road with mum. The plan stays."
        start = text.index(name)
        address = text.index(str(number))
        spans = [
            {"start": start, "end": start + len(name), "type": "PERSON"},
            {"start": address, "end": text.index(" with mum"), "type": "ADDRESS"},
        ]
        notes.append({"id": f"toy-{n}", "text": text, "spans": spans})
    return notes


@pytest.fixture(scope="module")
def toy(tmp_path_factory) -> Tagger:
    """A model trained on a few toy notes, so each behaviour below is seen on a known model."""
    folder = tmp_path_factory.mktemp("tagger")
    corpus = folder / "dev.jsonl"
    corpus.write_text("\n".join(json.dumps(n) for n in _toy_notes()) + "\n", encoding="utf-8")
    build([str(corpus)], folder / "model.npz")
    return Tagger(default_lexicon(), path=folder / "model.npz")


def _found(tagger: Tagger, text: str, **kwargs) -> list[tuple[str, str]]:
    return [(text[s.start : s.end], s.type) for s in tagger.find(text, **kwargs)]


def test_a_trained_model_finds_a_name_it_never_saw_by_its_context(toy):
    assert _found(toy, "Seen Dabrowa at home today.") == [("Dabrowa", "PERSON")]
    assert _found(toy, "The plan stays.") == []


def test_a_street_is_one_span_and_a_number_alone_is_not_added(toy):
    assert ("17 Quernmoor Road", "ADDRESS") in _found(toy, "Lives at 17 Quernmoor Road with mum.")
    # The number is in the model's training place, but with no street beside it stays.
    assert all(kind != "ADDRESS" for _, kind in _found(toy, "Lives at 17 with mum."))
    # Before a street found by other means, it is the house number.
    text = "Lives at 17 Quernmoor Road with mum."
    street = (text.index("Quernmoor"), text.index(" with"))
    assert _found(toy, text, taken=[street]) == [("17", "ADDRESS")]


def test_words_within_reach_of_a_placeholder_are_not_judged_again(toy):
    text = "[PERSON 1] Seen Dabrowa at home today."
    placeholder = [(0, text.index("]") + 1)]
    assert _found(toy, text, skip=placeholder) == []
    far = "[PERSON 1] was out. The plan stays. Seen Dabrowa at home today."
    assert _found(toy, far, skip=[(0, far.index("]") + 1)]) == [("Dabrowa", "PERSON")]


def test_taken_ranges_are_neither_added_nor_joined_across(toy):
    text = "Seen Dabrowa at home today."
    start = text.index("Dabrowa")
    assert _found(toy, text, taken=[(start, start + 7)]) == []


def test_a_missing_model_says_how_to_build_it(tmp_path):
    with pytest.raises(ModelMissing, match="make setup"):
        Tagger(default_lexicon(), path=tmp_path / "absent.npz")


@pytest.mark.parametrize(
    ("text", "start", "word", "needed"),
    [
        ("Seen Zuzanna today.", 5, "Zuzanna", THRESHOLD),
        ("Seen Summer today.", 5, "Summer", PLAIN_THRESHOLD),
        ("Summer was busy.", 0, "Summer", OPENING_THRESHOLD),
        ("Rota thin. Summer was busy.", 11, "Summer", OPENING_THRESHOLD),
        ('"Summer was here," he said.', 1, "Summer", OPENING_THRESHOLD),
        ("Notes:\nSummer was busy.", 7, "Summer", OPENING_THRESHOLD),
        ("in the summer.", 7, "summer", PLAIN_THRESHOLD),
    ],
)
def test_ordinary_words_need_more_certainty_and_most_opening_a_sentence(toy, text, start, word, needed):
    assert toy._needed(text, start, word) == needed
    assert THRESHOLD < PLAIN_THRESHOLD < OPENING_THRESHOLD < 1


def _corpus_sample(count: int) -> list[dict]:
    lines = (CORPUS / "heldout.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in random.Random(3).sample(lines, count)]


def test_the_shipped_model_sees_each_word_as_it_was_trained():
    # The engine adds up each word's part once and caches it; the scores must be exactly
    # those of the features the model was trained on.
    tagger = FULL._tagger
    for note in _corpus_sample(40) + [{"text": "x"}, {"text": "Hi Jo.\nSeen Ann"}]:
        tokens = tokenize(note["text"])
        trained = features(note["text"], tokens, default_lexicon())
        expected = [
            tagger._intercept + sum((tagger._row(f) for f in names), np.zeros(len(tagger.classes)))
            for names in trained
        ]
        assert np.allclose(tagger.scores(note["text"], tokens), expected)


def test_the_second_opinion_only_adds_to_the_rules():
    for note in _corpus_sample(300):
        text = note["text"]
        full = bytearray(len(text))
        for span in FULL.detect(text):
            full[span.start : span.end] = b"\x01" * (span.end - span.start)
        for span in RULES.detect(text):
            assert all(full[span.start : span.end]), (note["id"], text[span.start : span.end])


def _caught(engine: Deidentifier, notes: list[dict]) -> int:
    evaluation = privacy_eval()
    report = evaluation.Report(system=None)
    for note in notes:
        found = [evaluation.Prediction(s.start, s.end, s.type) for s in engine.detect(note["text"])]
        evaluation.score_note(report, note, found)
    return sum(report.caught.values())


def test_the_second_opinion_finds_what_the_rules_miss_on_notes_it_never_saw():
    # Held-out notes, never read by the training. The tagger adds about a point of recall
    # there (bench/privacy/README.md); a broken model, features read differently from
    # training or a threshold gone wrong would add next to nothing.
    notes = _corpus_sample(300)
    total = sum(1 for n in notes for s in n["spans"] if s["type"] not in privacy_eval().NEUTRAL_TYPES)
    assert _caught(FULL, notes) - _caught(RULES, notes) >= 0.004 * total


def test_a_house_number_before_a_word_taken_for_a_name_makes_one_address(toy):
    engine = Deidentifier()
    engine._tagger = toy
    text = "wrong address (46 Zorbay instead of the hub)."
    assert [(text[s.start : s.end], s.type) for s in RULES.detect(text)] == [("Zorbay", "PERSON")]
    assert [(text[s.start : s.end], s.type) for s in engine.detect(text)] == [("46 Zorbay", "ADDRESS")]


def test_a_full_word_cache_is_emptied_without_changing_any_verdict(toy, monkeypatch):
    text = "Seen Dabrowa at home today. Lives at 17 Quernmoor Road with mum. The plan stays."
    expected = _found(toy, text)
    monkeypatch.setattr("stepwise.privacy.deid.tagger.WORDS_KEPT", 5)
    toy._by_word.clear()
    assert _found(toy, text) == expected
    assert len(toy._by_word) <= len({word for _, _, word in tokenize(text)})
