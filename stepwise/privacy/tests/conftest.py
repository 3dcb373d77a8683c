import pytest

from stepwise.privacy.deid import Deidentifier


@pytest.fixture(scope="module")
def deid() -> Deidentifier:
    """The rules with no staff list and no organisation word lists. The tests that use it pin
    what each rule finds and leaves; the tagger's second opinion (tagger.py), which may add to
    them, is tested in test_deid_tagger.py and measured on the corpus (bench/privacy_eval.py)."""
    return Deidentifier(second_opinion=False)
