from django.http import Http404

from stepwise.learning.access import access_note_by_id
from stepwise.learning.models import Note


def access_team_note_by_id(membership, note_id) -> Note:
    """A note of the person's own team, for the team's monthly highlight."""
    note = access_note_by_id(membership, note_id)
    if membership.team_id is None or note.team_id != membership.team_id:
        raise Http404
    return note
