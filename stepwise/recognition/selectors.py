from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, Min, Q

from stepwise.core.scheduler import LONDON
from stepwise.learning.models import Kind, Note, Status
from stepwise.recognition.models import Highlight, Nomination, Thanks


def month_of(moment: datetime) -> date:
    local = moment.astimezone(LONDON)
    return date(local.year, local.month, 1)


def previous_month(month: date) -> date:
    return date(month.year - 1, 12, 1) if month.month == 1 else date(month.year,
                                                                       month.month - 1, 1)


def thanks_summary(*, user, idea=None, cycle=None) -> tuple[int, bool]:
    """How many thanks the idea or cycle has, and whether this person gave one."""
    found = Thanks.objects.filter(idea=idea) if idea is not None else Thanks.objects.filter(
        cycle=cycle)
    counted = found.aggregate(total=Count("pk"), mine=Count("pk", filter=Q(person=user)))
    return counted["total"], bool(counted["mine"])


def month_bounds(month: date) -> tuple[datetime, datetime]:
    end = _next_month_start(month)
    return (datetime(month.year, month.month, 1, tzinfo=LONDON),
            datetime(end.year, end.month, 1, tzinfo=LONDON))


def success_candidates(*, team, month: date):
    """This month's shared successes in the team, newest first."""
    start, end = month_bounds(month)
    return Note.objects.filter(
        team=team, kind=Kind.SUCCESS, status=Status.SUBMITTED, hidden_at__isnull=True,
        submitted_at__gte=start, submitted_at__lt=end,
    ).select_related("organisation").order_by("-submitted_at", "-id")


def nomination_counts(*, team, month: date) -> dict[int, int]:
    return dict(Nomination.objects.filter(team=team, month=month).values("note_id")
                .annotate(n=Count("pk")).values_list("note_id", "n"))


def my_nomination(*, team, month: date, user) -> int | None:
    return Nomination.objects.filter(team=team, month=month, person=user).values_list(
        "note_id", flat=True).first()


@dataclass(frozen=True)
class TeamHighlight:
    note: Note
    month: date
    confirmed: bool


def highlight_for(*, team, month: date, today: date) -> TeamHighlight | None:
    """The manager's confirmed choice; once the month is over without one, the note most
    nominated by the team (ties go to the one nominated first)."""
    confirmed = Highlight.objects.filter(team=team, month=month).select_related(
        "note__organisation").first()
    if confirmed is not None:
        return TeamHighlight(confirmed.note, month, True)
    if today < _next_month_start(month):
        return None
    top = (Nomination.objects.filter(team=team, month=month).values("note_id")
           .annotate(n=Count("pk"), first=Min("created_at")).order_by("-n", "first").first())
    if top is None:
        return None
    note = Note.objects.select_related("organisation").filter(
        pk=top["note_id"], status=Status.SUBMITTED, hidden_at__isnull=True).first()
    return TeamHighlight(note, month, False) if note is not None else None


def _next_month_start(month: date) -> date:
    return date(month.year + 1, 1, 1) if month.month == 12 else date(month.year,
                                                                       month.month + 1, 1)
