import re
from collections.abc import Iterator

from stepwise.privacy.deid.lexicon import (
    BUILDING_SUFFIXES,
    GENERIC_SCHOOL_WORDS,
    STREET_SUFFIXES,
    TITLES,
    TRADE_WORDS,
    words,
)
from stepwise.privacy.deid.spans import Span

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")

# Full UK format (outward + inward code), upper or lower case, space optional.
POSTCODE = re.compile(
    r"(?<![A-Za-z0-9])(?:GIR ?0AA|"
    r"(?:[A-PR-UWYZ][0-9][0-9A-HJKPSTUW]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9ABEHMNPRVWXY]?)"
    # Any two letters after the digit: written postcodes are not always valid ones.
    r"\s?[0-9][A-Z]{2})(?![A-Za-z0-9])",
    re.IGNORECASE,
)
# Lower-case postcodes are checked again: "y7 4th" and "ks2 3pm" are a school year and a time.
_NOT_INWARD = re.compile(r"\d(?:th|st|nd|rd|am|pm)$", re.IGNORECASE)
_NOT_OUTWARD = re.compile(r"(?:y|yr|ks|\w+\d\s?\d(?:am|pm)$)", re.IGNORECASE)

PHONE = re.compile(
    r"(?<![\w+])(?:"
    r"(?:\+44\s?(?:\(0\)\s?)?|0044\s?|\(0)\d{2,4}\)?(?:[\s-]?\d){6,8}"
    # A number abroad: "+48 512 345 678", "+234 803 123 4567".
    r"|\+(?!44)\d{1,3}[\s-]?\(?\d{1,4}\)?(?:[\s-]?\d){6,10}"
    r"|0[\s-]?\d(?:[\s-]?\d){8,9}"
    r")(?!\d)"
)

DIALLING_CODE_BEFORE = re.compile(r"(?:\+\d{1,3}|\(0\))\s?$")
NHS_NUMBER = re.compile(
    r"(?<![\w])([1-9]\d{2})([\s-]?)(\d{3})\2(\d{4})(?![\w])"
    # "5677 482 811": grouped four, three, three.
    r"|(?<![\w])(?P<a>[1-9]\d{3})(?P<sep>[\s-])(?P<b>\d{3})(?P=sep)(?P<c>\d{3})(?![\w])"
)

# After a label any two letters pass: example and temporary prefixes still identify someone.
LABELLED_NI_NUMBER = re.compile(
    r"\b(?:NI|NINO|N\.I\.|national\s+insurance)(?:\s*(?:no\.?|number|num))?\s*[:#.]?\s*"
    r"(?P<value>[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D])(?![A-Za-z0-9])",
    re.IGNORECASE,
)
LABELLED_NHS = re.compile(
    r"\bNHS(?:\s*(?:no\.?|number|num))?\s*[:#.]?\s*(?P<value>\d(?:[\s-]?\d){9})(?!\d)",
    re.IGNORECASE,
)
NI_NUMBER = re.compile(
    r"(?<![A-Za-z0-9])(?!BG|GB|NK|KN|TN|NT|ZZ|bg|gb|nk|kn|tn|nt|zz)"
    r"[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D](?![A-Za-z0-9])",
    re.IGNORECASE,
)

_CASE_LABEL = (
    r"(?:LCS|Mosaic|EHM|Liquid\s?logic|Eclipse|ContrOCC|Carefirst|Framework-?i|Azeus|"
    r"ICS|CRN|URN|UPN|ULN|case|ref|reference|client|person|child|record|file|crime|"
    r"incident|log|CAD|referral|ID|NHS|PNC|ticket|prison|prisoner|hosp|hospital|MRN|pupil|YOT|proceedings|court|"
    r"occ|occurrence|MISPER|SWIFT|nDelius|Delius|PPN|"
    r"claim|tenancy|account|HO|Home Office|HMP)"
)
LABELLED_CASE_ID = re.compile(
    rf"\b{_CASE_LABEL}\s*(?:no\.?|number|num|ref\.?|reference|id|ID|#)?(?:\s+(?:is|was))?\s*[:#.(]?\s*"
    # "ID LL 204417", "ref number is BB-SG-0098": letters in capitals before the digits.
    rf"(?P<value>(?:(?!{_CASE_LABEL}\s)(?-i:[A-Z]{{1,8}}\d{{0,3}})\s|[A-Za-z]{{1,10}}[-/]){{0,2}}"
    r"[A-Z]{0,5}[-/]?\d[\dA-Z/-]*\d[A-Z]{0,3}(?:[-/][A-Z]{1,4})?(?:\s\d{2,4}[A-Z]?(?![\d:]))*)\b",
    re.IGNORECASE,
)
CASE_ID = re.compile(
    r"(?<![\w/-])(?:[A-Z]{2,5}[-/]\d{2,4}[-/]\d{2,7}|[A-Z]{1,5}-?\d{5,}[A-Z]?|[A-Z]{2,5}(?:-[A-Z]{1,5}){0,2}-\d{4,}"
    # "CLA/4412": a register's letters and a number that is not a year.
    r"|[A-Z]{2,5}/(?!(?:19|20)\d{2}(?![\d/-]))\d{4,}"
    # "HM23C00834": a court's letters, the year, a letter and the number.
    r"|[A-Z]{1,4}\d{2}[A-Z]\d{4,}"
    # "LL 204417": a system's letters, a space and the number.
    r"|(?!(?:NHS|NI|DOB|TEL|MOB|REF|ID|PC|DC|DS|CAD|LOG|NO|UPN|ULN|URN|CRN|LCS|EHM|ICS|PNC|MRN|YOT|HO|CP|CIN|MIS)\s)"
    r"[A-Z]{2,4}\s\d{5,}"
    r"|\d{6,})(?![\w/-])"
)

