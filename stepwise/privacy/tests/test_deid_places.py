import pytest

from stepwise.privacy.tests.deid_helpers import found

# Every place below is invented; the sentences were written for these tests.


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Current address: The Granary, Mill Race Lane, Upper Dunsby.", "The Granary, Mill Race Lane, Upper Dunsby"),
        ("Address - c/o her aunt. New address: Willowmere, Cross Keys Row", "Willowmere, Cross Keys Row"),
        ("We met the carers at Hollinbrook, 14 Tanner Street on Monday.", "Hollinbrook, 14 Tanner Street"),
        ("Home visit to Flat 3, The Cloisters this morning.", "Flat 3, The Cloisters"),
        ("She was placed at Ashcombe Lodge in the spring.", "Ashcombe Lodge"),
        ("The family live on the Marlow estate, near the shops.", "the Marlow estate"),
        ("They live at Bramble Cottage on the hill road.", "Bramble Cottage"),
        # Street names that end in something other than Road or Street.
        ("Nan lives at 9 Chapel Paddock with her dog.", "9 Chapel Paddock"),
        ("They moved to 3 Alder Grange in March.", "3 Alder Grange"),
        ("She is staying at 14 Ashby Fields for now.", "14 Ashby Fields"),
        ("c/o 18 Bellhouse Ridings", "c/o 18 Bellhouse Ridings"),
    ],
)
def test_addresses_in_unusual_forms(deid, text, address):
    assert address in found(deid, text, "ADDRESS")


@pytest.mark.parametrize(
    "text",
    [
        "Address: not known at the time of referral.",
        "The hearing is at the Crown Court and the review at the Town Hall.",
        "Council estate housing was discussed as an option.",
        "The address on the referral was out of date.",
        "The form has 14 mandatory fields and 6 are never used.",
        "Seen at 2 Sarah was asleep on the sofa.",
        "The meeting starts at 10 Monday to Friday.",
    ],
)
def test_address_guards(deid, text):
    assert found(deid, text, "ADDRESS") == []


@pytest.mark.parametrize(
    ("text", "school"),
    [
        ("Education: The Heron PRU, mornings only.", "The Heron PRU"),
        ("Referral received from Our Lady of Walsingham RC Primary today.", "Our Lady of Walsingham RC Primary"),
        ("She goes to Puddle Ducks three mornings a week.", "Puddle Ducks"),
        ("He is assessed at Larkspur (the special school) on Thursdays.", "Larkspur"),
        ("They started at Acorn Tree this week.", "Acorn Tree"),
        ("School: Fellgate. Year 5, class 2.", "Fellgate"),
        ("Nursery: Tiny Feet, three mornings.", "Tiny Feet"),
        ("A place was offered at Sunnyside Playgroup from May.", "Sunnyside Playgroup"),
        ("He is doing engineering at Hartmoor UTC.", "Hartmoor UTC"),
        # A school named by its staff.
        ("The DSL at Fellside rang the duty line.", "Fellside"),
        ("Her key worker at Treetops said she was settled.", "Treetops"),
        ("Her brother is at Little Wrens nursery in the mornings.", "Little Wrens nursery"),
        ("He moved to the Thornbury school after Easter.", "the Thornbury school"),
    ],
)
def test_schools_with_unusual_names(deid, text, school):
    assert school in found(deid, text, "SCHOOL")


@pytest.mark.parametrize(
    "text",
    [
        "She goes to Tesco with her nan on Saturdays.",
        "He attends ICPC reviews with his mum.",
        "Mum goes to Hartmoor Youth Club on Fridays.",
        "Mrs Patel, the school nurse, rang the duty line.",
        "He attends Cubs on Tuesdays and goes to Dance on Saturdays.",
        "The boys, Tyler and Reece, were at school all day.",
        "Setting: Early Years, 30 hours funded.",
        "The SENCo at Year 9 level has changed.",
        "School: not known.",
        "Polish Saturday school and Sunday school are both on the calendar.",
        "Primary school places are allocated in April.",
        "The Special school run is by taxi.",
    ],
)
def test_school_guards(deid, text):
    assert found(deid, text, "SCHOOL") == []


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Her date of birth is the 4th of May 2016, per the GP.", "the 4th of May 2016"),
        ("He was born on the 3rd of June 2012 in hospital.", "the 3rd of June 2012"),
        ("Baby born 09/2015 according to mum.", "09/2015"),
    ],
)
def test_dates_of_birth_in_sentences(deid, text, date):
    assert date in found(deid, text, "DATE_OF_BIRTH")
