"""The author's review of a note before it leaves the team: pure functions over the engine.

The note's fields are joined into one text so a person keeps the same number in every field
(``[PERSON 1]`` in "what happened" is ``[PERSON 1]`` in "next time").
"""

import re
from dataclasses import dataclass

from stepwise.privacy.deid import Deidentifier, Span, redact

FIELDS = ("what_happened", "what_expected", "why_difference", "next_time")
# Two newlines and an invisible separator: nothing detected spans it, and it survives redaction.
SEPARATOR = "\n\n\u2063\n\n"


@dataclass(frozen=True)
class Detection:
    key: str  # "start-end" in the joined text: stable for one version of the note
    field: str
    start: int  # offsets within the field
    end: int
    type: str
    text: str


@dataclass(frozen=True)
class Review:
    joined: str
    offsets: dict[str, int]
    detections: list[Detection]
    fields: tuple[str, ...] = FIELDS

    def field_text(self, field: str) -> str:
        start = self.offsets[field]
        return self.joined[start:start + self._length(field)]

    def _length(self, field: str) -> int:
        index = self.fields.index(field)
        if index + 1 < len(self.fields):
            return self.offsets[self.fields[index + 1]] - self.offsets[field] - len(SEPARATOR)
        return len(self.joined) - self.offsets[field]


def prepare(texts: dict[str, str], deidentifier: Deidentifier,
            fields: tuple[str, ...] = FIELDS) -> Review:
    offsets, position = {}, 0
    for field in fields:
        offsets[field] = position
        position += len(texts.get(field, "")) + len(SEPARATOR)
    joined = SEPARATOR.join(texts.get(field, "") for field in fields)
    detections = [_detection(joined, offsets, span) for span in deidentifier.detect(joined)]
    return Review(joined=joined, offsets=offsets, detections=detections, fields=tuple(fields))


def _field_of(offsets: dict[str, int], position: int) -> str:
    return max((f for f in offsets if offsets[f] <= position), key=lambda f: offsets[f])


def _detection(joined: str, offsets: dict[str, int], span: Span) -> Detection:
    field = _field_of(offsets, span.start)
    return Detection(
        key=f"{span.start}-{span.end}", field=field, start=span.start - offsets[field],
        end=span.end - offsets[field], type=span.type, text=joined[span.start:span.end],
    )


def phrase_spans(joined: str, phrase: str) -> list[Span]:
    """Every occurrence of a phrase the author asked to hide, in any case, as whole words."""
    words = phrase.split()
    if not words:
        return []
    pattern = r"(?<!\w)" + r"\s+".join(re.escape(w) for w in words) + r"(?!\w)"
    return [Span(m.start(), m.end(), "PERSON") for m in re.finditer(pattern, joined, re.I)]


def final_spans(review: Review, *, shown: set[str], phrases: list[str]) -> list[Span]:
    """Detections minus those the author marked "not personal", plus their own phrases."""
    spans = [
        Span(d.start + review.offsets[d.field], d.end + review.offsets[d.field], d.type)
        for d in review.detections if d.key not in shown
    ]
    for phrase in phrases:
        spans.extend(phrase_spans(review.joined, phrase))
    return _merge(spans)


def _merge(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if merged and span.start < merged[-1].end:
            last = merged[-1]
            if span.end > last.end:
                merged[-1] = Span(last.start, span.end, last.type)
            continue
        merged.append(span)
    return merged


def redacted_fields(review: Review, spans: list[Span]) -> dict[str, str]:
    parts = redact(review.joined, spans).split(SEPARATOR)
    return dict(zip(review.fields, parts, strict=True))


def segments(review: Review, field: str, spans: list[Span]) -> list[tuple[str, str | None]]:
    """The field's text cut into (text, type-or-None) pieces for highlighting."""
    start, text = review.offsets[field], review.field_text(field)
    end = start + len(text)
    pieces, cursor = [], start
    for span in spans:
        if span.end <= start or span.start >= end:
            continue
        s, e = max(span.start, start), min(span.end, end)
        if s > cursor:
            pieces.append((review.joined[cursor:s], None))
        pieces.append((review.joined[s:e], span.type))
        cursor = e
    if cursor < end:
        pieces.append((review.joined[cursor:end], None))
    return pieces
