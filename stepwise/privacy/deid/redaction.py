import re
from collections.abc import Sequence

from stepwise.privacy.deid.lexicon import TITLES
from stepwise.privacy.deid.spans import Span

_WORD = re.compile(r"[^\W\d_]+")


def _person_key(surface: str) -> frozenset[str]:
    words = [w.lower() for w in _WORD.findall(surface)]
    if len(words) > 1 and words[0] in TITLES:
        words = words[1:]
    return frozenset(words)


def person_numbers(text: str, spans: Sequence[Span]) -> dict[Span, int]:
    """Numbers people by first appearance; "Sarah" after "Sarah Smith" is the same person."""
    people: list[frozenset[str]] = []
    numbers: dict[Span, int] = {}
    for span in sorted(spans, key=lambda s: s.start):
        if span.type != "PERSON":
            continue
        key = _person_key(text[span.start : span.end])
        number = next(
            (n for n, known in enumerate(people, 1) if key and (key <= known or known <= key)),
            None,
        )
        if number is None:
            people.append(key)
            number = len(people)
        elif key > people[number - 1]:
            people[number - 1] = key
        numbers[span] = number
    return numbers


def redact(text: str, spans: Sequence[Span]) -> str:
    numbers = person_numbers(text, spans)
    parts: list[str] = []
    position = 0
    for span in sorted(spans, key=lambda s: s.start):
        if span.start < position:
            continue
        parts.append(text[position : span.start])
        if span.type == "PERSON":
            parts.append(f"[PERSON {numbers[span]}]")
        else:
            parts.append(f"[{span.type}]")
        position = span.end
    parts.append(text[position:])
    return "".join(parts)
