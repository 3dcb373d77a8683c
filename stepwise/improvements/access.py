"""Access helpers: ideas, cycles, concerns and the notes an idea grows from.

Ideas are visible across the organisation (they describe practice changes, not cases, and the
library and spread need them); notes keep the learning app's own rules (``learning.access``).
"""

from django.http import Http404

from stepwise.core.access import get_or_404
from stepwise.improvements.models import Concern, Cycle, Idea
from stepwise.learning.access import access_note_by_id
from stepwise.learning.models import Note, Status
from stepwise.learning.selectors import can_see_note, sees_original_text


def access_idea_by_id(idea_id: int) -> Idea:
    return get_or_404(Idea.objects.select_related("team", "author", "organisation"), pk=idea_id)


def access_cycle_by_id(idea: Idea, cycle_id: int) -> Cycle:
    return get_or_404(Cycle.objects.select_related("idea__organisation"), pk=cycle_id, idea=idea)


def access_concern_by_id(idea: Idea, concern_id: int) -> Concern:
    return get_or_404(Concern.objects.select_related("idea__organisation", "raised_by"),
                      pk=concern_id, idea=idea)


def access_note_for_idea(membership, note_id) -> Note:
    """A shared note this person may read; drafts, withdrawn and hidden notes never start an
    idea."""
    note = access_note_by_id(membership, note_id)
    if note.status != Status.SUBMITTED or note.hidden_at is not None:
        raise Http404
    return note


def note_text_for(membership, note: Note) -> str:
    """What this viewer may read of a note: the team's own text, or the de-identified one."""
    if sees_original_text(membership=membership, note=note):
        text = note.what_happened
    elif can_see_note(membership=membership, note=note):
        text = note.shared_what_happened
    else:
        return ""
    text = " ".join(text.split())
    return text if len(text) <= 120 else text[:117].rsplit(" ", 1)[0] + "\u2026"
