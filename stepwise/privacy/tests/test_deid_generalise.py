"""Round three of issue 4: rules meant to generalise to names and writers we did not see.

Every person below is invented; the sentences were written for these tests.
"""

import pytest

from stepwise.privacy.deid import Deidentifier


@pytest.fixture(scope="module")
def deid() -> Deidentifier:
    return Deidentifier()


def people(deid: Deidentifier, text: str) -> list[str]:
    return [text[s.start : s.end] for s in deid.detect(text) if s.type == "PERSON"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A given name opening a sentence is the person unless an ordinary use is shown.
        ("Visit went ahead. Grace in her room most of the time.", ["Grace"]),
        ("School rang. Frank often misses the bus.", ["Frank"]),
        ("Review held. Dawn outside the office when I left.", ["Dawn"]),
    ],
)
def test_a_given_name_opening_a_sentence_is_the_person(deid, text, expected):
    assert people(deid, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Will you send the minutes round before Friday?",
        "Will raise this with the service manager.",
        "Grace periods for assessments were not agreed.",
        "Mark the letter as urgent and file it.",
        "Jack up the priority if nothing changes.",
        "Case closed with a step-down to universal services.",
        "Early Help Assessment completed in April.",
        "Hope is a word we use too easily in plans.",
    ],
)
def test_ordinary_words_opening_a_sentence_stay(deid, text):
    assert people(deid, text) == []
