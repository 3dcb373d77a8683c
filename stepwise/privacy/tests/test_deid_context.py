import pytest

from stepwise.privacy.tests.deid_helpers import people

# Every person below is invented; the sentences were written for these tests.


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A word-like name opening a sentence, then a verb and a pronoun or a person's state.
        ("Hope was in her bedroom when we arrived.", ["Hope"]),
        ("Jack did his homework at the kitchen table.", ["Jack"]),
        ("Summer was tearful throughout the visit.", ["Summer"]),
        ("Grace has been telling her teacher about it.", ["Grace"]),
        ("Jack woke twice in the night.", ["Jack"]),
        # A given name that is a concrete noun seldom opens a sentence bare before "was".
        ("Rose was sick on the school bus.", ["Rose"]),
        ("Hope is still not eating properly.", ["Hope"]),
        ("Faith has moved back to live with dad.", ["Faith"]),
        ("Joy has been seen by the paediatrician.", ["Joy"]),
    ],
)
def test_sentence_opening_word_names_with_a_person_after_them(deid, text, expected):
    assert people(deid, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Hope is not a strategy, so the team wrote a plan.",
        "Summer was busy and the duty rota was thin.",
        "Will you call the LADO before Friday?",
        "Will she manage the stairs with the buggy?",
        "I hope the ICPC goes ahead on Tuesday.",
        "In the summer the centre closes early.",
        "Grace period for the new forms ends on the 30th.",
        "Mark the referral as draft until it has been read.",
        "Summer was hot and she stayed indoors with the fan on.",
        "Rose is not the only flower in the garden.",
        "Amber was the rating given to the team.",
        "We saw Summer holidays as a risk for missing episodes.",
        "The panel met May deadlines for the audit.",
        "Summer has arrived early this year.",
        "Spring has started and the team is busy.",
        "Hope is growing that the plan will work.",
    ],
)
def test_ordinary_uses_of_word_names_stay(deid, text):
    assert people(deid, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Writing that is all lower case: a name that is also a word, with a person around it.
        ("rang carol re summer, no answer. will try again tmrw", ["carol", "summer"]),
        ("spoke to hope at the bus stop, she was ok. hope is 11 now", ["hope", "hope"]),
        ("visited the flat. grace said the boiler is still broken", ["grace"]),
        ("jack and will (the twins) were at nursery all day. mum said they slept well", ["jack", "will"]),
        ("cover this wk is me n tez, ring the office if urgent", ["tez"]),
        ("rang the school. visit done by hope from the edge of care team. all ok", ["hope"]),
        # The next person word in the sentence points back at the name.
        ("called in on jack after school, he was in a mood. mum ok", ["jack"]),
        ("dropped rose off at contact, she was excited. mum ok", ["rose"]),
    ],
)
def test_lower_case_word_names_in_a_person_context(deid, text, expected):
    assert people(deid, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "teams link went to the wrong inbox so the meeting started late",
        "i hope the visit goes ok. will ring after",
        "summer hols start fri, rota is thin",
        "we will see how it goes, mark it as one to review",
        "went to the summer fair, she loved it. mum ok",
        "chronology was up to date to the week, her views were in it. ok",
    ],
)
def test_lower_case_writing_keeps_ordinary_words(deid, text):
    assert people(deid, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The two boys were named only as P and W by the shopkeeper.", ["P", "W"]),
        ("Child M and child D were seen. M was quiet and D did the talking.", ["M", "D", "M", "D"]),
        ("nan is bernadette, bernie for short, lives nearby", ["bernadette", "bernie"]),
        ("Surname: O'DONOGHUE. The o'donoghues moved last year.", ["O'DONOGHUE", "o'donoghues"]),
        ("Ellis (my foster son) had a good week.", ["Ellis"]),
        ("D'Marco and Ja'Nae are cousins.", ["D'Marco", "Ja'Nae"]),
        # A name that is a season, after a verb of speaking to someone.
        ("Afterwards I told Summer that we would come back.", ["Summer"]),
        ("We spoke with Autumn about her course.", ["Autumn"]),
    ],
)
def test_initials_aliases_and_irish_surnames(deid, text, expected):
    assert people(deid, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I met Hope at the unit. Hope was fine and ate lunch.", ["Hope", "Hope"]),
        ("Visited Hope at home. Hope is not a plan, so we agreed next steps.", ["Hope"]),
        ("Saw Summer at college. Summer was a busy time for the team.", ["Summer"]),
    ],
)
def test_a_word_name_known_in_the_note_opens_a_sentence(deid, text, expected):
    assert people(deid, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("CHILD: NIMCO WARSAME. MOTHER: DEEQA HASSAN ABDI.", ["NIMCO WARSAME", "DEEQA HASSAN ABDI"]),
        # A word no dictionary knows, in capitals beside a name, is the rest of the name.
        ("SUBJECT: KELLY ZORBANE. RISK: HIGH. DASH COMPLETED.", ["KELLY ZORBANE"]),
    ],
)
def test_records_in_capitals(deid, text, expected):
    assert people(deid, text) == expected


@pytest.mark.parametrize(
    "name",
    ["Hodan", "Semhar", "Zarghona", "Rojda", "Phuong", "Ionela", "Funmilayo", "Akosua", "Yuxuan", "Rubina"],
)
def test_given_names_of_many_origins_in_lower_case(deid, name):
    text = f"went to see {name.lower()} after school, all ok"
    assert people(deid, text) == [name.lower()]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dawn, the HV, said the baby was feeding well.", ["Dawn"]),
        ("Sky, her brother and mum were at home.", ["Sky"]),
        ("Summer - 7 - is at the local school.", ["Summer"]),
    ],
)
def test_names_explained_by_a_role_or_an_age(deid, text, expected):
    assert people(deid, text) == expected


@pytest.mark.parametrize(
    "text",
    ["In Summer, the children go to holiday club.", "By Friday, the worker had called twice."],
)
def test_times_before_a_role_stay(deid, text):
    assert people(deid, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Closing summary for the Young family.", ["Young"]),
        ("The Bell children were all at school.", ["Bell"]),
        ("We visited the Walkers on Tuesday.", ["Walkers"]),
        ("L (7) and T (4) were seen at home.", ["L", "T"]),
    ],
)
def test_households_and_children_by_letter(deid, text, expected):
    assert people(deid, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The Foster family were approved at panel.",
        "Family support for the Muslim family was arranged.",
        "We took a walk in the Woods behind the estate.",
        "The Browns and Greens in the colour chart were too dark.",
        "The Teams meeting failed again.",
    ],
)
def test_family_guards(deid, text):
    assert people(deid, text) == []


def test_o_clock_is_a_time(deid):
    assert people(deid, "The visit was at four o'clock, as agreed.") == []
