"""Telling people what became of ideas ("close the loop"), through the notifications app.

Titles never quote note text and never name an anonymous note's author: the recipient list
is built here and seen by nobody.
"""

from stepwise.improvements.models import Idea
from stepwise.notifications.services import notification_send


def _send(*, recipient, organisation, kind: str, title: str, url: str) -> None:
    notification_send(recipient=recipient, organisation=organisation, kind=kind,
                      title=title, url=url)


def send(*, people, idea: Idea, kind: str, title: str, exclude=None, url: str = "") -> int:
    seen = {exclude.pk} if exclude is not None else set()
    sent = 0
    for person in people:
        if person is None or person.pk in seen or not person.is_active:
            continue
        seen.add(person.pk)
        _send(recipient=person, organisation=idea.organisation, kind=kind, title=title,
              url=url or idea.get_absolute_url())
        sent += 1
    return sent


def loop_people(idea: Idea) -> list:
    """Authors of the notes the idea grew from (anonymous ones too), supporters, owners."""
    from stepwise.accounts.models import User

    ids = set(idea.note_links.values_list("note__author_id", flat=True))
    ids |= set(idea.supporters.values_list("person_id", flat=True))
    ids |= set(idea.owners.values_list("pk", flat=True))
    return list(User.objects.filter(pk__in=ids).order_by("pk"))


def note_authors(idea: Idea) -> list:
    from stepwise.accounts.models import User

    ids = idea.note_links.values_list("note__author_id", flat=True)
    return list(User.objects.filter(pk__in=list(ids)).order_by("pk"))
