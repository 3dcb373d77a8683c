import re
from collections.abc import Callable
from dataclasses import dataclass

from stepwise.privacy.deid.lexicon import (
    NAME_PARTICLES,
    PERSON_VERBS,
    ROLE_WORDS,
    TITLES,
    Lexicon,
    words,
)
from stepwise.privacy.deid.spans import Span

MASK = "¤"
# Identifiers that belong to a person: a word naming itself just before one is a name.
PERSON_MARKERS = frozenset(("DATE_OF_BIRTH", "NHS_NUMBER", "NI_NUMBER", "PHONE", "EMAIL", "CASE_ID"))
IDENTIFIER_GAP = re.compile(
    r"(?:['’]s)?[^\S\n]*(?:[)\]][^\S\n]*)?(?:[(\-–—,:][^\S\n]*)?"
    r"(?:(?P<label>(?i:dob|d\.o\.b\.?|born|nhs(?:[^\S\n]*(?:no|number))?|ni(?:[^\S\n]*(?:no|number))?|"
    r"mob(?:ile)?|tel|phone|email|e-mail|ref|no|id|(?P<system>lcs|mosaic|ics|eclipse|ehm|liquidlogic|ll)))"
    r"[^\S\n]*[:.=-]?[^\S\n]*)?"
)
IDENTIFIER_LABELS = words(
    "dob born nhs ni no number mob mobile tel phone telephone email ref reference id contact "
    "home work landline address postcode case client child name surname forename record file "
    "victim suspect subject offender patient pupil learner student log birth date dated"
)
# "Ring 07700 900123", "Text 0113 496 0000": before a phone number a verb of reaching someone is
# what to do with it, not whose it is.
CONTACT_VERBS = words(
    "ring rang call called phone phoned text texted txt dial dialled try tried message messaged "
    "whatsapp contact contacted on at via"
)
TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|¤+")
PLACEHOLDER = re.compile(r"\[(?:PERSON \d+|[A-Z_]+)\]")
SENTENCE_BREAK = re.compile(r"[.!?:;\n\"“”•*|]|^\s*-\s|\s[-–—]\s")
# A role word and its name may be separated by a bracket, comma, colon or dash ("is" and
# "called" are skipped as words, see ROLE_LINKS).
ROLE_GAP = re.compile(r"(?:['’]s)?\s*(?:[(,:–-]\s*)?")
ROLE_LINKS = words("is was are were called")
AGE_AFTER = re.compile(
    r"\s*\(\s*(?:aged?\s*)?\d{1,2}\s*(?i:y(?:ea)?rs?|yo|m(?:on)?ths?|mths?|weeks|wks?|days)?\s*[),]"
    # A school year in brackets or after "in": "Holly (Y2)", "Bill in Year 9".
    r"|\s*\(\s*(?:Y|Yr|Year)\s*\d{1,2}\b|\s+in\s+(?:Y|Yr|Year)\s*\d{1,2}\b"
    r"|\s?,\s*(?:aged?\s*)?\d{1,2}\s*(?:y(?:ea)?rs?(?:\s+old)?|yo)?\s*[,;)]"
    r"|\s+[–—-]\s*(?:aged?\s*)?\d{1,2}\s*(?:y(?:ea)?rs?|yo)?\s*[–—-]\s"
)
ALIAS_GAP = re.compile(r"[\"”’']?\s*\(\s*[\"“‘']?")
# "Big Dave", "Little Mo": part of what the family calls someone.
NICKNAME_ADJECTIVES = words("big little lil wee young old")
# "Bill (step-dad)", "Errol (maternal grandad)".
ROLE_AFTER = re.compile(
    r"\s*\(\s*(?:(?:maternal|paternal|step|ex|half|foster|birth|adoptive|great|her|his|their|the|my|our|"
    r"other|older|younger|eldest|youngest|new|big|little)[\s-]*)*"
    r"(?:" + "|".join(sorted(ROLE_WORDS, key=len, reverse=True)) + r")s?\b",
    re.IGNORECASE,
)
ROLE_APPOSITION = re.compile(
    r",\s*(?:the|our|her|his|their|my)\s+(?:(?:maternal|paternal|older|younger|little|big|new|duty|allocated|"
    r"step|social|family|support|key|baby|twin)[\s-]+)?"
    r"(?:" + "|".join(sorted(ROLE_WORDS, key=len, reverse=True)) + r")s?\b(?!['’])",
    re.IGNORECASE,
)
_NOT_AFTER_NAME = words("the a an not been got is")
# "In Summer, the children…": a time, not a person.
_TIME_PREPOSITIONS = words("in during by over since until till from this last next every each on at before after")
# "Hope was in her room", "Jack did his reading": a word-like name that starts a sentence,
# followed by a verb and then by a pronoun that can only point back at a person.
GENDERED = words("he she his her him himself herself")
# A pronoun after one of these belongs to a new clause, perhaps about someone else.
_CLAUSE_BREAKS = words("and but so because when if while until after before as then although though")
# What a person is, rarely a season or a virtue: "Hope was tearful", "Jack was seen".
PERSON_STATES = words(
    "quiet upset tearful withdrawn distressed chatty shy anxious worried scared frightened "
    "polite rude aggressive asleep smiling crying hungry unwell poorly pregnant excluded "
    "seen spoken interviewed arrested placed settled unsettled angry "
    # Done to a person: "Autumn was picked up by a man", "Jade was taken home".
    "picked collected dropped taken brought met visited found reported examined weighed admitted "
    "discharged bathed fed changed cuddled hugged hit smacked kicked hurt injured bruised missing"
)
# "Hope is still not eating", "Grace is doing well".
PERSON_DOINGS = words(
    "eating sleeping attending engaging struggling crying talking living staying refusing "
    "playing drinking smoking absconding settling behaving doing speaking walking learning "
    "thriving coping hiding running sofa-surfing self-harming wetting soiling"
)
_COMPOUND_ROLES = words("child children family parent parents carer carers baby young")
# Names seldom end like these nouns do.
NOUN_ENDINGS = ("tion", "sion", "ment", "ance", "ence", "ity", "ness", "ship", "ing", "ism", "ure", "ogy",
                "ics", "ist", "al", "py", "ary", "ery")
_DETERMINERS = words("the a an this that these those our their his her its my your every each any no")
WHO_AFTER = re.compile(r",\s*(?:who|whose|aged|now\s+aged)\b")
# Adverbs between a name and what the person did: "Hope then ran off".
_DOING_ADVERBS = words("then also later again still just never always often really eventually immediately quickly finally now")
# Past forms that are as often adjectives after a noun ("Summer based", "Court ordered").
_NOT_DOINGS = words("based used related linked needed led fed bred red shed bed need united limited")
# After a given name opening a sentence, these show the ordinary word: "Will you", "May I",
# "Bill them", "Mark it", "Will be", "Hope so".
_ORDINARY_AFTER_START = words("you i we they it them us me him her be need so too that this there what")
# Where a person is, after their name: "Grace in his room", "Ocean up at 6".
_PERSON_PLACES = words("in at with to from up awake asleep home back out off round over outside inside upstairs downstairs")
# What only a person does, said of them straight after their name ("favour said").
_PERSON_ONLY_VERBS = words(
    "said says told tells disclosed discloses cried cries wants wanted feels felt thinks "
    "thought admitted denied refused agreed asked reported explained shouted screamed"
)
# Where a person is or what they are doing, straight after their name: "Autumn back at home".
_STATE_WORDS = words("back asleep awake doing feeling settling sleeping eating crying playing attending engaging")
# "Autumn and Storm at Mill Lane Primary": two given names, then where they go.
# "Hope was not at the core group": meetings a person is at or misses.
_MEETINGS = words("core meeting conference review session appointment visit contact panel hearing group")
_PAIR_FOLLOWERS = words("at attend attended attends")
# "hi rose": a message greets a person.
_GREETINGS = words("hi hiya hello hey")
# "with Honey till the police came": small words that open a clause, never a noun after a name.
_CLAUSE_LINKS = words("till until before after when while because but so and or as if than since")
_ADVERBS = words(
    "not still now no longer always never really quite very so much often been being less more "
    "yet today tonight tomorrow yesterday either anymore though"
)
# "with D.R. and another youth": words before whom someone was with or met.
_WITH_WHOM = words("with and by from to told saw seen met named")
# Dotted letters that are abbreviations, not initials ("G.P.", "P.M.").
_DOTTED_ABBREVIATIONS = words("am pm eg ie nb ps gp dv da uk ae re hv sw cp ok")
# "her sister faith": words of family before a given name in lower case.
_KIN = words("sister brother son daughter cousin nan nana gran granny grandma grandad aunt auntie uncle niece nephew")
# Given names that are modal verbs first: "the brother may come", "hi will".
_MODALS = words("will can may")
_SEASONS = words("summer autumn winter spring will can may")
SEASON_WORDS = words("summer autumn winter spring")
MODAL_NAMES = words("will")
# Verbs that things do as well as people: "Child Benefit stopped", "the plan continued".
_THING_VERBS = words(
    "stopped stops started starts continued continues remained remains made makes used uses needs needed "
    "showed shows came comes went goes ran runs broke breaks left leaves"
)
# What a person's form says before the name: "Pupil: Amber Black".
FORM_LABELS = words("pupil student client patient applicant applicants learner resident tenant claimant")
NOT_SURNAMES = _ADVERBS | _DOING_ADVERBS | words("back home today tonight ok safe well missing here there")
# Actions given to someone in minutes: "King to record…", "Jo to chase…".
ACTION_VERBS = words(
    "record call ring phone send write visit chase update complete arrange contact liaise speak check "
    "book share email review follow refer ask discuss attend convene invite agree provide confirm make "
    "seek request inform talk meet see support escalate feed raise explore draft circulate"
)
# What only a person has: "bills attendance", "oceans real name", "masons older cousin".
PERSON_NOUNS = words(
    "attendance caseload name names plan behaviour birthday bedroom room phone school nursery "
    "older younger real ex new little big eldest youngest"
)
# Words about what someone is called, near a quoted nickname: “Big T” (real names not known).
NICKNAME_CUES = re.compile(
    r"\b(?:real\s+names?|nick\s*names?|street\s+names?|goes\s+by|given\s+as|calls\s+(?:him|her|them)sel(?:f|ves)|a\.?k\.?a\.?|known\s+as|called|"
    r"call(?:s|ed)?\s+(?:him|her|them|me))\b",
    re.IGNORECASE,
)
QUOTED_CAPITALS = re.compile(r"[\"“‘']([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})[\"”’']")
# "1) Storm – placement wobbly", "- faith at st anne's": the start of an item of a list.
LIST_ITEM = re.compile(r"(?:^|\n|[.!?):]\s)[^\S\n]*(?:\(?\d{1,2}[.)]|[-•*])[^\S\n]*$")
# A modal never comes before these: "Will isnt on tomorrow" is someone.
FINITE_AUXILIARIES = words("is was has had isnt wasnt hasnt hadnt isn't wasn't hasn't hadn't")
# 'Jordan "JJ" Obi': quotes around a nickname inside a name.
INNER_QUOTE_OPEN = re.compile(r"\s+[\"“‘']")
INNER_QUOTE_CLOSE = re.compile(r"[\"”’']\s+")
# How a message ends and who signs it: "thanks T", "can we talk. m x", "…tracker, RB".
SIGN_OFFS = words("thanks thank thx ta cheers regards love luv")
KISSES = re.compile(r"x{1,3}")
MESSAGE_END = re.compile(r"\s*(?:[\"”'’)]|$|\n)")
SIGN_OFF_END = re.compile(r"[\s.!]*")
SIGN_OFF_GAP = re.compile(r"(?:,|\n|\s[-–])\s*$")
# "boys are jack 9 and art 6": an age with no unit, in a list.
BARE_AGE = re.compile(r"\s+\d{1,2}(?:\s*(?:and\b|&|,|\()|\s*$)")
# What someone has, after their name without its apostrophe ("wills college", "js mum"), besides
# the ROLE_WORDS and PERSON_NOUNS they are checked with.
OWNED_WORDS = words("dob college bro sis bday house flat")
# "Sue and Ken Lomax": a couple sharing a surname.
COUPLE_GAP = re.compile(r"\s+(?:and|AND|&|n)\s+")
# Police ranks, and the collar number an officer may carry between rank and name ("PC 4412 Hassan").
POLICE_RANKS = words("pc dc ds di ps sgt pcso insp dci dsi")
COLLAR_NUMBER = re.compile(r"\s+\d{2,6}\s+")
# Words of the trade that are also surnames, after a given name: "Mariana Costa", "Jo English".
TRADE_SURNAMES = words("costa english welsh french england ireland wales salt jun islam bibi")
# A clause in a handover opens after these as after a full stop: "fyi hope rang", "n mason came".
CLAUSE_OPENERS = words("fyi ps nb and but then also so re n & update upd8 btw")
DAY_MOODS = words("good bad great lovely settled calm difficult rough better quiet ok okay")
WHERE_PEOPLE_ARE = words("home school nursery work college bed hospital contact court")
# "Faith has been with them": who a person is with.
WITH_PEOPLE = words("them her him us me mum dad nan gran carers carer family foster")
# "Plan B", "Ward C", "Appendix D": a letter naming a thing.
LETTERED_THINGS = words(
    "plan option type category grade appendix section part room ward block unit level year tier class "
    "team group zone wing page form annex schedule exhibit item vitamin hepatitis"
)
# "Justice is the eldest", "Hope was the only girl": what a person is, after "is the".
PERSON_COMPLEMENTS = words("eldest youngest oldest baby boy girl lad lass toddler")
# "Miracle had a good day", "Blessing had a tantrum": what a person has, after "had a".
PERSON_TIMES = words(
    "day night morning afternoon evening weekend week sleep tantrum meltdown bath shower nap "
    "breakfast lunch tea dinner cry wash haircut "
    # "Faith has a dentist appointment", "Hope has no photo ID": what a person's body or papers have.
    "appointment dentist bruise bruises rash injury injuries cough temperature fever diagnosis "
    "passport photo id mobile"
)
# "pa for mark.", "no reply abt ocean -": a given name ending a request in lower-case writing.
_FOR_WORDS = words("for abt about re with from")
# A clause about someone follows these: "mrs k said gift has moved".
_REPORTING = words("said says told tells thinks thought reckons reckon")
# "txt from rose 2day": a message comes from a person.
_MESSAGES = words("txt text msg message call email letter voicemail vm")
_NEGATED = words("cant can't wont won't didnt didn't doesnt doesn't isnt isn't wasnt wasn't hasnt aint")
# Verbs whose object is usually a person in notes ("rang summer", "saw jack", "re hope").
OBJECT_VERBS = words(
    "saw see seen visited visit rang ring phoned called met meet told tell asked ask collected "
    "texted messaged emailed re"
)
MONTHS = words("jan april may june july august")
_BEFORE_PERSON_OBJECT = words("on up took take drop pick got get left found helped gave give brought bring")
_AFTER_PERSON_OBJECT = words(
    "the a an that this about at in on to for with from and or but if so because when where "
    "what how why who whether yesterday today again twice alone briefly earlier later first "
    "she he they we i you it her his their re"
)
# "spoke to hope", "chatted with will".
TO_VERBS = words("spoke speak speaking talked talk talking chatted chat explained")
# "named only as J and K", "referred to as Mo".
AS_NAMING = words("known named only referred identified saved listed stored")
AGE_STATED = re.compile(r"\s+(?:is|was|aged|turned|turns)\s+\d{1,2}\b(?!\s*(?:%|am|pm|:|\.\d))")
_NUMBER_AFTER = re.compile(r"\s\d")
NAMING_WORDS = words("known aka called calls call named nicknamed name forename forenames surname firstname")
QUOTES = "\"“”'‘’"
BOTH_AFTER = re.compile(r"\s*(?:\+|&|and|n)\s*([a-z]+)\s+both\b")
DOB_LETTERS = re.compile(r"\b[Dd]\.\s?[Oo]\.\s?[Bb]\b")
INITIAL_END = re.compile(r"\.?(?:\s*[-–—,;:()]|\s*$|\.\s)")
# "faith from the rhi team", "hope from housing": a worker from a service.
FROM_SERVICE = re.compile(
    r" from (?:the )?(?:[a-z&]+ ){0,3}(?:team|service|services|unit|hub|project|office)\b"
    r"| from (?:housing|school|nursery|college|police|health|camhs|yot|yjs|early help|the council)\b"
)
FAMILY_WORDS = words("family household children siblings twins boys girls brothers sisters kids")
_NOT_A_FAMILY_NAME = words("foster host birth adoptive kinship extended whole wider same new other")
# "maureen, mo for short".
FOR_SHORT = re.compile(r"\s+for\s+short\b", re.IGNORECASE)
# Irish surnames keep their apostrophe in any case: "O'CALLAGHAN", "the o'neills", "D'Souza".
APOSTROPHE_NAME = re.compile(r"[A-Z][a-z]{0,2}['’][A-Z][a-z]+")
IRISH_PREFIX = re.compile(r"[odOD]['’][^\W\d_]{3,}")
COORDINATORS = words("and n & or")
# Roles after which a lone letter is a name ("Child K", "baby m").
INITIAL_ROLES = words(
    "child baby sibling yp infant twin pupil son daughter brother sister aunt aunty auntie uncle cousin nan gran"
)
# Only unambiguous titles are believed in lower case ("mr ellis"); "miss" is also a verb.
LOWER_TITLES = words("mr mrs ms mx dr")

