"""Full-text search over the learning notes a person may see, on SQLite FTS5 or PostgreSQL.

One interface, two backends (``sqlite.py``, ``postgres.py``), chosen by the database in use.
Who may see what is decided by ``selectors.visible_notes`` and nowhere here: every ranking
query runs inside that selector's own SQL, so search can narrow it but never widen it. The
backends only add a cheap scope (the viewer's team, or the organisation) to the full-text
match so that ranking never touches other organisations' notes (see docs/adr/0106-search.md).

A note's own text is searched, and shown, only for its team; other teams' notes (shared with
the whole organisation after the privacy review) are found and shown by their de-identified
``shared_*`` text alone.
"""

import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import Enum
from typing import TYPE_CHECKING

from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from stepwise.learning import selectors
from stepwise.learning.models import Factor, Kind, Note, Visibility

if TYPE_CHECKING:
    from stepwise.organisations.models import Membership

MAX_TERMS = 8
MAX_WORD = 40
MAX_QUERY = 200
SIMILAR_MIN_TERMS = 3
SIMILAR_MIN_SHARED = 2
# Similar notes are looked for among the most recent notes of each part: what a colleague
# wrote lately is what "me too" is for, and it bounds the work however old the organisation.
SIMILAR_WINDOW = 1500
# Markers the databases put around matches; the text is escaped first, then they become <mark>.
START, STOP = "\ue000", "\ue001"
WORD = re.compile(r"[^\W_]+")
TERM = re.compile(r'"([^"]*)"?|(\S+)')
# PostgreSQL's English stop words (the snowball list): neither backend can find them, so they
# are dropped from every query, keeping both backends' answers the same.
_STOP_WORDS_TEXT = """
i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she
her hers herself it its itself they them their theirs themselves what which who whom this that
these those am is are was were be been being have has had having do does did doing a an the and
but if or because as until while of at by for with about against between into through during
before after above below to from up down in out on off over under again further then once here
there when where why how all any both each few more most other some such no nor not only own
same so than too very s t can will just don should now
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())


class Part(Enum):
    """Where a match is looked for: the viewer's own team's notes, or beyond it."""

    TEAM = "team"
    BEYOND = "beyond"


@dataclass(frozen=True)
class SearchFilters:
    kind: str = ""
    practice_area: int | None = None
    team: int | None = None
    factor: str = ""
    since: date | None = None
    until: date | None = None


@dataclass(frozen=True)
class Query:
    """A parsed query: each term is a word or a quoted phrase, as a tuple of words."""

    terms: tuple[tuple[str, ...], ...]
    any_term: bool = False  # OR instead of AND: for "similar notes"

    def __bool__(self) -> bool:
        return bool(self.terms)


@dataclass(frozen=True)
class Scope:
    part: Part
    team_id: int | None
    organisation_id: int
    candidates_sql: str
    candidates_params: tuple


@dataclass
class Hit:
    note: Note
    score: float
    part: Part
    title: SafeString = mark_safe("")
    excerpt: SafeString = mark_safe("")
    excerpt_field: str = ""


@dataclass
class SearchPage:
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    query: Query = field(default_factory=lambda: Query(terms=()))


FIELD_LABELS = {
    "what_happened": "What happened",
    "what_expected": "What was expected",
    "why_difference": "Why the difference, or what helped",
    "next_time": "What would make it easier next time",
}


def parse_query(text: str) -> Query:
    terms = []
    for phrase, bare in TERM.findall(text[:MAX_QUERY].lower()):
        words = tuple(w[:MAX_WORD] for w in WORD.findall(phrase or bare))
        if not phrase:
            words = tuple(w for w in words if w not in STOP_WORDS)
        if words and words not in terms:
            terms.append(words)
    return Query(terms=tuple(terms[:MAX_TERMS]))


def similarity_query(text: str, *, limit: int = 10) -> Query:
    """The text's most telling words (longest first, as a cheap stand-in for rarity), OR-ed."""
    words = {w for w in WORD.findall(text.lower()[:5000]) if len(w) > 3 and w not in STOP_WORDS
             and not w.isdigit()}
    best = sorted(words, key=lambda w: (-len(w), w))[:limit]
    return Query(terms=tuple((w[:MAX_WORD],) for w in sorted(best)), any_term=True)


def backend():
    if connection.vendor == "postgresql":
        from stepwise.learning.search import postgres

        return postgres
    from stepwise.learning.search import sqlite

    return sqlite


def highlighted(text: str) -> SafeString:
    """Escape note text, then turn the database's match markers into <mark> elements.

    Markers are toggled, so a stray marker typed into a note can never leave a tag open.
    """
    out, open_ = [], False
    for piece in re.split(f"([{START}{STOP}])", text):
        if piece in (START, STOP):
            out.append("</mark>" if open_ else "<mark>")
            open_ = not open_
        else:
            out.append(escape(piece))
    if open_:
        out.append("</mark>")
    return mark_safe("".join(out))


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _filtered(notes: QuerySet[Note], filters: SearchFilters) -> QuerySet[Note]:
    if filters.kind in Kind.values:
        notes = notes.filter(kind=filters.kind)
    if filters.practice_area:
        notes = notes.filter(practice_area_id=filters.practice_area)
    if filters.team:
        notes = notes.filter(team_id=filters.team)
    if filters.factor in Factor.values:
        notes = notes.filter(factor_rows__factor=filters.factor)
    if filters.since:
        notes = notes.filter(submitted_at__gte=_day_start(filters.since))
    if filters.until:
        notes = notes.filter(submitted_at__lt=_day_start(filters.until + timedelta(days=1)))
    return notes


