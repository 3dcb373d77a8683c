from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from stepwise.core import policy
from stepwise.engagement import charts, figures, selectors
from stepwise.engagement.access import access_team_dashboard
from stepwise.engagement.definitions import DEFINITIONS


@require_GET
def home(request):
    """The menu's door: the organisation's dashboard for those who see it, else one's team's."""
    membership = request.membership
    if policy.can(membership, "engagement.view_org"):
        return _dashboard(request, team=None)
    if membership.team_id and policy.can(membership, "engagement.view_team"):
        return redirect("engagement:team", org_slug=request.organisation.slug,
                        team_id=membership.team_id)
    return render(request, "engagement/no_team.html")


@require_GET
def team(request, team_id: int):
    return _dashboard(request, team=access_team_dashboard(request.membership, team_id))


def _dashboard(request, *, team):
    membership = request.membership
    dashboard, computed_at = selectors.dashboard(organisation=request.organisation, team=team)
    participation = dashboard.participation
    chart = None
    if not participation.suppressed:
        svg, description = charts.share_run_chart(
            [m.month for m in participation.by_month],
            [m.share for m in participation.by_month],
            title="Share of staff contributing each month (%)")
        chart = {"svg": svg, "description": description}
    months = [m.month for m in dashboard.cumulative.by_month]
    show_participation = team is None or policy.can(membership, "team.participation")
    return render(request, "engagement/dashboard.html", {
        "team": team, "dashboard": dashboard, "computed_at": computed_at,
        "definitions": DEFINITIONS, "min_group": figures.MIN_GROUP,
        "show_participation": show_participation,
        "can_report": policy.can(membership, "report.view"),
        "participation_chart": chart,
        "cumulative_chart": charts.cumulative_bars(
            months, [m.cumulative for m in dashboard.cumulative.by_month],
            title="Improvements adopted so far"),
        "quiet": team is not None and show_participation and any(q.team_id == team.pk
                                          for q in dashboard.quiet_teams),
        "mine": figures.my_contributions(organisation=request.organisation,
                                         user=request.user, end=timezone.localdate()),
        "decisions": [(label, dashboard.flow.decisions.get(outcome, 0),
                       dashboard.flow.decision_share(outcome))
                      for outcome, label in (("adopt", "Adopt"), ("adapt", "Adapt"),
                                             ("abandon", "Abandon"))],
    })