# "LAC number 00981", "CP ref 2231": the trade's own registers, numbered.
REGISTER_NUMBER = re.compile(r"\b(?:LAC|CLA|CIN|CP|EHCP|CIC)\s+(?:number|no\.?|ref|id)\s*[:#]?\s*(?P<value>\d{3,})\b")
# Any code of digits with letters or separators, unlabelled: "13/88214/24", "mis/4471/24",
# "WY-2024-117732". Five digits or more; dates, year ranges, times and money are not codes.
ANY_REFERENCE = re.compile(
    r"(?<![\w/.£-])(?:(?:[A-Za-z]{1,6}[-/]){1,3}[A-Za-z]{0,6}\d[\dA-Za-z]*(?:[-/][\dA-Za-z]+){0,4}"
    r"|[A-Za-z]{0,6}\d[\dA-Za-z]*(?:[-/][\dA-Za-z]+){1,4})(?![\w/-])"
)
NOT_A_REFERENCE = re.compile(
    r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}[/-]\d{1,2}(?:[/-]\d{1,2})?|(?:19|20)\d{2}[/-](?:19|20)?\d{2}"
    r"|\d{1,4}[/-]\d{1,4}",
    re.IGNORECASE,
)

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary|uary|urary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_ORD = r"(?:st|nd|rd|th)?"
DATE = re.compile(
    r"(?<![\w/.-])(?:"
    r"\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})"
    # "12 / 03 / 2015", "2015/3/12": spaced separators and the year first.
    r"|\d{1,2}\s[/.-]\s?\d{1,2}\s?[/.-]\s?(?:\d{4}|\d{2})(?!\s?[/.-]\s?\d)"
    r"|\d{4}[/.-]\d{1,2}[/.-]\d{1,2}"
    # "Hibaq (07/2014)": a month and a year.
    r"|(?:0?[1-9]|1[0-2])/(?:19|20)\d{2}"
    rf"|\d{{1,2}}{_ORD}\s+(?:of\s+)?{_MONTH},?(?:\s+(?:\d{{4}}|'\d{{2}}))?"
    rf"|{_MONTH}\s+\d{{1,2}}{_ORD}(?:,?\s+\d{{4}})?"
    rf"|{_MONTH}\s+\d{{4}}"
    rf"|\d{{1,2}}[-/ ]{_MONTH}[-/ ](?:\d{{4}}|\d{{2}})"
    r")(?![\w/])",
    re.IGNORECASE,
)
WEEKDAY_BEFORE = re.compile(r"(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+$")
DOB_CONTEXT = re.compile(
    # "dob as the 9th of May 2008", "his birth date is the 9 of march 2015".
    r"(?:(?:\bdob|\bd\.o\.b\.?|date\s+of\s+birth|\bbirth\s?date|\bbirthday)"
    r"(?:\s+(?:is|was|as|given\s+as|recorded\s+as))?(?:\s+the)?"
    r"|\bborn(?:\s+on|\s+in)?(?:\s+the)?|\bb\.)"
    # "Date of birth: the 9th of December 2014".
    r"(?:\W{0,4}the\s)?"
    r"\W{0,4}$",
    re.IGNORECASE,
)
# The label before a date of birth, written out in figures or in words.
_BIRTH_LABEL = r"(?:\bdob|\bd\.o\.b\.?|date\s+of\s+birth|\bborn(?:\s+on)?)"
LABELLED_BIRTH_DIGITS = re.compile(
    rf"{_BIRTH_LABEL}(?:\s+(?:is|was|as))?\s*[:=–-]?\s*"
    r"(?P<value>\d{1,4}(?:[\s./-]{1,2}\d{1,4}){1,2}(?![\d:])"
    # "DOB 4 Mai 2014": a month in any language between the day and the year.
    r"|\d{1,2}(?:st|nd|rd|th)?\s+[^\W\d_]{3,10}\.?\s+['’]?\d{2,4}\b"
    # "12th of the 4th 2017", "DOB is the 3rd of the 9th 2015".
    r"|(?:the\s+)?\d{1,2}(?:st|nd|rd|th)\s+of\s+the\s+\d{1,2}(?:st|nd|rd|th)\s+\d{2,4}\b)",
    re.IGNORECASE,
)
DATE_AFTER_NAME = re.compile(r"(?-i:[A-Z][a-z'’-]+|[A-Z]{2,})\s*\(\s*$")
CLOSING_BRACKET = re.compile(r"\s*\)")
YEAR_END = re.compile(r"\d{2,4}$")
BORN_ABBREVIATED = re.compile(r"\b[bB]\.\s?(?P<value>\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2}))(?![\d/-]|\.\d)")
_ORDINAL_WORDS = (
    r"(?:(?:twenty|thirty)[\s-])?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)"
    r"|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth"
    r"|twentieth|thirtieth"
)
_NUMBER_WORDS = (
    r"and|oh|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|thousand"
)
# "the twelfth of April twenty twenty-one": a date said aloud, as in a voicemail written down.
_SPOKEN_YEAR = rf"(?:nineteen|twenty|two\s+thousand)(?:[\s-]+(?:{_NUMBER_WORDS})\b(?:-\w+)?){{0,3}}"
_MONTH_ORDINAL = r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth)"
SPOKEN_DATE = re.compile(
    # "ninth of May 2013": the year in figures after a day said in words.
    rf"\b(?:the\s+)?(?:{_ORDINAL_WORDS})\s+of\s+(?:{_MONTH}(?:,?\s+(?:{_SPOKEN_YEAR}|(?:19|20)\d{{2}}\b))?"
    # "the nineteenth of the ninth twenty seventeen": the month by its number, then the year.
    rf"|the\s+{_MONTH_ORDINAL},?\s+{_SPOKEN_YEAR})",
    re.IGNORECASE,
)
# "date of birth oh four oh seven two thousand and nine", "dob oh-four oh-six twenty-three".
LABELLED_SPOKEN_BIRTH = re.compile(
    rf"(?=[db]){_BIRTH_LABEL}(?:\s+(?:is|was))?\s*[:,-]?\s*"
    rf"(?P<value>(?:(?:{_NUMBER_WORDS})[\s-]+){{3,}}(?:{_NUMBER_WORDS}))\b",
    re.IGNORECASE,
)
# Numbers said aloud, as voicemails and dictation write them down.
UNIT_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TEEN_WORD = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
_DIGIT_WORD = rf"(?:oh|zero|nought|{UNIT_WORD})"
# One to ninety-nine: "forty one", "twenty-two".
SPOKEN_NUMBER = rf"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-]{UNIT_WORD})?|{UNIT_WORD}|{_TEEN_WORD})"
_SMALL_NUMBER = rf"(?:\d{{1,2}}|{UNIT_WORD}|{_TEEN_WORD}|twenty)"
_INWARD_DIGIT = rf"(?:\d|oh|zero|{UNIT_WORD})"
# "postcode W B four, nine N Q", "W B 3 6 N J": a postcode spelt out, letter by letter.
SPOKEN_POSTCODE = re.compile(
    rf"(?<![\w])[A-Z]\s?[A-Z]?\s?{_SMALL_NUMBER},?\s+{_INWARD_DIGIT}\s[A-Z]\s?[A-Z](?![\w])"
    # "postcode h m two four e x": dictated in lower case, after the word.
    rf"|(?<=postcode\s)[a-z]\s?[a-z]?\s?{_SMALL_NUMBER},?\s+{_INWARD_DIGIT}\s[a-z]\s?[a-z](?![\w])"
)
# "at flat four twenty two mercer street", "number nine blackthorn way": an address dictated.
SPOKEN_ADDRESS = re.compile(
    rf"(?<![\w-])(?:(?:flat|number|plot)\s+{SPOKEN_NUMBER}(?:\s[a-d])?,?\s+)?(?:{SPOKEN_NUMBER}(?:\s[a-d])?\s+)?"
    r"(?-i:[a-z]{3,}(?:\s[a-z]{3,})?)\s+(?:street|road|lane|way|close|drive|avenue|crescent|grove|terrace|gardens)\b",
    re.IGNORECASE,
)
# "oh one six three two nine six oh double four seven": a telephone number said aloud.
SPOKEN_PHONE = re.compile(
    # "oh seven seven hundred nine hundred…": "hundred" is two noughts.
    rf"\b(?:oh|zero|nought)(?:[\s,-]+(?:(?:double|treble|triple)\s+)?(?:{_DIGIT_WORD}|hundred)){{5,12}}\b",
    re.IGNORECASE,
)
SHORT_YEAR = re.compile(r"\s+\d{2}\b(?![/.:-]\d)")
BIRTH_YEAR = re.compile(
    r"\b(?:born|dob|d\.o\.b\.?)(?:\s+in)?\s*:?\s*((?:\d{1,2}[/.-])?(?:19|20)\d{2})\b(?![/.-]\d)", re.IGNORECASE
)

