"""Themes see only de-identified text, from the organisation's own de-identifier."""

from stepwise.privacy.deid import redact
from stepwise.privacy.services import deidentifier_for

__all__ = ["deidentifier_for", "deidentify"]


def deidentify(organisation, text: str) -> str:
    deidentifier = deidentifier_for(organisation)
    return redact(text, deidentifier.detect(text))
