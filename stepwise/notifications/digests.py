"""The e-mail digests: a weekly round-up for each person, a monthly "you said, we did".

Digests carry counts, dates and links, never anyone's words: no note, reply, idea or cycle
text, and no idea titles (the monthly digest shows only what ``you_said_we_did`` gives, which
is de-identified). Activity on a person's anonymous notes is added up into one line that links
to their own notes list, never to a note, so a mail log cannot tie them to an anonymous note.

One Monday e-mail: the weekly round-up also carries the notifications a person chose to hear
about weekly, so nobody gets two e-mails from the same job. Switching the round-up off leaves
those notifications to their own settings.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from stepwise.notifications import services
from stepwise.notifications.models import (
    Delivery,
    Digest,
    DigestSubscription,
    EmailSent,
    EmailState,
    Notification,
)

LOOK_BACK = timedelta(days=7)
# A round-up stays short: beyond this many notes or ideas with news, the rest are counted.
MAX_LINES = 8


@dataclass(frozen=True)
class Line:
    text: str
    url: str  # a path inside Stepwise


@dataclass
class Section:
    heading: str
    lines: list[Line] = field(default_factory=list)


def _org_url(name: str, organisation, **kwargs) -> str:
    return reverse(name, kwargs={"org_slug": organisation.slug, **kwargs})


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


STATE_NEWS = {
    "ready": "ready to test",
    "testing": "being tested",
    "studying": "being studied",
    "adopted": "adopted",
    "sustained": "holding its gain",
    "abandoned": "stopped, with its learning kept",
}


def _note_news(c: Counter, states: list[str]) -> list[str]:
    parts = []
    if c["me_too"]:
        parts.append(_plural(c["me_too"], "person said 'me too'", "people said 'me too'"))
    if c["replies"]:
        parts.append(_plural(c["replies"], "reply", "replies"))
    if c["thanks"]:
        parts.append(_plural(c["thanks"], "thanks", "thanks"))
    if c["ideas"]:
        parts.append(f"led to {_plural(c['ideas'], 'new improvement idea', 'new improvement ideas')}")
    parts.extend(f"an idea it led to is now {STATE_NEWS[s]}" for s in states)
    return parts


def _window(field_name: str, since: datetime, until: datetime) -> Q:
    return Q(**{f"{field_name}__gt": since, f"{field_name}__lte": until})


def _notes_section(membership, since, until) -> tuple[Section, int]:
    from stepwise.improvements.models import IdeaEvent, IdeaNote
    from stepwise.learning.models import MeToo, Note, Reply, Status, Thanks

    user, organisation = membership.user, membership.organisation
    counts: dict[int, Counter] = defaultdict(Counter)
    mine = Q(note__author=user, note__status=Status.SUBMITTED)
    for model, key, who in ((MeToo, "me_too", "person"), (Reply, "replies", "author"),
                            (Thanks, "thanks", "person")):
        rows = (model.objects.filter(mine, _window("created_at", since, until))
                .exclude(**{who: user}).values("note_id").annotate(n=Count("pk")))
        for row in rows:
            counts[row["note_id"]][key] += row["n"]
    for row in (IdeaNote.objects.filter(mine, _window("created_at", since, until))
                .values("note_id").annotate(n=Count("pk"))):
        counts[row["note_id"]]["ideas"] += row["n"]
    states: dict[int, list[str]] = defaultdict(list)
    for note_id, state in (
        IdeaEvent.objects.filter(_window("created_at", since, until),
                                 idea__note_links__note__author=user,
                                 idea__note_links__note__status=Status.SUBMITTED,
                                 to_state__in=list(STATE_NEWS))
        .values_list("idea__note_links__note_id", "to_state").order_by("created_at", "id")
    ):
        states[note_id].append(state)
    note_ids = set(counts) | set(states)
    notes = Note.objects.filter(pk__in=note_ids).only("pk", "is_anonymous", "submitted_at")
    section = Section("Your learning notes")
    anonymous, anonymous_states = Counter(), []
    for note in sorted(notes, key=lambda n: (n.submitted_at, n.pk)):
        if note.is_anonymous:
            anonymous.update(counts[note.pk])
            anonymous_states.extend(states[note.pk])
            continue
        news = _note_news(counts[note.pk], states[note.pk])
        section.lines.append(Line(
            f"Your note of {services.day_text(note.submitted_at)}: {', '.join(news)}.",
            _org_url("learning:note", organisation, note_id=note.pk)))
    if len(section.lines) > MAX_LINES:
        more = len(section.lines) - MAX_LINES
        section.lines = section.lines[-MAX_LINES:]
        section.lines.append(Line(
            f"And {_plural(more, 'earlier note', 'earlier notes')} with news",
            _org_url("learning:mine", organisation)))
    if anonymous or anonymous_states:
        section.lines.append(Line(
            f"Your anonymous notes: {', '.join(_note_news(anonymous, anonymous_states))}.",
            _org_url("learning:mine", organisation)))
    thanks = sum(c["thanks"] for c in counts.values())
    return section, thanks


def _ideas_section(membership, since, until) -> tuple[Section, int, int]:
    from stepwise.improvements.models import Cycle, Idea, IdeaEvent, Supporter
    from stepwise.recognition.models import Thanks

    user, organisation = membership.user, membership.organisation
    ideas = {i.pk: i for i in Idea.objects.filter(Q(author=user) | Q(owners=user)).distinct()
             .only("pk", "created_at")}
    counts: dict[int, Counter] = defaultdict(Counter)
    states: dict[int, list[str]] = defaultdict(list)
    in_window = _window("created_at", since, until)
    for row in (Supporter.objects.filter(in_window, idea_id__in=ideas).exclude(person=user)
                .values("idea_id").annotate(n=Count("pk"))):
        counts[row["idea_id"]]["support"] += row["n"]
    for row in (Cycle.objects.filter(in_window, idea_id__in=ideas).exclude(created_by=user)
                .values("idea_id").annotate(n=Count("pk"))):
        counts[row["idea_id"]]["cycles"] += row["n"]
    for row in (Thanks.objects.filter(in_window, idea_id__in=ideas)
                .values("idea_id").annotate(n=Count("pk"))):
        counts[row["idea_id"]]["thanks"] += row["n"]
    for idea_id, state in (
        IdeaEvent.objects.filter(in_window, idea_id__in=ideas, to_state__in=list(STATE_NEWS))
        .exclude(actor=user).values_list("idea_id", "to_state").order_by("created_at", "id")
    ):
        states[idea_id].append(state)
    section = Section("Your improvement ideas")
    for idea_id in sorted(set(counts) | set(states), key=lambda i: (ideas[i].created_at, i)):
        c = counts[idea_id]
        parts = []
        if c["support"]:
            parts.append(_plural(c["support"], "more person would try it",
                                 "more people would try it"))
        if c["cycles"]:
            parts.append(_plural(c["cycles"], "new test cycle", "new test cycles"))
        if c["thanks"]:
            parts.append(_plural(c["thanks"], "thanks", "thanks"))
        parts.extend(f"now {STATE_NEWS[s]}" for s in states[idea_id])
        section.lines.append(Line(
            f"Your idea of {services.day_text(ideas[idea_id].created_at)}: {', '.join(parts)}.",
            _org_url("improvements:idea", organisation, idea_id=idea_id)))
    if len(section.lines) > MAX_LINES:
        more = len(section.lines) - MAX_LINES
        section.lines = section.lines[-MAX_LINES:]
        section.lines.append(Line(
            f"And {_plural(more, 'earlier idea', 'earlier ideas')} with news",
            _org_url("improvements:ideas", organisation) + "?mine=1"))
    idea_thanks = sum(c["thanks"] for c in counts.values())
    cycle_thanks = Thanks.objects.filter(in_window, cycle__created_by=user).count()
    return section, idea_thanks, cycle_thanks


def _team_section(membership, since, until) -> Section:
    from stepwise.improvements.models import Idea
    from stepwise.learning.models import Note, Status
    from stepwise.recognition.models import Highlight

    team, user, organisation = membership.team, membership.user, membership.organisation
    section = Section(f"New in {team.name}" if team else "New in your team")
    if team is None:
        return section
    notes = (Note.objects.filter(_window("submitted_at", since, until), team=team,
                                 status=Status.SUBMITTED, hidden_at__isnull=True)
             .exclude(author=user).count())
    if notes:
        section.lines.append(Line(
            f"{_plural(notes, 'new learning note', 'new learning notes')} from colleagues",
            _org_url("learning:notes", organisation)))
    ideas = (Idea.objects.filter(_window("created_at", since, until), team=team)
             .exclude(author=user).count())
    if ideas:
        section.lines.append(Line(
            f"{_plural(ideas, 'new improvement idea', 'new improvement ideas')}",
            _org_url("improvements:board", organisation) + f"?team={team.pk}"))
    for highlight in Highlight.objects.filter(_window("confirmed_at", since, until), team=team):
        section.lines.append(Line(
            f"Your team chose its learning from success for {highlight.month:%B %Y}",
            _org_url("recognition:highlight", organisation)))
    return section


def weekly_activity(*, membership, since: datetime, until: datetime) -> list[Section]:
    """What happened to this person's notes and ideas, and in their team, in (since, until]."""
    notes, note_thanks = _notes_section(membership, since, until)
    ideas, idea_thanks, cycle_thanks = _ideas_section(membership, since, until)
    team = _team_section(membership, since, until)
    thanks = Section("Thanks received")
    total = note_thanks + idea_thanks + cycle_thanks
    if total:
        where = [label for n, label in ((note_thanks, "notes"), (idea_thanks, "ideas"),
                                        (cycle_thanks, "test cycles")) if n]
        thanks.lines.append(Line(
            f"You were thanked {_plural(total, 'time', 'times')}, for your "
            f"{' and '.join(where)}. Thank you.", _org_url("learning:mine",
                                                           membership.organisation)))
    return [s for s in (notes, ideas, team, thanks) if s.lines]


