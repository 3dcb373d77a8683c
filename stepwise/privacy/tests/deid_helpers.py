from stepwise.privacy.deid import Deidentifier


def found(deid: Deidentifier, text: str, kind: str) -> list[str]:
    return [text[s.start : s.end] for s in deid.detect(text) if s.type == kind]


def people(deid: Deidentifier, text: str) -> list[str]:
    return found(deid, text, "PERSON")
