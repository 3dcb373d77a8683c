import json
import re
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from stepwise.privacy.deid import Deidentifier, redact, redact_text
from stepwise.privacy.deid.patterns import nhs_number_is_valid

DEID = Deidentifier(staff_names=["Will Hope", "Priya Shah"], allow=["Hope House"], deny=["Fernbank"])

# Fragments of invented case notes, so generated texts exercise every detector.
FRAGMENTS = [
    "Mum", "Sarah", "said", "Kyle", "Hope", "hope", "will", "Will", "Grace", "grace", "Mr", "B",
    "Nan", "(Pat)", "SW", "Priya", "JORDAN", "jordan's", "tyrone", "14", "Elm", "Road", "rd",
    "HM2 9DL", "m14 5tg", "07700 900123", "0161 496 0000", "943 476 5919", "123 456 7890",
    "AB123456C", "CP-2024-00123", "DOB", "12/03/2015", "born", "3.3.16", "Oakfield", "Primary",
    "St", "Mary's", "School", "x@example.com", "LCS", "ID", "1234567", "the", "and", ".", ",",
    "\n", "-", "'s", "MASH", "CAMHS", "s47", "Monday", "3pm", "Flat", "2,", "Kingsway", "Child",
    "K", "(6)", "Fernbank", "Hope House", "Smith-Jones", "O'Brien", "Zuzanna", "baby", "m",
]
note_texts = st.lists(st.sampled_from(FRAGMENTS), max_size=40).map(" ".join)
any_text = st.text(max_size=300)


def assert_well_formed(text: str) -> None:
    spans = DEID.detect(text)
    previous_end = 0
    for span in spans:
        assert 0 <= span.start < span.end <= len(text)
        assert span.start >= previous_end
        previous_end = span.end


@settings(max_examples=150, deadline=None)
@given(any_text)
def test_any_unicode_gives_valid_sorted_disjoint_spans(text):
    assert_well_formed(text)


@settings(max_examples=150, deadline=None)
@given(note_texts)
def test_note_like_text_gives_valid_sorted_disjoint_spans(text):
    assert_well_formed(text)


@settings(max_examples=150, deadline=None)
@given(st.one_of(note_texts, any_text))
def test_nhs_numbers_found_always_validate(text):
    for span in DEID.detect(text):
        if span.type == "NHS_NUMBER":
            assert nhs_number_is_valid(text[span.start : span.end])


@given(st.integers(min_value=100_000_000, max_value=999_999_999))
def test_every_valid_nhs_number_is_found(nine_digits):
    digits = str(nine_digits)
    total = sum(int(d) * (10 - i) for i, d in enumerate(digits))
    check = (11 - total % 11) % 11
    text = f"NHS {digits[:3]} {digits[3:6]} {digits[6:]}{check} noted"
    kinds = [s.type for s in DEID.detect(text)]
    if check == 10:
        assert "NHS_NUMBER" not in kinds
    else:
        assert kinds == ["NHS_NUMBER"]


@settings(max_examples=150, deadline=None)
@given(st.one_of(note_texts, any_text))
# Found by CI: a given name opening a sentence was judged by the placeholder after it.
@example("(Pat) Will")
# Found while widening the lower-case test: its verdict changed once a capitalised word was hidden.
@example("Sarah baby hope Elm")
@example("Sarah grace 07700 900123")
# Found by a new corpus note: a name that took in a sentence's end ("B. Band") turned the rest into
# lower-case writing on a second redaction.
@example(
    "Housing panel. 6 cases heard. Case 4: family of 5 in a 2-bed, overcrowding category B. Band 2 "
    "awarded. Case 5: care leaver, priority under the joint protocol, 16-25 pathway. Case 6: deferred, "
    "needs s17 assessment outcome. Next panel the first Wednesday of next month."
)
# Found by CI: the rest of a word cut by a placeholder is another word within the tagger's reach.
@example("1%aA,1Aa")
# Found by CI: a year before an NHS number hid it from the first look, not from the second.
@example("12/03/2015 943 476 5919")
def test_redaction_is_idempotent(text):
    once = redact(text, DEID.detect(text))
    assert redact(once, DEID.detect(once)) == once


CORPUS = Path(__file__).resolve().parents[3] / "bench" / "privacy" / "corpus"


def test_redacting_every_corpus_note_twice_changes_nothing():
    # Real notes reach forms the generator does not: "Address: 3 Mill Row, HM2 9DL" once
    # swallowed the [POSTCODE] placeholder on a second pass.
    changed = []
    for name in ("dev.jsonl", "heldout.jsonl"):
        for line in (CORPUS / name).read_text(encoding="utf-8").splitlines():
            note = json.loads(line)
            once = redact(note["text"], DEID.detect(note["text"]))
            if redact(once, DEID.detect(once)) != once:
                changed.append(note["id"])
    assert changed == []


@settings(max_examples=100, deadline=None)
@given(note_texts)
def test_person_placeholders_are_numbered_from_one_in_order(text):
    numbers = [int(n) for n in re.findall(r"\[PERSON (\d+)\]", redact_text(text))]
    seen: list[int] = []
    for n in numbers:
        if n not in seen:
            seen.append(n)
    assert seen == list(range(1, len(seen) + 1))
