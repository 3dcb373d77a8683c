import dataclasses
import json
import types
import typing
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from stepwise.engagement import figures
from stepwise.engagement.figures import (
    Cumulative,
    Flow,
    Participation,
    QuietTeam,
    Scope,
    YouSaidWeDid,
)
from stepwise.engagement.models import EngagementSnapshot

# A dashboard never shows figures older than this: past it, they are computed while you wait.
FRESH_FOR = timedelta(minutes=5)
MONTHS_SHOWN = 12


@dataclass(frozen=True)
class Dashboard:
    start: date
    end: date
    participation: Participation
    flow: Flow
    cumulative: Cumulative
    you_said_we_did: tuple[YouSaidWeDid, ...]
    quiet_teams: tuple[QuietTeam, ...]


def standard_period(today: date) -> tuple[date, date]:
    """The dashboards' period: the last twelve calendar months, this one included."""
    month = today.replace(day=1)
    for _ in range(MONTHS_SHOWN - 1):
        month = (month - timedelta(days=1)).replace(day=1)
    return month, today


def compute(scope: Scope, *, statuses: list[figures.MeasureStatus] | None = None
            ) -> Dashboard:
    return Dashboard(
        start=scope.start, end=scope.end,
        participation=figures.participation(scope),
        flow=figures.flow(scope),
        cumulative=figures.cumulative(scope, statuses=statuses),
        you_said_we_did=tuple(figures.you_said_we_did(
            organisation=scope.organisation, start=scope.start, end=scope.end,
            teams=scope.teams)),
        quiet_teams=tuple(figures.teams_without_contribution(scope)),
    )


def encode(dashboard: Dashboard) -> dict:
    """As stored: plain JSON values, so a fresh row and a re-read one decode alike."""
    return json.loads(json.dumps(dataclasses.asdict(dashboard), cls=DjangoJSONEncoder))


def _decode(kind, value):
    if dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        return kind(**{f.name: _decode(hints[f.name], value[f.name])
                       for f in dataclasses.fields(kind)})
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin in (types.UnionType, typing.Union):
        if value is None:
            return None
        return _decode(next(a for a in args if a is not type(None)), value)
    if origin is tuple:
        return tuple(_decode(args[0], item) for item in value)
    if origin is list:
        return [_decode(args[0], item) for item in value]
    if origin is dict:
        return {key: _decode(args[1], item) for key, item in value.items()}
    if kind is date:
        return date.fromisoformat(value)
    if kind is datetime:
        return datetime.fromisoformat(value)
    return value


def decode(data: dict) -> Dashboard:
    return _decode(Dashboard, data)


def snapshot(*, organisation, team=None) -> EngagementSnapshot | None:
    return EngagementSnapshot.unscoped.filter(organisation=organisation, team=team).first()


def is_fresh(row: EngagementSnapshot | None, *, now: datetime) -> bool:
    if row is None:
        return False
    start, end = standard_period(timezone.localdate(now))
    return (row.start, row.end) == (start, end) and now - row.computed_at <= FRESH_FOR


def dashboard(*, organisation, team=None, now: datetime | None = None
              ) -> tuple[Dashboard, datetime]:
    """The scope's figures and when they were known current: from the background snapshot when
    it is fresh, otherwise checked (and if need be counted) now, and stored for the next
    reader."""
    from stepwise.engagement.services import engagement_snapshot_current

    now = now or timezone.now()
    row = snapshot(organisation=organisation, team=team)
    if not is_fresh(row, now=now):
        row = engagement_snapshot_current(organisation=organisation, team=team, now=now)
    return decode(row.figures), row.computed_at
