import pytest

from stepwise.learning.services import NoteContent, note_submit


@pytest.fixture
def share():
    """Share a note as ``membership`` through the real service."""

    def make(membership, text="The core group met without the school nurse invited.",
             kind="near_miss", **extra):
        return note_submit(membership=membership, note=None,
                           content=NoteContent(kind=kind, what_happened=text, **extra))

    return make
