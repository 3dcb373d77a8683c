import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stepwise.themes.engine import Document, label_themes

FICTIONAL_NAMES = ["Kayla Brennan", "Darnell Okoro", "Mrs Halloran", "Priya Sandhu"]
POSTCODES = ["LS7 4QX", "M14 6TD", "B23 9PL"]


def fake_deidentify(text: str) -> str:
    for number, name in enumerate(FICTIONAL_NAMES, start=1):
        text = text.replace(name, f"[PERSON {number}]")
    for postcode in POSTCODES:
        text = text.replace(postcode, "[POSTCODE]")
    return text


def _notes(names: list[str], postcodes: list[str]) -> tuple[list[Document], dict[str, str]]:
    interpreters = [
        "interpreter did not turn up for the visit with {name}",
        "we used a telephone interpreter for {name} at {postcode} and it went badly",
        "the interpreter knew {name} from the community so she would not talk",
        "booked the same interpreter every time for {name}, trust grew",
    ]
    supervision = [
        "supervision cancelled again, caseload is too high for {name}",
        "reflective supervision helped me think about {name} at {postcode}",
        "my caseload went up to 30 and supervision became a checklist about {name}",
        "group supervision about {name} gave me a new view",
    ]
    docs, assignments = [], {}
    for index, template in enumerate(interpreters + supervision):
        name = names[index % len(names)]
        postcode = postcodes[index % len(postcodes)]
        doc_id = f"n{index}"
        docs.append(Document(doc_id, template.format(name=name, postcode=postcode)))
        assignments[doc_id] = "interpreters" if index < len(interpreters) else "supervision"
    return docs, assignments


def _label_words(labels) -> set[str]:
    return {
        word for item in labels.values() for word in re.findall(r"[a-z0-9]+", item.label.lower())
    }


def test_labels_describe_each_theme_from_its_own_notes():
    docs, assignments = _notes(FICTIONAL_NAMES, POSTCODES)
    labels = label_themes(docs, assignments, deidentify=fake_deidentify)
    assert set(labels) == {"interpreters", "supervision"}
    assert "interpreter" in labels["interpreters"].phrases
    assert any("supervision" in phrase for phrase in labels["supervision"].phrases)
    assert labels["interpreters"].size == 4


def test_labels_never_carry_identifiers_or_placeholders():
    docs, assignments = _notes(FICTIONAL_NAMES, POSTCODES)
    words = _label_words(label_themes(docs, assignments, deidentify=fake_deidentify))
    identifying = {part.lower() for item in FICTIONAL_NAMES + POSTCODES for part in item.split()}
    assert not words & identifying
    assert not words & {"person", "postcode"}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.from_regex(r"[A-Z][a-z]{3,8} [A-Z][a-z]{3,9}", fullmatch=True), min_size=1, max_size=4
    )
)
def test_whatever_the_deidentifier_removes_stays_out_of_labels(names):
    docs, assignments = _notes(names, ["ZZ9 9ZZ"])

    def deidentify(text: str) -> str:
        for name in names:
            text = text.replace(name, "[PERSON 1]")
        return text.replace("ZZ9 9ZZ", "<POSTCODE>")

    words = _label_words(label_themes(docs, assignments, deidentify=deidentify))
    assert not words & {part.lower() for name in names for part in name.split()}
    assert not words & {"person", "postcode", "zz9", "9zz"}


def test_seed_themes_get_their_readable_title():
    docs = [Document(f"n{i}", "MARAC referral after the DASH, IDVA involved") for i in range(3)]
    labels = label_themes(
        docs, dict.fromkeys([doc.id for doc in docs], "domestic-abuse"), deidentify=str
    )
    assert labels["domestic-abuse"].label.startswith("Domestic abuse")


def test_unthemed_notes_make_no_label():
    docs = [Document("a", "anything"), Document("b", "something")]
    assert label_themes(docs, {"a": None, "b": None}, deidentify=str) == {}