_SUFFIX = "|".join(sorted(STREET_SUFFIXES, key=len, reverse=True))
_BUILDING = "|".join(sorted(BUILDING_SUFFIXES, key=len, reverse=True))
# "St" and "Dr" are street suffixes only when no name follows them ("St Mary's", "Dr Okafor").
# A placeholder of an earlier redaction stands where a name stood.
# Other street words end the street even before a capital ("Vicarage Road Wellbridge", "Cowdray
# Lane Traveller site"), unless a school, surgery or the like is named after the street.
_SUFFIX_END = (
    r"\b(?!(?<=\b(?i:st|dr))\s+(?-i:[A-Z][a-z]|\d|\[|¤))(?!\s+(?:\[|¤))"
    r"(?!(?<=\b(?i:st))\s+[a-z]+['’]?s?\s+(?i:road|street|lane|avenue|close|drive|way|terrace|crescent|grove|gardens)\b)"
    # "Meadow View Caravan Park", "3 Orchard Lane": the street runs on to its last street word.
    rf"(?!\s+(?:(?-i:[A-Z][a-z]+)\s+){{0,2}}(?-i:{_SUFFIX.title()}|{_SUFFIX.upper()})\b)"
    # "2 spinney close": in lower case only a common street word straight after ("Sandy Lane site"
    # ends at Lane).
    r"(?!\s+(?-i:close|lane|road|street|way|drive|avenue|view|walk|court|grove|gardens|crescent|terrace|mews|rd|st)\b)"
    # "14 hill top rd": "hill" is part of the name when a street word follows the next word.
    r"(?!\s+(?-i:[a-z]+)\s+(?-i:rd|road|st|street|lane|ln|close|drive|avenue|ave)\b)"
    r"(?!\s+(?i:primary|school|academy|nursery|infants?|juniors?|college|surgery|medical|health|clinic|centre|"
    r"center|hospital|church|chapel|mosque|temple|gurdwara|high|grammar|pre-school|family|community|youth|j\s?&\s?i|"
    r"sports|leisure|library|practice|police|fire|station|education|learning|training"
    r"|(?-i:Children['’]s|CHILDREN['’]S))\b)"
)
_WORD = r"[A-Za-z][A-Za-z'’-]*"
_DIRECTION = r"(?:\s+(?-i:North|South|East|West|Upper|Lower))?"
ADDRESS_NUMBERED = re.compile(
    # Every address here starts with a flat, a capitalised building name or a number; saying
    # so up front spares the engine trying the rest at every lower-case word.
    r"(?<![\w])(?=(?-i:[A-Z0-9])|(?:flat|apartment|apt|unit|room|plot|pitch|caravan|bay|no|number)\b)"
    r"(?P<unit>(?:flat|apartment|apt|unit|room|plot|pitch|caravan|bay)\s+(?:\d+(?:/\d+)?[A-Za-z]?|[A-Za-z])\b\s*,?\s+"
    # "2/1, 45 Argyle Street": a Scottish flat's floor and door before the number.
    r"|\d/\d,\s+(?=\d))?"
    rf"(?P<building>(?-i:(?:[A-Z][\w'’-]*\s+){{1,3}}(?:{_BUILDING.title()})|The\s+[A-Z][a-z]+)\s*,?\s+)?"
    # "21-23 High Street", "21 -23": a range, but "2016-05-21 - 7 Hollins Lane" is a date, then the house.
    r"(?P<number>(?:No\.?\s*|number\s+)?\d+(?:/\d+)?[A-Za-z]?(?:-\s?\d+[A-Za-z]?|\s-\d+[A-Za-z]?)?\s*,?\s+)?"
    rf"(?P<street>(?:{_WORD}\s+){{0,4}}?)(?P<suffix>{_SUFFIX}){_DIRECTION}{_SUFFIX_END}",
    re.IGNORECASE,
)
# "Room 12, the Beeches, Orchard Way", "flat 7 above the chip shop, 3 Mill Lane": a flat, room or
# unit and whatever follows it up to the first street word.
ADDRESS_UNIT_TO_STREET = re.compile(
    r"(?<![\w])(?i:flat|apartment|apt|room|unit)\s+\d+[A-Za-z]?\b"
    rf"[^.\n;:()!?]{{0,60}}?\s(?P<last>[A-Za-z][\w'’-]*)\s+(?i:{_SUFFIX})\b(?!\s+(?-i:[A-Z][a-z]))"
)
# Streets named in one word after a house number: "23b Kingsway", "4 Highgate".
ADDRESS_ONE_WORD = re.compile(
    r"(?<![\w])(?:No\.?\s*)?\d+[A-Za-z]?,?\s+(?:[A-Z][a-z]+(?:way|gate)|The\s+[A-Z][a-z]{2,})\b"
)
# "flat 7 31 cheapside": a flat and a house number make an address even without a suffix.
ADDRESS_FLAT_NUMBER = re.compile(
    r"(?<![\w])(?i:flat|apartment|apt|unit)\s+\d+[A-Za-z]?,?\s+\d+[A-Za-z]?,?\s+[A-Za-z][A-Za-z'’-]+"
)
# "at cooper lane": a street named after a preposition, in any case.
# "at connors flat on gaskell st", "the hostel on queen st": a street in lower case after "on".
ADDRESS_ON_LOWER_ST = re.compile(
    # "on Wharf st", "flats on gas st. hope is…": but "on st. anne's" is a saint.
    r"\b(?i:on|off|along)\s+(?P<street>(?P<name>[A-Za-z][a-z'’]{2,})\s+st|(?P<upper>[A-Z][A-Z'’]{2,})\s+ST)\b"
    r"(?!['’]|\.?\s*[a-z]+['’]s\b|\s+[A-Z])"
)
# "jade (the 15yo at ruskin house)": a named building in lower case, named with no word.
ADDRESS_LOWER_BUILDING = re.compile(r"\b(?:at|to|from|in)\s+(?P<name>[a-z]{3,})\s+(?:house|court|lodge|towers?|hall|mansions)\b")
ADDRESS_AFTER_PREPOSITION = re.compile(
    r"\b(?:at|on|off|from|near|along|via|to|in|into|opposite|behind|(?:end|top|bottom|corner)\s+of)\s+(?:the\s+)?(?P<street>(?P<name>[A-Za-z][a-z'’]+)\s+"
    r"(?:lane|road|street|avenue|close|drive|crescent|grove|gardens|terrace|mews|rd|ave|way|walk|rise|court|"
    rf"place|square|fold|croft|row|parade|wharf|yard|chase|grange|dene|garth|paddock|spinney){_SUFFIX_END})",
    re.IGNORECASE,
)
ADDRESS_FLAT_BUILDING = re.compile(
    r"(?<![\w])(?i:flat|apartment|apt|unit|room)\s+\d+(?:/\d+)?[A-Za-z]?,?\s+"
    rf"(?:(?:[A-Z][A-Za-z'’-]*\s+){{1,3}}(?:{_BUILDING.title()}|{_BUILDING}|{_BUILDING.upper()})\b"
    r"|The\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\b)"
)
# "flat 2 cobden hse", "room 4 the briars", "pitch 14 greenacres site": the same in lower case.
ADDRESS_FLAT_LOWER = re.compile(
    r"(?<![\w])(?:flat|fl|apartment|apt|unit|room|pitch|plot)\s+\d+[a-z]?,?\s+"
    r"(?:(?:[a-z][a-z'’-]*\s+){1,3}(?:house|hse|court|ct|towers?|lodge|mansions|hall|hostel|block|point|heights|site)\b"
    r"|the\s+[a-z]{3,}\b)"
)
# A named building without a number ("at Fernbank Lodge", "Nelson Tower"): only when every word
# before the suffix is one no dictionary knows, so "Town Hall" and "Crown Court" stay.
# "block is Hazel Court", "lives at Rose Court": a building named with ordinary words, where
# someone lives.
ADDRESS_BUILDING_LIVED_IN = re.compile(
    r"\b(?i:block\s+is|lives\s+(?:at|in)|living\s+(?:at|in)|staying\s+(?:at|in)|moved\s+to|placed\s+at)\s+"
    r"(?P<name>(?:[A-Z][a-z]+\s+){1,2}(?:Court|House|Tower|Towers|Lodge|Mansions|Heights|Point|Buildings))\b"
)
ADDRESS_NAMED_BUILDING = re.compile(
    r"(?<![\w'’])(?P<name>(?:[A-Z][a-z]+[ -]){1,2})"
    r"(?:Lodge|Cottage|Cottages|Farm|Manor|Mansions|Tower|Towers|Villa|Bungalow|House|Court|Hall|Barn|Mill)\b"
)
SCHOOL_WORD_AFTER = re.compile(r"\s+(?i:primary|school|academy|nursery|infants?|juniors?|pre-?school|college)\b")
# "The Bungalow, Hollins Farm": a home named as what it is.
_HOME_NAMES = (
    r"Bungalow|Cottage|Farmhouse|Barn|Stables|Granary|Coach\s+House|Lodge|Annexe|Flat|"
    r"Forge|Rectory|Vicarage|Manse|Mill|School\s+House|Post\s+Office|Smithy"
)
THE_HOME = re.compile(
    rf"(?<![\w])The\s+(?:Old\s+)?(?:{_HOME_NAMES})\b"
    r"(?=\s*,\s*(?:\d|[A-Z]))"
    # "mum at The Old Forge in Hartmoor": an old building someone lives in.
    rf"|(?<=\bat\s)The\s+Old\s+(?:{_HOME_NAMES})\b"
)
HOME_SUFFIXES = words("Cottage Cottages Farm Lodge Bungalow Villa Barn Manor")
# "the Jubilee estate", "Beechwood Estate": where a family lives.
ADDRESS_ESTATE = re.compile(r"(?<![\w])(?P<name>(?:[A-Z][a-z]+\s+){1,2})[Ee]state\b")
_NOT_ESTATE = words("council housing real industrial trading business retail private the an a this that our")
# "Address: The Old Forge, Back Lane, Little Hartmoor": after the label comes the address,
# whatever its form, up to the end of the line or sentence (the postcode is found on its own).
ADDRESS_LABEL = re.compile(
    r"\b(?:(?:new|home|current|last\s+known|previous|old)\s+)?(?:address|addr)(?:\s+(?:is|was|now|on\s+file))?"
    r"\s*[:–]\s*"
    # "her new address is Meadow View, Hartmoor": a capital after "address is" starts the address.
    r"|\b(?:address|addr)\s+(?:is|was|now)\s+(?=(?-i:[A-Z0-9]))",
    re.IGNORECASE,
)
_LABEL_END = re.compile(
    # "address now 14 Quarry Hill Rd - K & L Nguyen": a dash starts what comes next.
    r"[.;\n()]\s|[;\n()]|\.$|\s[-–—]\s|\s+(?i:tel|phone|mob|mobile|dob|email|e-mail|nhs)\b"
    # The placeholder of an earlier redaction ("[POSTCODE]") ends the address, as the postcode did.
    r"|\s*,?\s*\[(?:PERSON \d+|[A-Z_]+)\]"
)
_NOT_AN_ADDRESS = words("not unknown n/a na nfa none withheld tbc same as see no")
# "lives at 14 Ashby Fields", "moved to 3 Larch Grange": a house number and a proper name after
# a word that says where someone lives, whatever the street is called.
ADDRESS_AFTER_WHERE = re.compile(
    r"\b(?i:at|to|from|c/o|home:|address:?|lives|living|staying)\s+(?P<address>(?i:no\.?\s*)?\d{1,4}[A-Za-z]?,?\s+"
    r"(?P<words>[A-Z][a-z'’]+(?:\s+[A-Z][a-z'’]+){1,2}))\b"
)
# "Attended 40 Cheapside, Wellbridge WB2 8LN": a number and a name before a town and a postcode.
ADDRESS_BEFORE_POSTCODE = re.compile(
    r"(?<![\w/.:-])(?P<address>(?i:no\.?\s*)?\d{1,4}[A-Za-z]?,?\s+"
    # "43b northgate, hm2 7nd": in lower case, one or two words.
    r"(?P<words>[A-Z][a-z'’]+(?:\s+[A-Z][a-z'’]+){0,2}|[A-Z][A-Z'’]+(?:\s+[A-Z][A-Z'’]+){0,2}|[a-z]{4,}(?:\s+[a-z]{3,})?))"
    r",?\s+(?:[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?,?\s+|[A-Z]+(?:\s+[A-Z]+)?,?\s+)?$"
)
# "Attended 40 Cheapside, Wellbridge", "lives at 3 Larkspur.": a number and a name no dictionary
# knows, ending a phrase.
ADDRESS_NUMBER_NAME = re.compile(
    # "2 Pen-y-Bryn": Welsh names join their words with a short lower-case one.
    r"(?<![\w/.:£$%-])(?P<address>\d{1,4}[A-Za-z]?\s+(?P<words>[A-Z][a-z'’]+(?:-[a-z]{1,3}-[A-Z][a-z]+)?(?:\s+[A-Z][a-z'’]+){0,2}))"
    r"(?=\s*(?:[,;()\n]|\.(?:\s|$)|$))"
)
# "missing from 27 Ashgrove most weekends": after a word of where someone is, whatever follows.
ADDRESS_PLACE_NUMBER_NAME = re.compile(
    r"\b(?i:from|at|to|on|lives|living|staying|address|visited)\s+"
    # "im at 43 rydal now", "lives at 64b chapelfield": in lower case, one word.
    r"(?P<address>\d{1,4}[A-Za-z]?\s+(?P<words>[A-Z][a-z'’]+(?:\s+[A-Z][a-z'’]+){0,2}|[a-z]{4,}))\b"
    # "Seen at 2 Sarah was asleep": a time, then someone.
    r"(?!\s+(?:was|is|has|had|said|were|and|came|went|left|got)\b)"
)
# "placed at Hollybank", "PLACED AT HOLLYBANK", "Flat 34 she thinks", "Caravan 14": a home named
# in one word where someone lives, and a numbered flat, caravan, pitch or plot on its own.
ADDRESS_HOME_AFTER = re.compile(
    r"\b(?i:placed|lives|living|staying|stays|moved|resides|residing)(?:\s+(?i:nearby|now|still|locally))?\s+(?i:at|to|in)\s+"
    r"(?P<name>(?P<the>The\s+)?[A-Z][a-z]{3,}|[A-Z]{4,})\b(?!['’]|\s+(?-i:[A-Z]))"
)
_HOUSE_WORDS = words("grange orchard paddock rectory vicarage croft manor mount lodge cottage gatehouse old")
# "Key worker at the Larches", "staff at the willows": a home named for its trees.
ADDRESS_THE_TREES = re.compile(
    r"\b(?i:at|to|from|in)\s+(?P<name>(?i:the)\s+(?i:larches|willows|beeches|limes|elms|oaks|pines|firs|cedars|hollies|laurels|"
    r"poplars|maples|birches|chestnuts|sycamores|rowans|hawthorns|yews|alders|aspens|cherries|acacias|gables|sidings|maltings"
    # "his old address at the Foyer": the young people's hostel.
    r"|(?-i:Foyer)))\b"
)
ADDRESS_CAPITAL_UNIT = re.compile(
    r"(?<![\w])(?-i:Flat|FLAT|Caravan|CARAVAN|Pitch|PITCH|Plot|PLOT)\s+\d{1,4}[A-Za-z]?\b"
    r"(?!\s*(?:%|pm|am|mins?|hours?|days?|weeks?|months?|years?)\b)"
)
# "Pitch 6, Cold Harbour site", "caravan 3, Meadowbank Farm", "pitch 3, Hazel Farm caravan park":
# a numbered pitch or caravan and the site it is on.
ADDRESS_UNIT_ON_SITE = re.compile(
    r"(?<![\w])(?i:pitch|plot|caravan|bay|unit|ap\.|apt\.?)\s+\d{1,4}[A-Za-z]?,?\s+"
    r"(?:(?:[A-Z][a-z]+\s+){0,2}[A-Z][a-z]+(?:\s+(?:caravan|Caravan|[Tt]ravellers?['’]?|Gypsy)){0,2}\s+(?:site|park|yard|Site|Park|Yard)"
    r"|(?:[A-Z][a-z]+\s+){0,2}(?:Farm|Site|Park|Yard|Fields|Meadows?|Lodge)\b"
    r"|\d{1,4}[A-Za-z]?\s+(?:[A-Z][a-z]+\s+){1,2}(?-i:[A-Z][a-z]+))"
)
# Welsh streets put the street word first: "Heol y Felin", "14 Llys Derwen", "2 heol y felin".
_WELSH_STREET = r"(?:heol|ffordd|lôn|stryd|llys|rhodfa|maes|teras|cilgant)\s+(?:(?:y|yr)\s+)?"
ADDRESS_WELSH = re.compile(
    rf"(?<![\w])(?:\d{{1,4}}[A-Za-z]?,?\s+(?i:{_WELSH_STREET})[a-zâêîôûŵŷ]{{3,}}|(?:\d{{1,4}}[A-Za-z]?,?\s+)?"
    rf"(?-i:(?:Heol|Ffordd|Lôn|Stryd|Llys|Rhodfa|Maes|Teras|Cilgant)\s+(?:(?:y|yr)\s+)?[A-Z][a-zâêîôûŵŷ]{{2,}}))"
)
RANK_BEFORE = re.compile(r"\b(?i:pc|dc|ds|di|sgt|pcso|insp|dci|dsi|officer|collar|badge)\s+$")
PLACE_BEFORE = re.compile(r"\b(?i:at|to|from|lives|living|staying|visited|attended|address)\s+$")
# "lady at bay 12", "post goes c/o Plot 9", "the baby at no.15": a numbered place on a site or street.
ADDRESS_BARE_UNIT = re.compile(r"(?:\b(?i:at|c/o|from|to|in|on|outside)\s+|\((?=(?i:no)\.?\s?\d{1,4}[a-z]?\)))(?P<unit>(?i:bay|plot|pitch|no\.?)\s*\d{1,4}[a-z]?|(?i:number)\s*\d{1,4}[a-z]?(?=\s*(?:[,.;)!?]|$)))\b(?!\s*(?:%|pm|am|mins?|hours?|weeks?))")
# "3 Esplanade", "12 Broadway": a street named by its street word alone.
ADDRESS_SUFFIX_ONLY = re.compile(r"(?<![\w/.:£-])\d{1,4}[A-Za-z]?\s+(?:The\s+)?(?:Esplanade|Broadway|Promenade|Parade|Quay|Circus|Crescent|Boulevard)\b")
# A house name before a numbered address: "carers at Rosewood, 2 Millers Lane".
HOUSE_NAME_BEFORE = re.compile(
    r"(?:\b(?i:at|to|from|of|is)\s+[\"“]?|:\s*|\(\s*|,\s*(?=The\s)|,\s*(?=the\s+[a-z]+,))(?P<name>(?:(?:[Tt]he\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?|the\s+[a-z]{3,})"
    # "at Hillside children's home, 2 Pound Lane": what the house is, before its street.
    r"(?:\s+(?i:children['’]s\s+home|care\s+home|hostel|refuge))?),\s*$"
)
_STRONG_SUFFIX = (
    r"Street|Road|Rd|Avenue|Ave|Lane|Close|Drive|Crescent|Cres|Grove|Gardens|Gdns|"
    r"Terrace|Mews|Way|Rise|Square|Walk|Parade|Boulevard|Approach|End"
)
ADDRESS_STREET = re.compile(
    # "Pen-y-Bryn Road": Welsh names join their words with a short lower-case one.
    rf"(?<![\w])(?P<street>(?:[A-Z][a-z'’]+(?:-(?:[a-z]{{1,3}}-)?[A-Z][a-z'’]+)?\s+){{1,3}})(?:{_STRONG_SUFFIX}|St){_SUFFIX_END}"
)
# "lives on Meadow View", "the flat at Ashby Fields", "moved to Kestrel Court": a street word of
# any kind after a preposition, when the words before it name a place rather than a thing.
ADDRESS_AFTER_PLACE_WORD = re.compile(
    r"\b(?P<lead>(?:(?i:live|lives|living|lived|moved|moving|staying|stays|stayed|resides|home|house|flat|address|visited|"
    r"visit|property|tenancy|placed|placement)\s+)?)(?i:at|on|in|to|from|off)\s+"
    r"(?P<street>(?P<words>(?:[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?\s+){1,3})"
    rf"(?-i:{_SUFFIX.title()}))\b(?!\s+(?-i:[A-Z][a-z]))"
)
# Words that make a kind of road rather than the name of one.
_ROAD_WORDS = words(
    "bus cycle slip ring dirt country private main busy quiet long short wrong right left "
    "fast slow outside inside bypass access service trunk"
)
_LOWER_SUFFIXES = words("street st road rd avenue ave av lane ln close cl drive dr way crescent cres grove gardens "
    "view cottages terr tce "
    "gdns terrace mews walk rise court ct place pl square sq parade row grange glade paddock dene "
    "bank fold croft vale meadow wharf yard gate chase lea garth copse spinney "
    "orchard nook wynd drove ridge dell mead crest quay hollow boulevard esplanade promenade hill")
