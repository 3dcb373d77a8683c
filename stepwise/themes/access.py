"""Fetching themes named in user input: the theme if this person may see it, else 404."""

from django.http import Http404

from stepwise.core import policy
from stepwise.core.access import get_or_404
from stepwise.themes.models import Theme


def access_theme_by_id(membership, theme_id) -> Theme:
    """An open theme; a hidden one only for those who curate themes."""
    theme = get_or_404(Theme.objects.select_related("organisation"),
                       pk=theme_id, merged_into__isnull=True)
    if theme.is_hidden and not policy.can(membership, "theme.curate"):
        raise Http404
    return theme
