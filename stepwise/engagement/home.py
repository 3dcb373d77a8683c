from django.urls import reverse

from stepwise.core import policy
from stepwise.core.home import NextStep
from stepwise.engagement import selectors


def engagement_steps(*, request, membership) -> list[NextStep]:
    """A manager hears when their team has gone quiet; read from the last snapshot only, so
    the home page never waits for figures."""
    if not membership.team_id or not policy.can(membership, "team.participation"):
        return []
    row = selectors.snapshot(organisation=request.organisation, team=membership.team)
    if row is None or not any(q["team_id"] == membership.team_id
                              for q in row.figures.get("quiet_teams", ())):
        return []
    return [NextStep(
        "Your team has gone quiet",
        "Nobody in your team has contributed in the last 30 days. Ask at the next huddle what "
        "went well or badly this week.",
        reverse("engagement:team", kwargs={"org_slug": request.organisation.slug,
                                           "team_id": membership.team_id}),
    )]