_FUNCTION_WORDS = words("the a an in at on to of and or for with by from my his her their our your this that "
    "these those were was is are be been it its he she they we you i me him them us "
    "there here into onto over under up down out off about after before")
# A clause rather than an address: "Flat 9 was damp and the landlord at Park Lane…".
# Words that start the name of a public place or an event, not a street.
_NOT_PLACE_NAME = words("town city county crown magistrates family youth police fire civic leisure sports "
    "community health medical children's childrens")
# "at crown court", "on the school run": not streets.
_NOT_A_STREET_NAME = words("crown magistrates food supreme appeal play skate school church fast right wrong "
    "long same every which what whichever either one other")
_CLAUSE_WORDS = words("was is were are be been has had have and but would will could should not he she they we i "
    "said says did does")
# Words before "Street" that make a generic phrase rather than an address.
_GENERIC_STREET_WORDS = _FUNCTION_WORDS | words("high main same next other every any each local new old back front side")

_SCHOOL_SUFFIX = (
    r"School|Primary|Secondary|Middle|Academy|College|Nursery|Pre-?[Ss]chool|Infants?|Juniors?|High|Grammar|"
    r"Pupil Referral Unit|PRU|UTC|Montessori|Playgroup|Kindergarten|Cr[eè]che|(?:Sixth|6th) Form(?:\s+(?:Centre|College))?|"
    # A centre is a school when an education word says so: "Hillside Education Centre".
    r"(?:Education|Learning|Tuition|Training|Skills)(?:\s+Support)?\s+Centre|Early\s+Years(?:\s+Centre)?|Alternative\s+Provision(?:\s+Centre)?|Childcare|Day\s+Nursery|"
    r"Federation(?:\s+of\s+Schools)?|Children['’]s\s+Centre(?:\s+(?:[Nn]ursery))?|"
    # "Scapegate Hill J&I", "Little Hartmoor C of E", "Wellbridge Boys'".
    r"J\s?&\s?I|JI|C\s?of\s?E|(?:Boys|Girls)['’]"
)
SCHOOL = re.compile(
    r"(?<![\w])(?P<name>(?:St\.?\s+)?"
    r"(?:[A-Z][^\W\d_]*(?:['’&-][^\W\d_]*)*\s+(?:(?:and|of|the|&|on|upon|in)\s+)?){1,5}"
    r"(?:(?:C\.?\s?of\s?E\.?|CofE|C\.E\.|CE|RC|R\.C\.|C\.P\.|CP|C\.?I\.?W\.?|CiW)\s+)?)"
    rf"(?:{_SCHOOL_SUFFIX})(?:\s+(?:School|Academy|Nursery))?(?:\s+for\s+(?:Girls|Boys))?"
    r"(?:\s+of\s+(?:Further|Higher)\s+Education|\s+of\s+(?:Art|Arts|Technology|FE)\b)?(?:\b|(?<=['’]))"
    r"(?!\s+(?:[Cc]are|[Hh]ealth|[Mm]ental|[Cc]arers?)\b)"
)
# Forms written in capitals: "ST THOMAS MORE CATHOLIC PRIMARY".
SCHOOL_UPPER = re.compile(
    # One space between words: a wider gap is a column of a pasted form ("HV: J. WOODWARD   NURSERY:").
    # "ST DAVID'S C.I.W. PRIMARY": initials with their full stops.
    r"(?<![\w])(?P<name>(?:[A-Z][A-Z'’&.-]* ){1,5})"
    r"(?:SCHOOL|PRIMARY|ACADEMY|COLLEGE|NURSERY|INFANTS|JUNIORS|HIGH|GRAMMAR)\b(?:\s+SCHOOL\b)?"
    r"(?:\s+FOR\s+(?:GIRLS|BOYS)\b)?"
)
# "University of Kessington": a university named after its town.
UNIVERSITY = re.compile(r"(?<![\w])University\s+of\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?")
# "Ysgol Gymraeg Bro Hafren": a Welsh school is named after the word for school.
YSGOL = re.compile(
    # "Szkoła Polska im. Jana Pawła II": a school abroad or a Saturday school, named the same way.
    r"(?<![\w])(?:Ysgol|Coleg|Szkoła|Szkola|Escola|Scoil|École)(?:\s+(?:y|yr)\b)?(?:\s+(?:[A-Z][\w'’-]*|im\.|de|da|do|na))*\s+[A-Z][\w'’-]*"
    # "college is coleg hartmoor": in lower case, one word.
    r"|(?<![\w])(?:ysgol|coleg)\s+(?:(?:y|yr)\s+)?[a-z]{4,}"
)
SAINT_SCHOOL = re.compile(
    r"(?<![\w])(?:St\.?\s+[A-Z][a-z]+(?:['’]s?)(?!\w)(?!\s+(?:Hospital|Church)\b)"
    r"|ST\.?\s+[A-Z]{3,}['’]S\b(?!\s+(?:HOSPITAL|CHURCH)\b)"
    # "hasn't been at Saint Anne's since Tuesday".
    r"|Saint\s+[A-Z][a-z]+['’]s(?!\w)(?!\s+(?:Hospital|Church)\b))"
)
# "hartmoor 6th form college", "WHS sixth form": a sixth form, as a lower-case school word.
_SIXTH_FORM = r"(?:sixth|6th)\s+form(?:\s+(?:centre|college))?"
SCHOOL_LOWER = re.compile(
    # "lady margaret's ce academy": a saint's or founder's name keeps its apostrophe.
    r"(?<![\w])(?P<name>(?:[a-z]{3,}(?:['’]s)?\s+){1,2})"
    # "hartmoor church of england primary", "st bede's rc primary".
    r"(?:(?:church\s+of\s+england|c\s?of\s?e|catholic|rc|ce)\s+)?"
    rf"(?:primary|academy|nursery|infants|juniors|high|college|pru|grammar|{_SIXTH_FORM})\b"
    r"(?:\s+school)?(?!\s+(?:care|health|mental|carers?)\b)"
)
# "Little Owls nursery", "the Riverside school": a proper name before a lower-case school word.
SCHOOL_MIXED = re.compile(
    # "St Columba's primary": only a saint's name keeps its apostrophe ("K's school" is hers).
    r"(?<![\w'’])(?P<name>(?:St\.?|Saint)\s+[A-Z][\w'’-]*\s+|(?:[A-Z][\w-]*\s+){1,3})"
    # "WHS sixth form", "Compass AP".
    rf"(?:nursery|pre-school|preschool|primary|academy|school|infants|juniors|{_SIXTH_FORM}|AP|playgroup|"
    r"alternative\s+provision)\b"
    r"(?!\s+(?:care|health|mental|carers?|nurse|staff|run|gate|uniform|places?|holidays?|age|trip|report)\b)"
)
_SCHOOL_KINDS_LOWER = r"rc|ce|c\s?of\s?e|catholic|cofe|infants?|juniors?|primary|secondary|high|academy|nursery|girls|boys|j\s?&\s?i"
SAINT_SCHOOL_LOWER = re.compile(
    r"(?<![\w])st\.?\s+(?P<saint>[a-z]{3,})(?:['’]?s\b"
    # "st john fisher catholic high": a saint with two names, before the kind of school.
    rf"|\s+[a-z]{{3,}}(?=\s+(?:{_SCHOOL_KINDS_LOWER})\b))"
    # "st aidan's rc primary": the kind of school after the saint belongs to the name.
    rf"(?:\s+(?:{_SCHOOL_KINDS_LOWER})\b)*"
    r"(?:\s+school\b)?"
)


