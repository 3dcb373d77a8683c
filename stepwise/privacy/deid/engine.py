import re
from bisect import bisect_right
from collections.abc import Iterable
from functools import cache

from stepwise.privacy.deid.lexicon import (
    SCHOOL_SUFFIXES,
    STREET_SUFFIXES,
    TRADE_WORDS,
    default_lexicon,
)
from stepwise.privacy.deid.names import PERSON_MARKERS, PLACEHOLDER, TOKEN, NameFinder, mask
from stepwise.privacy.deid.patterns import SPOKEN_NUMBER, UNIT_WORD, find_structured
from stepwise.privacy.deid.spans import RangeIndex, Span, resolve
from stepwise.privacy.deid.tagger import Tagger, joined

_SENTENCE_END = re.compile(r"[.!?]\s+[A-Z]")

# Names that belong to the trade rather than to anyone in the note, and the census's ethnic
# groups as monitoring forms write them ("White British", "Black and White British children").
_GROUP = r"(?:White|Black|Asian|Mixed)"
_WORD_BEFORE = re.compile(r"\b([A-Z][a-z]+) $")
TRADE_PHRASES = re.compile(
    # The look-ahead lets the search skip every other letter at once.
    r"(?=[gfwbam])(?:\bGillick(?:\s*(?:/|and|&)\s*Fraser)?\b|\bFraser\s+(?:guidelines|guidance|competen\w*|rules?)\b"
    rf"|(?-i:(?<!Mr )(?<!Mrs )(?<!Ms )(?<!Mx )(?<!Miss )(?<!Dr )\b(?:Mixed:? )?{_GROUP}(?:,? (?:and|&|or) {_GROUP})? (?:British|Irish|Caribbean|African|Other|Asian)\b))",
    re.IGNORECASE,
)


def _phrase_pattern(phrases: Iterable[str], *, ignore_case: bool) -> re.Pattern[str] | None:
    cleaned = sorted({p.strip() for p in phrases if p and p.strip()}, key=len, reverse=True)
    if not cleaned:
        return None
    body = "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in cleaned)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE if ignore_case else 0)


def _deny_type(phrase: str) -> str:
    last = phrase.split()[-1].lower().strip(".")
    if last in SCHOOL_SUFFIXES:
        return "SCHOOL"
    if last in STREET_SUFFIXES:
        return "ADDRESS"
    return "PERSON"


