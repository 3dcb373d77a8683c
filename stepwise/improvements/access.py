"""Access helpers: ideas, cycles, concerns and the notes an idea grows from.

Ideas are visible across the organisation (they describe practice changes, not cases, and the
library and spread need them); notes keep the learning app's rule: team notes only within the
team (or to their author), organisation notes to everyone, never hidden or unsubmitted ones.
"""

from django.db.models import Q
from django.http import Http404

from stepwise.improvements.models import Concern, Cycle, Idea
from stepwise.learning.models import Note, Status, Visibility


def access_idea_by_id(idea_id: int) -> Idea:
    try:
        return Idea.objects.select_related("team", "author", "organisation").get(pk=idea_id)
    except (Idea.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404 from None


def access_cycle_by_id(idea: Idea, cycle_id: int) -> Cycle:
    try:
        return Cycle.objects.select_related("idea__organisation").get(pk=cycle_id, idea=idea)
    except (Cycle.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404 from None


def access_concern_by_id(idea: Idea, concern_id: int) -> Concern:
    try:
        return Concern.objects.select_related("idea__organisation", "raised_by").get(
            pk=concern_id, idea=idea)
    except (Concern.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404 from None


def visible_notes(membership):
    return Note.objects.filter(status=Status.SUBMITTED, hidden_at__isnull=True).filter(
        Q(visibility=Visibility.ORGANISATION) | Q(team_id=membership.team_id)
        | Q(author_id=membership.user_id)
    )


def access_note_for_idea(membership, note_id) -> Note:
    try:
        return visible_notes(membership).select_related("team").get(pk=note_id)
    except (Note.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404 from None


def note_text_for(membership, note: Note) -> str:
    """What this viewer may read of a note: the team's own text, or the de-identified one."""
    if note.team_id == membership.team_id or note.author_id == membership.user_id:
        text = note.what_happened
    elif note.visibility == Visibility.ORGANISATION:
        text = note.shared_what_happened
    else:
        return ""
    text = " ".join(text.split())
    return text if len(text) <= 120 else text[:117].rsplit(" ", 1)[0] + "\u2026"
