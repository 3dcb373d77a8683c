from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from stepwise.engagement import figures, selectors
from stepwise.engagement.figures import Scope
from stepwise.engagement.models import EngagementSnapshot
from stepwise.organisations.models import Organisation, Team


def engagement_snapshot_refresh(*, organisation: Organisation, team: Team | None = None,
                                now: datetime | None = None,
                                statuses: list[figures.MeasureStatus] | None = None
                                ) -> EngagementSnapshot:
    """Recompute one scope's dashboard figures. Not audited: it changes nothing anyone
    decided, it only keeps a computed copy of figures up to date."""
    now = now or timezone.now()
    start, end = selectors.standard_period(timezone.localdate(now))
    scope = Scope(organisation=organisation, teams=(team,) if team else (), start=start,
                  end=end)
    values = {"start": start, "end": end, "computed_at": now,
              "figures": selectors.encode(selectors.compute(scope, statuses=statuses))}
    try:
        with transaction.atomic():
            row, _ = EngagementSnapshot.unscoped.update_or_create(
                organisation=organisation, team=team, defaults=values)
    except IntegrityError:
        # Another worker created the row between our read and our write: update theirs.
        EngagementSnapshot.unscoped.filter(organisation=organisation, team=team).update(
            **values)
        row = EngagementSnapshot.unscoped.get(organisation=organisation, team=team)
    return row


def engagement_snapshots_refresh(*, organisation: Organisation,
                                 now: datetime | None = None) -> int:
    """The organisation's snapshot and every team's; returns how many were written."""
    now = now or timezone.now()
    # Each measure's chart is judged once, not once for its team and again for the whole.
    statuses = figures.measure_statuses(organisation)
    engagement_snapshot_refresh(organisation=organisation, now=now, statuses=statuses)
    teams = list(Team.unscoped.filter(organisation=organisation))
    for team in teams:
        engagement_snapshot_refresh(organisation=organisation, team=team, now=now,
                                    statuses=statuses)
    return 1 + len(teams)
