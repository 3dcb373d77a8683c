"""Fetching a team named in an engagement address: the team if this person may see its
dashboard (their own team, or any team for those who see the whole organisation), else 404."""

from django.http import Http404

from stepwise.core import policy
from stepwise.core.access import get_or_404
from stepwise.organisations.models import Team


def access_team_dashboard(membership, team_id) -> Team:
    teams = Team.objects.all()
    if not policy.can(membership, "engagement.view_org"):
        if not policy.can(membership, "engagement.view_team") or membership.team_id is None:
            raise Http404
        teams = teams.filter(pk=membership.team_id)
    return get_or_404(teams, pk=team_id)