class Deidentifier:
    def __init__(
        self,
        *,
        staff_names: Iterable[str] = (),
        allow: Iterable[str] = (),
        deny: Iterable[str] = (),
        second_opinion: bool = True,
    ):
        """`second_opinion=False` leaves out the tagger (tagger.py) and keeps to the rules."""
        self.lexicon = default_lexicon()
        staff = [s for s in staff_names if s and s.strip()]
        allow = [a for a in allow if a and a.strip()]
        deny = [d for d in deny if d and d.strip()]
        staff_tokens = frozenset(t.group().lower() for s in staff for t in TOKEN.finditer(s))
        allow_tokens = frozenset(a.strip().lower() for a in allow if len(a.split()) == 1)
        self._names = NameFinder(self.lexicon, staff_tokens, allow_tokens)
        self._allow = _phrase_pattern(allow, ignore_case=True)
        self._deny = _phrase_pattern(deny, ignore_case=True)
        self._deny_types = {" ".join(d.lower().split()): _deny_type(d) for d in deny}
        # A staff name that is also an ordinary word ("Will Hope") is matched as a
        # whole only with its capitals; an unambiguous one in any case.
        plain_staff = [s for s in staff if any(self.lexicon.is_plain_word(w.lower()) for w in s.split())]
        self._staff_exact = _phrase_pattern(plain_staff, ignore_case=False)
        self._staff_any_case = _phrase_pattern(
            [s for s in staff if s not in plain_staff], ignore_case=True
        )
        self._plain = self.lexicon.plain_words
        self._tagger = _tagger() if second_opinion else None

    def detect(self, text: str) -> list[Span]:
        if not text:
            return []
        allowed = [m.span() for m in TRADE_PHRASES.finditer(text) if not self._named_before(text, m.start())]
        if self._allow:
            allowed += [m.span() for m in self._allow.finditer(text)]
        candidates = _schools_over_streets(list(find_structured(mask(text, allowed), self._plain, self.lexicon.names)))
        forced: list[Span] = []
        if self._deny:
            for m in self._deny.finditer(text):
                kind = self._deny_types.get(" ".join(m.group().lower().split()), "PERSON")
                forced.append(Span(m.start(), m.end(), kind))
        allowed_index = RangeIndex(allowed)
        for pattern in (self._staff_exact, self._staff_any_case):
            if pattern:
                forced.extend(
                    Span(m.start(), m.end(), "PERSON")
                    for m in pattern.finditer(text)
                    if not allowed_index.overlaps(m.start(), m.end())
                )
        everything = candidates + [s for s in forced if s.type != "PERSON"]
        structured = resolve(everything)
        # Look again with the chosen spans masked, as a second redaction would: a pattern that
        # lost an overlap may still hold an identifier beside the winner. A candidate that lies
        # wholly inside a chosen span (a duplicate, or one merged into a longer one) hides nothing.
        for _ in range(2 if _sticks_out(everything, structured) else 0):
            taken = [(s.start, s.end) for s in structured]
            taken_index = RangeIndex(taken)
            extra = [
                s for s in find_structured(mask(text, allowed + taken), self._plain, self.lexicon.names)
                if not taken_index.overlaps(s.start, s.end)
            ]
            if not extra:
                break
            structured = resolve(structured + extra)
        blocked = allowed + [(s.start, s.end) for s in structured]
        markers = [(s.start, s.type) for s in structured if s.type in PERSON_MARKERS]
        people = self._names.find(text, blocked, markers)
        spans = resolve(_merge_people(people + [s for s in forced if s.type == "PERSON"]) + structured)
        spans = _widen(text, _school_abbreviations(text, spans))
        added = self._second_opinion(text, spans, allowed)
        # A second redaction sees every span so far as a placeholder. Where that could change how
        # names are judged (words added by the tagger; a name that took in the end of a sentence,
        # "category B. Band 2", so the sentences read differently), names are looked at again so.
        if added or any(s.type == "PERSON" and _SENTENCE_END.search(text, s.start, s.end) for s in spans):
            added += self._names.find(text, allowed + [(s.start, s.end) for s in spans + added], markers)
        if not added:
            return spans
        return _widen(text, _school_abbreviations(text, _join_added(text, resolve(spans + added), set(added))))

    def _named_before(self, text: str, start: int) -> bool:
        """"Grace White Irish": a name just before the phrase makes its first word a surname."""
        before = _WORD_BEFORE.search(text, max(0, start - 30), start)
        return bool(before) and self.lexicon.is_name(before.group(1).lower())

    def _second_opinion(self, text: str, spans: list[Span], allowed: list[tuple[int, int]]) -> list[Span]:
        """What the tagger is sure of and the rules missed."""
        if self._tagger is None:
            return []
        placeholders = [m.span() for m in PLACEHOLDER.finditer(text)] if "[" in text else []
        return self._tagger.find(text, skip=placeholders, taken=allowed + [(s.start, s.end) for s in spans])


def _join_added(text: str, spans: list[Span], added: set[Span]) -> list[Span]:
    """A span added on the second look beside a found identifier of its type joins it ("Mrs Kaur"
    and "Sandhu" are one person), and so does a house number before a word taken for a name."""
    joined_spans: list[Span] = []
    for span in spans:
        last = joined_spans[-1] if joined_spans else None
        if (
            last
            and (span in added or last in added)
            and joined(text, last.end, span.start)
            and (last.type == span.type or _house_number_before(text, last, span))
        ):
            joined_spans[-1] = Span(last.start, span.end, last.type)
        else:
            joined_spans.append(span)
    return joined_spans


def _house_number_before(text: str, number: Span, name: Span) -> bool:
    """A house number the tagger found just before a word the rules took for a name: the
    name is the street's ("46 Rosemount")."""
    return number.type == "ADDRESS" and text[number.start : number.end].isdigit() and name.type == "PERSON"


@cache
def _tagger() -> Tagger:
    return Tagger(default_lexicon())


# Initials of the trade and of kinds of school are no school's own ("the Bridge Centre (AP)").
TRADE_ABBREVIATIONS = frozenset(w.upper() for w in TRADE_WORDS if w.isalpha() and len(w) <= 5) | {
    "AP", "PRU", "SEN", "SEND", "EHCP", "FE", "HE", "UTC", "CE", "RC", "CP", "JI", "ESOL", "SSW",
}
_ABBREVIATION_BEFORE = re.compile(r"(?<![\w])(?P<abbr>[A-Z]{2,5})\s*\($")
# The capitalised words of a school's name whose initials its short form keeps.
_NAME_WORD = re.compile(r"(?<![\w'’])(?!(?:The|Of|And)\b)[A-Z][\w'’]*")
_ABBREVIATION_AFTER = re.compile(r"\s*\((?P<abbr>[A-Z]{2,5})\)")


