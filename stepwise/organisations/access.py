"""Access helpers: every object named in user input is fetched through one of these.

Each returns the object only when it belongs to the active organisation; a missing object and
one in another organisation raise the same 404, so existence never leaks.
"""


from stepwise.core.access import get_or_404
from stepwise.organisations.models import Invitation, Membership, Team


def access_team_by_id(team_id: int) -> Team:
    return get_or_404(Team.objects, pk=team_id)


def access_membership_by_id(membership_id: int) -> Membership:
    return get_or_404(Membership.objects.select_related("user", "team"), pk=membership_id)


def access_invitation_by_id(invitation_id: int) -> Invitation:
    return get_or_404(Invitation.objects, pk=invitation_id)
