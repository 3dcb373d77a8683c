import importlib.util
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

from stepwise.privacy.deid import Deidentifier


def found(deid: Deidentifier, text: str, kind: str) -> list[str]:
    return [text[s.start : s.end] for s in deid.detect(text) if s.type == kind]


def people(deid: Deidentifier, text: str) -> list[str]:
    return found(deid, text, "PERSON")


@cache
def privacy_eval() -> ModuleType:
    """The measuring stick itself: bench/privacy_eval.py, loaded once."""
    path = Path(__file__).resolve().parents[3] / "bench" / "privacy_eval.py"
    spec = importlib.util.spec_from_file_location("privacy_eval", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module
