from django.urls import reverse

from stepwise.core import policy
from stepwise.core.home import NextStep
from stepwise.learning import selectors
from stepwise.notifications.selectors import unread_count


def learning_steps(*, request, membership) -> list[NextStep]:
    slug = request.organisation.slug
    steps = []
    if policy.can(membership, "note.create"):
        steps.append(NextStep(
            "Record a learning note",
            "Something went well, or nearly went wrong? Two minutes is enough.",
            reverse("learning:note_new", kwargs={"org_slug": slug}),
        ))
        drafts = selectors.my_drafts(membership=membership).count()
        if drafts:
            steps.append(NextStep(
                f"Finish your draft{'s' if drafts > 1 else ''}",
                f"You have {drafts} unfinished note{'s' if drafts > 1 else ''}; only you can "
                "see them.",
                reverse("learning:mine", kwargs={"org_slug": slug}),
            ))
    if policy.can(membership, "note.moderate"):
        waiting = selectors.open_reports().values("note").distinct().count()
        if waiting:
            steps.append(NextStep(
                "Review reported notes",
                f"{waiting} reported note{'s are' if waiting > 1 else ' is'} hidden until you "
                "review them.",
                reverse("learning:reports", kwargs={"org_slug": slug}),
            ))
    unread = unread_count(user=request.user)
    if unread:
        steps.append(NextStep(
            "Read your notifications",
            f"{unread} new: replies, 'me too' and what became of your notes.",
            reverse("notifications:list", kwargs={"org_slug": slug}),
        ))
    return steps