_SCHOOL_LEAD = words("the a an his her their its our my your this that at to from in into of for and or with by "
    "on attends attended attending joined joins new current previous former local same")


_SCHOOL_STOP = _FUNCTION_WORDS | words(
    "still had has have get got go goes went going just also only now then not no good nice "
    "what which who whose where when why how hear heard see seen know knows "
    "because since although though unless until while whilst quick quickly asked said "
    "great bad big small usual normal nearest nearby"
)


# An outward code alone ("the M14 area") only with a word that says it is one.
OUTWARD_CODE = re.compile(
    r"\b(?:(?i:postcode|post code|postcode area)\s*:?\s*(?P<a>[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?)"
    r"|(?P<b>[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?)\s+(?i:area|postcode)\b)"
)
# Police logs numbered by the day: "CAD 187 15/11", "log 1188 of 21/07".
POLICE_LOG = re.compile(
    r"(?=[CcLlIiOo\d])(?:\b(?i:CAD|log|inc|incident|occurrence)\s*(?:(?i:no\.?|number|ref|is|was)\s*)?:?\s*"
    r"(?P<value>\d{1,5}(?:\s+of)?\s+\d{1,2}/\d{1,2}(?:/\d{2,4})?)\b"
    # "ref 0412 of 28/11": a police log's number and day, unlabelled.
    r"|(?=\d)(?<![\w/.£])(?P<bare>\d{3,5}\s+of\s+\d{1,2}/\d{1,2}(?:/\d{2,4})?)\b)"
)
HASH_CASE_ID = re.compile(r"(?<![\w&])#\s?(\d{4,})\b")


def _valid_nhs(digits: str) -> bool:
    total = sum(int(d) * (10 - i) for i, d in enumerate(digits[:9]))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def nhs_number_is_valid(value: str) -> bool:
    digits = re.sub(r"\D", "", value)
    return len(digits) == 10 and _valid_nhs(digits)


def _phone_digits_ok(value: str) -> bool:
    digits = re.sub(r"\D", "", value)
    if value.startswith("+") and not digits.startswith("44"):
        return 8 <= len(digits) <= 15
    for prefix in ("00440", "0044", "440", "44"):
        if digits.startswith(prefix):
            digits = "0" + digits[len(prefix) :]
            break
    return len(digits) in (10, 11) and digits[1] in "123578"


DIGIT = re.compile(r"\d")
SCHOOL_HINT = re.compile(
    r"school|primary|academy|college|nursery|infant|junior|high|grammar|PRU|pupil|\bst\b|setting|early years|"
    r"alternative provision|(?-i:\bAP\b|Middle|\bSaint\s|Our\sLady|\b(?:Little|Busy|Tiny|Happy|Bright|Rainbow|Sunny|First)\s[A-Z])|"
    r"\b(?:little|busy|tiny|rainbow)\s(?:owls|acorns|bees|tots|stars|explorers|angels|ducklings|learners|sprouts|footprints|treasures|cubs|sunbeams)\b|ysgol|coleg|children['’]s centre|childcare|university|federation|"
    r"UTC|montessori|playgroup|kindergarten|cr[eè]che|(?:sixth|6th) form|DSL|SENCO|teacher|tutor|key (?:person|worker)|"
    r"(?:education|learning|tuition|training|skills)(?:\s+support)?\s+centre|"
    r"attend|goes\s+to|going\s+to|who\s+go\s+to|start(?:ed|s)?\s+at|enrolled|on\s+roll|place\s+at|"
    r"excluded|expelled|transferred|registered|\b(?:year|yr|y)\s*\d{1,2}\s+at|"
    r"well\s+at|settl\w*\s+(?:in\s+)?at|happy\s+at|struggling\s+at|thriving\s+at|bullied\s+at",
    re.IGNORECASE,
)


def find_structured(text: str, plain_words: frozenset[str], names: frozenset[str] = frozenset()) -> Iterator[Span]:
    # Cheap look-ups first: most patterns need a digit, an "@" or a school word.
    has_digit = DIGIT.search(text) is not None
    for m in APP_HANDLE.finditer(text):
        yield Span(m.start("handle"), m.end("handle"), "PERSON")
    if "@" in text:
        for m in EMAIL.finditer(text):
            yield Span(m.start(), m.end(), "EMAIL")
        for m in HANDLE.finditer(text):
            yield Span(m.start("handle"), m.end("handle"), "PERSON")
    if has_digit:
        yield from _numbers(text)
        yield from _case_ids(text)
        yield from _dates(text)
    if SPOKEN_HINT.search(text):
        yield from _spoken(text)
    for m in LABELLED_SPOKEN_BIRTH.finditer(text):
        value = m.group("value").lower()
        if not value.startswith("and") and not value.endswith(" and"):
            yield Span(m.start("value"), m.end("value"), "DATE_OF_BIRTH")
    yield from _addresses(text, plain_words, has_digit)
    if SCHOOL_HINT.search(text):
        yield from _schools(text, plain_words, names)


SPOKEN_HINT = re.compile(
    r"\b(?:oh|zero|nought)\s|\s+of\s+(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|(?-i:\b[A-Z]\s[A-Z]\s)|"
    rf"\sof\s+the\s+{_MONTH_ORDINAL}\b|"
    r"postcode\s[a-z]\s|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|one|two|three|four|five|six|seven|eight|nine|"
    r"ten|eleven|twelve)\s[a-z]+\s(?:[a-z]+\s)?(?:street|road|lane|way|close|drive|avenue|crescent|grove|terrace|gardens)\b",
    re.IGNORECASE,
)


# "the account name is @jerome.dlc": who someone is online.
# "her snap is ivyyx_07", "on snap (t0nyb_99)": a handle named after its app, with a digit or "_".
APP_HANDLE = re.compile(
    r"\b(?:(?i:snap(?:chat)?|insta(?:gram)?|tiktok|tik\s+tok|twitter|fb|facebook)\s*(?:(?i:name|handle|account)\s*)?"
    r"(?:(?i:is)\s+|[:(]\s*)|(?i:handle|username|user\s+name)\s+(?:(?i:is)\s+)?)"
    r"[\"“‘']?@?(?P<handle>(?=[\w.]*[\d_])[A-Za-z0-9_.]{3,30})\b"
)
HANDLE = re.compile(r"(?<![\w.@])@(?P<handle>[A-Za-z0-9_](?:[A-Za-z0-9_.]{1,28}[A-Za-z0-9_]))(?![\w@])")


