"""Reads of themes. Every count and every note comes from the notes the viewer may see."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from stepwise.learning.models import Note
from stepwise.learning.selectors import visible_notes
from stepwise.themes import ideas_bridge
from stepwise.themes.models import Theme, ThemeRun

# "Learning without change": this many notes in the window and no idea tested yet.
FLAG_NOTES = 5
FLAG_DAYS = 90
SNIPPET = 220


@dataclass(frozen=True)
class ThemeRow:
    theme: Theme
    notes: int
    recent: int
    without_change: bool


@dataclass(frozen=True)
class ThemeFilters:
    team: int | None = None
    practice_area: int | None = None


def _notes(membership, filters: ThemeFilters) -> QuerySet[Note]:
    notes = visible_notes(membership=membership).order_by()
    if filters.team:
        notes = notes.filter(team_id=filters.team)
    if filters.practice_area:
        notes = notes.filter(practice_area_id=filters.practice_area)
    return notes


def theme_rows(*, membership, filters: ThemeFilters = ThemeFilters()) -> list[ThemeRow]:
    """Themes (hidden ones too) with the notes this person may see, most notes first, in one
    grouped query whatever the number of themes or notes."""
    since = timezone.now() - timedelta(days=FLAG_DAYS)
    counts = {
        row["theme_membership__theme"]: row
        for row in _notes(membership, filters)
        .filter(theme_membership__theme__isnull=False)
        .values("theme_membership__theme")
        .annotate(notes=Count("pk"), recent=Count("pk", filter=Q(submitted_at__gte=since)))
    }
    themes = Theme.objects.filter(pk__in=list(counts), merged_into__isnull=True)
    changed = ideas_bridge.themes_with_change(counts)
    rows = [
        ThemeRow(theme, counts[theme.pk]["notes"], counts[theme.pk]["recent"],
                 counts[theme.pk]["recent"] >= FLAG_NOTES and theme.pk not in changed)
        for theme in themes
    ]
    rows.sort(key=lambda r: (-r.notes, r.theme.title))
    return rows


def hidden_themes() -> QuerySet[Theme]:
    return Theme.objects.filter(is_hidden=True, merged_into__isnull=True)


def open_themes() -> QuerySet[Theme]:
    return Theme.objects.filter(merged_into__isnull=True)


def theme_notes(*, membership, theme: Theme, recent_only: bool = False) -> QuerySet[Note]:
    notes = (visible_notes(membership=membership).filter(theme_membership__theme=theme)
             .select_related("practice_area", "team", "theme_membership"))
    if recent_only:
        notes = notes.filter(submitted_at__gte=timezone.now() - timedelta(days=FLAG_DAYS))
    return notes


def snippet(note: Note) -> str:
    """De-identified, from the text the theme was found in; never the note's own text."""
    text = " ".join(note.theme_membership.text.split())
    return text if len(text) <= SNIPPET else text[: SNIPPET - 1].rsplit(" ", 1)[0] + "…"


def monthly_counts(*, membership, theme: Theme, months: int = 12,
                   today: date | None = None) -> list[tuple[date, int]]:
    today = today or timezone.localdate()
    starts = []
    year, month = today.year, today.month
    for _ in range(months):
        starts.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    starts.reverse()
    counted = {
        row["month"].date() if hasattr(row["month"], "date") else row["month"]: row["notes"]
        for row in theme_notes(membership=membership, theme=theme).order_by()
        .filter(submitted_at__date__gte=starts[0])
        .annotate(month=TruncMonth("submitted_at")).values("month")
        .annotate(notes=Count("pk"))
    }
    return [(start, counted.get(start, 0)) for start in starts]


def is_without_change(*, membership, theme: Theme) -> tuple[int, bool]:
    recent = theme_notes(membership=membership, theme=theme, recent_only=True).count()
    return recent, recent >= FLAG_NOTES and theme.pk not in ideas_bridge.themes_with_change(
        [theme.pk])


def linked_ideas(*, membership, theme: Theme) -> list[ideas_bridge.LinkedIdea]:
    return ideas_bridge.ideas_for_notes(
        note_ids=theme_notes(membership=membership, theme=theme).values("pk"),
        organisation=theme.organisation, membership=membership)


def last_run() -> ThemeRun | None:
    return ThemeRun.objects.first()