def _school_abbreviations(text: str, spans: list[Span]) -> list[Span]:
    """"WC (Wellbridge College)": a school's initials explained by its name are the school,
    there and wherever else they stand in the note; so are the initials of a school named in
    full ("KCT" in a note naming Kessington College of Technology)."""
    found = set()
    for span in spans:
        if span.type == "SCHOOL":
            initials = "".join(w[0] for w in _NAME_WORD.findall(text, span.start, span.end))
            # Only initials the note also writes need a search (and a pattern built for it).
            if 3 <= len(initials) <= 5 and initials not in TRADE_ABBREVIATIONS and initials in text:
                found.add(initials)
            m = _ABBREVIATION_BEFORE.search(text, max(0, span.start - 8), span.start)
            # "Kessington Pupil Referral Unit (KPRU)": the initials after the name, too.
            after = _ABBREVIATION_AFTER.match(text, span.end)
            for abbr in (m.group("abbr") if m else None, after.group("abbr") if after else None):
                if abbr and abbr not in TRADE_ABBREVIATIONS:
                    found.add(abbr)
    if not found:
        return spans
    taken = RangeIndex((s.start, s.end) for s in spans)
    extra = [
        Span(m.start(), m.end(), "SCHOOL")
        for m in re.finditer(r"(?<![\w])(?:" + "|".join(sorted(found)) + r")(?![\w])", text)
        if not taken.overlaps(m.start(), m.end())
    ]
    return sorted(spans + extra, key=lambda s: s.start) if extra else spans


def _schools_over_streets(candidates: list[Span]) -> list[Span]:
    """"Scapegate Hill J&I" is a school named after its street, not an address and two letters."""
    schools = [c for c in candidates if c.type == "SCHOOL"]
    if not schools:
        return candidates
    return [
        c for c in candidates
        if c.type != "ADDRESS" or not any(s.start <= c.start and c.end < s.end for s in schools)
    ]


def _sticks_out(candidates: list[Span], chosen: list[Span]) -> bool:
    """Whether some candidate has letters outside every chosen span (chosen spans are sorted and
    do not overlap)."""
    starts = [s.start for s in chosen]
    for candidate in candidates:
        k = bisect_right(starts, candidate.start) - 1
        if k < 0 or chosen[k].end < candidate.end:
            return True
    return False


def _merge_people(spans: list[Span]) -> list[Span]:
    """Overlapping person spans are one person ("Will" found twice, as staff and as a name)."""
    merged: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if merged and span.start < merged[-1].end:
            last = merged[-1]
            merged[-1] = Span(last.start, max(last.end, span.end), "PERSON")
        else:
            merged.append(span)
    return merged


# Words that writers count as part of a place as often as not: "the Bridge PRU", "Long Meadow
# site", "Moss Lane yard". Hiding them costs a few letters where they are not; leaving them shows
# part of the identifier where they are. (A system's name before a case number is a label, and
# stays: "LCS 3390155".)
_THE_BEFORE = re.compile(r"(?<![\w])[Tt]he $")
_PLACE_WORD_AFTER = re.compile(
    r" (?:site|yard|estate|primary|nursery|school|academy|pru|PRU|park|homes|Site|Yard|Estate|Homes|Buildings)\b"
)


# "twenty-two Sandpiper Close": a house number said aloud.
_SPOKEN_HOUSE_NUMBER = re.compile(
    # "flat two, forty one Elgin Street", "plot nineteen Drovers Way", "flat four Calder House
    # twenty two Mill Race", "forty one a Pemberton Street".
    rf"(?<![\w-])(?i:(?:(?:flat|plot|pitch)\s+(?:{UNIT_WORD}|ten|eleven|twelve|\d{{1,3}}),?\s+"
    r"(?:(?-i:[A-Z][a-z]+\s+(?:House|Court|Tower|Lodge)),?\s+)?)?(?:(?:plot|pitch|number)\s+)?"
    rf"{SPOKEN_NUMBER})(?:\s[a-d])? $"
)


