import pytest

from stepwise.privacy.deid import Deidentifier

TRADE_PARAGRAPH = """\
Mum and Dad both came to the ICPC on Monday; Nan stayed with the baby. The HV raised it with
MASH and the LADO, and CAMHS have a waiting list. We completed the s47 within 45 working days,
which matters with a caseload of 22. Strategy discussion at 3pm, core group on Thursday.
The Children Act 1989 s17 and Working Together 2023 both apply. The IRO, the DSL and the
SENCO agreed the EHCP review could wait until after Christmas. Police and the GP were invited.
Section 20 was discussed at the Family Court; CAFCASS and Ofsted were not involved.
The Virtual School head chaired the PEP. We used Signs of Safety and a genogram.
Team manager signed off the CIN plan. MARAC referral made, the IDVA will follow up.
Staff said the new form helps. The duty team will hope for fewer repeat referrals in May.
"""


@pytest.fixture(scope="module")
def deid() -> Deidentifier:
    return Deidentifier(staff_names=["Will Hope", "Grace Summers", "Mark Bishop"])


def test_words_of_the_trade_are_not_identifiers(deid):
    assert [TRADE_PARAGRAPH[s.start : s.end] for s in deid.detect(TRADE_PARAGRAPH)] == []


@pytest.mark.parametrize(
    "text",
    [
        "Summer holidays are hard for families on a low income.",
        "Will the panel meet before Christmas?",
        "May we ask schools to copy us in?",
        "Mark the case as closed once the letter is sent.",
        "Grace periods for paperwork cause drift.",
        "The Black and White British children were over-represented.",
        "Anonymising is not just removing names.",
        "Pre-birth assessments should start at 20 weeks.",
        "Early Help Assessment completed in April.",
        "The LAs could accept CPOMS exports.",
        "Gillick / Fraser discussion with the school nurse helped.",
    ],
)
def test_capitalised_ordinary_words_are_not_names(deid, text):
    assert [text[s.start : s.end] for s in deid.detect(text)] == []


def test_the_rules_read_an_opening_ordinary_word_by_what_follows():
    # The tagger, trained on notes where "Hope" opening a sentence is mostly a girl, hides it
    # here too; the author can clear it at review (docs/adr/0103).
    text = "Hope is not a plan; a plan needs dates."
    assert Deidentifier(second_opinion=False).detect(text) == []


def test_times_counts_and_legislation_are_not_case_ids(deid):
    text = "At 10:30 on 3 days out of 5, s47 and s17 under the 1989 Act; 2023/24 figures; 12 children."
    assert [s.type for s in deid.detect(text)] == []
