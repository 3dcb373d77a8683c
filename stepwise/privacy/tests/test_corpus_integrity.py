import hashlib
import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stepwise.privacy.tests import deid_helpers

ROOT = Path(__file__).resolve().parents[3]
PRIVACY_BENCH = ROOT / "bench" / "privacy"
CORPUS_DIR = PRIVACY_BENCH / "corpus"

REQUIRED = {
    "PERSON",
    "DATE_OF_BIRTH",
    "ADDRESS",
    "POSTCODE",
    "PHONE",
    "EMAIL",
    "NHS_NUMBER",
    "NI_NUMBER",
    "CASE_ID",
    "SCHOOL",
}
NEUTRAL = {"DATE", "AGE", "ORG", "TOWN"}


def _load_builder():
    spec = importlib.util.spec_from_file_location("build_corpus", PRIVACY_BENCH / "build_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # dataclasses look their module up by name while the class is built.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


builder = _load_builder()


def _read(name: str) -> list[dict]:
    with (CORPUS_DIR / f"{name}.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


@pytest.fixture(scope="module")
def splits() -> dict[str, list[dict]]:
    return {"dev": _read("dev"), "heldout": _read("heldout")}


@pytest.fixture(scope="module")
def notes(splits) -> list[dict]:
    return splits["dev"] + splits["heldout"]


def _nhs_check_digit_ok(raw: str) -> bool:
    digits = [int(c) for c in raw if c.isdigit()]
    if len(digits) != 10:
        return False
    remainder = sum(d * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True)) % 11
    expected = (11 - remainder) % 11
    return expected != 10 and expected == digits[9]


def test_every_line_has_id_text_and_spans(notes):
    for note in notes:
        assert set(note) == {"id", "text", "spans"}
        assert isinstance(note["text"], str) and note["text"].strip()


def test_ids_are_unique_across_splits(notes):
    counts = Counter(note["id"] for note in notes)
    assert [i for i, n in counts.items() if n > 1] == []


def test_spans_are_in_bounds_sorted_non_overlapping_and_typed(notes):
    for note in notes:
        previous_end = 0
        for span in note["spans"]:
            start, end = span["start"], span["end"]
            assert 0 <= previous_end <= start < end <= len(note["text"]), note["id"]
            assert span["type"] in REQUIRED | NEUTRAL, note["id"]
            value = note["text"][start:end]
            assert value == value.strip(), (note["id"], value)
            previous_end = end


def test_spans_start_and_end_on_word_boundaries(notes):
    for note in notes:
        text = note["text"]
        for span in note["spans"]:
            start, end = span["start"], span["end"]
            assert start == 0 or not text[start - 1].isalnum(), (note["id"], text[start:end])
            if end < len(text) and text[end].isalnum():
                # Text-speak drops the apostrophe: "tyrones weight" keeps "tyrone" as the name.
                after = text[end : end + 2]
                assert span["type"] == "PERSON" and after[0] == "s", (note["id"], text[start:end])
                assert len(after) == 1 or not after[1].isalnum(), (note["id"], text[start:end])


def test_nhs_numbers_pass_the_mod_11_check(notes):
    values = [
        note["text"][s["start"] : s["end"]]
        for note in notes
        for s in note["spans"]
        if s["type"] == "NHS_NUMBER"
    ]
    assert values and [v for v in values if not _nhs_check_digit_ok(v)] == []


def test_the_check_digit_rule_rejects_a_changed_digit():
    assert _nhs_check_digit_ok("943 476 5919")
    assert not _nhs_check_digit_ok("943 476 5918")


def test_corpus_is_big_enough_with_every_type_well_represented(notes):
    counts = Counter(s["type"] for note in notes for s in note["spans"])
    assert len(notes) >= 300
    assert sum(counts[t] for t in REQUIRED) >= 1000
    assert counts["PERSON"] >= 300
    thin = {t: counts[t] for t in REQUIRED - {"PERSON"} if counts[t] < 60}
    assert thin == {}
    without_identifiers = [n for n in notes if not any(s["type"] in REQUIRED for s in n["spans"])]
    assert len(without_identifiers) >= 40


def test_split_follows_the_id_hash_and_holds_out_about_a_third(splits):
    def held_out(note_id: str) -> bool:
        return int(hashlib.sha256(note_id.encode()).hexdigest()[:8], 16) % 100 < 30

    assert all(not held_out(n["id"]) for n in splits["dev"])
    assert all(held_out(n["id"]) for n in splits["heldout"])
    share = len(splits["heldout"]) / (len(splits["dev"]) + len(splits["heldout"]))
    assert 0.2 < share < 0.4


def test_corpus_files_match_the_sources(notes):
    rebuilt = [json.loads(n.as_json()) for n in builder.load_all()]
    assert sorted(rebuilt, key=lambda n: n["id"]) == sorted(notes, key=lambda n: n["id"])


def test_sources_follow_the_annotation_convention():
    assert builder.validate(builder.load_all()) == []


def test_staff_list_is_about_forty_distinct_names():
    names = [n.strip() for n in (CORPUS_DIR / "staff.txt").read_text().splitlines() if n.strip()]
    assert 30 <= len(names) <= 60
    assert len(set(names)) == len(names)
    assert all(len(name.split()) >= 2 for name in names)


_plain = st.text(
    alphabet=st.characters(blacklist_characters="[]", blacklist_categories=("Cs",)), max_size=20
)
_value = _plain.map(str.strip).filter(bool)
_kind = st.sampled_from(sorted(REQUIRED | NEUTRAL))


@given(st.lists(st.tuples(_plain, _kind, _value), max_size=6), _plain)
def test_markup_parses_back_to_exact_offsets(pieces, tail):
    marked = "".join(f"{before}[[{kind}:{value}]]" for before, kind, value in pieces) + tail
    note = builder.parse_note("n", marked)
    assert note.text == "".join(before + value for before, _, value in pieces) + tail
    assert [(s["type"], note.text[s["start"] : s["end"]]) for s in note.spans] == [
        (kind, value) for _, kind, value in pieces
    ]


def test_unknown_type_is_refused():
    with pytest.raises(builder.MarkupError):
        builder.parse_note("n", "visited [[NAME:Tyrone]]")


# The measuring stick itself: bench/privacy_eval.py's scoring rule.


privacy_eval = deid_helpers.privacy_eval()
_NOTE = {
    "id": "t",
    "text": "Visited Tyrone at Flat 3, 14 Elm Road, Wellbridge today.",
    "spans": [
        {"start": 8, "end": 14, "type": "PERSON"},
        {"start": 18, "end": 37, "type": "ADDRESS"},
        {"start": 39, "end": 49, "type": "TOWN"},
    ],
}


def _score(*predicted: tuple[int, int, str]):
    report = privacy_eval.Report(system=privacy_eval.System("t", "", lambda _: []))
    privacy_eval.score_note(report, _NOTE, [privacy_eval.Prediction(*p) for p in predicted])
    return report


def test_an_identifier_is_caught_when_its_letters_and_digits_are_covered_by_any_type():
    report = _score((8, 14, "NAME"), (18, 24, "X"), (26, 37, "Y"))
    assert report.caught == {**dict.fromkeys(REQUIRED, 0), "PERSON": 1, "ADDRESS": 1}
    assert report.recall == 1.0


def test_a_partly_covered_identifier_is_missed():
    report = _score((8, 13, "PERSON"), (18, 36, "ADDRESS"))
    assert report.recall == 0.0
    assert [m.value for m in report.misses] == ["Tyrone", "Flat 3, 14 Elm Road"]


def test_redacting_a_neutral_span_counts_neither_way_and_ordinary_words_count_against():
    assert _score((8, 14, "PERSON"), (39, 49, "TOWN")).precision == 1.0
    report = _score((8, 14, "PERSON"), (50, 55, "DATE"))
    assert (report.redacted, report.redacted_true) == (11, 6)