# Ordinary words that are also names but are usually the word even when capitalised in
# mid-sentence (months, seasons, colours and ethnic categories).
WEAK_WHEN_CAPITALISED = words(
    "jan april may june august summer autumn winter spring black white brown green mixed "
    "british asian christian page star rain storm sunny honey amber"
)
COLOURS = words("black white brown green amber red")
# Neither of these is ever anyone's name here, even in mid-sentence.
ALWAYS_ORDINARY_WHEN_CAPITALISED = words("british asian christian")
DAY_BEFORE = re.compile(r"\d(?:st|nd|rd|th)?\s+$")
_CALENDAR_BEFORE = words("of early mid late end half the this last next every each since")
_ETHNICITY_AFTER = words("british caribbean african irish other asian european heritage and or")
# Names that are also abstract nouns or auxiliaries: "Hope is not a plan", "Will you…".
ABSTRACT_NAMES = words(
    "will can may hope faith love joy peace justice patience charity mercy harmony liberty "
    "destiny unity trinity serenity summer autumn winter spring amber"
)
_AUXILIARIES = words(
    "was is has had will would could should did does can cannot can't won't didn't "
    "doesn't isn't wasn't hasn't hadn't "
    # Written without the apostrophe: "Mason isnt on tomorrow".
    "isnt wasnt hasnt hadnt didnt doesnt cant wont couldnt wouldnt shouldnt"
)
_SUBJECTS = words("i we you they he she it who which that there")
# Past tenses without "-ed", after a given name opening a sentence: "Autumn shut the door".
IRREGULAR_PASTS = words(
    "shut sat stood woke ate drank threw broke took gave got made kept wore hid fell swore fought bit "
    "lost met saw sang slept spent stole swam swung tore understood wept won wrote forgot began "
    "brought bought caught taught thought heard held knew led meant paid sent sold spoke told "
    "chose drove rode stuck struck hung clung dug shook slid spun spat swept bled bent built dealt felt fled "
    "found grew hurt knelt laid leapt lent lit rang shot smelt sped spilt split stung woke wound"
)
ING_NOUNS = words(
    "morning evening meeting building feeling thing nothing something anything everything wedding "
    "ceiling spring string sibling darling wellbeing housing funding setting training parenting "
    "safeguarding planning offending bedding clothing shopping learning booking recording ending"
)
# How a person is, straight after their name: "Precious ok after", "Star fine at school".
PERSON_CONDITIONS = words(
    "ok okay fine safe happy sad settled unsettled well poorly clingy tired grumpy upset quiet chatty teary "
    "tearful angry calm hungry sick ill sleepy giggly excited nervous shy unwell"
)

DERIVED_ENDINGS = ("ing", "ings", "ised", "ized", "ises", "izes", "ment", "ments", "ness",
                   "tion", "tions", "ally", "ability", "ible", "able", "ful")

# Words that, written by a social worker about a family, are almost always someone's name.
MOSTLY_NAMES = words(
    "dean jade ruby holly carol jean kerry heather hazel ivy iris violet poppy daisy jasmine "
    "lily pearl crystal sandy shirley candy misty destiny precious blessing mercy harmony melody"
)

WORD_PREFIXES = ("multi", "neuro", "ante", "peri", "post", "pre", "un", "re", "co", "non", "anti",
                 "over", "under", "sub", "inter", "step", "self", "mis", "dis", "out")


def _inflection_stems(lower: str) -> list[str]:
    stems = []
    if lower.endswith("ies"):
        stems.append(lower[:-3] + "y")
    if lower.endswith("es"):
        stems.append(lower[:-2])
    if lower.endswith("s"):
        stems.append(lower[:-1])
    if lower.endswith("ed"):
        # "walked" from walk, "freed" from free; "Naveed" is not "nave" with an ending.
        stems += [lower[:-2], lower[:-1]] if not lower.endswith("eed") else [lower[:-1]]
    if lower.endswith("ers"):
        stems.append(lower[:-3])
    return stems


# After a place that is also a first name ("Kent Police"), these make an organisation.
INSTITUTION_WORDS = words(
    "police council court school hospital team services service centre group project trust "
    "foundation academy college nursery surgery practice clinic unit hub panel board "
    "partnership constabulary authority county city borough"
)

NONE, WEAK, STRONG = 0, 1, 2
# Capitalised everyday words rarer than this (Zipf 5: "wren", "brook", "blessing", "ward") are
# names alone in mid-sentence; commoner ones ("Police", "Court") are the trade's capitals.
UNCOMMON_ZIPF = 5
# Everyday words rarer than this (Zipf 4) are seldom written in a note except as a name.
RARE_WORD_ZIPF = 4
# Services written with a capital, alone: "spoke with Housing", "a referral to Probation".
SERVICE_WORDS = words(
    "housing probation education health safeguarding welfare benefits immigration justice "
    "police court council school nursery college hospital surgery practice clinic services service "
    "team unit hub panel board authority reception conference meeting review group staff family "
    "everyone everybody nobody someone somebody anyone management"
)
_PHRASE_LINKS = words("of for and the in on to &")


@dataclass(slots=True)
class Token:
    start: int
    end: int
    text: str
    lower: str
    possessive: bool
    sentence_start: bool
    shape: str  # "title", "upper", "lower", "initial", "other" or "mask"


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    previous_end = 0
    for m in TOKEN.finditer(text):
        word = m.group()
        core = word
        possessive = False
        if len(word) > 2 and word[-2] in "'’" and word[-1] in "sS":
            core = word[:-2]
            possessive = True

        gap = text[previous_end : m.start()]
        # Most words are a space apart: no regular expression needed to see no break there.
        sentence_start = not tokens or (gap != " " and bool(SENTENCE_BREAK.search(gap)))
        previous_end = m.end()
        tokens.append(
            Token(m.start(), m.start() + len(core), word, core.lower(), possessive,
                  sentence_start, _shape(core))
        )
    return tokens


def _shape(word: str) -> str:
    if word[0] == MASK:
        return "mask"
    if len(word) == 1:
        return "initial" if word.isupper() else "lower"
    if word.isupper() or (len(word) > 2 and word[-1] == "s" and word[:-1].isupper()):
        return "upper"
    if word.islower():
        return "lower"
    if word[0].isupper():
        return "title"
    return "other"


def mask(text: str, ranges: list[tuple[int, int]]) -> str:
    if not ranges:
        return text
    chars = list(text)
    for start, end in ranges:
        chars[start:end] = MASK * (end - start)
    return "".join(chars)


def _closing_quote(text: str, end: int) -> int:
    return 1 if text[end : end + 1] in ('"', "”", "'", "’") else 0


def _is_lowercase_writing(tokens: list[Token], ordinary: Callable[[str], bool]) -> bool:
    # Judged on ordinary words only, so that removing names does not change the verdict.
    starts = [
        t for t in tokens if t.sentence_start and t.shape in ("lower", "title") and ordinary(t.lower)
    ]
    if not starts:
        # Only names open its sentences ("jack n ruby both ok"): lower case if nothing is capitalised.
        # Only names open its sentences ("jack n ruby both ok"): their case decides. Once they
        # are placeholders the verdict is ordinary writing, which hides no more than this did.
        named = [t for t in tokens if t.sentence_start and t.shape in ("lower", "title", "mask")]
        return bool(named) and all(t.shape == "lower" for t in named)
    lower = sum(1 for t in starts if t.shape == "lower")
    return lower > len(starts) - lower