def _scopes(membership: "Membership", filters: SearchFilters,
            exclude_id: int | None = None) -> list[Scope]:
    visible = _filtered(selectors.visible_notes(membership=membership), filters)
    if exclude_id is not None:
        visible = visible.exclude(pk=exclude_id)
    # Beyond the team the selector admits only notes shared across the organisation after
    # review; saying so again only narrows its query, and lets the database answer it from
    # the organisation's index alone.
    beyond = visible.filter(visibility=Visibility.ORGANISATION, shared_approved_at__isnull=False)
    parts = []
    if membership.team_id is not None:
        parts.append((Part.TEAM, visible.filter(team_id=membership.team_id)))
        parts.append((Part.BEYOND, beyond.exclude(team_id=membership.team_id)))
    else:
        parts.append((Part.BEYOND, beyond))
    if filters.team:
        own = filters.team == membership.team_id
        parts = [(part, qs) for part, qs in parts if (part is Part.TEAM) == own]
    scopes = []
    for part, notes in parts:
        sql, params = notes.order_by().values("id").query.sql_with_params()
        scopes.append(Scope(
            part=part, team_id=membership.team_id if part is Part.TEAM else None,
            organisation_id=membership.organisation_id, candidates_sql=sql,
            candidates_params=tuple(params),
        ))
    return scopes


def _hits(query: Query, ranked: list[tuple[float, int, Scope]]) -> list[Hit]:
    engine = backend()
    notes = Note.objects.select_related("team", "practice_area").in_bulk(
        [pk for _, pk, _ in ranked]
    )
    hits = [Hit(note=notes[pk], score=score, part=scope.part) for score, pk, scope in ranked
            if pk in notes]
    for scope in {scope.part: scope for _, _, scope in ranked}.values():
        ids = [hit.note.pk for hit in hits if hit.part is scope.part]
        if not ids:
            continue
        marked = engine.highlights(query=query, scope=scope, ids=ids)
        for hit in hits:
            if hit.part is scope.part and hit.note.pk in marked:
                title, excerpts = marked[hit.note.pk]
                hit.title = highlighted(title)
                for name, excerpt in excerpts:
                    if START in excerpt:
                        hit.excerpt = highlighted(excerpt)
                        hit.excerpt_field = FIELD_LABELS[name]
                        break
    return hits


def search_notes(
    *, membership: "Membership", text: str, filters: SearchFilters = SearchFilters(),
    offset: int = 0, limit: int = 20,
) -> SearchPage:
    """The best matches among the notes this person may see, best first, one page of them."""
    query = parse_query(text)
    if not query:
        return SearchPage(query=query)
    engine = backend()
    ranked, total = [], 0
    for scope in _scopes(membership, filters):
        best, found = engine.rank(query=query, scope=scope, limit=offset + limit)
        total += found
        ranked += [(score, pk, scope) for pk, score in best]
    ranked.sort(key=lambda r: (-r[0], -r[1]))
    return SearchPage(hits=_hits(query, ranked[offset:offset + limit]), total=total, query=query)


def similar_notes(
    *, membership: "Membership", text: str, exclude_id: int | None = None, limit: int = 5
) -> list[Note]:
    """Notes like the one being written; a drop-in for ``selectors.similar_notes``.

    Each telling word of the text is weighed by how rare it is among the notes this person
    may see (not across every organisation), and a note must share at least two of them.
    Only the most recent ``SIMILAR_WINDOW`` notes of the team, and as many shared across the
    organisation, are compared.
    """
    query = similarity_query(text)
    if len(query.terms) < SIMILAR_MIN_TERMS:
        return []
    engine = backend()
    scored = []
    for scope in _scopes(membership, SearchFilters(), exclude_id=exclude_id):
        matches, visible = engine.term_matches(query=query, scope=scope, window=SIMILAR_WINDOW)
        frequency = [0] * len(query.terms)
        for terms in matches.values():
            for index in terms:
                frequency[index] += 1
        weight = [math.log(1 + visible / f) if f else 0.0 for f in frequency]
        scored += [(sum(weight[i] for i in terms), pk) for pk, terms in matches.items()
                   if len(terms) >= SIMILAR_MIN_SHARED]
    scored.sort(key=lambda r: (-r[0], -r[1]))
    best = [pk for _, pk in scored[:limit]]
    notes = Note.objects.select_related(*selectors.LIST_SHAPE).in_bulk(best)
    return [notes[pk] for pk in best if pk in notes]
