import pytest

from stepwise.privacy.deid import Deidentifier, Span
from stepwise.privacy.deid.patterns import nhs_number_is_valid

# All names, numbers and places below are invented.


def found(deid: Deidentifier, text: str) -> list[tuple[str, str]]:
    return [(s.type, text[s.start : s.end]) for s in deid.detect(text)]


def covered(deid: Deidentifier, text: str, needle: str, kind: str | None = None) -> bool:
    start = text.index(needle)
    end = start + len(needle)
    spans = deid.detect(text)
    letters = [i for i in range(start, end) if text[i].isalnum()]
    return all(
        any(s.start <= i < s.end and (kind is None or s.type == kind) for s in spans) for i in letters
    )


@pytest.mark.parametrize(
    ("text", "postcode"),
    [
        ("They moved to Hartmoor HM2 9DL last week.", "HM2 9DL"),
        ("new address m14 5tg - mum confirmed", "m14 5tg"),
        ("Postcode SW1A 1AA on the form was wrong.", "SW1A 1AA"),
        ("lives near EC1V9NN apparently", "EC1V9NN"),
    ],
)
def test_postcode_found_without_context_word(deid, text, postcode):
    assert ("POSTCODE", postcode) in found(deid, text)


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("Mum's mobile is 07700 900123.", "07700 900123"),
        ("Ring the school on 0161 496 0000 first.", "0161 496 0000"),
        ("Dad gave +44 7700 900456 as his number", "+44 7700 900456"),
        ("Landline (0113) 496 0555 rings out", "(0113) 496 0555"),
        ("call 020 7946 0018 after 4", "020 7946 0018"),
    ],
)
def test_uk_phone_numbers(deid, text, phone):
    assert covered(deid, text, phone, "PHONE")


def test_email(deid):
    text = "Sent to kayleigh.m99@example.co.uk and copied the duty inbox."
    assert ("EMAIL", "kayleigh.m99@example.co.uk") in found(deid, text)


def test_nhs_number_requires_valid_check_digit(deid):
    valid, invalid = "943 476 5919", "943 476 5918"
    assert nhs_number_is_valid(valid)
    assert not nhs_number_is_valid(invalid)
    assert ("NHS_NUMBER", valid) in found(deid, f"NHS no {valid} on the referral.")
    assert all(kind != "NHS_NUMBER" for kind, _ in found(deid, f"NHS no {invalid} on the referral."))


def test_ni_number_with_and_without_spaces(deid):
    assert ("NI_NUMBER", "JC 45 67 89 D") in found(deid, "NI JC 45 67 89 D for the claim.")
    assert ("NI_NUMBER", "ab123456c") in found(deid, "ni no ab123456c for him")


@pytest.mark.parametrize(
    ("text", "case_id"),
    [
        ("Case ref CP-2024-00123 was closed.", "CP-2024-00123"),
        ("LCS ID 1234567 is the older record.", "1234567"),
        ("Mosaic number 998877 shows two referrals.", "998877"),
        ("the EHM record EHM-44871 was duplicated", "EHM-44871"),
        ("prison no. A1234BC at HMP Hartmoor", "A1234BC"),
        ("their own ID (VS-1187) for the PEP", "VS-1187"),
    ],
)
def test_case_ids(deid, text, case_id):
    assert ("CASE_ID", case_id) in found(deid, text)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Kayleigh (DOB 12/03/2015) was seen.", "12/03/2015"),
        ("child: Jack, d.o.b 3.3.16", "3.3.16"),
        ("date of birth: 4th June 2012", "4th June 2012"),
        ("born on 2 Feb 2019 in Hartmoor", "2 Feb 2019"),
    ],
)
def test_dates_of_birth(deid, text, date):
    assert ("DATE_OF_BIRTH", date) in found(deid, text)