class NameFinder:
    def __init__(self, lexicon: Lexicon, staff_tokens: frozenset[str], allow_tokens: frozenset[str]):
        self.lexicon = lexicon
        self.staff_tokens = staff_tokens
        self.allow_tokens = allow_tokens
        self._first_names = lexicon.first_names | staff_tokens
        self._word_prefixes = lexicon.word_prefixes

    def _looks_like_a_word(self, lower: str) -> bool:
        """Text-speak for an ordinary word rather than a name: "interp", "shd", "stayin",
        "dutyyy", "handover"."""
        if not any(c in "aeiouy" for c in lower):
            return True
        squeezed = re.sub(r"(.)\1{2,}", r"\1", lower)
        if squeezed != lower and self._is_plain(squeezed):
            return True
        if len(lower) >= 10 or self._is_plain(lower + "g"):
            return True
        # Abbreviations and their plurals: "interp", "interps", "imms".
        stem = lower[:-1] if lower.endswith("s") else lower
        if (len(stem) <= 6 and stem in self._word_prefixes) or stem in self.lexicon.plain_words:
            return True
        # "screener", "redacting": an ordinary word with an ending.
        if any(lower.endswith(e) and lower[: -len(e)] in self.lexicon.plain_words for e in ("er", "ers", "ing", "ed")):
            return True
        # One slip of the keyboard from an ordinary word: "recieved", "becuase", "freind"
        # (short words are too close to too many names to judge so).
        if len(lower) < 6:
            return False
        if any(self._is_plain(lower[:k] + lower[k + 1] + lower[k] + lower[k + 2 :]) for k in range(len(lower) - 1)):
            return True
        if any(self._is_plain(lower[:k] + lower[k + 1 :]) for k in range(len(lower))):
            return True
        return any(
            self._is_plain(lower[:k]) and self._is_plain(lower[k:]) and self.lexicon.zipf_band(lower[:k]) >= 3
            and self.lexicon.zipf_band(lower[k:]) >= 3
            for k in range(3, len(lower) - 2)
        )

    def _is_name(self, lower: str) -> bool:
        return lower in self.staff_tokens or self.lexicon.is_name(lower)

    def _is_ordinary(self, lower: str) -> bool:
        # Titles go with the name they introduce, and vanish with it on redaction.
        return self.lexicon.is_plain_word(lower) and not self._is_name(lower) and lower not in TITLES

    def _is_first_name(self, lower: str) -> bool:
        return lower in self.staff_tokens or lower in self.lexicon.first_names

    def _is_plain(self, lower: str) -> bool:
        if "'" in lower or "’" in lower:
            return re.split(r"['’]", lower)[0] not in ("o", "d")
        if self.lexicon.is_plain_word(lower):
            return True
        if self._is_name(lower):
            return False
        # Words the dictionary lacks but English builds ("oversharing", "chronologies",
        # "unallocated", "multiagency").
        if len(lower) > 7 and lower.endswith(DERIVED_ENDINGS) and self._has_english_stem(lower):
            return True
        return self._built_from_plain(lower)

    def _has_english_stem(self, lower: str) -> bool:
        # "oversharing", "anonymising" are built from English; "Xiaoling" and "Jianing" are
        # names. Only "-ing" ends names as well as words; the other endings are left alone.
        if not lower.endswith(("ing", "ings")) or lower.endswith(("ising", "izing", "isings")):
            return True
        if lower.startswith(WORD_PREFIXES):
            return True
        stem = lower[: -4] if lower.endswith("ings") else lower[:-3]
        return any(self.lexicon.is_plain_word(s) for s in (stem, stem + "e", stem[:-1]))

    def _built_from_plain(self, lower: str) -> bool:
        # A stem that is a name makes a name's plural ("two Harrys"), not a word.
        def plain(word: str) -> bool:
            return self.lexicon.is_plain_word(word) and not self._is_name(word)

        if any(plain(stem) for stem in _inflection_stems(lower)):
            return True
        for prefix in WORD_PREFIXES:
            rest = lower[len(prefix) :]
            if lower.startswith(prefix) and len(rest) >= 4 and (
                plain(rest) or any(plain(stem) for stem in _inflection_stems(rest))
            ):
                return True
        return False

    def _excluded(self, tok: Token) -> bool:
        if tok.shape == "mask":
            return True
        lower = tok.lower
        trade = self.lexicon.trade_words
        # Plurals of the trade's words too ("Fridays", "LAs").
        # "Frances" is a name, not a plural of France.
        return lower in self.allow_tokens or lower in trade or (
            lower[-1:] == "s" and lower[:-1] in trade and not self._is_name(lower)
        )

    def _excluded_word(self, lower: str) -> bool:
        return lower in self.allow_tokens or lower in self.lexicon.trade_words

    def _candidate(self, tok: Token) -> bool:
        return not self._excluded(tok) and (self._is_name(tok.lower) or not self._is_plain(tok.lower))

    def find(
        self, text: str, blocked: list[tuple[int, int]], markers: list[tuple[int, str]] = ()
    ) -> list[Span]:
        # Identifiers found by other means, allowed phrases and placeholders of an earlier
        # redaction are masked, so that names are judged the same before and after redaction.
        # Markers are identifiers that belong to a person (a date of birth, an NHS number, a
        # phone…): whatever names itself just before one is a person.
        masked = list(blocked)
        marker_starts = dict(markers)
        if "[" in text:
            for m in PLACEHOLDER.finditer(text):
                masked.append(m.span())
                if m.group().strip("[]") in PERSON_MARKERS:
                    marker_starts[m.start()] = m.group().strip("[]")
        text = mask(text, masked)
        tokens = tokenize(text)
        lowercase_writing = _is_lowercase_writing(tokens, self._is_ordinary)
        for i, tok in enumerate(tokens):
            self._strip_bare_possessive(tok, tokens[i + 1] if i + 1 < len(tokens) else None)
        strength = [
            self._strength(text, tokens, i, lowercase_writing)
            for i in range(len(tokens))
        ]
        self._hyphenated_names(text, tokens, strength)
        if NICKNAME_CUES.search(text):
            self._quoted_nicknames(text, tokens, strength)
        self._apply_context(text, tokens, strength, lowercase_writing)
        if marker_starts:
            self._before_identifier(text, tokens, strength, marker_starts, lowercase_writing)
        self._extend(text, tokens, strength, lowercase_writing)
        self._propagate(text, tokens, strength, lowercase_writing)
        self._extend(text, tokens, strength, lowercase_writing)
        self._surname_first(text, tokens, strength)
        if lowercase_writing:
            self._coordinated_given_names(text, tokens, strength)
        # "Precious (P) not back": the initial a name is also written as.
        for i in range(1, len(tokens)):
            tok, prev = tokens[i], tokens[i - 1]
            if (
                tok.shape == "initial"
                and strength[i - 1] == STRONG
                and strength[i] != STRONG
                and text[prev.end : tok.start] == " ("
                and text[tok.end : tok.end + 1] == ")"
                and prev.text[:1] == tok.text
            ):
                strength[i] = STRONG
        # "D.O.B" is a label, not three initials.
        for m in DOB_LETTERS.finditer(text):
            for i, tok in enumerate(tokens):
                if m.start() <= tok.start < m.end():
                    strength[i] = NONE
        return self._spans(text, tokens, strength)

    def _quoted_nicknames(self, text: str, tokens: list[Token], strength: list[int]) -> None:
        # “Big T” and “Snowy” (real names not known): what someone is called, in quotes, in a
        # sentence about names.
        for cue in NICKNAME_CUES.finditer(text):
            window_start = max(0, cue.start() - 120)
            for m in QUOTED_CAPITALS.finditer(text, window_start, min(len(text), cue.end() + 120)):
                for i, tok in enumerate(tokens):
                    if m.start(1) <= tok.start < m.end(1) and not self._excluded(tok):
                        strength[i] = STRONG

    def _coordinated_given_names(self, text: str, tokens: list[Token], strength: list[int]) -> None:
        """In writing that is all lower case, two given names joined by "n", "+", "&", "and"
        or "or" are two people ("king n storm in kinship care", "dawn or jack all wk"); a
        month, a season or a modal is never one of them ("may or june", "will n can")."""
        for i in range(len(tokens) - 2):
            a, link, b = tokens[i], tokens[i + 1], tokens[i + 2]
            if link.lower not in COORDINATORS | words("or") or a.possessive:
                continue
            if text[a.end : link.start] != " " or text[link.end : b.start] != " ":
                continue
            pair = (a, b)
            if not all(
                t.shape == "lower"
                and self._is_first_name(t.lower)
                and t.lower not in _SEASONS
                and t.lower not in MONTHS
                and t.lower not in ROLE_WORDS
                and not self._excluded(t)
                for t in pair
            ):
                continue
            strength[i] = strength[i + 2] = STRONG

    def _surname_first(self, text: str, tokens: list[Token], strength: list[int]) -> None:
        """Records and lists write the surname first: "NAME: HALL, FRANK.", "Hall, Frank (6)".
        A name, a comma and a word that could be a name, with the record's field ending after
        it (a full stop, a bracket, a line break or the end), is one person; so is a word that
        could be a name opening the field before a comma and a name."""
        for i in range(len(tokens) - 1):
            a, b = tokens[i], tokens[i + 1]
            if text[a.end : b.start] != ", " or a.possessive or b.possessive:
                continue
            if a.shape not in ("title", "upper") or b.shape not in ("title", "upper"):
                continue
            if (strength[i] == STRONG) == (strength[i + 1] == STRONG):
                continue
            after = text[b.end : b.end + 3]
            # "KHAN, Imran 19/06/1990": a date of birth or another identifier also ends the field.
            field_ends = b.end == len(text) or re.match(rf"\s*(?:[.;(\n]|$|\d|{MASK})", after) is not None
            field_starts = a.sentence_start or (i > 0 and text[tokens[i - 1].end : a.start].strip() == ":")
            if not (field_ends and field_starts):
                continue
            j = i + 1 if strength[i] == STRONG else i
            other = tokens[j]
            if self._excluded(other) or other.lower in ROLE_WORDS or other.lower in TITLES:
                continue
            if self._is_name(other.lower) or not self._is_plain(other.lower):
                strength[j] = STRONG

    def _before_identifier(
        self, text: str, tokens: list[Token], strength: list[int], marker_starts: dict[int, str],
        lowercase_writing: bool,
    ) -> None:
        # "River (DOB 10/10/2012)", "Sage - 6528170525", "Ocean Moody (MR 84 02 37 A)", "grace
        # dob 14/9/06": the words naming themselves before a person's identifier are a name.
        for i, tok in enumerate(tokens):
            gap = IDENTIFIER_GAP.match(text, tok.end)
            given = tok.shape in ("title", "upper") and self._is_first_name(tok.lower) and not self._excluded(tok)
            if gap is None or gap.end() not in marker_starts or not (given or self._names_itself(tok, lowercase_writing)):
                continue
            if tok.lower in CONTACT_VERBS and marker_starts[gap.end()] in ("PHONE", "EMAIL"):
                continue
            # "Crime ref 13/88214/24", "Log 1188", "MRN RWB1234567": before a reference the word
            # is usually what the reference is for; only a word that is surely a name counts.
            label = (gap.group("label") or "").lower()
            # "mark lcs 3390155", "grace mosaic 3318204": a case system's number is a person's.
            system = gap.group("system") is not None and self._is_first_name(tok.lower) and tok.lower not in _MODALS
            if (marker_starts[gap.end()] == "CASE_ID" or label in ("ref", "no", "id")) and not system and not (
                tok.shape != "upper" and self._is_name(tok.lower) and not self._is_plain(tok.lower)
            ):
                continue
            j = i
            while j >= 0 and i - j < 4:
                if j != i and not self._names_itself(tokens[j], lowercase_writing):
                    break
                strength[j] = STRONG
                if j == 0 or tokens[j].sentence_start or not self._joined(text, tokens[j - 1], tokens[j]):
                    break
                j -= 1

    def _names_itself(self, tok: Token, lowercase_writing: bool) -> bool:
        """Could this word be (part of) a name, were the context to say so?"""
        lower = tok.lower
        if tok.shape in ("mask", "initial") or self._excluded(tok) or lower in ROLE_WORDS or lower in TITLES:
            return tok.shape == "initial" and tok.text != "I"
        if lower in IDENTIFIER_LABELS or lower in SERVICE_WORDS or "'" in lower or "’" in lower:
            return False
        # "Visits", "Typed", "Notification": a form of an ordinary word, not a name.
        if not self._is_name(lower) and (
            lower.endswith(NOUN_ENDINGS)
            or any(self._is_plain(stem) and not self._is_name(stem) for stem in _inflection_stems(lower))
        ):
            return False
        if tok.shape == "lower":
            return lowercase_writing and self._is_name(lower)
        return (
            not self._is_plain(lower)
            or (self._is_name(lower) and self.lexicon.zipf_band(lower) < 6)
            or self.lexicon.zipf_band(lower) < UNCOMMON_ZIPF
        )

    def _hyphenated_names(self, text: str, tokens: list[Token], strength: list[int]) -> None:
        # "Rose-May", "Lily-Grace": two names joined by a hyphen are a double-barrelled name.
        for i in range(len(tokens) - 1):
            a, b = tokens[i], tokens[i + 1]
            if text[a.end : b.start] != "-" or a.possessive or not a.shape == b.shape == "title":
                continue
            both_names = (
                self._is_name(a.lower)
                and self._is_name(b.lower)
                and not (self._excluded(a) or self._excluded(b))
                # "May-June" is a range of months.
                and not (a.lower in WEAK_WHEN_CAPITALISED and b.lower in WEAK_WHEN_CAPITALISED)
            )
            # "Jun-Jun", "Mei-Mei", "Bo-Bo": a doubled word is a pet name.
            doubled = a.text == b.text and 2 <= len(a.lower) <= 5
            if both_names or doubled:
                strength[i] = strength[i + 1] = STRONG

    def _strip_bare_possessive(self, tok: Token, nxt: Token | None = None) -> None:
        # Text-speak drops the apostrophe: "harpreets mum", and before a role word even a name
        # that is a word: "wills mum", "blessings sister".
        lower = tok.lower
        if tok.possessive or len(lower) < 4 or not lower.endswith("s") or tok.shape != "lower":
            return
        stem = lower[:-1]
        if self._excluded(tok):
            return
        # "(carys)": a possessive owns something, straight after it.
        if nxt is None or nxt.start - tok.end != 1:
            return
        before_role = (
            nxt is not None
            and (nxt.lower in ROLE_WORDS or nxt.lower in PERSON_NOUNS)
            and nxt.start - tok.end == 1
            and self._is_first_name(stem)
            and stem not in SEASON_WORDS
            # "lucas phone": a given name that ends in s is the name itself.
            and not (self._is_first_name(lower) and not self._is_plain(lower))
        )
        if not before_role and (len(lower) < 5 or self._is_name(lower) or self._is_plain(lower)):
            return
        if self._is_name(stem) and (before_role or not self._is_plain(stem)):
            tok.lower = stem
            tok.end -= 1
            tok.possessive = True

    def _strength(self, text: str, tokens: list[Token], i: int, lowercase_writing: bool) -> int:
        tok = tokens[i]
        lower = tok.lower
        if self._excluded(tok):
            return NONE
        named = self._is_name(lower)
        plain = self._is_plain(lower)
        shape = tok.shape
        if shape == "initial" or lower in _GREETINGS:
            return NONE
        # "hi rose", "hiya blessing its star from duty": who a message greets or comes from.
        if shape in ("lower", "title") and self._is_first_name(lower) and lower not in _MODALS and i > 0:
            prev = tokens[i - 1]
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            if prev.lower in _GREETINGS and text[prev.end : tok.start] in (" ", ", "):
                return STRONG
            if (
                prev.lower in ("its", "it's", "it’s")
                and text[prev.end : tok.start] == " "
                and nxt is not None
                and nxt.lower in ("from", "on", "here", "x")
            ):
                return STRONG
        if IRISH_PREFIX.fullmatch(tok.text, 0, tok.end - tok.start) and not self._is_plain(lower[2:]):
            return STRONG
        # "D'Angelo", "Ta'Leah", "N'Golo": a capital on each side of the apostrophe.
        if APOSTROPHE_NAME.fullmatch(tok.text, 0, tok.end - tok.start):
            return STRONG
        if shape == "lower":
            # Lower-case names are believed alone only when the word has no other meaning, or
            # in writing that is all lower case, when the name is what the word mostly means.
            if named and not plain and len(lower) >= (3 if lowercase_writing else 4):
                return STRONG
            # A name that English seldom writes as a word ("beryl", "brogan"); in writing that
            # is all lower case, a given name a little less rare ("ivy", "jasper").
            if named and len(lower) >= 4 and not self._excluded(tok) and lower not in _SEASONS and (
                self.lexicon.zipf_band(lower) < RARE_WORD_ZIPF - 1
                or (lowercase_writing and self._is_first_name(lower) and self.lexicon.zipf_band(lower) < RARE_WORD_ZIPF)
            ):
                return STRONG
            if lowercase_writing and lower in MOSTLY_NAMES:
                return STRONG
            # "nan answered (pat)": a given name alone in brackets says who was meant.
            if (
                self._is_first_name(lower)
                and len(lower) >= 3
                and lower not in _SEASONS
                and lower not in MONTHS
                and text[tok.start - 1 : tok.start] == "("
                # "(pat 11 rook lane)": a name and where they live, in brackets.
                and (text[tok.end : tok.end + 1] == ")" or text[tok.end + 1 : tok.end + 2] in ("", MASK) or _NUMBER_AFTER.match(text, tok.end))
            ):
                return STRONG
            # In writing that is all lower case, a word no dictionary or name list knows is a
            # name, as a capitalised one is in ordinary prose ("rang kiyanu", "for mirqui").
            if (
                lowercase_writing
                and not named
                and not plain
                and len(lower) >= 3
                and not tok.possessive
                and not self._looks_like_a_word(lower)
            ):
                return STRONG
            # "archer refused to go in", "will is struggling": a given name opening a sentence
            # in lower case before what a person does, in any writing.
            if tok.sentence_start and self._is_first_name(lower) and len(lower) >= 3 and self._lower_start_person(text, tokens, i):
                return STRONG
            # "4) faith at st anne's is still saying": a given name opening an item of a list.
            if (
                tok.sentence_start
                and self._is_first_name(lower)
                and len(lower) >= 3
                and lower not in MONTHS
                and lower not in _SEASONS
                and LIST_ITEM.search(text, max(0, tok.start - 8), tok.start)
            ):
                return STRONG
            # "fyi hope rang x3 overnite": in lower-case writing, a given name before what a person did.
            nxt_word = tokens[i + 1] if i + 1 < len(tokens) else None
            before = tokens[i - 1] if i > 0 and not tok.sentence_start else None
            if (
                lowercase_writing
                and self._is_first_name(lower)
                and lower not in MODAL_NAMES
                and lower not in _SEASONS
                and nxt_word is not None
                and not nxt_word.sentence_start
                and text[tok.end : nxt_word.start] == " "
                and nxt_word.lower in PERSON_VERBS
                and nxt_word.lower not in _AUXILIARIES
                # "mark from the food bank rang, mark said": after a comma a clause starts too.
                and (before is None or before.lower in CLAUSE_OPENERS or text[before.end : tok.start] == ", ")
            ):
                return STRONG
            # "appropriate adult was sue from EDT": after "was", a verb could not stand bare.
            prev = tokens[i - 1] if i > 0 and not tok.sentence_start else None
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            if (
                prev is not None
                and prev.lower in ("was", "is")
                and self._is_first_name(lower)
                and lower not in _SEASONS
                and nxt is not None
                and nxt.lower in ("from", "at", "with")
                and text[tok.end : nxt.start] == " "
            ):
                return STRONG
            return WEAK if named and lowercase_writing else NONE
        if shape == "upper":
            # "JADE STILL MISSING": in capitals too, a given name rare as a word is the person.
            rare_given = self._is_first_name(lower) and self.lexicon.zipf_band(lower) < RARE_WORD_ZIPF
            if named and (not plain or rare_given) and len(lower) >= 3:
                return STRONG
            # "JADE'S MUM", "at CHASEs house": a name in capitals that has something.
            if named and tok.possessive and len(lower) >= 3 and lower not in MODAL_NAMES:
                return STRONG
            core = lower[:-1]
            if (
                tok.text[-1] == "s"
                and not tok.possessive
                and len(core) >= 3
                and self._is_name(core)
                and not named
                and core not in MODAL_NAMES
                and not self._excluded_word(core)
            ):
                tok.lower = core
                tok.end -= 1
                tok.possessive = True
                return STRONG
            # "VITASHA said", "DORZU STILL MISSING": a word in capitals that no dictionary, name
            # list or list of the trade's abbreviations knows, long enough not to be an
            # abbreviation and with the vowels of a spoken word, is a name.
            if (
                not named
                and not plain
                and len(lower) >= 5
                and sum(ch in "aeiouy" for ch in lower) >= 2
                and not self._looks_like_a_word(lower)
            ):
                return STRONG
            return NONE
        if "'" in lower or "’" in lower:
            return STRONG if not plain else NONE
        if named and not plain:
            return STRONG
        if named:
            # A colleague called Will is "Will" in mid-sentence, whatever the word usually means.
            if lower in self.staff_tokens and not tok.sentence_start:
                return STRONG
            if tok.sentence_start:
                nxt = tokens[i + 1] if i + 1 < len(tokens) else None
                given = self._is_first_name(lower) and (
                    lower not in WEAK_WHEN_CAPITALISED
                    # "Sunny back from missing", "Storm kicked off": weather and colours open a
                    # sentence as a person as other given names do; months and seasons do not.
                    or (lower not in MONTHS and lower not in SEASON_WORDS and lower not in ALWAYS_ORDINARY_WHEN_CAPITALISED
                        and lower not in COLOURS)
                    # "1) Storm – placement wobbly": an item of a list of people.
                    or (lower not in MONTHS and LIST_ITEM.search(text, max(0, tok.start - 8), tok.start) is not None)
                    # "Autumn back at home", "Amber ok after", "Summer doing well": a season or a
                    # colour is in no state and does nothing.
                    or (
                        lower not in MONTHS
                        and lower not in ALWAYS_ORDINARY_WHEN_CAPITALISED
                        and lower != "spring"  # a verb too: "Spring back to the office"
                        and self._in_a_state(text, tokens, i)
                    )
                )
                # "Will isnt on tomorrow", "Will has been told": a modal never comes before these.
                if lower in MODAL_NAMES and nxt is not None and nxt.lower in FINITE_AUXILIARIES and not nxt.sentence_start:
                    return STRONG
                # "Jade up at 6": a given name English seldom writes as a word opens a sentence
                # as the person; so does any given name standing alone ("…again. Sue").
                if given and (
                    self.lexicon.zipf_band(lower) < RARE_WORD_ZIPF
                    or ((nxt is None or nxt.sentence_start) and not tok.possessive and i > 0)
                ):
                    return STRONG
                # Any given name opening a sentence is the person when what follows is what a
                # person does ("Grace ran", "Jack, who…", "Mason then left"), not a noun or an
                # object ("Grace period", "Mark the letter", "Will you…").
                # What follows must be a word: beside an identifier found by other means or an
                # earlier placeholder, the word it replaced is unknown, and judging by the mask
                # would make a second redaction differ from the first.
                if (
                    given
                    and nxt is not None
                    and not nxt.sentence_start
                    and nxt.shape != "mask"
                    and nxt.lower not in _AUXILIARIES
                    and text[tok.end : nxt.start] not in ("-", "‑", "/")
                    and (
                        (self.lexicon.zipf_band(lower) < UNCOMMON_ZIPF and self._person_follows(tokens, i))
                        or not self._ordinary_after_start(tokens, i)
                    )
                ):
                    return STRONG
                return WEAK
            # Privacy comes first: a capitalised month, season or colour in mid-sentence is a
            # person unless a narrow pattern makes it the ordinary thing ("in May", "Summer
            # holidays", "White British", "rated Amber").
            if lower in WEAK_WHEN_CAPITALISED and self._ordinary_use(text, tokens, i):
                return WEAK
            # "Room 3", "Ward 7", "the Grove": a numbered or definite thing, not a person.
            if _NUMBER_AFTER.match(text, tok.end) or (i > 0 and tokens[i - 1].lower == "the"):
                return WEAK
            return WEAK if self._in_title_case_phrase(tokens, i) else STRONG
        if plain:
            return STRONG if self._uncommon_capital(text, tokens, i) else NONE
        # A capitalised word no dictionary knows is a proper noun; among capitalised ordinary
        # words it is more likely a service or a place, and a short one starting a sentence
        # is as likely to be an abbreviation ("Strat disc", "Appt").
        if self._in_title_case_phrase(tokens, i):
            return WEAK
        if tok.sentence_start and len(lower) < 5:
            return WEAK
        return STRONG

    def _in_a_state(self, text: str, tokens: list[Token], i: int) -> bool:
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if nxt is None or nxt.sentence_start or nxt.shape != "lower" or text[tokens[i].end : nxt.start] != " ":
            return False
        return nxt.lower in PERSON_CONDITIONS or nxt.lower in _PERSON_ONLY_VERBS or nxt.lower in _STATE_WORDS

    def _uncommon_capital(self, text: str, tokens: list[Token], i: int) -> bool:
        """A capitalised word in mid-sentence that English seldom writes (Zipf below
        UNCOMMON_ZIPF) and that is not part of a capitalised phrase is taken for a name, as
        Philter does: "spoke with Wren", "Blessing's mum"."""
        tok = tokens[i]
        if tok.sentence_start or tok.shape != "title" or self.lexicon.zipf_band(tok.lower) >= UNCOMMON_ZIPF:
            return False
        if self._excluded(tok) or tok.lower in self.lexicon.trade_words or tok.lower in SERVICE_WORDS:
            return False
        # "Greens", "Walked": an inflection of a common word is that word.
        if any(self.lexicon.zipf_band(stem) >= UNCOMMON_ZIPF for stem in _inflection_stems(tok.lower)):
            return False
        prev = tokens[i - 1] if i > 0 else None
        if prev is not None and prev.lower in ("the", "a", "an"):
            return False
        if _NUMBER_AFTER.match(text, tok.end):
            return False
        return not self._in_title_case_phrase(tokens, i) and not self._beside_a_capital(tokens, i)

    def _beside_a_capital(self, tokens: list[Token], i: int) -> bool:
        # "Child Benefit", "Family Hub", "Home Office": a capitalised ordinary word beside
        # another makes a name of a thing. A verb or a small word that only opens the sentence
        # ("Visited Wren", "With Wren") does not.
        tok = tokens[i]
        for j in (i - 1, i + 1, i - 2, i + 2):
            if not 0 <= j < len(tokens):
                continue
            other = tokens[j]
            left, right = (other, tok) if j < i else (tok, other)
            if abs(j - i) == 2:
                # "Signs of Safety", "Head of Service": a phrase joined by a small word.
                link = tokens[(i + j) // 2]
                if link.lower not in _PHRASE_LINKS or link.shape != "lower" or right.start - left.end > len(link.lower) + 2:
                    continue
            elif left.possessive or right.start - left.end != 1:
                continue
            if other.shape == "mask":
                return True  # an identifier found by other means, or a placeholder: still a capital
            if other.shape not in ("title", "upper"):
                continue
            if not (self._is_plain(other.lower) or other.lower in self.lexicon.trade_words):
                continue
            if j < i and other.sentence_start and (
                other.lower in PERSON_VERBS
                or other.lower in OBJECT_VERBS
                or other.lower in TO_VERBS
                or other.lower.endswith("ed")
                or self.lexicon.zipf_band(other.lower) >= 6
            ):
                continue
            return True
        return False

    def _ordinary_use(self, text: str, tokens: list[Token], i: int) -> bool:
        """A month, season, colour or weather word used as itself rather than as someone's name."""
        tok = tokens[i]
        lower = tok.lower
        prev = tokens[i - 1] if i > 0 else None
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        before = prev.lower if prev is not None and not tok.sentence_start else ""
        after = nxt.lower if nxt is not None and not nxt.sentence_start else ""
        if lower in ALWAYS_ORDINARY_WHEN_CAPITALISED:
            return True
        if before in _TIME_PREPOSITIONS or before in _CALENDAR_BEFORE or _NUMBER_AFTER.match(text, tok.end):
            return True
        if DAY_BEFORE.search(text, max(0, tok.start - 8), tok.start):
            return True  # "3 May", "1st June"
        # "in May and June", "May-June": a month coordinated with a month.
        for j in (i - 1, i + 1, i - 2, i + 2):
            if not (0 <= j < len(tokens)) or tokens[j].lower not in WEAK_WHEN_CAPITALISED:
                continue
            left, right = sorted((i, j))
            between = text[tokens[left].end : tokens[right].start].strip().lower()
            if between in ("-", "–", "/", "&", "and", "or", "to"):
                return True
        if lower in COLOURS and (after in _ETHNICITY_AFTER or before in COLOURS | words("rated as mixed rag")):
            return True
        if tok.possessive or nxt is None or nxt.sentence_start:
            return False
        # "Summer holidays", "Amber warning", "Storm damage": the word used before a noun; not
        # before a small word that starts a clause ("with Honey till the police came").
        return (
            nxt.shape == "lower"
            and after not in _CLAUSE_LINKS
            and self._is_plain(after)
            and after not in _AFTER_PERSON_OBJECT
            and after not in PERSON_VERBS
            # "Summer now back at mum's", "Storm still missing", "Amber ok after".
            and after not in _DOING_ADVERBS
            and after not in _ADVERBS
            and after not in PERSON_CONDITIONS
            and not after.endswith("ed")
            and text[tok.end : nxt.start] == " "
        )

    def _in_title_case_phrase(self, tokens: list[Token], i: int) -> bool:
        tok = tokens[i]
        for j in (i - 1, i + 1):
            if not 0 <= j < len(tokens):
                continue
            other = tokens[j]
            left, right = (other, tok) if j < i else (tok, other)
            if left.possessive or right.start - left.end != 1:
                continue
            # A capital that only starts the sentence ("Visited Precious") makes no phrase.
            if j < i and other.sentence_start:
                continue
            if (
                other.shape == "title"
                and other.lower not in NAME_PARTICLES
                and not (j > i and other.lower in TRADE_SURNAMES)
                and self._is_plain(other.lower)
                and not self._is_name(other.lower)
                and other.lower not in ROLE_WORDS
                and other.lower not in TITLES
                # "Ocean Booth": a word English seldom writes beside a name is a given name.
                and not (
                    self._is_name(tok.lower)
                    and tok.lower not in SERVICE_WORDS
                    and tok.lower not in INSTITUTION_WORDS
                    and not other.sentence_start
                    and self.lexicon.zipf_band(other.lower) < RARE_WORD_ZIPF + 1
                    and self._names_itself(other, False)
                )
            ):
                return True
        return False

    def _apply_context(
        self, text: str, tokens: list[Token], strength: list[int],
        lowercase_writing: bool,
    ) -> None:
        for i, tok in enumerate(tokens):
            # "teacher miss grace", "her sw miss nebex": "miss" after a role is a title, and
            # any word that could be a name after it is the name.
            if (
                i > 1
                and tokens[i - 1].lower == "miss"
                and tokens[i - 1].shape == "lower"
                and tok.shape == "lower"
                and tokens[i - 2].lower in ROLE_WORDS
                and text[tokens[i - 1].end : tok.start] == " "
                and text[tokens[i - 2].end : tokens[i - 1].start] == " "
                and (self._is_name(tok.lower) or not self._is_plain(tok.lower))
                and not self._excluded(tok)
            ):
                strength[i - 1] = strength[i] = STRONG
                continue
            if strength[i] == STRONG:
                continue
            prev = tokens[i - 1] if i > 0 else None
            if prev is not None and tok.shape == "title" and self._is_title(text, prev, tok):
                strength[i] = STRONG
                continue
            # "Mrs W said": after a title, a letter is the initial even if the trade uses it ("w/");
            # "Ms A rang": so is "A" after a capitalised title.
            if (
                prev is not None
                and tok.shape == "initial"
                and (
                    (
                        tok.text != "I"
                        and (tok.text != "A" or (prev.shape == "title" and text[tok.end : tok.end + 1] != "&"))
                    )
                    or text[tok.end : tok.end + 1] == "."
                )
                and self._is_title(text, prev, tok)
            ):
                strength[i] = STRONG
                continue
            # "A (14), D (16)", "child A": the letter A is a child's initial as much as the article.
            if self._excluded(tok) and not (
                tok.shape == "initial"
                and tok.lower == "a"
                and (AGE_AFTER.match(text, tok.end) or (prev is not None and prev.lower in INITIAL_ROLES))
            ):
                continue
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            shape = tok.shape
            capitalised = shape in ("title", "initial", "other")
            named = self._is_name(tok.lower)
            plain = self._is_plain(tok.lower)
            if prev is not None and self._is_title(text, prev, tok):
                strength[i] = STRONG
                continue
            # "P. Shah", "W. Hope": an initial and a full stop before a name.
            if (
                prev is not None
                and prev.shape == "initial"
                and prev.text != "I"
                and text[prev.end : tok.start] in (". ", ".")
                and shape == "title"
                and (named or self._names_itself(tok, lowercase_writing))
                and (i < 2 or re.fullmatch(r"[\s,;:()\-–]*", text[tokens[i - 2].end : prev.start]) or prev.start - tokens[i - 2].end == 1)
            ):
                strength[i] = STRONG
                continue
            # "thanks T", "can we talk. m x": a letter signing off a message.
            if (
                (shape == "initial" or (shape == "lower" and len(tok.lower) == 1))
                and tok.lower not in ("i", "a")
                and self._signs_off(text, tokens, i)
            ):
                strength[i] = STRONG
                continue
            # "thx dawn", "thanks - Amber", "Sue x": a given name signing off a message.
            if (
                shape in ("title", "lower", "upper")
                and self._is_first_name(tok.lower)
                and tok.lower not in _MODALS
                and self._signs_off(text, tokens, i)
            ):
                strength[i] = STRONG
                continue
            if shape == "initial":
                if tok.text != "I" and (
                    (prev is not None and prev.lower in INITIAL_ROLES)
                    # "J's dad", "H-R says": a letter that has a family or does what people do.
                    or (tok.possessive and nxt is not None and nxt.lower in ROLE_WORDS)
                    or (
                        prev is not None
                        and prev.shape == "initial"
                        and text[prev.end : tok.start] in ("-", ".")
                        and nxt is not None
                        and nxt.lower in PERSON_VERBS
                        and text[tok.end : nxt.start] == " "
                    )
                    # "Mum says K rolled", "K refused": a letter before what a person does.
                    or (
                        nxt is not None
                        and tok.text not in ("A", "I")
                        and not (prev is not None and prev.lower in LETTERED_THINGS)
                        and text[tok.end : nxt.start] == " "
                        and (nxt.lower in PERSON_VERBS and nxt.lower not in _AUXILIARIES
                             or nxt.lower in PERSON_CONDITIONS
                             or (nxt.lower.endswith("ed") and len(nxt.lower) > 4))
                    )
                    # "T is 16": a letter with an age.
                    or (
                        tok.text not in ("A", "I")
                        and not (prev is not None and prev.lower in LETTERED_THINGS)
                        and AGE_STATED.match(text, tok.end)
                    )
                    # "R is at Beacon PRU", "K was with her nan": where a person is.
                    or (
                        nxt is not None
                        and tok.text not in ("A", "I")
                        and not (prev is not None and prev.lower in LETTERED_THINGS)
                        and nxt.lower in ("is", "was")
                        and i + 2 < len(tokens)
                        and tokens[i + 2].lower in ("at", "with", "home", "back", "missing", "asleep", "staying")
                        and text[tok.end : nxt.start] == " "
                    )
                    # "J (8) and K (6)": a letter with an age is a child; "J (father)" with a role.
                    or AGE_AFTER.match(text, tok.end + (2 if tok.possessive else 0))
                    or ROLE_AFTER.match(text, tok.end)
                    or (prev is not None and prev.lower == "as" and i > 1 and tokens[i - 2].lower in AS_NAMING)
                    # "with D.R. and another youth": dotted initials after a word that names
                    # whom someone was with, unless the letters are an abbreviation ("G.P.", "P.M.").
                    or (
                        prev is not None
                        and prev.shape == "initial"
                        and text[prev.end : tok.start] == "."
                        and text[tok.end : tok.end + 1] == "."
                        and i > 1
                        and tokens[i - 2].lower in _WITH_WHOM
                        and text[tokens[i - 2].end : prev.start] == " "
                        and prev.lower + tok.lower not in _DOTTED_ABBREVIATIONS
                    )
                    # Dotted initials before an age: "S.J. (16)".
                    or (
                        text[tok.end : tok.end + 1] == "."
                        and AGE_AFTER.match(text, tok.end + 1)
                        and prev is not None
                        and prev.shape == "initial"
                        and text[prev.end : tok.start] == "."
                    )
                ):
                    strength[i] = STRONG
                continue
            if shape == "lower" and len(tok.lower) == 1:
                if (
                    prev is not None
                    and prev.lower in INITIAL_ROLES
                    and tok.lower not in "ai"
                    and text[prev.end : tok.start] == " "
                ):
                    strength[i] = STRONG
                continue
            if shape == "upper" and ROLE_AFTER.match(text, tok.end + (2 if tok.possessive else 0)):
                strength[i] = STRONG
                continue
            if shape == "upper" and not named:
                # "Surname: O'HARE" on a form; initials standing for a young person: "JD" (15).
                labelled = prev is not None and (
                    prev.lower in NAMING_WORDS or (prev.lower == "as" and i > 1 and tokens[i - 2].lower in AS_NAMING)
                ) and text[prev.end : tok.start].strip() in ("", ":")
                # "DJ is 16", "AJ was arrested": initials no list of the trade knows, before
                # an age or what a person does.
                if labelled or (len(tok.lower) <= 3 and (
                    tok.possessive
                    # "…add to CCE tracker, RB": initials signing off; "talking to LM first".
                    or (not plain and SIGN_OFF_END.fullmatch(text, tok.end) and SIGN_OFF_GAP.search(text, 0, tok.start))
                    or (
                        not plain
                        and prev is not None
                        and prev.lower in ("to", "with")
                        and i > 1
                        and tokens[i - 2].lower in TO_VERBS | words("talking talk spoke speak ask asked check checked")
                    )
                    or AGE_AFTER.match(text, tok.end + _closing_quote(text, tok.end))
                    or (not plain and (AGE_STATED.match(text, tok.end) or self._starts_person_sentence(text, tokens, i)))
                    # "TJ uses about 20 words": before what a person does.
                    or (
                        not plain
                        and nxt is not None
                        and not nxt.sentence_start
                        and text[tok.end : nxt.start] == " "
                        and (
                            nxt.lower in PERSON_VERBS
                            or (nxt.lower.endswith("ed") and len(nxt.lower) > 4)
                            # "JJ back via fire door", "JJ asleep".
                            or nxt.lower in _STATE_WORDS
                        )
                        and nxt.lower not in _AUXILIARIES
                    )
                )):
                    strength[i] = STRONG
                continue
            if (
                prev is not None
                and prev.lower in FORM_LABELS
                and text[prev.end : tok.start].strip() == ":"
                and shape in ("title", "upper")
                and (named or not plain or self._names_itself(tok, lowercase_writing))
            ):
                strength[i] = STRONG
                continue
            if (
                prev is not None
                and (
                    prev.lower in NAMING_WORDS
                    or (prev.lower == "as" and i > 1 and tokens[i - 2].lower in AS_NAMING)
                )
                and (capitalised or shape == "upper")
                and text[prev.end : tok.start].strip() in ("", '"', "“", "'", "‘", ":")
            ):
                strength[i] = STRONG
                continue
            if self._person_context(text, tokens, i, lowercase_writing):
                strength[i] = STRONG
                continue
            # "baby reign (7wks)": a word between a word of family and an age is a name.
            if (
                prev is not None
                and prev.lower in ROLE_WORDS
                and text[prev.end : tok.start] == " "
                and tok.lower not in ROLE_WORDS
                and tok.lower not in PERSON_COMPLEMENTS
                and AGE_AFTER.match(text, tok.end)
            ):
                strength[i] = STRONG
                continue
            # In a person's context (a role before, an age or a role after) any capitalised word
            # that could be a name is one ("Mum Ocean", "Gift (step-dad)", "Favour Brown (16)").
            likely = named or not plain
            weak = not likely and shape in ("title", "upper") and self._names_itself(tok, lowercase_writing)
            if not (likely or weak):
                continue
            # In ordinary writing a lower-case word needs to be a known name to be one.
            # A person's age, school year or role after it makes even a common word a name:
            # "school nurse - hope in Y7 keeps…", "prince (7) answered the door".
            person_after = named and (
                AGE_AFTER.match(text, tok.end + (2 if tok.possessive else 0)) or ROLE_AFTER.match(text, tok.end)
            )
            # "her sister faith", "brother river": a given name straight after a word of family.
            kin_before = (
                shape == "lower"
                and prev is not None
                and prev.lower in _KIN
                and text[prev.end : tok.start] == " "
                and self._is_first_name(tok.lower)
                and tok.lower not in _MODALS
            )
            lower_ok = shape != "lower" or lowercase_writing or (named and not plain) or bool(person_after) or kin_before
            if not lower_ok:
                continue
            # In lower case, "mum said" is a verb after a role, "nan pat" a name.
            verb_like = shape == "lower" and plain and (
                tok.lower in PERSON_VERBS or tok.lower in _AUXILIARIES or tok.lower in _MODALS
            )
            # "Child Benefit", "Family Support": a compound of the trade, not "Mum Ocean".
            compound = (
                weak
                and prev is not None
                and prev.lower in _COMPOUND_ROLES
                and text[prev.end : tok.start] == " "
                and not (
                    nxt is not None
                    and nxt.lower in PERSON_VERBS
                    and nxt.lower not in _AUXILIARIES
                    and nxt.lower not in _THING_VERBS
                )
            )
            if prev is not None and not verb_like and not compound and self._follows_role(text, tokens, i):
                strength[i] = STRONG
                continue
            if (
                tok.possessive
                # "Ocean's UPN", "Gift's school": even a possible name has a person's things.
                and (not weak or (nxt is not None and (nxt.lower in PERSON_NOUNS or nxt.lower in IDENTIFIER_LABELS
                                                       or nxt.lower in ROLE_WORDS or nxt.lower in words("upn dob nhs"))))
                and (shape != "lower" or named)
                # "Sky's the limit" at the start of a sentence is a saying, not a girl; "Rose's
                # been doing well" is "Rose has".
                and not (
                    tok.sentence_start
                    and plain
                    and nxt is not None
                    and nxt.lower in _NOT_AFTER_NAME
                    and not (nxt.lower == "been" and self._is_first_name(tok.lower) and tok.lower not in SEASON_WORDS)
                )
            ):
                strength[i] = STRONG
                continue
            # "Dawn, the HV, said", "Sky, her brother and mum": a name explained by a role.
            if (
                shape != "lower"
                and not tok.possessive
                and not (prev is not None and prev.lower in _TIME_PREPOSITIONS)
                and ROLE_APPOSITION.match(text, tok.end)
            ):
                strength[i] = STRONG
                continue
            if ROLE_AFTER.match(text, tok.end + (2 if tok.possessive else 0)) and (shape != "lower" or person_after):
                strength[i] = STRONG
                continue
            if (
                (shape != "lower" or (lowercase_writing and named))
                and not tok.possessive
                and i + 3 < len(tokens)
                and tokens[i + 1].lower in ("and", "with", "n", "&")
                and tokens[i + 2].lower in ("her", "his", "their")
                and tokens[i + 3].lower in ROLE_WORDS
                and re.fullmatch(r"[^\S\n]+", text[tok.end : tokens[i + 1].start])
            ):
                # "Grace and her mum", "Jack with his dad".
                strength[i] = STRONG
                continue
            if AGE_AFTER.match(text, tok.end + (2 if tok.possessive else 0)) or (
                shape != "lower" and AGE_STATED.match(text, tok.end)
            ):
                strength[i] = STRONG
                continue
            # "Wendy from housing", "faith from the rhi team": someone from somewhere.
            if (
                nxt is not None
                and nxt.lower == "from"
                and named
                and (
                    shape != "lower"
                    or (
                        lowercase_writing
                        and (not plain or tok.lower in MOSTLY_NAMES or FROM_SERVICE.match(text, tok.end))
                    )
                )
                and text[tok.end : nxt.start] == " "
            ):
                strength[i] = STRONG
                continue
            # "King to record the pattern", "Ocean to ring school": who owns an action.
            if (
                shape == "title"
                and not tok.possessive
                and (named or self._names_itself(tok, lowercase_writing))
                and i + 2 < len(tokens)
                and (
                    (tokens[i + 1].lower == "to" and tokens[i + 2].lower in ACTION_VERBS
                     and text[tok.end : tokens[i + 2].start] == " to ")
                    # "Jack not to visit": a condition on someone in a safety plan.
                    or (i + 3 < len(tokens) and text[tok.end : tokens[i + 3].start] == " not to "
                        and tokens[i + 3].lower in ACTION_VERBS | words("visit contact stay go come drink use"))
                )
                and not (prev is not None and not tok.sentence_start and prev.lower in _DETERMINERS)
            ):
                strength[i] = STRONG
                continue
            # "Will is the one who knows": the modal never stands before an auxiliary.
            if (
                shape == "title"
                and tok.lower in MODAL_NAMES
                and not tok.possessive
                and nxt is not None
                and nxt.lower in _AUXILIARIES
                and text[tok.end : nxt.start] == " "
            ):
                strength[i] = STRONG
                continue
            # "Precious A - placement wobble": a given name and the initial of a surname.
            if (
                shape == "title"
                and self._is_first_name(tok.lower)
                and not tok.possessive
                and nxt is not None
                and nxt.shape == "initial"
                and nxt.text not in ("I",)
                and text[tok.end : nxt.start] == " "
                and INITIAL_END.match(text, nxt.end + (2 if nxt.possessive else 0))
            ):
                strength[i] = strength[i + 1] = STRONG
                continue
            # "Hope, who is 7", "Storm, aged 9": a name explained by a clause about a person.
            if shape != "lower" and WHO_AFTER.match(text, tok.end + (2 if tok.possessive else 0)):
                strength[i] = STRONG
                continue
            if shape != "lower" and self._does_something(text, tokens, i):
                strength[i] = STRONG
                continue
            if (
                nxt is not None
                and nxt.lower in PERSON_VERBS
                and text[tok.end : nxt.start].strip() in ("", "'s", "’s")
                and (shape != "lower" or (named and not plain))
                and not (weak and (nxt.lower in _AUXILIARIES or self._beside_a_capital(tokens, i)))
                and not (
                    nxt.lower in _AUXILIARIES
                    and plain
                    and (
                        tok.lower in ABSTRACT_NAMES
                        or (tok.sentence_start and not self._sentence_start_name(tokens, i))
                    )
                )
            ):
                strength[i] = STRONG

    def _does_something(self, text: str, tokens: list[Token], i: int) -> bool:
        """A capitalised name-like word followed by what a person does: "Jack kicked the door",
        "Hope then ran off", "Mason really struggled" (not "Summer ended" or "Will you…")."""
        tok = tokens[i]
        likely = self._is_name(tok.lower) or not self._is_plain(tok.lower)
        if tok.possessive or not (likely or self._names_itself(tok, False)):
            return False
        if i > 0 and not tok.sentence_start and tokens[i - 1].lower in _DETERMINERS:
            return False
        if not likely and i > 0 and tokens[i - 1].lower in _COMPOUND_ROLES:
            return False  # "Child Benefit stopped"
        k = i + 1
        while k < len(tokens) and k < i + 3 and tokens[k].lower in _DOING_ADVERBS:
            k += 1
        if k >= len(tokens) or tokens[k].sentence_start:
            return False
        verb = tokens[k]
        if verb.shape != "lower" or text[tokens[k - 1].end : verb.start] != " ":
            return False
        if verb.lower in PERSON_VERBS and verb.lower not in _AUXILIARIES:
            return True
        if not likely:
            return False
        # A past tense the dictionary knows, unless the word is a season ("Summer ended").
        return (
            tok.lower not in _SEASONS
            # "Rota pasted", "Case closed": an ordinary word opening a sentence is the word,
            # unless it is a given name.
            and not (
                tok.sentence_start
                and self._is_plain(tok.lower)
                and (not self._is_first_name(tok.lower) or self.lexicon.zipf_band(tok.lower) >= 5)
            )
            and not (k + 1 < len(tokens) and tokens[k + 1].lower == "by")
            and len(verb.lower) > 4
            and verb.lower.endswith("ed")
            and self._is_plain(verb.lower)
            and verb.lower not in _NOT_DOINGS
        )

    def _person_context(
        self, text: str, tokens: list[Token], i: int, lowercase_writing: bool
    ) -> bool:
        tok = tokens[i]
        lower = tok.lower
        named = self._is_name(lower)
        plain = self._is_plain(lower)
        if tok.shape == "title" and self._family_name(text, tokens, i):
            return True
        # A name quoted on its own: 'The referral said "Faith"', '("Raven")'.
        if (
            tok.shape in ("title", "upper")
            and not tok.possessive
            and self._quoted(text, tok)
            and (named and self._is_first_name(lower) or not plain)
        ):
            return True
        if not named and plain:
            return lowercase_writing and self._word_opens_persons_clause(text, tokens, i)
        if FOR_SHORT.match(text, tok.end):
            return True
        prev = tokens[i - 1] if i > 0 else None
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if tok.shape == "lower":
            # "me n faz": whoever is coordinated with the writer is a person.
            if not plain and self._beside_me(text, tokens, i):
                return True
            # Elsewhere only in writing that is all lower case: in ordinary prose "see will"
            # is too seldom a name.
            # In ordinary prose only a word no list knows, and that is no text-speak for a word
            # ("saw kiyanu at school"), may be a lower-case name in a person's place.
            unknown = not named and not plain and len(lower) >= 3 and not self._looks_like_a_word(lower)
            if not ((lowercase_writing and (named or len(lower) >= 3)) or unknown):
                return False
            if AGE_STATED.match(text, tok.end) or ROLE_AFTER.match(text, tok.end + (2 if tok.possessive else 0)):
                return True
            # "boys are jack 9 and art 6": a bare age after a name in a list.
            if named and BARE_AGE.match(text, tok.end):
                return True
            if lower in _AUXILIARIES or lower in PERSON_VERBS:
                return False
            if prev is not None and not tok.sentence_start and text[prev.end : tok.start] == " ":
                if prev.lower in OBJECT_VERBS:
                    return True
                before = tokens[i - 2] if i > 1 else None
                if (
                    prev.lower in ("to", "with")
                    and before is not None
                    and before.lower in TO_VERBS
                    and text[before.end : prev.start] == " "
                ):
                    return True
            if self._pronoun_follows(text, tokens, i):
                return True
            # "river + rain both seen at home": two names taken together as people.
            both = BOTH_AFTER.match(text, tok.end)
            if both and self._is_name(both.group(1)):
                return True
            for j in (i - 1, i - 2):
                if j >= 0 and self._is_name(tokens[j].lower):
                    before = BOTH_AFTER.match(text, tokens[j].end)
                    if before and before.start(1) == tok.start:
                        return True
            if (
                prev is not None
                and prev.lower == "from"
                and i > 1
                and tokens[i - 2].lower in _MESSAGES
                and not tok.sentence_start
                and self._is_first_name(lower)
            ):
                return True
            if (
                prev is not None
                and prev.lower in _FOR_WORDS
                and not tok.sentence_start
                and self._is_first_name(lower)
                and lower not in SEASON_WORDS
                and lower not in MONTHS
                and (
                    nxt is None
                    or nxt.sentence_start
                    or text[tok.end : nxt.start].strip() in ("-", "–", "?", ",", "=", ":", "(")
                    or nxt.lower in _NEGATED
                    or (nxt.lower in PERSON_VERBS and nxt.lower not in _AUXILIARIES)
                )
            ):
                return True
            # "mo said": a clause that opens with the word; after a noun it is the noun's verb
            # ("teams link went").
            opens_clause = tok.sentence_start or (
                prev is not None and prev.lower in _CLAUSE_BREAKS | COORDINATORS | _REPORTING
            )
            if not opens_clause or nxt is None or text[tok.end : nxt.start] != " ":
                return False
            if nxt.lower in PERSON_VERBS and nxt.lower not in _AUXILIARIES:
                return True
            # "- bexshabex had a good day", "nerensha in Y7 keeps…": a word no list knows and
            # that is no text-speak, opening a clause before a verb or where someone is.
            if (
                unknown
                and len(lower) >= 4
                and any(ch in "aeiouy" for ch in lower)
                and (nxt.lower in words("has is was had") or nxt.lower in _PERSON_PLACES)
            ):
                return True
            # "mrs k said gift has moved in with her bf": an auxiliary and a person's doing.
            after = tokens[i + 2] if i + 2 < len(tokens) else None
            return (
                nxt.lower in words("has is was had")
                and lower not in _SEASONS
                and after is not None
                and not after.sentence_start
                and (
                    after.lower in PERSON_STATES
                    or after.lower in PERSON_DOINGS
                    or (after.lower in PERSON_VERBS and after.lower not in _AUXILIARIES)
                )
            )
        if tok.shape != "title" or not named:
            return False
        # "Told Summer we would come back", "Spoke with Autumn": someone spoken to; "saw Summer
        # holidays as a risk" is the season before a noun.
        before_noun = (
            nxt is not None
            and nxt.shape == "lower"
            and self._is_plain(nxt.lower)
            and nxt.lower not in _AFTER_PERSON_OBJECT
            and nxt.lower not in PERSON_VERBS
        )
        if (
            prev is not None
            and not tok.sentence_start
            and not before_noun
            and lower not in MONTHS
            and text[prev.end : tok.start] == " "
        ):
            if prev.lower in OBJECT_VERBS:
                return True
            before = tokens[i - 2] if i > 1 else None
            if prev.lower in ("to", "with") and before is not None and before.lower in TO_VERBS:
                return True
        return self._starts_person_sentence(text, tokens, i)

    def _word_opens_persons_clause(self, text: str, tokens: list[Token], i: int) -> bool:
        """In lower-case writing, an ordinary word no name list knows ("favour", "gift") is
        still a name when it opens a clause, bare, before what only a person does: "favour
        said he's moving", "gift told me". Roles, services and common words stay words
        ("school said", "mum told me", "police said")."""
        tok = tokens[i]
        lower = tok.lower
        prev = tokens[i - 1] if i > 0 else None
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if tok.shape != "lower" or tok.possessive or nxt is None or nxt.sentence_start:
            return False
        if (
            len(lower) < 3
            or self.lexicon.zipf_band(lower) >= UNCOMMON_ZIPF
            or lower in ROLE_WORDS
            or lower in self.lexicon.trade_words
            or lower in SERVICE_WORDS
            or lower in INSTITUTION_WORDS
            or lower in PERSON_VERBS
            or lower.endswith(NOUN_ENDINGS)
        ):
            return False
        opens_clause = tok.sentence_start or (
            prev is not None and prev.lower in _CLAUSE_BREAKS | COORDINATORS | _REPORTING
        )
        return (
            opens_clause
            and text[tok.end : nxt.start] == " "
            and nxt.lower in _PERSON_ONLY_VERBS
        )

    def _family_name(self, text: str, tokens: list[Token], i: int) -> bool:
        # "the Walker family", "the Bell children", "visited the Smiths": a surname for a household.
        tok = tokens[i]
        lower = tok.lower
        if tok.possessive or lower in _NOT_A_FAMILY_NAME:
            return False
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if (
            nxt is not None
            and nxt.lower in FAMILY_WORDS
            and text[tok.end : nxt.start] == " "
            and (
                lower in self.lexicon.last_names
                or not self._is_plain(lower)
                # "the Phoenix family": any word that could be a name, after "the".
                or (
                    i > 0
                    and tokens[i - 1].lower == "the"
                    and not tok.sentence_start
                    and self._names_itself(tok, False)
                )
            )
        ):
            return True
        prev = tokens[i - 1] if i > 0 else None
        before = tokens[i - 2] if i > 1 else None
        return (
            prev is not None
            and prev.lower == "the"
            and not tok.sentence_start
            and lower.endswith("s")
            and lower[:-1] in self.lexicon.last_names
            and lower[:-1] not in WEAK_WHEN_CAPITALISED
            and not (before is not None and before.lower in ("in", "into", "through", "across", "near", "by"))
        )

    def _pronoun_follows(self, text: str, tokens: list[Token], i: int) -> bool:
        # "called in on jack after school, he was in a mood", "dropped rose off, she was
        # excited": the next person word in the sentence points back at the name; "the summer
        # fair, she loved it" has a noun after the word instead.
        tok = tokens[i]
        if i == 0 or tok.sentence_start:
            return False
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if nxt is None or nxt.sentence_start:
            return False
        if nxt.lower not in _AFTER_PERSON_OBJECT and nxt.lower not in ("after", "before", "off", "up", "out", "back", "home"):
            return False
        prev = tokens[i - 1]
        if not (prev.lower in _BEFORE_PERSON_OBJECT or prev.lower in OBJECT_VERBS or prev.lower.endswith("ed")):
            return False
        for j in range(i + 1, min(i + 9, len(tokens))):
            word = tokens[j]
            if word.sentence_start:
                return False
            if word.lower in GENDERED:
                return True
            if word.shape == "lower" and self._is_name(word.lower) and not self._is_plain(word.lower):
                return False
        return False

    def _beside_me(self, text: str, tokens: list[Token], i: int) -> bool:
        for link, other in ((i - 1, i - 2), (i + 1, i + 2)):
            if 0 <= other < len(tokens) and tokens[link].lower in COORDINATORS and tokens[other].lower == "me":
                left, right = sorted((i, other))
                if not text[tokens[left].end : tokens[right].start].strip(" &"+ "".join(COORDINATORS)):
                    return True
        return False

    def _starts_person_sentence(self, text: str, tokens: list[Token], i: int) -> bool:
        # "Hope was in her room", "Jack did his reading", "Hope was tearful": a sentence that
        # opens with a word-like name, a verb and then a pronoun or a state only people are in.
        tok = tokens[i]
        if not tok.sentence_start or tok.possessive or i + 1 >= len(tokens):
            return False
        verb = tokens[i + 1]
        after = tokens[i + 2] if i + 2 < len(tokens) and not tokens[i + 2].sentence_start else None
        if after is not None and text[tok.end : verb.start] == " " and text[verb.end : after.start] == " ":
            # "Hope and I talked", "Autumn in her room": with the writer, or where a person is.
            if verb.lower == "and" and after.text in ("I", "i", "me"):
                return True
            # "Autumn and Storm at Mill Lane Primary", "Summer and Autumn are twins": two given
            # names together, then where they are or what they are.
            beyond = tokens[i + 3] if i + 3 < len(tokens) and not tokens[i + 3].sentence_start else None
            if (
                verb.lower == "and"
                and after.shape == "title"
                and self._is_first_name(after.lower)
                and after.lower not in MONTHS
                and tok.lower not in MONTHS
                and beyond is not None
                and text[after.end : beyond.start] == " "
                and self._pair_of_people(tokens, i + 3)
            ):
                return True
            if verb.lower in ("in", "at", "with", "on") and after.lower in ("her", "his", "their"):
                return True
        if text[tok.end : verb.start] != " " or verb.lower not in PERSON_VERBS:
            return False
        # "Hope has no photo ID": what a person lacks.
        if verb.lower in ("has", "had") and after is not None and after.lower == "no" and self._described_as_person(
            tokens, i + 2, verb.lower
        ):
            return True
        # The word straight after the verb, past "not", "still" and the like.
        k = i + 2
        while k < len(tokens) and k < i + 5 and tokens[k].lower in _ADVERBS:
            k += 1
        for j in range(i + 2, min(i + 10, len(tokens))):
            word = tokens[j]
            if word.sentence_start or text[tokens[j - 1].end : word.start].strip():
                return False
            if word.lower in GENDERED:
                return True
            if word.lower in _CLAUSE_BREAKS:
                return False
            if j == k and verb.lower in _AUXILIARIES:
                if word.lower in PERSON_STATES or word.lower in PERSON_DOINGS:
                    return True
                # "Hope was not at home when we called", "Faith was in school", "Hope was not at
                # the core group".
                after = tokens[j + 1].lower if j + 1 < len(tokens) else ""
                beyond = tokens[j + 2].lower if j + 2 < len(tokens) else ""
                if tok.lower not in _SEASONS and (
                    word.lower in ("home", "there")
                    or (word.lower in ("at", "in") and (after in WHERE_PEOPLE_ARE or (after == "the" and beyond in _MEETINGS)))
                ):
                    return True
                # "Summer has been out of education since May": only a person is out of school.
                if word.lower == "out" and after == "of" and beyond in ("education", "school", "college", "work", "care"):
                    return True
                # "Faith has moved", "Joy has disclosed"; "Summer has arrived" is the season.
                if word.lower in PERSON_VERBS and word.lower not in _AUXILIARIES and tok.lower not in _SEASONS:
                    return True
                if self._described_as_person(tokens, j, verb.lower):
                    return True
                # "Faith has been with them since May", "Hope was with her nan".
                if word.lower == "with" and j + 1 < len(tokens) and tokens[j + 1].lower in WITH_PEOPLE:
                    return True
        return False

    def _pair_of_people(self, tokens: list[Token], j: int) -> bool:
        """After "X and Y": "are twins", "were both", "at Mill Lane Primary" say they are people;
        "are busy seasons" does not."""
        verb = tokens[j].lower
        then = tokens[j + 1] if j + 1 < len(tokens) and not tokens[j + 1].sentence_start else None
        if then is None:
            return False
        if verb in ("are", "were"):
            return then.lower in ROLE_WORDS or then.lower in PERSON_COMPLEMENTS or then.lower == "both"
        return verb in _PAIR_FOLLOWERS and then.shape in ("title", "mask")

    def _signs_off(self, text: str, tokens: list[Token], i: int) -> bool:
        tok = tokens[i]
        prev = tokens[i - 1] if i > 0 else None
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        end = tok.end
        if nxt is not None and KISSES.fullmatch(nxt.lower) and text[tok.end : nxt.start] == " ":
            end = nxt.end
        elif len(tok.text) == 1 and prev is not None and text[prev.end : tok.start] in (". ", "! ", "? ") and MESSAGE_END.match(text, end) and text[end : end + 1] in ("\"", "”"):
            # '…you stay nearby. H”': a letter signing off a message quoted in full.
            return True
        elif not (
            prev is not None and prev.lower in SIGN_OFFS and text[prev.end : tok.start] in (" ", ", ", "\n", " - ", " – ", ",\n")
        ):
            return False
        return MESSAGE_END.match(text, end) is not None

    def _lower_start_person(self, text: str, tokens: list[Token], i: int) -> bool:
        tok = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        return (
            nxt is not None
            and not tok.possessive
            and not nxt.sentence_start
            and nxt.shape == "lower"
            and text[tok.end : nxt.start] == " "
            and (
                (nxt.lower in PERSON_VERBS and not self._ordinary_after_start(tokens, i))
                # "rocky still not gone to school", "mason then ran off".
                or (
                    (nxt.lower in _DOING_ADVERBS or nxt.lower in _ADVERBS)
                    and i + 2 < len(tokens)
                    and not tokens[i + 2].sentence_start
                    and (
                        tokens[i + 2].lower in PERSON_VERBS
                        or tokens[i + 2].lower == "not"
                        or tokens[i + 2].lower.endswith("ed")
                    )
                )
            )
        )

    def _described_as_person(self, tokens: list[Token], j: int, verb: str) -> bool:
        """After "X is/was/has/had": what only a person is or has. "Justice is the eldest",
        "Faith is the one who…", "Miracle had a good day"; not "Hope is the key", "Summer
        had a lot of rain"."""
        # "Joy is maternal gran", "Grace was mum's friend": who a person is to the family.
        if verb in ("is", "was") and (
            tokens[j].lower in ROLE_WORDS
            or (tokens[j].lower in ("maternal", "paternal") and j + 1 < len(tokens) and tokens[j + 1].lower in ROLE_WORDS)
        ):
            return True
        if tokens[j].lower not in ("the", "a", "an", "his", "her", "their", "my", "our", "no"):
            return False
        following = [t for t in tokens[j + 1 : j + 5] if not t.sentence_start]
        for k, word in enumerate(following[:3]):
            if word.lower == "one":
                after = following[k + 1] if k + 1 < len(following) else None
                return after is not None and after.lower in ("who", "that")
            if word.lower in PERSON_COMPLEMENTS or word.lower in ROLE_WORDS:
                return True
            if verb in ("has", "had") and word.lower in PERSON_TIMES:
                return True
        return False

    def _is_title(self, text: str, prev: Token, tok: Token) -> bool:
        if prev.lower not in TITLES or prev.possessive:
            return False
        gap = text[prev.end : tok.start]
        if not re.fullmatch(r"\.?\s+", gap):
            # "PC 4412 Hassan": an officer's collar number between rank and name.
            return (
                prev.lower in POLICE_RANKS
                and (tok.shape in ("title", "upper") or (prev.shape == "lower" and not self._is_plain(tok.lower)))
                and COLLAR_NUMBER.fullmatch(gap) is not None
                and tok.lower not in self.allow_tokens
                and not self._excluded(tok)
            )
        if prev.shape == "lower":
            if prev.lower in LOWER_TITLES:
                return not self._excluded(tok)
            # "told ta miss oduya", "yo miss k": "miss" is a title only before a name or a letter.
            # "visit to misses begum" (dictated): a title only before a surname, not "misses school".
            if prev.lower == "misses":
                return not self._excluded(tok) and self._is_name(tok.lower) and not self._is_plain(tok.lower)
            if prev.lower == "miss":
                return not self._excluded(tok) and (
                    len(tok.lower) == 1 or not self._is_plain(tok.lower) or self._is_first_name(tok.lower)
                ) and tok.lower not in ("a", "i")
            # "sgt rawcliffe", "dc amber kay": a rank in lower case before a possible name.
            if prev.lower in POLICE_RANKS:
                return self._may_follow_rank(tok)
            return self._is_name(tok.lower) and not self._is_plain(tok.lower)
        if tok.shape == "lower":
            # "PC hollins", "DC amy lund": a rank in capitals before a name in lower case;
            # "Mrs da Silva": a title before a name's particle.
            return (prev.lower in POLICE_RANKS and self._may_follow_rank(tok)) or tok.lower in NAME_PARTICLES
        # "Mrs Nene", "Dr Vine": after a capitalised title any capitalised word is the name,
        # even one the trade uses for something else; only the organisation's allow list wins.
        return tok.lower not in self.allow_tokens or tok.shape == "initial"

    def _may_follow_rank(self, tok: Token) -> bool:
        # A word no dictionary knows, or a name English seldom writes as a word ("amy", not "said").
        return not self._excluded(tok) and tok.lower not in PERSON_VERBS and (
            not self._is_plain(tok.lower)
            or (self._is_name(tok.lower) and self.lexicon.zipf_band(tok.lower) < UNCOMMON_ZIPF)
        )

    def _follows_role(self, text: str, tokens: list[Token], i: int) -> bool:
        # "Mum Sarah", "Nan (Pat)", "mum's partner, Kyle", "mum is nazia", "dad is called Lee".
        j = i - 1
        end = tokens[i].start
        while j >= 0 and tokens[j].lower in ROLE_LINKS and i - j <= 2:
            if text[tokens[j].end : end].strip():
                return False
            end = tokens[j].start
            j -= 1
        if j < 0 or tokens[j].lower not in ROLE_WORDS:
            return False
        return ROLE_GAP.fullmatch(text, tokens[j].end, end) is not None

    def _extend(
        self, text: str, tokens: list[Token], strength: list[int],
        lowercase_writing: bool,
    ) -> None:
        changed = True
        while changed:
            changed = False
            for i in range(len(tokens) - 1):
                a, b = tokens[i], tokens[i + 1]
                if (strength[i] == STRONG) == (strength[i + 1] == STRONG):
                    continue
                if self._joined(text, a, b):
                    hyphenated = text[a.end : b.start] in ("-", "‑")
                    if (
                        strength[i] == STRONG
                        # "Tudor Popescu Y2": a letter before a digit is a school year or a code.
                        and not (b.shape == "initial" and text[b.end : b.end + 1].isdigit())
                        and self._chainable(b, a, lowercase_writing, hyphenated)
                    ):
                        strength[i + 1] = STRONG
                        changed = True
                    elif strength[i + 1] == STRONG and (
                        self._chainable(a, None, lowercase_writing, hyphenated)
                        or (b.shape == "upper" and self._unknown_capitals(a))
                        # "TJ Okoye", "AJ Smith": initials standing for a given name before a surname.
                        or (
                            a.shape == "upper"
                            and b.shape == "title"
                            and 2 <= len(a.lower) <= 3
                            and not self._excluded(a)
                            and not self._is_plain(a.lower)
                            and text[a.end : b.start] == " "
                        )
                        # "honey mcgregor (3)": in lower case, a given name before a surname found.
                        or (
                            lowercase_writing
                            and a.shape == b.shape == "lower"
                            and self._is_first_name(a.lower)
                            and a.lower not in PERSON_VERBS
                            and self.lexicon.zipf_band(a.lower) < UNCOMMON_ZIPF
                            and len(a.lower) >= 3
                            and not a.possessive
                            and a.lower not in MONTHS
                            and a.lower not in _SEASONS
                            and text[a.end : b.start] == " "
                            and not self._is_plain(b.lower)
                        )
                        # "Gypsy-Rose": both halves of a hyphenated given name, whatever the first.
                        or (
                            hyphenated
                            and a.shape == b.shape == "title"
                            and a.lower not in ROLE_WORDS
                            and a.lower not in TITLES
                            and not a.possessive
                            and self._is_first_name(b.lower)
                        )
                        # "Ocean Brown", "Gift Marsh": a possible given name before a surname.
                        or (
                            a.shape == b.shape == "title"
                            and self._is_name(b.lower)
                            and self._names_itself(a, lowercase_writing)
                        )
                    ):
                        strength[i] = STRONG
                        changed = True
            changed = self._listed(text, tokens, strength, lowercase_writing) or changed
            for i in range(len(tokens) - 1):
                a, b = tokens[i], tokens[i + 1]
                if (
                    strength[i] != STRONG
                    and strength[i + 1] == STRONG
                    and a.lower in NICKNAME_ADJECTIVES
                    and a.shape == "title"
                    and b.shape == "title"
                    and text[a.end : b.start] == " "
                    and self._is_first_name(b.lower)
                ):
                    strength[i] = STRONG
                    changed = True
            changed = self._aliases(text, tokens, strength, lowercase_writing) or changed
            for i in range(1, len(tokens) - 1):
                if strength[i] == STRONG:
                    continue
                left, mid, right = tokens[i - 1], tokens[i], tokens[i + 1]
                left_gap = text[left.end : mid.start].strip()
                gaps_ok = (left_gap == "" or (left_gap == "." and left.shape == "initial")) and (
                    text[mid.end : right.start].strip() == ""
                )
                if not gaps_ok:
                    # '“Hunter” and “Tank”': two names in quotes, coordinated.
                    if mid.lower in COORDINATORS and self._quoted(text, left) and self._quoted(text, right):
                        for x, y in ((i - 1, i + 1), (i + 1, i - 1)):
                            if strength[x] == STRONG and strength[y] != STRONG and not self._excluded(tokens[y]):
                                strength[y] = STRONG
                                changed = True
                    continue
                # "Kwesi Nana Boateng": a word of the trade between two names is part of the name.
                if (
                    strength[i - 1] == STRONG
                    and strength[i + 1] == STRONG
                    and mid.shape == left.shape == right.shape == "title"
                    and not mid.sentence_start
                    and not right.sentence_start
                    and mid.lower in ROLE_WORDS
                    and not left.possessive
                    and not mid.possessive
                ):
                    strength[i] = STRONG
                    changed = True
                    continue
                if mid.lower in NAME_PARTICLES and strength[i + 1] == STRONG and (
                    strength[i - 1] == STRONG
                    or (mid.shape == "title" and (not mid.sentence_start or left.shape == "initial"))
                    # "Mrs da Silva": a particle between a title and a name.
                    or (left.lower in TITLES and left.shape == "title" and right.shape == "title")
                ):
                    strength[i] = STRONG
                    changed = True
                elif mid.lower in COORDINATORS:
                    # "Storm and Sky Mullen": a name coordinated with a name is a name.
                    for x, y in ((i - 1, i + 1), (i + 1, i - 1)):
                        if strength[x] == STRONG and strength[y] != STRONG:
                            other = tokens[y]
                            if self._coordinated(tokens[x], other, lowercase_writing):
                                strength[y] = STRONG
                                changed = True

    def _listed(
        self, text: str, tokens: list[Token], strength: list[int], lowercase_writing: bool
    ) -> bool:
        # "Fartun, Hodan and Ilhan": capitalised candidates listed beside a name are names.
        changed = False
        for i in range(len(tokens) - 1):
            a, b = tokens[i], tokens[i + 1]
            gap = text[a.end : b.start]
            # "K & L Nguyen", "Present Mr B, J and K": letters joined to or listed beside a
            # person's initial are initials too (a listed "A" is as often the article).
            if gap in (" & ", "&", ", ") and a.shape == b.shape == "initial":
                words = {"I", "A"} if gap == ", " else {"I"}
                if not words & {a.text, b.text} and (strength[i] == STRONG) != (strength[i + 1] == STRONG):
                    strength[i] = strength[i + 1] = STRONG
                    changed = True
                continue
            if gap != ", ":
                continue
            for x, y in ((i, i + 1), (i + 1, i)):
                other = tokens[y]
                # In lower case a word that is also a name needs more than a comma ("tez, ring the office").
                same_shape = tokens[x].shape == other.shape == "title" or (
                    lowercase_writing
                    and tokens[x].shape == other.shape == "lower"
                    and len(other.lower) > 2
                    and (not self._is_plain(other.lower) or other.lower in MOSTLY_NAMES)
                )
                if (
                    strength[x] == STRONG
                    and strength[y] != STRONG
                    and same_shape
                    and self._candidate(other)
                    and (self._is_name(other.lower) or not self._is_plain(other.lower))
                ):
                    strength[y] = STRONG
                    changed = True
        return changed

    def _aliases(
        self, text: str, tokens: list[Token], strength: list[int],
        lowercase_writing: bool,
    ) -> bool:
        # A nickname next to the full name in brackets: "Kez (Kerris Flynn)", "Bartholomew ("Barty")".
        changed = False
        # 'Jordan "JJ" Obi': a nickname in quotes inside the name.
        for i in range(1, len(tokens) - 1):
            if (
                strength[i] != STRONG
                and strength[i - 1] == STRONG
                and strength[i + 1] == STRONG
                and INNER_QUOTE_OPEN.fullmatch(text, tokens[i - 1].end, tokens[i].start)
                and INNER_QUOTE_CLOSE.fullmatch(text, tokens[i].end, tokens[i + 1].start)
                and tokens[i].shape != "lower"
            ):
                strength[i] = STRONG
                changed = True
            # 'CONOR "CJ" JUDGE', 'Joy "Fox" Lamb': after a given name and a nickname in quotes,
            # the surname, whatever the word.
            if (
                i >= 1
                and strength[i - 1] == STRONG
                and strength[i + 1] != STRONG
                and INNER_QUOTE_OPEN.fullmatch(text, tokens[i - 1].end, tokens[i].start)
                and INNER_QUOTE_CLOSE.fullmatch(text, tokens[i].end, tokens[i + 1].start)
                and tokens[i - 1].shape == tokens[i + 1].shape
                and tokens[i + 1].shape in ("title", "upper")
                and not self._excluded(tokens[i + 1])
            ):
                strength[i + 1] = strength[i] = STRONG
                changed = True
        for i in range(len(tokens) - 1):
            a, b = tokens[i], tokens[i + 1]
            # "Dawn (Mrs D. Holroyd)": the title stands in for the name it introduces.
            if (
                strength[i] != STRONG
                and b.lower in TITLES
                and i + 2 < len(tokens)
                and strength[i + 2] == STRONG
                and ALIAS_GAP.fullmatch(text, a.end, b.start)
                and self._candidate(a)
                and a.shape != "lower"
            ):
                strength[i] = STRONG
                changed = True
                continue
            if (strength[i] == STRONG) == (strength[i + 1] == STRONG):
                continue
            if not ALIAS_GAP.fullmatch(text, a.end, b.start):
                continue
            if strength[i] != STRONG and strength[i + 1] != STRONG:
                continue
            y = i if strength[i + 1] == STRONG else i + 1
            other = tokens[y]
            # In lower-case writing an alias must be a known name or a short nickname ("tj").
            # "tj (TJ Okoye)": the same letters as the name in brackets.
            if y == i and other.shape == "lower" and other.lower == tokens[i + 1].lower and not self._excluded(other):
                strength[y] = STRONG
                changed = True
                continue
            # "will (William Okonkwo-Reid)": a short form before the full name it stands for.
            if (
                y == i
                and len(other.lower) >= 3
                and tokens[i + 1].lower.startswith(other.lower[:3])
                and tokens[i + 1].lower != other.lower
                and not self._excluded(other)
            ):
                strength[y] = STRONG
                changed = True
                continue
            # "gemma-louise (gem)": a short form of the name it follows, whatever the word.
            short_form = (
                y == i + 1
                and other.shape == "lower"
                and lowercase_writing
                and len(other.lower) >= 2
                and not self._excluded(other)
                and any(t.lower.startswith(other.lower[:2]) for t in tokens[max(0, i - 2) : i + 1])
            )
            if short_form:
                strength[y] = STRONG
                changed = True
                continue
            lower_ok = other.shape != "lower" or (
                lowercase_writing
                and not self._is_plain(other.lower)
                and (self._is_name(other.lower) or len(other.lower) <= 3)
            )
            # 'boyfriend "Smiley" (Craig Ainsworth)': a nickname in quotes may be any word.
            if (self._candidate(other) or (self._quoted(text, other) and other.shape != "lower" and not self._excluded(other))) and lower_ok:
                strength[y] = STRONG
                changed = True
        return changed

    @staticmethod
    def _quoted(text: str, tok: Token) -> bool:
        return tok.start > 0 and text[tok.start - 1] in QUOTES and text[tok.end : tok.end + 1] in QUOTES

    def _coordinated(self, known: Token, other: Token, lowercase_writing: bool) -> bool:
        # "J and K": an initial coordinated with an initial that is a name.
        if other.shape == "initial":
            return known.shape == "initial" and other.text != "I"
        if other.shape == "upper":
            # "LOLA AND KIT": in capitals, a name coordinated with a name; "JUSTICE and Blessing
            # Mupfumira": a given name in capitals beside a name, as a form writes the first.
            return (
                (known.shape == "upper" and self._candidate(other) or known.shape == "title" and self._is_first_name(other.lower))
                and len(other.lower) >= 3
                and self._is_name(other.lower)
                and not self._excluded(other)
            )
        # "Ocean and Bill Bell": beside a capitalised name, any word that could be a name.
        possible = other.shape == "title" and known.shape == "title" and self._names_itself(other, lowercase_writing)
        if not (self._candidate(other) or possible):
            return False
        if other.shape == "lower":
            # "tj and deshawn": a short word no dictionary knows, beside a name, is a nickname.
            short_unknown = lowercase_writing and len(other.lower) <= 3 and not self._is_plain(other.lower)
            return (lowercase_writing or known.shape == "lower") and (self._is_name(other.lower) or short_unknown)
        return known.shape != "lower"

    def _joined(self, text: str, a: Token, b: Token) -> bool:
        if a.possessive:
            return False
        gap = text[a.end : b.start]
        if gap in (" ", "-", "‑", "'", "’"):
            return gap not in ("'", "’") or a.lower in ("o", "d")
        # An initial with a full stop: "Sarah J. Smith".
        return gap in (". ", ".") and a.shape == "initial"

    def _unknown_capitals(self, tok: Token) -> bool:
        # "HODAN WARSAME": in a record written in capitals, a word no dictionary knows beside
        # a name is the rest of the name.
        return (
            tok.shape == "upper"
            and len(tok.lower) >= 3
            and not tok.possessive
            and not self._excluded(tok)
            and not self._is_plain(tok.lower)
        )

    def _chainable(
        self, tok: Token, strong_before: Token | None, lowercase_writing: bool, hyphenated: bool
    ) -> bool:
        if tok.lower in self.allow_tokens or tok.lower in _GREETINGS:
            return False
        if tok.shape == "initial":
            return tok.text != "I"
        if self._excluded(tok):
            # "Mariana Costa": a surname that is also a shop, straight after a given name.
            return (
                tok.shape in ("title", "upper")
                and strong_before is not None
                and strong_before.shape == tok.shape
                # "Shahidul Islam": after a given name no list knows, too.
                and (self._is_name(strong_before.lower) or not self._is_plain(strong_before.lower))
                and tok.lower in TRADE_SURNAMES
                and not tok.sentence_start
            )
        named = self._is_name(tok.lower)
        plain = self._is_plain(tok.lower)
        # An ordinary word straight after a first name, written the same way, is a surname
        # ("David Firth", "DARREN KEYS", "amy price").
        after_first_name = (
            strong_before is not None
            and strong_before.shape == tok.shape
            and self._is_first_name(strong_before.lower)
            and not tok.sentence_start
            and tok.lower not in INSTITUTION_WORDS
            # "KYLE STILL MISSING", "JADE BACK AT NAN'S": an adverb, not a surname.
            and tok.lower not in NOT_SURNAMES
        )
        # "Ms Eun-ji Park", "Jia-hui": the lower-case half of a hyphenated given name.
        if tok.shape == "lower" and hyphenated and strong_before is not None and strong_before.shape == "title" and len(tok.lower) <= 4:
            return not self._excluded(tok)
        if tok.shape == "lower" and len(tok.lower) == 1:
            # "not jayden k)": an initial after a name in lower case.
            return strong_before is not None and strong_before.shape == "lower" and tok.lower not in ("a", "i", "x")
        if tok.shape == "lower":
            # Hyphenated lower-case names may hold words ("ruby-leigh"); spaced ones may not ("kai said").
            surname_after = (
                after_first_name and tok.lower in self.lexicon.last_names and tok.lower not in PERSON_VERBS
            )
            # "jordan smedley", "craig tasker": in lower-case writing a word no dictionary knows
            # straight after a given name is the surname.
            unknown_after_given = (
                lowercase_writing
                and strong_before is not None
                and strong_before.shape == "lower"
                and self._is_first_name(strong_before.lower)
                and not plain
                and len(tok.lower) >= 3
                and tok.lower not in PERSON_VERBS
            )
            return (lowercase_writing and named and (not plain or hyphenated or surname_after)) or unknown_after_given
        if tok.shape == "upper":
            next_to_upper_name = strong_before is None or strong_before.shape in ("upper", "initial")
            return (
                (named and (not plain or next_to_upper_name))
                or after_first_name
                or (strong_before is not None and strong_before.shape == "upper" and self._unknown_capitals(tok))
                # "SGT A. BAINBRIDGE": capitals after an initial.
                or (strong_before is not None and strong_before.shape == "initial" and not plain)
            )
        # "Mr G. Ocean": after an initial, any word that could be a name.
        after_initial = strong_before is not None and strong_before.shape == "initial" and tok.shape == "title"
        return named or not plain or after_first_name or (after_initial and self._names_itself(tok, lowercase_writing))

    def _propagate(
        self, text: str, tokens: list[Token], strength: list[int], lowercase_writing: bool
    ) -> None:
        any_case: set[str] = set()
        capitalised: set[str] = set()
        initials: set[str] = set()
        for i, tok in enumerate(tokens):
            if strength[i] != STRONG:
                continue
            if tok.shape == "lower" and lowercase_writing and len(tok.lower) > 2:
                # Whoever writes "nan pat" writes "pat is 67" too.
                any_case.add(tok.lower)
            elif tok.shape == "initial":
                initials.add(tok.text[:1])
                # "S.J." is also written "SJ".
                if i > 0 and strength[i - 1] == STRONG and tokens[i - 1].shape == "initial":
                    capitalised.add(tokens[i - 1].lower + tok.lower)
            elif len(tok.lower) < 3:
                capitalised.add(tok.lower)
            elif self._is_plain(tok.lower) and (
                self.lexicon.zipf_band(tok.lower) >= RARE_WORD_ZIPF
                or tok.lower in self.lexicon.trade_words
                or tok.lower in WEAK_WHEN_CAPITALISED
            ):
                # "Hope", "Will": a common word is the person again only with a capital, or in
                # lower case where a person's context says so.
                capitalised.add(tok.lower)
            else:
                # "Wren", "Sage": a word English seldom writes is the person in any case.
                any_case.add(tok.lower)
        if not (any_case or capitalised or initials):
            return
        # "Lil" for Lilian, "Fitz" for Fitzroy.
        prefixes = {name[:k] for name in any_case for k in range(3, len(name) - 1)}
        for i, tok in enumerate(tokens):
            if strength[i] == STRONG or tok.lower in self.allow_tokens:
                continue
            if tok.shape == "initial":
                # "R was withdrawn and T did most of the talking", once R and T are names.
                nxt = tokens[i + 1] if i + 1 < len(tokens) else None
                verb_follows = (
                    nxt is not None and nxt.lower in PERSON_VERBS and not nxt.sentence_start and tok.text != "I"
                )
                if tok.text[:1] in initials and (tok.possessive or verb_follows):
                    strength[i] = STRONG
                continue
            lower = tok.lower
            nxt_word = tokens[i + 1].lower if i + 1 < len(tokens) and not tokens[i + 1].sentence_start else ""
            if (
                tok.shape == "lower"
                and lower not in any_case
                and lower.endswith("s")
                and (
                    (lower[:-1] in any_case and not self._is_plain(lower))
                    # "wills college", "honeys bro", "js mum": whose it is, written without the apostrophe
                    # ("lucas phone" is Lucas's).
                    or (
                        not (self._is_first_name(lower) and not self._is_plain(lower))
                        and
                        (lower[:-1] in capitalised or lower[:-1] in any_case or lower[:-1].upper() in initials)
                        and (nxt_word in ROLE_WORDS or nxt_word in PERSON_NOUNS or nxt_word in OWNED_WORDS)
                    )
                )
            ):
                    tok.lower = lower = lower[:-1]
                    tok.end -= 1
                    tok.possessive = True
            if (
                tok.shape == "title"
                and lower in prefixes
                and not self._is_plain(lower)
                and not self._excluded(tok)
            ):
                strength[i] = STRONG
                continue
            if lower in any_case or (tok.possessive and len(lower) == 1 and lower.upper() in initials):
                strength[i] = STRONG
            elif lower in capitalised and tok.shape in ("title", "upper"):
                # Once someone is called Hope, "Hope" is Hope again unless a narrow pattern
                # makes it the word ("Hope this helps", "Will you…", "Amber warning").
                ordinary = lower in WEAK_WHEN_CAPITALISED and self._ordinary_use(text, tokens, i)
                if not ordinary and (
                    not tok.sentence_start or not self._is_plain(lower) or self._person_follows(tokens, i)
                ):
                    strength[i] = STRONG
            elif lower in capitalised and tok.shape == "lower" and self._lower_person_again(tokens, i):
                strength[i] = STRONG

    def _sentence_start_name(self, tokens: list[Token], i: int) -> bool:
        # "Jack was sick", "Rose has a new school": a given name that is a concrete noun
        # seldom opens a sentence bare before "was" or "has"; a month, season or colour does.
        tok = tokens[i]
        after = tokens[i + 2] if i + 2 < len(tokens) else None
        return (
            tok.lower in self._first_names
            and tok.lower not in WEAK_WHEN_CAPITALISED
            and not (after is not None and after.lower in ("the", "a", "an", "not", "no", "it", "there"))
        )

    def _ordinary_after_start(self, tokens: list[Token], i: int) -> bool:
        """Whether what follows a given name opening a sentence shows the ordinary word.

        Privacy comes first: "Gift had a good day", "Joy rang", "Grace in his room" are the
        person; only a narrow set of continuations shows the word itself: a pronoun, article
        or other determiner after it ("Will you", "Mark the letter", "Bill them"), "be" or a
        bare verb after a modal ("Will be", "May need"), an ordinary noun after it ("Grace
        period", "Mark scheme"), or an abstract word before an auxiliary and an article or
        a negation ("Hope is a", "Faith has not").
        """
        tok = tokens[i]
        nxt = tokens[i + 1]
        after = tokens[i + 2] if i + 2 < len(tokens) and not tokens[i + 2].sentence_start else None
        if tok.possessive:
            return nxt.lower not in ROLE_WORDS and nxt.lower not in PERSON_NOUNS
        if nxt.shape == "title":
            # "Early Help", "Link Worker": a capitalised ordinary word that is no name.
            return self._is_plain(nxt.lower) and not self._is_name(nxt.lower)
        if nxt.shape != "lower":
            return False
        word = nxt.lower
        if word in _ORDINARY_AFTER_START or word in _DETERMINERS:
            return True
        # "Will raise", "May need": a modal before a bare verb.
        if tok.lower in _SEASONS and self._is_plain(word) and not word.endswith("ed") and word not in _AUXILIARIES:
            return True
        # "Prince good day", "Star bad night": how a person's day went.
        if word in DAY_MOODS and after is not None and after.lower in PERSON_TIMES:
            return False
        # "Jack up the priority", "Mark out a plan": a verb with its particle and object.
        if word in ("up", "out", "off", "down") and after is not None and after.lower in ("the", "a", "an"):
            return True
        if word in _AUXILIARIES:
            # "miracle had a good day", "Justice is the eldest".
            if after is not None and self._described_as_person(tokens, i + 2, word):
                return False
            # "Hope was not at home when we called": where a person is not.
            beyond = tokens[i + 3] if i + 3 < len(tokens) and not tokens[i + 3].sentence_start else None
            if after is not None and after.lower == "not" and beyond is not None and beyond.lower in ("at", "in", "home", "there", "here"):
                return False
            if tok.lower in ABSTRACT_NAMES or tok.lower in MODAL_NAMES:
                return after is None or after.lower in _NOT_AFTER_NAME or after.lower in _ORDINARY_AFTER_START
            return after is not None and after.lower in ("the", "a", "an", "it", "there")
        # "Case closed", "Reason recorded": a common word before a past form is a thing done.
        if word.endswith("ed") and word not in PERSON_VERBS and self.lexicon.zipf_band(tok.lower) >= UNCOMMON_ZIPF:
            return True
        # "Blessing gaining weight", "Grace crying", "Crystal going": a doing, not a noun ending in -ing.
        if word.endswith("ing") and len(word) > 4 and word not in ING_NOUNS:
            return False
        if (
            word in PERSON_VERBS
            or word in IRREGULAR_PASTS
            or word in PERSON_CONDITIONS
            or word in ACTION_VERBS
            or word in OBJECT_VERBS
            or word in TO_VERBS
            or word in _DOING_ADVERBS
            or word in _ADVERBS
            or word in _PERSON_PLACES
            or word.endswith(("ed", "ly"))
        ):
            return False
        # An ordinary word straight after that is none of these is a noun or a verb's object:
        # "Grace period", "Mark scheme". A word no dictionary knows is text-speak for a doing.
        return self._is_plain(word)

    def _person_follows(self, tokens: list[Token], i: int) -> bool:
        # "Summer said" is the girl again; "Summer holidays" and "Sky's the limit" are not.
        tok = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if nxt is None or nxt.sentence_start:
            return not tok.possessive
        if tok.possessive:
            return nxt.lower in ROLE_WORDS
        if nxt.lower in _AUXILIARIES:
            # "Precious was quiet" is the girl again, and so is "Hope was fine" once Hope is
            # someone in the note; "Hope is not a plan" and "Summer was a busy time" are not.
            after = tokens[i + 2] if i + 2 < len(tokens) else None
            return tok.lower not in ABSTRACT_NAMES or not (
                after is None or after.lower in _NOT_AFTER_NAME or after.lower in ("no", "hot", "cold", "over")
            )
        if nxt.lower in PERSON_VERBS or nxt.lower in ("and", "who") or nxt.lower in _DOING_ADVERBS:
            return True
        # "Mason up at 6", "Jade home by ten": where a person is.
        if nxt.lower in words("up awake asleep home back out"):
            after = tokens[i + 2] if i + 2 < len(tokens) else None
            return not tok.possessive and not (after is not None and after.lower in _DETERMINERS)
        # "Will you", "Mark the letter", "Summer holidays": a lower-case word straight after
        # makes it a verb or a noun; a past tense or a comma leaves it a person.
        if nxt.shape == "lower" and nxt.start - tok.end == 1:
            return nxt.lower.endswith("ed") and len(nxt.lower) > 4
        return True

    def _lower_person_again(self, tokens: list[Token], i: int) -> bool:
        # "…Hope. later hope said she was fine", "spoke to hope's mum": a person known in the
        # note, written in lower case where only a person fits.
        tok = tokens[i]
        prev = tokens[i - 1] if i > 0 else None
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if nxt is None or nxt.sentence_start or nxt.start - tok.end > 3:
            return False
        if prev is not None and not tok.sentence_start and (
            prev.lower in _DETERMINERS or prev.lower in _AUXILIARIES or prev.lower in words("to i we you they")
        ):
            return False
        if tok.possessive:
            # "jack's victim", "hope's mum": whose it is, once Jack is someone in the note.
            return True
        if nxt.lower in PERSON_VERBS and nxt.lower not in _AUXILIARIES:
            return True
        # "storm smashed her window", "hope still in her nursery clothes": a past tense, or a
        # pronoun pointing back at the person before the clause ends.
        if nxt.shape == "lower" and nxt.lower.endswith("ed") and len(nxt.lower) > 4:
            return True
        for word in tokens[i + 1 : i + 4]:
            if word.sentence_start or word.lower in _CLAUSE_BREAKS:
                break
            if word.lower in ("her", "his", "him", "he", "she"):
                return True
        # Privacy first: a person of the note is the person again in lower case unless the
        # words around make it the ordinary word ("I hope", "the hope", "hope to", "will be").
        return not self._ordinary_in_lower_case(tokens, i)

    def _ordinary_in_lower_case(self, tokens: list[Token], i: int) -> bool:
        tok = tokens[i]
        prev = tokens[i - 1] if i > 0 and not tok.sentence_start else None
        nxt = tokens[i + 1] if i + 1 < len(tokens) and not tokens[i + 1].sentence_start else None
        if prev is not None and (
            prev.lower in _DETERMINERS
            or prev.lower in _SUBJECTS
            or prev.lower in _AUXILIARIES
            or prev.lower in ("to", "of", "for", "in", "with", "without", "no", "more", "less", "some", "any")
        ):
            return True
        if nxt is None:
            return False
        if nxt.lower in _ORDINARY_AFTER_START or nxt.lower in _DETERMINERS or nxt.lower in ("to", "not", "for", "of"):
            return True
        # "xcept mason again", "mason lcs 3390155": an adverb or the trade's word after a person.
        if nxt.lower in _DOING_ADVERBS or nxt.lower in self.lexicon.trade_words and nxt.lower not in ROLE_WORDS:
            return False
        # "will ring", "may need", "summer holidays": a modal before its verb, a word before its noun;
        # "visited will at the farm": where a person is.
        if nxt.lower in _PERSON_PLACES and prev is not None and (prev.lower in OBJECT_VERBS or prev.lower.endswith("ed")):
            return False
        return nxt.shape == "lower" and self._is_plain(nxt.lower) and not (
            nxt.lower in PERSON_VERBS or nxt.lower in IRREGULAR_PASTS or nxt.lower.endswith(("ed", "s"))
        )

    def _spans(self, text: str, tokens: list[Token], strength: list[int]) -> list[Span]:
        spans: list[Span] = []
        i = 0
        n = len(tokens)
        while i < n:
            if strength[i] != STRONG:
                i += 1
                continue
            j = i
            while j + 1 < n and strength[j + 1] == STRONG and self._joined(text, tokens[j], tokens[j + 1]):
                j += 1
            start = self._title_start(text, tokens, i)
            # "Sue and Ken Lomax": a couple sharing a surname is one identifier, as "Mr and Mrs
            # Lomax" is.
            if (
                spans
                and j > i
                and spans[-1].end <= start
                and COUPLE_GAP.fullmatch(text, spans[-1].end, start)
                and " " not in text[spans[-1].start : spans[-1].end].strip()
                and text[spans[-1].start : spans[-1].start + 1].isupper()
                # "OLLIE AND ALFIE BRAMWELL" in capitals too.
                and tokens[i].shape in ("title", "upper")
            ):
                start = spans.pop().start
            spans.append(Span(start, tokens[j].end, "PERSON"))
            i = j + 1
        return spans

    def _title_start(self, text: str, tokens: list[Token], i: int) -> int:
        start = tokens[i].start
        if i == 0 or not self._is_title(text, tokens[i - 1], tokens[i]):
            return start
        start = tokens[i - 1].start
        # "Mr and Mrs Abbott" is one identifier.
        if (
            i >= 3
            and tokens[i - 3].lower in TITLES
            and text[tokens[i - 3].end : tokens[i - 1].start].strip(" .").lower() == "and"
        ):
            start = tokens[i - 3].start
        elif i >= 2 and tokens[i - 2].lower in TITLES and (
            text[tokens[i - 2].end : tokens[i - 1].start].strip(" .") == "&"
        ):
            start = tokens[i - 2].start
        return start
