import pytest

from stepwise.privacy.deid import Deidentifier, redact, redact_text
from stepwise.privacy.tests.deid_helpers import people

# All people below are invented.

STAFF = ["Will Hope", "Grace Summers", "Priya Shah", "Mark Bishop", "Rob Banks"]


@pytest.fixture(scope="module")
def staffed() -> Deidentifier:
    # The rules only, as the `deid` fixture (conftest.py).
    return Deidentifier(staff_names=STAFF, second_opinion=False)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mum Sarah said the baby was fine.", ["Sarah"]),
        ("Nan (Pat) collects them on Fridays.", ["Pat"]),
        ("step-dad Kyle was not at home.", ["Kyle"]),
        ("SW Priya visited with the HV.", ["Priya"]),
        ("Mr Hussain attended the core group.", ["Mr Hussain"]),
        ("Mr B would not let us in.", ["Mr B"]),
        ("Police (PC Davies) attended.", ["PC Davies"]),
        ("Joint visit with DC Emma Lowther re the s47.", ["DC Emma Lowther"]),
        ("prospective adopters Mr and Mrs Abbott asked", ["Mr and Mrs Abbott"]),
        ("Jordan's mum rang the duty line.", ["Jordan"]),
        ("Lee Smith-Jones lives with Ava.", ["Lee Smith-Jones", "Ava"]),
        ("Mrs O'Brien signed the agreement.", ["Mrs O'Brien"]),
        ("Bartholomew Fitzgerald-Bowes (\"Barty\") has a plan.", ["Bartholomew Fitzgerald-Bowes", "Barty"]),
        ("Kez (Kerris Flynn) started college.", ["Kez", "Kerris Flynn"]),
        # Two given names and a shared surname are one identifier, as "Mr and Mrs Mullen" is.
        ("Storm and Sky Mullen are twins.", ["Storm and Sky Mullen"]),
        ("Fartun, Hodan and Ilhan (sisters) arrived.", ["Fartun", "Hodan", "Ilhan"]),
        ("Child K (6) and child L (4) were referred.", ["K", "L"]),
        ("real name David Firth, known to police", ["David Firth"]),
        ("Tadeusz Nowak and Oluwaseun Adeyemi attended.", ["Tadeusz Nowak", "Oluwaseun Adeyemi"]),
        ("Aisha Begum brought Mohammed to clinic.", ["Aisha Begum", "Mohammed"]),
        ("JORDAN was excluded again.", ["JORDAN"]),
        ("Faith (6) had a bruise.", ["Faith"]),
        ("the letters say N. Ni Bhriain and nobody linked them", ["N. Ni Bhriain"]),
    ],
)
def test_person_names(deid, text, expected):
    assert people(deid, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("contact with kyle and jade went well today", ["kyle", "jade"]),
        ("ms kaur rang abt harpreets attendance. she said no one at home", ["ms kaur", "harpreet"]),
        ("missing episode for kai. kai said he likes talking to her.", ["kai", "kai"]),
        ("imrans mum? mum is nazia. note was under dads name", ["imran", "nazia"]),
        ("fyi tj (terrell johnson) excluded today", ["tj", "terrell johnson"]),
        ("nan pat stepped up when mum went into rehab. pat is 67.", ["pat", "pat"]),
        ('mum said "ask kerry-louise, she knows"', ["kerry-louise"]),
        ("spoke to mrs okafor (teacher), she said tobi has been hungry", ["mrs okafor", "tobi"]),
        ("visit done. dean came to the office. jade rang later.", ["dean", "jade"]),
    ],
)
def test_lower_case_writing(deid, text, expected):
    assert people(deid, text) == expected


def test_word_like_names_by_case_and_context(deid):
    text = "Hope said she will come. I hope Grace is ok. Summer holidays are long."
    assert people(deid, text) == ["Hope", "Grace"]


def test_names_of_many_origins(deid):
    names = ["Zuzanna", "Kacper", "Ioana", "Mehmet", "Chinedu", "Adaeze", "Kwame", "Siobhan",
             "Harpreet", "Fatima", "Thanh", "Shirin", "Abdirahman", "Wiktoria"]
    for name in names:
        text = f"We met {name} at the family centre."
        assert people(deid, text) == [name], name


