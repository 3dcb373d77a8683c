from bisect import bisect_left, insort
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


class RangeIndex:
    """Answers "does this range overlap any of these?" in logarithmic time."""

    def __init__(self, ranges: Iterable[tuple[int, int]]):
        ordered = sorted(ranges)
        self._starts = [start for start, _ in ordered]
        self._max_end: list[int] = []
        highest = -1
        for _, end in ordered:
            highest = max(highest, end)
            self._max_end.append(highest)

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect_left(self._starts, end)
        return k > 0 and self._max_end[k - 1] > start


def _merge_same_type(candidates: Iterable[Span]) -> list[Span]:
    """Overlapping detections of one type are one identifier: "Flat 2, 88 Vicarage Road" and
    "88 Vicarage Road Wellbridge" are a single address, not two to choose between."""
    merged: list[Span] = []
    for span in sorted((s for s in candidates if s.end > s.start), key=lambda s: (s.type, s.start, -s.end)):
        last = merged[-1] if merged else None
        if last is not None and last.type == span.type and span.start < last.end:
            merged[-1] = Span(last.start, max(last.end, span.end), span.type)
        else:
            merged.append(span)
    return merged


def resolve(candidates: Iterable[Span]) -> list[Span]:
    ranked = sorted(
        _merge_same_type(candidates),
        key=lambda s: (PRIORITY.get(s.type, 99), -(s.end - s.start), s.start),
    )
    # Taken spans never overlap, so their starts and ends sort alike.
    taken: list[tuple[int, int, Span]] = []
    for span in ranked:
        k = bisect_left(taken, (span.start, span.end))
        if k > 0 and taken[k - 1][1] > span.start:
            continue
        if k < len(taken) and taken[k][0] < span.end:
            continue
        insort(taken, (span.start, span.end, span), key=lambda t: (t[0], t[1]))
    return [t[2] for t in taken]