# "2 Home Farm Cottages, Back Lane": the street a house name or a numbered building is on.
_STREET_AFTER = re.compile(
    r", (?:(?:[A-Z][a-z]+ ){1,2}(?:"
    + "|".join(sorted((s.title() for s in STREET_SUFFIXES if len(s) > 3), key=len, reverse=True))
    # "flat 12 raven court, holme st": in lower case too.
    + r")|[a-z]{3,} (?:st|rd|road|street|lane|close|drive|avenue|way|grove|terrace|crescent))\b"
)
_TRUST_AFTER = re.compile(r" Trust\b")
_NOT_BUILDING = (
    r"(?!(?:On|At|In|To|From|For|By|With|And|But|Then|Since|Until|Moved|Lives|Address|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)"
)
_BUILDING_WORD = rf"{_NOT_BUILDING}[A-Z][\w'’&-]*"
_BUILDING_BEFORE = re.compile(
    rf"(?<![\w'’&-])(?:(?:[Tt]he|THE) {_BUILDING_WORD}|{_BUILDING_WORD}(?: {_BUILDING_WORD}){{1,3}}), $"
)
_CARE_OF = re.compile(r"\b[Cc]/[Oo] $")
_OWNER_GAP = re.compile(r"['’]s ")
_LODGING_ON = re.compile(
    r"\b[Tt]he (?:[\w&'’-]+ ){0,3}?(?i:hostel|shelter|refuge|hotel|travelodge|inn|ymca|foyer|b&b|bedsit|"
    r"lodgings|premises|flats|caravan park|site) (?:on|off) $"
)
_SAINT = re.compile(r"(?:St\.?|Saint) [A-Z]")
# The possessive, then no word it could own: punctuation ("St Mary's - DSL", "“St Anne’s”,").
_SAINT_OWNS = re.compile(r"['’]s[”\"’']?(?=\s*(?:[-–—,.;:)]|$))")


def _widen(text: str, spans: list[Span]) -> list[Span]:
    widened: list[Span] = []
    k = 0
    while k < len(spans):
        span = spans[k]
        k += 1
        start, end = span.start, span.end
        floor = widened[-1].end if widened else 0
        ceiling = spans[k].start if k < len(spans) else len(text)
        # "St Mary Magdalene's": a saint's name owning nothing after it is a school or a church.
        if span.type in ("PERSON", "SCHOOL") and _SAINT.match(text, start) and _SAINT_OWNS.match(text, end):
            span = Span(start, end + 2, "SCHOOL")
            end = span.end
        if span.type in ("ADDRESS", "SCHOOL"):
            the = _THE_BEFORE.search(text, max(floor, start - 4), start)
            if the:
                start = the.start()
            elif span.type == "ADDRESS" and text[start : start + 1].isupper():
                spoken = _SPOKEN_HOUSE_NUMBER.search(text, max(floor, start - 50), start)
                # "the night shelter on Cross Street": where someone stays, named by its street.
                lodging = _LODGING_ON.search(text, max(floor, start - 50), start)
                if spoken or lodging:
                    start = (spoken or lodging).start()
            if span.type == "ADDRESS" and start == span.start:
                # "The Old Bakery, Main St", "Holmwood Supported Living, 18 Queen's Road": a
                # building's name before its street is part of the address; so is "c/o".
                before = _BUILDING_BEFORE.search(text, max(floor, start - 50), start) or _CARE_OF.search(
                    text, max(floor, start - 4), start
                )
                if before:
                    start = before.start()
                # "Nolan's Court": a street named after someone is the street's, possessive and all.
                elif (
                    widened
                    and widened[-1].type == "PERSON"
                    and text[start : start + 1].isupper()
                    and _OWNER_GAP.fullmatch(text, widened[-1].end, start)
                ):
                    start = widened.pop().start
            kind = span.type
            street = _STREET_AFTER.match(text, end) if kind == "ADDRESS" else None
            if street:
                # "raven court, holme st": a street name taken for a person is the street's.
                while k < len(spans) and spans[k].type == "PERSON" and spans[k].end <= street.end():
                    k += 1
                ceiling = spans[k].start if k < len(spans) else len(text)
                if street.end() <= ceiling:
                    end = street.end()
            after = _PLACE_WORD_AFTER.match(text, end)
            if after and after.end() <= ceiling:
                end = after.end()
                # "Harlow Park primary": a school named after its street.
                if after.group().strip().lower() in ("primary", "nursery", "school", "academy", "pru"):
                    kind = "SCHOOL"
            # "Hillcrest Academy Trust": the trust a school belongs to goes with it.
            trust = _TRUST_AFTER.match(text, end) if kind == "SCHOOL" else None
            if trust and trust.end() <= ceiling:
                end = trust.end()
            if (start, end, kind) != (span.start, span.end, span.type):
                span = Span(start, end, kind)
        widened.append(span)
    return widened