def test_initials_after_role_propagate_to_possessive(deid):
    text = "Child K (6) was seen. Even with initials, K's school was easy to find."
    assert people(deid, text) == ["K", "K"]


def test_propagation_to_every_variant(deid):
    text = "Tyrone Baptiste was seen. TYRONE's sister said tyrone left. Baptiste family known."
    assert people(deid, text) == ["Tyrone Baptiste", "TYRONE", "tyrone", "Baptiste"]


def test_propagation_of_word_like_name_respects_case(deid):
    text = "Nan (Hope) visited. Hope brought food. We hope it continues."
    assert people(deid, text) == ["Hope", "Hope"]


def test_staff_names_that_are_words_need_capitals(staffed):
    text = "Will Hope chaired. We will act and hope for the best. Will said the plan stands."
    assert people(staffed, text) == ["Will Hope", "Will"]


def test_staff_names_found_alone(staffed):
    text = "Discussed with Priya and Mark Bishop; Rob Banks took notes."
    assert people(staffed, text) == ["Priya and Mark Bishop", "Rob Banks"]


def test_staff_word_names_ignored_in_lower_case(staffed):
    text = "mark the date, rob is a verb and grace is a virtue"
    assert people(staffed, text) == []


def test_allow_list_keeps_local_names(deid):
    allowing = Deidentifier(allow=["Hope House", "Mosswood"])
    text = "Referred to Hope House by the Mosswood team."
    assert people(allowing, text) == []
    assert "Mosswood" in people(deid, "We met Mosswood yesterday.")


def test_deny_list_forces_local_names(deid):
    denying = Deidentifier(deny=["Fernbank", "Mill Brow", "Greenacres Primary"])
    text = "Seen at Fernbank, near Mill Brow, walking to Greenacres Primary."
    kinds = [(s.type, text[s.start : s.end]) for s in denying.detect(text)]
    assert ("PERSON", "Fernbank") in kinds
    assert ("ADDRESS", "Mill Brow") in kinds
    assert ("SCHOOL", "Greenacres Primary") in kinds


def test_placeholders_number_people_by_first_appearance(deid):
    text = "Sarah Hughes said Kyle hit her. Kyle denied it. Sarah went to 4 Elm Road, HM2 9DL."
    assert redact_text(text) == (
        "[PERSON 1] said [PERSON 2] hit her. [PERSON 2] denied it. "
        "[PERSON 1] went to [ADDRESS], [POSTCODE]."
    )


def test_redact_uses_given_spans_only(deid):
    text = "Ava and Ben"
    spans = deid.detect(text)
    assert redact(text, spans) == "[PERSON 1] and [PERSON 2]"
    assert redact(text, []) == text


def test_redact_text_with_kwargs_uses_them():
    assert redact_text("Will said so.", staff_names=["Will Turner"]) == "[PERSON 1] said so."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rota pasted by mistake: K. Osei - Monday; R. Hope - Friday.", ["K. Osei", "R. Hope"]),
        ("“Ros” is what Rosalind Pike (14) likes to be called. Ros said so.", ["Ros", "Rosalind Pike", "Ros"]),
        ("MARIUS DUMITRU (dad) - no interpreter booked", ["MARIUS DUMITRU"]),
        ("Bill (step-dad) pays the rent.", ["Bill"]),
        ("Grace is 3 and attends nursery.", ["Grace"]),
        ("Subject: KB - review. Can we move KB's review?", ["KB", "KB"]),
        ("A.J. (15) asked for help. Every letter to her says AJ.", ["A.J", "AJ"]),
        ("Move contact to Room 3 or Ward 7 at the Grove.", []),
        (
            "Summer Lomas (7) was seen. Summer holidays start soon. Summer said she is bored.",
            ["Summer Lomas", "Summer"],
        ),
        ("Sky Mullen (9) did well. Sky's the limit, she said.", ["Sky Mullen"]),
        ("Rose-May was upset; Summer-Rose was not.", ["Rose-May", "Summer-Rose"]),
        ("Contact moves from May-June to the Follow-Up team.", []),
        ("Kofi, 7, was seen at home with Ama, aged 4.", ["Kofi", "Ama"]),
        ("Grace and her mum came in. Police and their partners met.", ["Grace"]),
    ],
)
def test_more_name_forms(deid, text, expected):
    assert people(deid, text) == expected