def test_other_dates_are_dates_not_dates_of_birth(deid):
    assert ("DATE", "14/05/2024") in found(deid, "Conference held on 14/05/2024 at 10am.")


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Police attended 14 Elm Road after the call.", "14 Elm Road"),
        ("DA call out at 14 elm rd. Children present.", "14 elm rd"),
        ("lives 5 byron walk with nan", "5 byron walk"),
        ("Moved into Flat 14, Kingfisher House, Canal Street, M1 3HF.", "Flat 14, Kingfisher House, Canal Street"),
        ("address: 23b Kingsway, Hartmoor", "23b Kingsway"),
        ("placed at The Willows, 3 Orchard Lane, far away", "The Willows, 3 Orchard Lane"),
        ("it was 9 the crescent - found later", "9 the crescent"),
        ("Plot 7, Meadow View Caravan Park has no post.", "Plot 7, Meadow View Caravan Park"),
        ("They live on Acacia Avenue now.", "Acacia Avenue"),
        ("home visit at 71 Bank Top found no food", "71 Bank Top"),
    ],
)
def test_addresses(deid, text, address):
    assert covered(deid, text, address, "ADDRESS")


@pytest.mark.parametrize(
    "text",
    [
        "3 kids in the park after school",
        "walked 2 miles down the road",
        "went to the High Street for shoes",
        "2 days a week at nursery",
    ],
)
def test_ordinary_phrases_are_not_addresses(deid, text):
    assert all(kind != "ADDRESS" for kind, _ in found(deid, text))


@pytest.mark.parametrize(
    ("text", "school"),
    [
        ("She started at Oakfield Primary School in September.", "Oakfield Primary School"),
        ("Transition from Little Acorns Nursery to reception.", "Little Acorns Nursery"),
        ("excluded from kingsway academy today", "kingsway academy"),
        ("dsl at st marys rang", "st marys"),
        ("K's school (St Anne's RC Primary) rang.", "St Anne's RC Primary"),
        ("He is on roll at Brookfield High.", "Brookfield High"),
        ("reggie at little explorers nursery - key worker", "little explorers nursery"),
        ("now at Wellbridge Pupil Referral Unit full time", "Wellbridge Pupil Referral Unit"),
    ],
)
def test_schools(deid, text, school):
    assert covered(deid, text, school, "SCHOOL")


@pytest.mark.parametrize(
    "text",
    [
        "The Virtual School head chaired the PEP.",
        "He moves up to secondary school next year.",
        "Our system still had primary.",
        "She loves nursery and the High School is close.",
    ],
)
def test_generic_school_words_are_not_schools(deid, text):
    assert all(kind != "SCHOOL" for kind, _ in found(deid, text))


def test_detect_returns_spans_sorted_and_typed(deid):
    text = "Mum Sarah Hughes (07700 900123) lives at 4 Elm Road, HM2 9DL."
    spans = deid.detect(text)
    assert spans == sorted(spans, key=lambda s: s.start)
    assert all(isinstance(s, Span) for s in spans)
    assert [s.type for s in spans] == ["PERSON", "PHONE", "ADDRESS", "POSTCODE"]


def test_empty_text_has_no_spans(deid):
    assert deid.detect("") == []


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("NHS number 485 777 3456 (typo?) for Maya", "CASE_ID", "485 777 3456"),
        ("NI number QQ 12 34 56 C on the letter", "NI_NUMBER", "QQ 12 34 56 C"),
        ("dad's phone 0044 7700 900126 abroad", "PHONE", "0044 7700 900126"),
        ("date of birth 03-Mar-2016 on the health record", "DATE_OF_BIRTH", "03-Mar-2016"),
        ("address: Flat 9, 14 Elm Road West, WB4 7QZ", "ADDRESS", "Flat 9, 14 Elm Road West"),
        ("visit 2 mrs tran @ flat 7 31 moorgate. kids ok", "ADDRESS", "flat 7 31 moorgate"),
        ("family on the roadside at fletcher lane lay-by since sunday", "ADDRESS", "fletcher lane"),
        ("Ref: 24/01234/CP was closed", "CASE_ID", "24/01234/CP"),
        ("Case no. 55320-GLA from the other council", "CASE_ID", "55320-GLA"),
    ],
)
def test_more_identifier_forms(deid, text, kind, value):
    assert (kind, value) in found(deid, text)


def test_school_named_after_a_street_stays_a_school(deid):
    text = "Referral from Oak Avenue Primary School today."
    assert ("SCHOOL", "Oak Avenue Primary School") in found(deid, text)