def _subscription(membership, digest: str) -> DigestSubscription:
    subscription, _ = DigestSubscription.objects.get_or_create(
        person=membership.user, digest=digest,
        defaults={"organisation": membership.organisation})
    return DigestSubscription.objects.select_for_update().get(pk=subscription.pk)


def is_enabled(*, membership, digest: str) -> bool:
    return not DigestSubscription.objects.filter(
        person=membership.user, digest=digest, enabled=False).exists()


@transaction.atomic
def weekly_digest_send(*, membership, now: datetime) -> str:
    """Send one person's Monday e-mail if there is anything new; returns what happened."""
    user, organisation = membership.user, membership.organisation
    subscription = _subscription(membership, Digest.WEEKLY)
    since = subscription.covered_until or max(membership.joined_at, now - LOOK_BACK)
    sections = (weekly_activity(membership=membership, since=since, until=now)
                if subscription.enabled else [])
    waiting = list(
        Notification.objects.select_for_update().select_related("organisation")
        .filter(recipient=user, delivery=Delivery.WEEKLY, email_state=EmailState.PENDING)
        .order_by("created_at", "id"))
    if waiting:
        # Named by kind, not by title: some titles name an idea, and digests quote nobody.
        sections.append(Section("Waiting for you in Stepwise", [
            Line(label, url) for label, url in services.email_links(waiting)]))
    if not sections:
        if subscription.enabled:
            subscription.covered_until = now
            subscription.save(update_fields=["covered_until"])
        return "nothing new"
    if not user.is_active or services._emails_left_today(user) == 0:
        Notification.objects.filter(pk__in=[n.pk for n in waiting]).update(
            email_state=EmailState.CAPPED)
        return "capped"
    services._email(
        to=user.email, subject=f"Stepwise: your week in {organisation.name}",
        template="notifications/emails/digest",
        context={
            "intro": f"Your week in {organisation.name} on Stepwise.",
            "sections": sections,
            "stop_url": (_org_url("notifications:digest_weekly_off", organisation)
                         if subscription.enabled else ""),
            "stop_label": "Stop the weekly round-up",
            "settings_url": _org_url("notifications:preferences", organisation),
        },
    )
    EmailSent.objects.create(recipient=user, kind="digest.weekly")
    Notification.objects.filter(pk__in=[n.pk for n in waiting]).update(
        email_state=EmailState.SENT, emailed_at=now)
    if subscription.enabled:
        subscription.covered_until = now
    subscription.last_sent_at = now
    subscription.save(update_fields=["covered_until", "last_sent_at"])
    return "sent"


