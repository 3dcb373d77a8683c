import pytest

from stepwise.privacy.deid import Deidentifier


@pytest.fixture(scope="module")
def deid() -> Deidentifier:
    """The engine with no staff list and no organisation word lists."""
    return Deidentifier()
