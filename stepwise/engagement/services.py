from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from stepwise.engagement import figures, selectors
from stepwise.engagement.figures import Scope
from stepwise.engagement.models import EngagementSnapshot
from stepwise.organisations.models import Organisation, Team

# Figures found unchanged are still counted afresh this often, for what the digest of their
# sources cannot see (a team renamed).
RECOUNT_AFTER = timedelta(hours=1)


def engagement_snapshot_refresh(*, organisation: Organisation, team: Team | None = None,
                                now: datetime | None = None,
                                statuses: list[figures.MeasureStatus] | None = None,
                                sources: str | None = None) -> EngagementSnapshot:
    """Count one scope's dashboard figures afresh. Not audited: it changes nothing anyone
    decided, it only keeps a computed copy of figures up to date."""
    now = now or timezone.now()
    start, end = selectors.standard_period(timezone.localdate(now))
    scope = Scope(organisation=organisation, teams=(team,) if team else (), start=start,
                  end=end)
    values = {"start": start, "end": end, "computed_at": now, "counted_at": now,
              "sources": figures.sources(organisation) if sources is None else sources,
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


def engagement_snapshot_current(*, organisation: Organisation, team: Team | None = None,
                                now: datetime | None = None) -> EngagementSnapshot:
    """The scope's snapshot made current: marked so if nothing it is counted from has changed
    (a few aggregate queries), otherwise counted afresh while the reader waits."""
    now = now or timezone.now()
    start, end = selectors.standard_period(timezone.localdate(now))
    digest = figures.sources(organisation)
    row = EngagementSnapshot.unscoped.filter(
        organisation=organisation, team=team, start=start, end=end, sources=digest,
        counted_at__gte=now - RECOUNT_AFTER).first()
    if row is None:
        return engagement_snapshot_refresh(organisation=organisation, team=team, now=now,
                                           sources=digest)
    EngagementSnapshot.unscoped.filter(pk=row.pk).update(computed_at=now)
    row.computed_at = now
    return row


def engagement_snapshots_refresh(*, organisation: Organisation,
                                 now: datetime | None = None) -> int:
    """The organisation's snapshot and every team's; returns how many were counted afresh.

    When nothing the figures are counted from has changed since the last count (same digest,
    same period, counted within the hour), the snapshots are only marked current: most
    organisations change little in five minutes, and counting all of them every five minutes
    would take one worker longer than five minutes.
    """
    now = now or timezone.now()
    start, end = selectors.standard_period(timezone.localdate(now))
    digest = figures.sources(organisation)
    teams = list(Team.unscoped.filter(organisation=organisation))
    unchanged = EngagementSnapshot.unscoped.filter(
        organisation=organisation, start=start, end=end, sources=digest,
        counted_at__gte=now - RECOUNT_AFTER)
    if unchanged.count() == 1 + len(teams):
        unchanged.update(computed_at=now)
        return 0
    # Each measure's chart is judged once, not once for its team and again for the whole.
    statuses = figures.measure_statuses(organisation)
    engagement_snapshot_refresh(organisation=organisation, now=now, statuses=statuses,
                                sources=digest)
    for team in teams:
        engagement_snapshot_refresh(organisation=organisation, team=team, now=now,
                                    statuses=statuses, sources=digest)
    return 1 + len(teams)
