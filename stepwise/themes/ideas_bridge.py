"""Every reference to improvement ideas from themes, in one place."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.urls import reverse

# An idea counts as change under way once a team has started testing it.
CHANGE_STATES = ("testing", "studying", "adopted", "sustained")


@dataclass(frozen=True)
class LinkedIdea:
    title: str
    state: str
    url: str


def ideas_for_notes(*, note_ids, organisation, membership) -> list[LinkedIdea]:
    """Titles as this viewer may read them: an idea's team reads its own words, everyone else
    the de-identified title."""
    from stepwise.improvements.models import Idea
    from stepwise.privacy import outside

    ideas = list(Idea.objects.filter(note_links__note_id__in=note_ids).distinct()
                 .order_by("-state_changed_at", "-pk")[:50])
    outside.prefetch(ideas)
    return [
        LinkedIdea(outside.shown_text(membership, idea, "title"), idea.get_state_display(),
                   reverse("improvements:idea",
                           kwargs={"org_slug": organisation.slug, "idea_id": idea.pk}))
        for idea in ideas
    ]


def themes_with_change(theme_ids: Iterable[int]) -> set[int]:
    """The themes with at least one linked idea that reached testing."""
    from stepwise.improvements.models import IdeaNote

    return set(
        IdeaNote.objects.filter(note__theme_membership__theme_id__in=list(theme_ids),
                                idea__state__in=CHANGE_STATES)
        .values_list("note__theme_membership__theme_id", flat=True).distinct()
    )
