from django.urls import reverse

from stepwise.core import policy
from stepwise.core.home import NextStep
from stepwise.themes import selectors


def theme_steps(*, request, membership) -> list[NextStep]:
    if not policy.can(membership, "theme.curate"):
        return []
    flagged = [row for row in selectors.theme_rows(membership=membership)
               if row.without_change and not row.theme.is_hidden]
    if not flagged:
        return []
    return [NextStep(
        "Turn learning into change",
        f"{len(flagged)} theme{'s have' if len(flagged) > 1 else ' has'} much recent learning "
        "and no idea tested yet.",
        reverse("themes:list", kwargs={"org_slug": request.organisation.slug}),
    )]
