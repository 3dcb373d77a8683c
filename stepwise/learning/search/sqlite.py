"""SQLite FTS5: an external-content index over ``learning_note``, kept in step by triggers.

The index holds each note's own text, its de-identified shared text, and its team id,
organisation id and visibility as single-token columns. A query names the team (or the
organisation and "shared with the whole organisation") as full-text terms as well, so FTS5
intersects the word's postings with those short lists and ranks only those notes: ranking a very common word over a million notes costs hundreds of
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
WEIGHTS = "2.0, 1.0, 1.0, 1.0, 2.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0"
SNIPPET_TOKENS = 24
COMMON_NOTES = 20_000
RANK_WINDOW = 500


def _columns(part: Part) -> tuple[str, ...]:
    return OWN_COLUMNS if part is Part.TEAM else SHARED_COLUMNS


def _term(words: tuple[str, ...]) -> str:
    # Words are letters and digits only (see parse_query), so quoting cannot be broken out of.
    return '"' + " ".join(words) + '"'


def match_expression(
    query: Query, scope: Scope, columns: tuple[str, ...] = (), *, narrow: bool = True
) -> str:
    """The FTS5 query: the terms in the part's columns, and the scope as terms.

    ``narrow`` adds "shared with the whole organisation" to the organisation's scope. It
    cuts a very common word's matches to the widened notes, but bm25 would count every note
    with that token to weigh it, so the ranked (bm25) path leaves it out.
    """
    joiner = " OR " if query.any_term else " AND "
    text = "{" + " ".join(columns or _columns(scope.part)) + "} : (" + joiner.join(
        _term(t) for t in query.terms) + ")"
    if scope.part is Part.TEAM:
        return f'{text} AND team_id : "{int(scope.team_id)}"'
    organisation = f'{text} AND organisation_id : "{int(scope.organisation_id)}"'
    return f'{organisation} AND visibility : "organisation"' if narrow else organisation


def is_common(words: tuple[str, ...]) -> bool:
    """Whether more than COMMON_NOTES notes (of every organisation) contain the term.

    FTS5's bm25 counts every note containing each term to weigh it, which for a word in
    most of a million notes costs more than the whole search may. Such a word also weighs
    next to nothing in bm25, so ranking by it says little.
    """
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s LIMIT 1 OFFSET %s",
                       (_term(words), COMMON_NOTES))
        return cursor.fetchone() is not None


def rank(*, query: Query, scope: Scope, limit: int) -> tuple[list[tuple[int, float]], int]:
    """The best ``limit`` matches and how many there are.

    bm25 order; with a very common term, of the newest RANK_WINDOW matches those with the
    words in "what happened" first, then newest first.
    """
    match = match_expression(query, scope)
    with connection.cursor() as cursor:
        if any(is_common(term) for term in query.terms):
            cursor.execute(
                f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s "
                f"AND +rowid IN ({scope.candidates_sql}) ORDER BY rowid DESC",
                (match, *scope.candidates_params))
            found = [row[0] for row in cursor.fetchall()]
            recent = found[:RANK_WINDOW]
            if not recent:
                return [], 0
            # Of the newest matches, those with the words in "what happened" come first.
            lead = match_expression(query, scope, columns=_columns(scope.part)[:1])
            cursor.execute(f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s AND rowid >= %s",
                           (lead, recent[-1]))
            leading = {row[0] for row in cursor.fetchall()}
            ranked = sorted(recent, key=lambda pk: (pk in leading, pk), reverse=True)
            return [(pk, float(pk in leading)) for pk in ranked[:limit]], len(found)
        match = match_expression(query, scope, narrow=False)
        cursor.execute(
            f"SELECT count(*) FROM {TABLE} WHERE {TABLE} MATCH %s "
            f"AND +rowid IN ({scope.candidates_sql})", (match, *scope.candidates_params))
        total = cursor.fetchone()[0]
        cursor.execute(
            f"SELECT rowid, -bm25({TABLE}, {WEIGHTS}) AS score FROM {TABLE} "
            f"WHERE {TABLE} MATCH %s AND +rowid IN ({scope.candidates_sql}) "
            "ORDER BY score DESC, rowid DESC LIMIT %s", (match, *scope.candidates_params, limit))
        return [(pk, float(score)) for pk, score in cursor.fetchall()], total


def candidates(scope: Scope) -> set[int]:
    with connection.cursor() as cursor:
        cursor.execute(scope.candidates_sql, scope.candidates_params)
        return {row[0] for row in cursor.fetchall()}


def term_matches(
    *, query: Query, scope: Scope, window: int
) -> tuple[dict[int, set[int]], int]:
    """For each of the ``window`` most recent visible notes matching any term: which terms it
    matches; and how many notes are in the window. Each term is looked up in the scope only."""
    visible = sorted(candidates(scope))[-window:]
    if not visible:
        return {}, 0
    oldest, visible = visible[0], set(visible)
    matches: dict[int, set[int]] = {}
    with connection.cursor() as cursor:
        for index, term in enumerate(query.terms):
            single = Query(terms=(term,))
            cursor.execute(f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s AND rowid >= %s",
                           (match_expression(single, scope), oldest))
            for (pk,) in cursor.fetchall():
                if pk in visible:
                    matches.setdefault(pk, set()).add(index)
    return matches, len(visible)


def highlights(*, query: Query, scope: Scope, ids: list[int]) -> dict[int, tuple[str, list]]:
    """For each id: its "what happened" snippet, then (field, snippet) for the other fields."""
    first = 0 if scope.part is Part.TEAM else 4
    snippets = ", ".join(
        f"snippet({TABLE}, {first + i}, '{START}', '{STOP}', '…', {SNIPPET_TOKENS})"
        for i in range(4)
    )
    marks = ", ".join("%s" for _ in ids)
    # Here rowid is handed to FTS5 (no unary plus): for a page of ids, a lookup each is cheap.
    sql = f"SELECT rowid, {snippets} FROM {TABLE} WHERE {TABLE} MATCH %s AND rowid IN ({marks})"
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