def _spoken(text: str) -> Iterator[Span]:
    """Numbers and dates written as they were said: voicemails and interpreted calls."""
    for m in SPOKEN_PHONE.finditer(text):
        words = re.findall(r"[a-z]+", m.group().lower())
        digits = sum(2 if w in ("double", "hundred") else 3 if w in ("treble", "triple") else 1 for w in words) - sum(
            1 for w in words if w in ("double", "treble", "triple")
        )
        if 10 <= digits <= 11:
            yield Span(m.start(), m.end(), "PHONE")
    for m in SPOKEN_POSTCODE.finditer(text):
        yield Span(m.start(), m.end(), "POSTCODE")
    for m in SPOKEN_ADDRESS.finditer(text):
        # A number must be said: "the mercer street shops" is no address.
        name = m.group().lower().split()[-2]
        if re.match(rf"(?i:flat|number|plot|{SPOKEN_NUMBER})\b", m.group()) and name not in _GENERIC_STREET_WORDS:
            yield Span(m.start(), m.end(), "ADDRESS")
    for m in SPOKEN_DATE.finditer(text):
        context = text[max(0, m.start() - 24) : m.start()]
        yield Span(m.start(), m.end(), "DATE_OF_BIRTH" if DOB_CONTEXT.search(context) else "DATE")


def _numbers(text: str) -> Iterator[Span]:
    # A candidate that fails the check gives way to one starting inside it: in "12/03/2015 943 476
    # 5919" the year and the next six digits look like an NHS number first.
    m = NHS_NUMBER.search(text)
    while m:
        # "+44 (0)113 496 0751" is a telephone number, however its digits check.
        digits = m.group(1) + m.group(3) + m.group(4) if m.group(1) else m.group("a") + m.group("b") + m.group("c")
        if _valid_nhs(digits) and not DIALLING_CODE_BEFORE.search(
            text, max(0, m.start() - 8), m.start()
        ):
            yield Span(m.start(), m.end(), "NHS_NUMBER")
            m = NHS_NUMBER.search(text, m.end())
        else:
            m = NHS_NUMBER.search(text, m.start() + 1)
    for m in NI_NUMBER.finditer(text):
        yield Span(m.start(), m.end(), "NI_NUMBER")
    for m in LABELLED_NI_NUMBER.finditer(text):
        yield Span(m.start("value"), m.end("value"), "NI_NUMBER")
    for m in LABELLED_NHS.finditer(text):
        # A mistyped NHS number still points at a person; it is kept, but not called one.
        if not nhs_number_is_valid(m.group("value")):
            yield Span(m.start("value"), m.end("value"), "CASE_ID")
        else:
            # "NHS No: 3636 492 896", "NHS 091 778 8257": grouped or begun as no bare pattern expects.
            yield Span(m.start("value"), m.end("value"), "NHS_NUMBER")
    for m in PHONE.finditer(text):
        if _phone_digits_ok(m.group()):
            yield Span(m.start(), m.end(), "PHONE")

    for m in OUTWARD_CODE.finditer(text):
        group = "a" if m.group("a") else "b"
        yield Span(m.start(group), m.end(group), "POSTCODE")
    for m in POSTCODE.finditer(text):
        # The full format is strict enough in any case and spacing ("hm58ut").
        if m.group().isupper() or not (_NOT_INWARD.search(m.group()) and _NOT_OUTWARD.match(m.group())):
            yield Span(m.start(), m.end(), "POSTCODE")


# "ICS 0047731", "CAD 0245/27NOV": whether a system's letters just before a reference are a
# label or a part of it varies by writer, so they are hidden with it, at a cost of a few letters.
SYSTEM_LETTERS_BEFORE = re.compile(r"(?<![\w/.-])(?!(?:ID|NO|REF|DOB|NHS|TEL|MOB)[ -])[A-Z]{2,6}[ -]$")


def _case_ids(text: str) -> Iterator[Span]:
    for span in _case_id_values(text):
        letters = SYSTEM_LETTERS_BEFORE.search(text, max(0, span.start - 7), span.start)
        yield Span(letters.start(), span.end, "CASE_ID") if letters else span


def _case_id_values(text: str) -> Iterator[Span]:
    for m in LABELLED_CASE_ID.finditer(text):
        value = m.group("value")
        digits = sum(c.isdigit() for c in value)
        # "ref OP-VESPER-211": a code with letters needs fewer digits than a bare number.
        if digits >= 4 or (digits >= 3 and any(c.isalpha() for c in value)):
            yield Span(m.start("value"), m.end("value"), "CASE_ID")
    for m in REGISTER_NUMBER.finditer(text):
        yield Span(m.start("value"), m.end("value"), "CASE_ID")
    for m in HASH_CASE_ID.finditer(text):
        yield Span(m.start(1), m.end(1), "CASE_ID")
    for m in POLICE_LOG.finditer(text):
        group = "value" if m.group("value") else "bare"
        yield Span(m.start(group), m.end(group), "CASE_ID")
    for m in CASE_ID.finditer(text):
        before = text[max(0, m.start() - 1) : m.start()]
        if before != "£":
            yield Span(m.start(), m.end(), "CASE_ID")
    for m in ANY_REFERENCE.finditer(text):
        value = m.group()
        if (
            sum(c.isdigit() for c in value) >= 5
            and not NOT_A_REFERENCE.fullmatch(value)
            and text[max(0, m.start() - 1) : m.start()] != "£"
        ):
            yield Span(m.start(), m.end(), "CASE_ID")


def _dates(text: str) -> Iterator[Span]:
    for m in DATE.finditer(text):
        # "born Thursday 3rd of April 2014": the day of the week goes with the date.
        weekday = WEEKDAY_BEFORE.search(text, max(0, m.start() - 12), m.start())
        opening = weekday.start() if weekday else m.start()
        context = text[max(0, opening - 24) : opening]
        # "Olu (12.08.2015)": a full date in brackets straight after a name is when they were born.
        if DATE_AFTER_NAME.search(context) and CLOSING_BRACKET.match(text, m.end()) and YEAR_END.search(m.group()):
            yield Span(opening, m.end(), "DATE_OF_BIRTH")
        elif DOB_CONTEXT.search(context):
            # After "DOB" a bare two-digit number is the year: "DOB 12th Mar 15".
            ends_in_month = m.group()[-1].isalpha() or m.group()[-1] == "."
            year = SHORT_YEAR.match(text, m.end()) if ends_in_month else None
            start = opening
            # "date of birth the 3rd of March 2008": the article goes with the date.
            if text[max(0, start - 4) : start].lower() == "the ":
                start -= 4
            yield Span(start, year.end() if year else m.end(), "DATE_OF_BIRTH")
        else:
            yield Span(m.start(), m.end(), "DATE")
    # "Ayaan b.12.12.2012": "b." for born, straight against the date.
    for m in BORN_ABBREVIATED.finditer(text):
        yield Span(m.start("value"), m.end("value"), "DATE_OF_BIRTH")
    for m in BIRTH_YEAR.finditer(text):
        yield Span(m.start(1), m.end(1), "DATE_OF_BIRTH")
    # After a date-of-birth label, digits in any arrangement are the date: "DOB 07 07 2019".
    for m in LABELLED_BIRTH_DIGITS.finditer(text):
        yield Span(m.start("value"), m.end("value"), "DATE_OF_BIRTH")


