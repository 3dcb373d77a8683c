"""Reads of learning notes. Who may see what is decided here and nowhere else.

A shared note's own text is seen by its team (and its author). Beyond the team only the
de-identified ``shared_*`` text would be seen, once the privacy review has approved it.
Nobody lists or filters notes by author except the author, for their own.
"""

import math
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from stepwise.learning.models import (
    Factor,
    Kind,
    MeToo,
    Note,
    NoteReport,
    PracticeArea,
    Reply,
    ReportOutcome,
    Status,
    Thanks,
    Visibility,
)

LIST_SHAPE = ("practice_area", "team")


def _visible_q(membership) -> Q:
    audience = Q(visibility=Visibility.ORGANISATION, shared_approved_at__isnull=False)
    if membership.team_id is not None:
        audience |= Q(team_id=membership.team_id)
    return Q(status=Status.SUBMITTED, hidden_at__isnull=True) & audience


def visible_notes(*, membership) -> QuerySet[Note]:
    """Shared notes this person may read, newest first (their own included)."""
    return Note.objects.filter(_visible_q(membership)).order_by("-submitted_at", "-id")


def can_see_note(*, membership, note: Note) -> bool:
    if note.author_id == membership.user_id:
        return True
    if note.status != Status.SUBMITTED or note.hidden_at is not None:
        return False
    if note.team_id == membership.team_id:
        return True
    return note.visibility == Visibility.ORGANISATION and note.shared_approved_at is not None


def sees_original_text(*, membership, note: Note) -> bool:
    return note.author_id == membership.user_id or note.team_id == membership.team_id


@dataclass(frozen=True)
class NoteFilters:
    kind: str = ""
    practice_area: int | None = None
    factor: str = ""
    since: date | None = None
    until: date | None = None


def filtered_notes(*, membership, filters: NoteFilters) -> QuerySet[Note]:
    notes = visible_notes(membership=membership).select_related(*LIST_SHAPE)
    if filters.kind in Kind.values:
        notes = notes.filter(kind=filters.kind)
    if filters.practice_area:
        notes = notes.filter(practice_area_id=filters.practice_area)
    if filters.factor in Factor.values:
        notes = notes.filter(factor_rows__factor=filters.factor)
    if filters.since:
        notes = notes.filter(submitted_at__date__gte=filters.since)
    if filters.until:
        notes = notes.filter(submitted_at__date__lte=filters.until)
    return notes


def my_notes(*, membership) -> QuerySet[Note]:
    """The author's own notes in this organisation: drafts first, then the rest."""
    return (
        Note.objects.filter(author=membership.user)
        .select_related(*LIST_SHAPE)
        .order_by("-updated_at", "-id")
    )


def my_drafts(*, membership) -> QuerySet[Note]:
    return my_notes(membership=membership).filter(status=Status.DRAFT)


def byline(*, membership, note: Note) -> str:
    """How a note's author is named to this viewer. The one place that reads ``author``."""
    if note.author_id == membership.user_id:
        return "You (only you can see this is yours)" if note.is_anonymous else "You"
    if note.is_anonymous:
        return "Anonymous"
    return note.author.full_name


def reply_byline(*, membership, reply: Reply, note: Note) -> str:
    if reply.author_id == membership.user_id:
        return "You"
    if reply.is_anonymous:
        return "The note's author"
    return reply.author.full_name


def note_factors(note: Note) -> list[str]:
    return [Factor(f).label for f in note.factor_rows.values_list("factor", flat=True)]


def note_conversation(*, note: Note):
    replies = Reply.objects.filter(note=note).select_related("author")
    me_toos = MeToo.objects.filter(note=note).select_related("person")
    return replies, me_toos


def has_said_me_too(*, membership, note: Note) -> bool:
    return MeToo.objects.filter(note=note, person=membership.user).exists()


def has_thanked(*, membership, note: Note) -> bool:
    return Thanks.objects.filter(note=note, person=membership.user).exists()


def practice_areas(*, include_hidden: bool = False) -> QuerySet[PracticeArea]:
    areas = PracticeArea.objects.all()
    return areas if include_hidden else areas.filter(is_active=True)


