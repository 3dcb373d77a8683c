from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    type: str


# When two detections overlap, the more specific and better-checked type wins.
PRIORITY = {
    "EMAIL": 0,
    "NHS_NUMBER": 1,
    "NI_NUMBER": 2,
    "PHONE": 3,
    "POSTCODE": 4,
    "DATE_OF_BIRTH": 5,
    "CASE_ID": 6,
    "ADDRESS": 7,
    "SCHOOL": 8,
    "PERSON": 9,
    "DATE": 10,
}


def resolve(candidates: Iterable[Span]) -> list[Span]:
    ranked = sorted(
        (s for s in candidates if s.end > s.start),
        key=lambda s: (PRIORITY.get(s.type, 99), -(s.end - s.start), s.start),
    )
    taken: list[Span] = []
    for span in ranked:
        if all(span.end <= t.start or span.start >= t.end for t in taken):
            taken.append(span)
    return sorted(taken, key=lambda s: s.start)
