from functools import cache

from stepwise.privacy.deid.engine import Deidentifier
from stepwise.privacy.deid.redaction import redact
from stepwise.privacy.deid.spans import Span

__all__ = ["Deidentifier", "Span", "redact", "redact_text"]


@cache
def _default() -> Deidentifier:
    return Deidentifier()


def redact_text(text: str, **deidentifier_kwargs) -> str:
    deidentifier = Deidentifier(**deidentifier_kwargs) if deidentifier_kwargs else _default()
    return redact(text, deidentifier.detect(text))
