"""Access helpers: every object named in user input is fetched through one of these.

Each returns the object only when it belongs to the active organisation; a missing object and
one in another organisation raise the same 404, so existence never leaks.
"""

from django.http import Http404

from stepwise.organisations.models import Invitation, Membership, Team


def access_team_by_id(team_id: int) -> Team:
    try:
        return Team.objects.get(pk=team_id)
    except (Team.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def access_membership_by_id(membership_id: int) -> Membership:
    try:
        return Membership.objects.select_related("user", "team").get(pk=membership_id)
    except (Membership.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def access_invitation_by_id(invitation_id: int) -> Invitation:
    try:
        return Invitation.objects.get(pk=invitation_id)
    except (Invitation.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
