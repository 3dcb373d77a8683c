"""Fetching notes named in user input: the note if this person may see it, else 404."""

from django.http import Http404

from stepwise.core import policy
from stepwise.core.access import get_or_404
from stepwise.learning.models import Note, NoteReport, PracticeArea, Status
from stepwise.learning.selectors import can_see_note


def _get_note(note_id) -> Note:
    return get_or_404(Note.objects.select_related("team", "practice_area", "author"), pk=note_id)


def access_note_by_id(membership, note_id) -> Note:
    """A note to read: shared with this person's team (or beyond, once reviewed), or theirs."""
    note = _get_note(note_id)
    if not can_see_note(membership=membership, note=note):
        raise Http404
    return note


def access_own_note_by_id(membership, note_id, *, statuses=(Status.DRAFT, Status.SUBMITTED)) -> Note:
    note = _get_note(note_id)
    if note.author_id != membership.user_id or note.status not in statuses:
        raise Http404
    return note


def access_reported_note_by_id(membership, note_id) -> Note:
    """A note under review, for the improvement leads who review reports."""
    if not policy.can(membership, "note.moderate"):
        raise Http404
    note = _get_note(note_id)
    if not NoteReport.objects.filter(note=note).exists():
        raise Http404
    return note


def access_practice_area_by_id(area_id) -> PracticeArea:
    return get_or_404(PracticeArea.objects, pk=area_id)