@transaction.atomic
def digest_switch(*, membership, digest: str, enabled: bool) -> bool:
    """Switch a digest on or off for this person; returns whether anything changed. Switching
    the weekly round-up back on starts from now, not from whatever was missed."""
    from stepwise.core import audit

    subscription = _subscription(membership, digest)
    if subscription.enabled == enabled:
        return False
    subscription.enabled = enabled
    if enabled and digest == Digest.WEEKLY:
        subscription.covered_until = timezone.now()
    subscription.save(update_fields=["enabled", "covered_until"])
    audit.record(audit.DigestSwitched(digest=digest, enabled=enabled),
                 organisation=membership.organisation, actor=membership.user,
                 target=membership)
    return True


def first_working_day(month: date) -> date:
    from stepwise.improvements.workdays import is_working_day

    day = month
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def previous_month(today: date) -> date:
    return (today.replace(day=1) - timedelta(days=1)).replace(day=1)


def you_said_we_did(*, organisation, month: date) -> list[Section]:
    """The organisation's month: adopted improvements (de-identified titles, counts, links)
    and the teams' chosen learning from success (team names and a link, never a note)."""
    from stepwise.engagement.figures import you_said_we_did as adopted_in
    from stepwise.recognition.selectors import highlight_for

    end = (month + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    adopted = adopted_in(organisation=organisation, start=month, end=end)
    sections = []
    if adopted:
        notes = sum(item.notes for item in adopted)
        sections.append(Section(
            f"You said, we did: {_plural(len(adopted), 'improvement', 'improvements')} adopted "
            f"in {month:%B}, grown from {_plural(notes, 'learning note', 'learning notes')}",
            [Line(f"{item.title} ({item.team}), adopted {item.adopted_on.day} "
                  f"{item.adopted_on:%B}, from {_plural(item.notes, 'note', 'notes')}"
                  f"{', and holding its gain' if item.sustained else ''}", item.url)
             for item in adopted]))
    from stepwise.organisations.models import Team

    today = end + timedelta(days=1)
    chosen = [team.name for team in Team.objects.order_by("name")
              if highlight_for(team=team, month=month, today=today) is not None]
    if chosen:
        sections.append(Section(f"Learning from success, {month:%B}", [Line(
            f"{', '.join(chosen)} chose a success to learn from",
            _org_url("recognition:highlight", organisation))]))
    return sections


@transaction.atomic
def monthly_digest_send(*, membership, month: date, sections: list[Section]) -> str:
    """Send one person the organisation's "you said, we did" for ``month``, once."""
    user, organisation = membership.user, membership.organisation
    subscription = _subscription(membership, Digest.MONTHLY)
    period = f"{month:%Y-%m}"
    if not subscription.enabled:
        return "off"
    if subscription.covered_period >= period:
        return "already sent"
    if not sections:
        return "nothing new"
    if not user.is_active or services._emails_left_today(user) == 0:
        return "capped"
    services._email(
        to=user.email, subject=f"Stepwise: you said, we did in {organisation.name}, "
                               f"{month:%B %Y}",
        template="notifications/emails/digest",
        context={
            "intro": f"What {organisation.name} changed in {month:%B %Y} because people "
                     "shared what they learned.",
            "sections": sections,
            "stop_url": _org_url("notifications:digest_monthly_off", organisation),
            "stop_label": "Stop the monthly 'you said, we did'",
            "settings_url": _org_url("notifications:preferences", organisation),
        },
    )
    EmailSent.objects.create(recipient=user, kind="digest.monthly")
    subscription.covered_period = period
    subscription.last_sent_at = timezone.now()
    subscription.save(update_fields=["covered_period", "last_sent_at"])
    return "sent"