def _addresses(text: str, plain_words: frozenset[str], has_digit: bool) -> Iterator[Span]:
    for m in ADDRESS_NUMBERED.finditer(text):
        if _plausible_address(m):
            start = m.start()
            if m.group("number") and not (m.group("unit") or m.group("building")):
                house = HOUSE_NAME_BEFORE.search(text, max(0, start - 40), start)
                if house:
                    start = house.start("name")
            yield Span(start, m.end(), "ADDRESS")
    for m in ADDRESS_NAMED_BUILDING.finditer(text):
        # "Grange Farm Primary" is a school.
        if SCHOOL_WORD_AFTER.match(text, m.end()):
            continue
        lowered = [w.lower() for w in re.split(r"[ -]", m.group("name").strip())]
        home = m.group().rsplit(None, 1)[-1] in HOME_SUFFIXES
        # A house ("Rose Cottage", "Orchard Farm") may be named with ordinary words; a "House",
        # "Court" or "Hall" so named is as often a public building.
        if all(w not in plain_words for w in lowered) or (
            home and not any(w in _FUNCTION_WORDS or w in TRADE_WORDS for w in lowered)
        ):
            yield Span(m.start(), m.end(), "ADDRESS")
    for m in THE_HOME.finditer(text):
        yield Span(m.start(), m.end(), "ADDRESS")
    for m in ADDRESS_THE_TREES.finditer(text):
        yield Span(m.start("name"), m.end("name"), "ADDRESS")
    for m in ADDRESS_WELSH.finditer(text):
        # "Plas Newydd, Heol y Felin": a house name before the street.
        house = HOUSE_NAME_BEFORE.search(text, max(0, m.start() - 40), m.start())
        yield Span(house.start("name") if house else m.start(), m.end(), "ADDRESS")
    for m in ADDRESS_BUILDING_LIVED_IN.finditer(text):
        if not any(w.lower() in _NOT_PLACE_NAME or w.lower() in TRADE_WORDS for w in m.group("name").split()[:-1]):
            yield Span(m.start("name"), m.end("name"), "ADDRESS")
    for m in ADDRESS_HOME_AFTER.finditer(text):
        name = m.group("name").lower().removeprefix("the ")
        # "lives at The Laurels", "The Grange": a house named with "The" and trees or a home's word.
        house = m.group("the") and (name.endswith("s") or name in _HOUSE_WORDS)
        if name not in TRADE_WORDS and name not in _NOT_PLACE_NAME and (house or not m.group("the") and name not in plain_words):
            yield Span(m.start("name"), m.end("name"), "ADDRESS")
    for m in ADDRESS_ESTATE.finditer(text):
        if not any(w.lower() in _NOT_ESTATE for w in m.group("name").split()):
            yield Span(m.start(), m.end(), "ADDRESS")
    if ":" in text or "–" in text or "ddress" in text or "ADDRESS" in text:
        yield from _labelled_addresses(text)
    if has_digit:
        for postcode in POSTCODE.finditer(text):
            m = ADDRESS_BEFORE_POSTCODE.search(text, max(0, postcode.start() - 80), postcode.start())
            if m and not any(w.lower() in TRADE_WORDS or w.lower() in _FUNCTION_WORDS for w in m.group("words").split()):
                yield Span(m.start("address"), m.end("address"), "ADDRESS")
        for m in ADDRESS_BARE_UNIT.finditer(text):
            yield Span(m.start("unit"), m.end("unit"), "ADDRESS")
        for pattern in (ADDRESS_CAPITAL_UNIT, ADDRESS_UNIT_ON_SITE):
            for m in pattern.finditer(text):
                yield Span(m.start(), m.end(), "ADDRESS")
        for m in ADDRESS_SUFFIX_ONLY.finditer(text):
            start = m.start()
            house = HOUSE_NAME_BEFORE.search(text, max(0, start - 40), start)
            yield Span(house.start("name") if house else start, m.end(), "ADDRESS")
        for pattern, place_enough in ((ADDRESS_PLACE_NUMBER_NAME, False), (ADDRESS_NUMBER_NAME, True)):
            for m in pattern.finditer(text):
                if _number_and_name(text, m, plain_words, place_enough=place_enough):
                    yield Span(m.start("address"), m.end("address"), "ADDRESS")
        for m in ADDRESS_AFTER_WHERE.finditer(text):
            lowered = [w.lower() for w in m.group("words").split()]
            if any(w in TRADE_WORDS or w in TITLES or w in _FUNCTION_WORDS for w in lowered):
                continue
            yield Span(m.start("address"), m.end("address"), "ADDRESS")
    if has_digit:
        for pattern in (ADDRESS_ONE_WORD, ADDRESS_FLAT_BUILDING, ADDRESS_FLAT_NUMBER, ADDRESS_FLAT_LOWER):
            for m in pattern.finditer(text):
                yield Span(m.start(), m.end(), "ADDRESS")
        for m in ADDRESS_UNIT_TO_STREET.finditer(text):
            between = {w.lower() for w in re.findall(r"[A-Za-z']+", m.group())}
            if m.group("last").lower() not in _GENERIC_STREET_WORDS | _ROAD_WORDS and not between & _CLAUSE_WORDS:
                yield Span(m.start(), m.end(), "ADDRESS")
    for pattern in (ADDRESS_ON_LOWER_ST, ADDRESS_LOWER_BUILDING):
        for m in pattern.finditer(text):
            name = (m.group("name") or m.group("upper")).lower()
            if name in _GENERIC_STREET_WORDS | _ROAD_WORDS | _NOT_PLACE_NAME | _NOT_A_STREET_NAME or name in TRADE_WORDS:
                continue
            if pattern is ADDRESS_LOWER_BUILDING and name in plain_words:
                continue
            span = "street" if pattern is ADDRESS_ON_LOWER_ST else "name"
            yield Span(m.start(span), m.end() if span == "name" else m.end("street"), "ADDRESS")
    for m in ADDRESS_AFTER_PREPOSITION.finditer(text):
        if m.group("name").lower() not in _GENERIC_STREET_WORDS | _ROAD_WORDS | _NOT_PLACE_NAME | _NOT_A_STREET_NAME:
            yield Span(m.start("street"), m.end("street"), "ADDRESS")
    for m in ADDRESS_AFTER_PLACE_WORD.finditer(text):
        lowered = [w.lower() for w in m.group("words").split()]
        if any(w in _GENERIC_STREET_WORDS or w in TRADE_WORDS or w in _NOT_PLACE_NAME for w in lowered):
            continue
        # Someone living there, or a name no dictionary knows ("Ashby Fields", not "Town Hall").
        if m.group("lead") or any(w not in plain_words for w in lowered):
            yield Span(m.start("street"), m.end("street"), "ADDRESS")
    for m in ADDRESS_STREET.finditer(text):
        words = list(re.finditer(r"\S+", m.group("street")))
        # "the Old Sandhurst Road" keeps "Old"; "the main Road" loses "main".
        while words and words[0].group().lower() in _GENERIC_STREET_WORDS and not (
            words[0].group().istitle() and words[0].group().lower() not in _FUNCTION_WORDS and len(words) > 1
        ):
            words.pop(0)
        if words:
            start = m.start("street") + words[0].start()
            # "at The Old Forge, Church Lane": a house name before the street.
            house = HOUSE_NAME_BEFORE.search(text, max(0, start - 40), start)
            yield Span(house.start("name") if house else start, m.end(), "ADDRESS")


def _number_and_name(text: str, m: re.Match[str], plain_words: frozenset[str], *, place_enough: bool) -> bool:
    """A house number and a name ("27 Ashgrove", "3 Larkspur"): an address when a word of the
    name is no dictionary word, or, if place_enough, when a word of where someone is comes first."""
    start = m.start("address")
    lowered = [w.lower().strip("'’") for w in m.group("words").split()]
    if any(w in TRADE_WORDS or w in _FUNCTION_WORDS for w in lowered):
        return False
    # "PC 4412 Hassan" is an officer and a collar number.
    if RANK_BEFORE.search(text, max(0, start - 8), start):
        return False
    if any(w not in plain_words for w in lowered):
        return True
    return place_enough and PLACE_BEFORE.search(text, max(0, start - 12), start) is not None


def _labelled_addresses(text: str) -> Iterator[Span]:
    for m in ADDRESS_LABEL.finditer(text):
        start = m.end()
        stop = _LABEL_END.search(text, start, start + 100)
        end = stop.start() if stop else min(len(text), start + 100)
        postcode = POSTCODE.search(text, start, end)
        if postcode:
            end = postcode.start()
        value = text[start:end].rstrip(" ,")
        first = value.split()[0].lower().strip(",") if value.split() else ""
        if first and first not in _NOT_AN_ADDRESS and any(c.isalpha() for c in value):
            yield Span(start, start + len(value), "ADDRESS")


def _plausible_address(m: re.Match[str]) -> bool:
    street = m.group("street").split()
    lowered = [w.lower() for w in street]
    if not (m.group("unit") or m.group("number") or m.group("building")):
        return False
    if not street:
        return False
    if lowered == ["the"]:
        return True
    if any(w in _FUNCTION_WORDS for w in lowered):
        return False
    capitalised = all(w[0].isupper() for w in street) and m.group("suffix")[0].isupper()
    if not capitalised:
        # Lower-case streets need a house number and a short, street-like name.
        return bool(m.group("number")) and len(street) <= 2 and m.group("suffix").lower() in _LOWER_SUFFIXES
    return True


def _starts_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip()
    return not before or before[-1] in ".!?:;\n"


def _names_school(words: list[re.Match[str]]) -> bool:
    first = words[0].group()
    return first == "The" or (first == "Our" and len(words) > 1 and words[1].group() == "Lady")


# "Kingfisher (the special school)", "Little Explorers, the nursery": a name explained as a school.
SCHOOL_APPOSITIVE = re.compile(
    r"(?<![\w'’])(?P<name>(?:[A-Z][\w'’-]*\s+){0,3}[A-Z][\w'’-]*)"
    r"(?:\s*\(\s*(?:(?:the|a|an|his|her|their|our)\s+)?|(?:,|\s[–-])\s*(?:the|a|an|his|her|their|our)\s+)"
    r"(?P<kind>(?:[a-z-]+\s+){0,2})"
    r"(?:school|nursery|pre-school|preschool|academy|college|PRU|AP|alternative\s+provision|setting)(?=\s*[),.;:]|$)"
)
# "the PRU (The Beacon Centre)", "nursery (Little Acorns)": a school word explained by its name.
SCHOOL_THEN_NAME = re.compile(
    r"\b(?i:school|PRU|nursery|pre-school|academy|college|setting|provision)\s*\(\s*"
    # "school (st marks)": a saint in lower case too.
    r"(?P<name>(?:The\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}|st\.?\s+[a-z]+(?:['’]s)?)\s*\)"
)
# "goes to Little Explorers", "started at Rainbow Tots": where a child goes by day.
SCHOOL_AFTER_VERB = re.compile(
    r"\b(?:attends|attending|goes\s+to|going\s+to|(?<=who\s)go\s+to|started\s+at|starts\s+at|enrolled\s+at|"
    r"on\s+roll\s+at|place\s+at|excluded\s+from|expelled\s+from|transferred\s+to|"
    r"dual[\s-]registered\s+(?:at|with)|pupil\s+at|student\s+at|(?:year|yr|y)\s*\d{1,2}\s+at|"
    # "doing really well at Little Acorns", "attendance at Moorside": how a child is getting on there.
    r"doing\s+(?:\w+\s+)?well\s+at|settled\s+(?:in\s+)?at|settling\s+in\s+at|(?:un)?happy\s+at|"
    r"struggling\s+at|thriving\s+at|bullied\s+at|attendance\s+at)\s+(?P<name>(?-i:[A-Z][\w’-]*(?:\s+[A-Z][\w’-]*){0,3}))(?![\w'’])",
    re.IGNORECASE,
)
# "the DSL at Highfield", "her key worker at Treetops": a school's staff name the school.
SCHOOL_AFTER_ROLE = re.compile(
    r"\b(?:DSL|DDSL|SENCo|SENCO|(?i:head\s*teacher|class\s+teacher|teacher|form\s+tutor|key\s+(?:person|worker)|"
    r"pastoral\s+(?:lead|manager|worker)|attendance\s+officer|deputy\s+head|head\s+of\s+year|nursery\s+manager|"
    r"nursery\s+staff|school\s+staff))\s+(?i:at|from)\s+"
    r"(?P<name>(?-i:[A-Z][\w’-]*(?:\s+[A-Z][\w’-]*){0,3}))(?![\w'’])"
)
# "gary at the link centre (PRU)": a unit in lower case explained as a PRU or AP.
SCHOOL_LOWER_EXPLAINED = re.compile(
    r"(?<![\w])(?P<name>(?:the\s+)?[a-z]{3,}(?:\s+[a-z]{3,})?)\s*\(\s*(?:the\s+)?(?:PRU|AP|pru|ap|alternative\s+provision)\s*\)"
)
# "excluded from the Academy", "her mate from the grammar": the school everyone means.
SCHOOL_THE_ONE = re.compile(
    r"\b(?i:at|from|to|attends|attending|in)\s+(?P<name>the\s+(?:Academy|Grammar|grammar|(?:Sixth|6th)\s+Form|PRU)\b"
    # "both at Our Lady of Lourdes": a church school named for its church.
    r"|Our\s+Lady(?:\s+of\s+[A-Z][\w'’]+|\s+(?:&|and)\s+St\.?\s+[A-Z][\w'’]+))"
    # "daisy starts little owls in jan": a nursery's name in lower case, where a child goes.
    r"|\b(?i:at|to|from|starts|started|starting)\s+(?P<lower>(?:little|busy|tiny|rainbow)\s+"
    r"(?:owls|acorns|bees|tots|stars|explorers|angels|ducklings|learners|sprouts|footprints|treasures|cubs|sunbeams))\b"
)
# "Little Acorns", "Busy Bees", "Rainbow Tots": the names nurseries give themselves.
NURSERY_NAME = re.compile(
    r"(?<![\w])(?:Little|Busy|Tiny|Happy|Bright|Rainbow|Sunny|Early|First)\s+"
    r"(?:Owls|Acorns|Bees|Tots|Stars|Explorers|Angels|Ducklings|Learners|Sprouts|Footprints|Treasures|Cubs|Sunbeams|"
    r"Saplings|Ladybirds|Caterpillars|Butterflies|Rainbows|Tiddlers|Tinies|Feet|Minds|Steps|Years)\b"
    r"(?:\s+(?:Nursery|Pre-?[Ss]chool|Day\s+Nursery))?"
)
# "King's nursery, Little Acorns, had…": a school word and its name set off by commas.
SCHOOL_COMMA_NAME = re.compile(
    r"\b(?i:school|nursery|pre-school|college|setting)\s*,\s+(?P<name>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})(?=\s*,)"
)
# "School: Ashdown", "Nursery: Kids Planet" on a form.
SCHOOL_LABEL = re.compile(
    # "nursery - Busy Bees", "school Westfield" in a terse note: the word in lower case, then the name.
    # "Major's nursery is Tiny Footprints".
    r"(?:\b(?i:school|nursery|setting|college|academy|pre-school|education)(?:\s+(?i:name|attended))?\s*(?::|\s[-–]|–|\s+is\b)\s*"
    r"|\b(?:school|nursery|college|pre-school)\s+)"
    r"(?P<name>[A-Z][\w'’-]*(?:\s+(?:[A-Z&][\w'’-]*|of|the|and|on|upon)){0,4})"
)
_BEFORE_SCHOOL_NAME = words("dsl ddsl senco head headteacher teacher mr mrs ms miss dr at from to")
_TRAILING_LINKS = re.compile(r"(?:\s+(?:of|the|and|on|upon))+$")
_NOT_SCHOOL = words(
    "police council court hospital surgery clinic centre center club church mosque temple "
    "gurdwara chapel team services service unit hub panel board camhs cafe"
)