def open_reports() -> QuerySet[NoteReport]:
    return (
        NoteReport.objects.filter(outcome=ReportOutcome.OPEN)
        .select_related("note", "note__team", "note__practice_area", "note__author")
        .order_by("created_at")
    )


def reports_for_note(*, note: Note) -> QuerySet[NoteReport]:
    return note.reports.select_related("reporter", "reviewed_by").order_by("created_at")


def team_participation(*, team, days: int = 90) -> dict:
    """Share of a team's active members who shared a note lately. Never per person."""
    from stepwise.organisations.models import Membership

    since = timezone.now() - timedelta(days=days)
    members = set(
        Membership.objects.filter(team=team, is_active=True).values_list("user_id", flat=True)
    )
    contributors = set(
        Note.objects.filter(team=team, status=Status.SUBMITTED, submitted_at__gte=since,
                            author_id__in=members)
        .values_list("author_id", flat=True).distinct()
    )
    notes = Note.objects.filter(team=team, status=Status.SUBMITTED,
                                submitted_at__gte=since).count()
    share = round(100 * len(contributors) / len(members)) if members else 0
    return {"team": team, "members": len(members), "share": share, "notes": notes,
            "days": days}


# Similar notes. A small TF-IDF over the most recent notes the writer may see: fast, needs no
# index, and good enough to catch "this happened to me too". The full-text backend can
# replace ``similar_notes`` without its callers noticing.
WORD = re.compile(r"[a-z][a-z'-]{2,}")
_STOP_WORDS_TEXT = """
about above after again against all also and any are because been before being below between
both but can could did does doing down during each few for from further had has have having her
here hers herself him himself his how into its itself just more most myself nor not now off once
only other our ours out over own same she should some such than that the their theirs them then
there these they this those through too under until very was were what when where which while
who whom why will with would you your yours yourself yourselves we i me my it is a an of on or
in to as at by be so if no do
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())
SIMILAR_WINDOW = 2000
SIMILAR_ANCHORS = 4
SIMILAR_MIN_WORDS = 3
SIMILAR_MIN_SCORE = 0.08


def _words(text: str) -> list[str]:
    return [w.strip("'-") for w in WORD.findall(text.lower()) if w not in STOP_WORDS]


def similar_notes(
    *, membership, text: str, exclude_id: int | None = None, limit: int = 5
) -> list[Note]:
    query = Counter(_words(text))
    if sum(query.values()) < SIMILAR_MIN_WORDS:
        return []
    candidates = visible_notes(membership=membership)
    if exclude_id:
        candidates = candidates.exclude(pk=exclude_id)
    # The database keeps only notes sharing one of the longest (usually rarest) words, so
    # Python scores a few hundred rows rather than the whole window.
    anchors = sorted(query, key=len, reverse=True)[:SIMILAR_ANCHORS]
    anchor_q = Q()
    for word in anchors:
        anchor_q |= Q(what_happened__icontains=word) | Q(next_time__icontains=word)
    rows = list(
        candidates.filter(anchor_q).values_list("pk", "what_happened", "next_time")
        [:SIMILAR_WINDOW]
    )
    if not rows:
        return []
    documents = [(pk, set(_words(f"{a} {b}"))) for pk, a, b in rows]
    frequency = Counter(word for _, words in documents for word in words & query.keys())
    total = max(len(documents), SIMILAR_WINDOW)
    idf = {w: math.log((1 + total) / (1 + frequency[w])) + 1 for w in query}
    unseen = math.log(1 + total) + 1
    query_norm = math.sqrt(sum((query[w] * idf[w]) ** 2 for w in query))
    scored = []
    for pk, words in documents:
        shared = words & query.keys()
        if len(shared) < 2:
            continue
        dot = sum(query[w] * idf[w] ** 2 for w in shared)
        # Words the query lacks weigh as rare ones: long notes on other things score lower.
        doc_norm = math.sqrt(sum(idf[w] ** 2 for w in shared) + (len(words) - len(shared)) * unseen ** 2 / 4)
        scored.append((dot / (query_norm * doc_norm), pk))
    scored.sort(reverse=True)
    best = [pk for score, pk in scored[:limit] if score > SIMILAR_MIN_SCORE]
    notes = Note.objects.select_related(*LIST_SHAPE).in_bulk(best)
    return [notes[pk] for pk in best]
