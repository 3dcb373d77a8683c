"""SQLite FTS5: an external-content index over ``learning_note``, kept in step by triggers.

The index holds each note's own text, its de-identified shared text, and its team and
organisation ids as single-token columns. A query names the team (or the organisation) as
a full-text term as well, so FTS5 intersects the word's postings with that short list and
ranks only those notes: ranking a very common word over a million notes costs hundreds of
milliseconds, over one team's notes a few. The candidate notes (the visibility selector's
own SQL) are applied as ``+rowid IN (…)``: the unary plus keeps SQLite from handing the list
to FTS5 as one lookup per note, which is far slower than filtering the short match.
"""

from django.db import connection

from stepwise.learning.search import START, STOP, Part, Query, Scope

TABLE = "learning_note_fts"
OWN_COLUMNS = ("what_happened", "what_expected", "why_difference", "next_time")
SHARED_COLUMNS = tuple(f"shared_{name}" for name in OWN_COLUMNS)
# bm25 weights, in index column order: "what happened" counts double; scope columns nothing.
WEIGHTS = "2.0, 1.0, 1.0, 1.0, 2.0, 1.0, 1.0, 1.0, 0.0, 0.0"
SNIPPET_TOKENS = 24


def _columns(part: Part) -> tuple[str, ...]:
    return OWN_COLUMNS if part is Part.TEAM else SHARED_COLUMNS


def _term(words: tuple[str, ...]) -> str:
    # Words are letters and digits only (see parse_query), so quoting cannot be broken out of.
    return '"' + " ".join(words) + '"'


def match_expression(query: Query, scope: Scope) -> str:
    joiner = " OR " if query.any_term else " AND "
    text = "{" + " ".join(_columns(scope.part)) + "} : (" + joiner.join(
        _term(t) for t in query.terms) + ")"
    if scope.part is Part.TEAM:
        return f'{text} AND team_id : "{int(scope.team_id)}"'
    return f'{text} AND organisation_id : "{int(scope.organisation_id)}"'


def rank(*, query: Query, scope: Scope, limit: int) -> list[tuple[int, float]]:
    sql = (
        f"SELECT rowid, -bm25({TABLE}, {WEIGHTS}) AS score FROM {TABLE} "
        f"WHERE {TABLE} MATCH %s AND +rowid IN ({scope.candidates_sql}) "
        "ORDER BY score DESC, rowid DESC LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, (match_expression(query, scope),
                             *scope.candidates_params, limit))
        return [(pk, score) for pk, score in cursor.fetchall()]


def count(*, query: Query, scope: Scope) -> int:
    sql = (f"SELECT count(*) FROM {TABLE} WHERE {TABLE} MATCH %s "
           f"AND +rowid IN ({scope.candidates_sql})")
    with connection.cursor() as cursor:
        cursor.execute(sql, (match_expression(query, scope),
                             *scope.candidates_params))
        return cursor.fetchone()[0]


def highlights(*, query: Query, scope: Scope, ids: list[int]) -> dict[int, tuple[str, list]]:
    """For each id: its "what happened" snippet, then (field, snippet) for the other fields."""
    first = 0 if scope.part is Part.TEAM else 4
    snippets = ", ".join(
        f"snippet({TABLE}, {first + i}, '{START}', '{STOP}', '…', {SNIPPET_TOKENS})"
        for i in range(4)
    )
    marks = ", ".join("%s" for _ in ids)
    sql = f"SELECT rowid, {snippets} FROM {TABLE} WHERE {TABLE} MATCH %s AND +rowid IN ({marks})"
    with connection.cursor() as cursor:
        cursor.execute(sql, (match_expression(query, scope), *ids))
        rows = cursor.fetchall()
    return {
        pk: (title, list(zip(OWN_COLUMNS[1:], rest, strict=True)))
        for pk, title, *rest in rows
    }


def integrity_check() -> None:
    """Raises if the index and the notes table disagree (FTS5's own check)."""
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {TABLE}({TABLE}, rank) VALUES ('integrity-check', 1)")