def _schools(text: str, plain_words: frozenset[str], names: frozenset[str] = frozenset()) -> Iterator[Span]:
    for m in SCHOOL.finditer(text):
        words = list(re.finditer(r"\S+", m.group("name")))
        # Leading function words ("attends", a sentence-initial "At") are not the name; a
        # capitalised "The" and "Our Lady" are ("The Bridge PRU", "Our Lady of Lourdes").
        while words and words[0].group().lower() in _SCHOOL_LEAD and not _names_school(words):
            # "New Horizons Alternative Provision": a capitalised "New" before a name is the name's.
            if words[0].group() == "New" and len(words) > 1 and not _starts_sentence(text, m.start("name") + words[0].start()):
                break
            words.pop(0)
        # "Mrs Shirin Qureshi DSL Kessington Vale Primary": the school starts after the role.
        cut = [k for k, w in enumerate(words) if w.group().lower().strip(",.") in _BEFORE_SCHOOL_NAME]
        if cut:
            titled = words[cut[-1]].group().lower().strip(",.") in TITLES
            # "Headteacher Mrs Adele Crossley of Kingsmead Academy": a titled person's name runs
            # to "of"; the school is what follows.
            of = [k for k, w in enumerate(words) if k > cut[-1] and w.group() == "of"]
            if titled and of and of[0] + 1 < len(words):
                cut = [of[0]]
                titled = False
            words = words[cut[-1] + 1 :]
            # "DSL Mrs Shirin Qureshi Kessington Vale Primary": the person's names go with the title.
            while titled and len(words) > 2 and words[0].group().lower() in names:
                words = words[1:]
        if not any(w.group().lower().strip("'’s.") not in GENERIC_SCHOOL_WORDS for w in words):
            continue
        yield Span(m.start("name") + words[0].start(), m.end(), "SCHOOL")
    for m in SCHOOL_UPPER.finditer(text):
        words = list(re.finditer(r"\S+", m.group("name")))
        # In capitals the words before a school word may be a sentence: "TEMI SEEN AT SCHOOL".
        cut = [k for k, w in enumerate(words) if w.group().lower() in _SCHOOL_STOP and w.group().lower() != "the"]
        if cut:
            words = words[cut[-1] + 1 :]
        while words and words[0].group().lower() in _SCHOOL_LEAD | {"school", "name"}:
            words.pop(0)
        if not words:
            continue
        if any(w.group().lower() not in GENERIC_SCHOOL_WORDS for w in words):
            yield Span(m.start("name") + words[0].start(), m.end(), "SCHOOL")
    for pattern in (SAINT_SCHOOL, YSGOL, UNIVERSITY):
        for m in pattern.finditer(text):
            yield Span(m.start(), m.end(), "SCHOOL")
    for m in SCHOOL_LOWER.finditer(text):
        words = list(re.finditer(r"\S+", m.group("name")))
        while words and (words[0].group() in _SCHOOL_LEAD or words[0].group() in GENERIC_SCHOOL_WORDS):
            words.pop(0)
        lowered = [w.group() for w in words]
        if not lowered or any(w in _SCHOOL_STOP or w in GENERIC_SCHOOL_WORDS for w in lowered):
            continue
        # One ordinary word ("good nursery") is a description, an unknown one a name; but "the
        # bridge pru" names its unit, since no one describes a PRU so.
        if len(lowered) == 1 and lowered[0] in plain_words and not m.group().endswith("pru"):
            continue
        yield Span(m.start("name") + words[0].start(), m.end(), "SCHOOL")
    for m in SCHOOL_MIXED.finditer(text):
        words = list(re.finditer(r"\S+", m.group("name")))
        while words and words[0].group().lower() in _SCHOOL_LEAD and words[0].group() != "The":
            words.pop(0)
        lowered = [w.group().lower() for w in words]
        if (
            not lowered
            or all(w in GENERIC_SCHOOL_WORDS for w in lowered)
            or any(w in _NOT_SCHOOL or w in TRADE_WORDS or w in TITLES for w in lowered)
            or (len(lowered) == 1 and lowered[0] in plain_words and _starts_sentence(text, m.start("name")))
        ):
            continue
        yield Span(m.start("name") + words[0].start(), m.end(), "SCHOOL")
    for pattern in (SCHOOL_APPOSITIVE, SCHOOL_AFTER_VERB, SCHOOL_LABEL, SCHOOL_AFTER_ROLE, SCHOOL_THEN_NAME, SCHOOL_COMMA_NAME):
        for m in pattern.finditer(text):
            name = _TRAILING_LINKS.sub("", m.group("name"))
            lowered = [w.lower() for w in name.split()]
            # "Reece, were at school" is a clause, not a school's name explained.
            kind = m.groupdict().get("kind") or ""
            if any(w in _FUNCTION_WORDS for w in kind.split()):
                continue
            # "goes to Cubs", "attends Brownies": one ordinary word is an activity, not a school.
            single_word = len(lowered) == 1 and (
                pattern is SCHOOL_AFTER_VERB
                # "The school is Good": after "is", one ordinary word is what the school is.
                or (pattern is SCHOOL_LABEL and text[m.start() : m.start("name")].rstrip().endswith(" is"))
            )
            if (
                not lowered
                or (single_word and (lowered[0] in plain_words or name.isupper()))
                or lowered[0] in TITLES
                or lowered[0] in _NOT_AN_ADDRESS
                or all(w in GENERIC_SCHOOL_WORDS for w in lowered)
                or (
                    lowered[0] in _SCHOOL_LEAD
                    and not (pattern in (SCHOOL_THEN_NAME, SCHOOL_APPOSITIVE) and name.startswith("The "))
                )
                or any(
                    (w in _NOT_SCHOOL and pattern not in (SCHOOL_THEN_NAME, SCHOOL_APPOSITIVE))
                    or (w in TRADE_WORDS and w != "the" and (pattern is not SCHOOL_LABEL or k == 0))
                    for k, w in enumerate(lowered)
                )
            ):
                continue
            yield Span(m.start("name"), m.start("name") + len(name), "SCHOOL")
    for m in SCHOOL_THE_ONE.finditer(text):
        group = "name" if m.group("name") else "lower"
        yield Span(m.start(group), m.end(group), "SCHOOL")
    for m in NURSERY_NAME.finditer(text):
        # "Early Years" alone is the stage, not a nursery.
        if m.group() != "Early Years":
            yield Span(m.start(), m.end(), "SCHOOL")
    for m in SCHOOL_LOWER_EXPLAINED.finditer(text):
        if m.group("name").split()[-1] not in _FUNCTION_WORDS:
            yield Span(m.start("name"), m.end("name"), "SCHOOL")
    for m in SAINT_SCHOOL_LOWER.finditer(text):
        # "st john fisher catholic high": a saint named twice is a school whatever the names.
        twice = len(m.group().split()) > 2 and "'" not in m.group() and "’" not in m.group()
        if m.group("saint") not in plain_words or m.group("saint") in ("mary", "anne") or twice:
            yield Span(m.start(), m.end(), "SCHOOL")
