"""PostgreSQL full-text search: stored generated ``tsvector`` columns with GIN indexes.

``search_own`` holds a note's own text (what happened weighted above the rest), and
``search_shared`` its de-identified shared text; both use the ``english`` configuration.
The columns are added by migration 0003 with SQL, so the Django model does not know them.
Ranking is ``ts_rank_cd`` inside the viewer's own candidate notes, which the planner reaches
through the team (or organisation) index before the text is looked at.
"""

from django.db import connection

from stepwise.learning.search import START, STOP, Part, Query, Scope

CONFIG = "english"
OWN_COLUMNS = ("what_happened", "what_expected", "why_difference", "next_time")
SHARED_COLUMNS = tuple(f"shared_{name}" for name in OWN_COLUMNS)
RANK_WINDOW = 500
HEADLINE_OPTIONS = (f"StartSel={START}, StopSel={STOP}, MaxWords=24, MinWords=10, "
                    "ShortWord=2, MaxFragments=1, FragmentDelimiter=\" … \"")


def _vector(part: Part) -> str:
    return "search_own" if part is Part.TEAM else "search_shared"


def tsquery(query: Query) -> tuple[str, list[str]]:
    joiner = " || " if query.any_term else " && "
    sql = joiner.join(f"phraseto_tsquery('{CONFIG}', %s)" for _ in query.terms)
    return f"({sql})", [" ".join(words) for words in query.terms]


def rank(*, query: Query, scope: Scope, limit: int) -> tuple[list[tuple[int, float]], int]:
    """The best ``limit`` matches by ts_rank_cd, and how many there are (in the same pass).

    Only the newest RANK_WINDOW matches are ranked: ranking is the costly step, and for a
    word in thousands of the notes someone may see, the newest of them are what they want.
    """
    q, q_params = tsquery(query)
    vector = _vector(scope.part)
    sql = (
        f"WITH matches AS MATERIALIZED (SELECT n.id, n.{vector} AS v FROM learning_note n "
        f"WHERE n.{vector} @@ {q} AND n.id IN ({scope.candidates_sql})), "
        "recent AS (SELECT id, v FROM matches ORDER BY id DESC LIMIT %s) "
        f"SELECT r.id, ts_rank_cd(r.v, {q}) AS score, (SELECT count(*) FROM matches) "
        "FROM recent r ORDER BY score DESC, r.id DESC LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, (*q_params, *scope.candidates_params, RANK_WINDOW, *q_params,
                             max(limit, 1)))
        rows = cursor.fetchall()
    total = rows[0][2] if rows else 0
    return [(pk, float(score)) for pk, score, _ in rows[:limit]], total


def highlights(*, query: Query, scope: Scope, ids: list[int]) -> dict[int, tuple[str, list]]:
    q, q_params = tsquery(query)
    columns = OWN_COLUMNS if scope.part is Part.TEAM else SHARED_COLUMNS
    headlines = ", ".join(
        f"ts_headline('{CONFIG}', n.{column}, q.q, %s)" for column in columns
    )
    sql = (f"SELECT n.id, {headlines} FROM learning_note n, (SELECT {q} AS q) q "
           "WHERE n.id = ANY(%s)")
    with connection.cursor() as cursor:
        cursor.execute(sql, (*[HEADLINE_OPTIONS] * len(columns), *q_params, list(ids)))
        rows = cursor.fetchall()
    return {
        pk: (title, list(zip(OWN_COLUMNS[1:], rest, strict=True)))
        for pk, title, *rest in rows
    }


def term_matches(
    *, query: Query, scope: Scope, window: int
) -> tuple[dict[int, set[int]], int]:
    """For each of the ``window`` most recent visible notes matching any term: which terms it
    matches; and how many notes are in the window."""
    vector = _vector(scope.part)
    single = [f"phraseto_tsquery('{CONFIG}', %s)" for _ in query.terms]
    words = [" ".join(term) for term in query.terms]
    tests = ", ".join(f"n.{vector} @@ {q}" for q in single)
    recent = f"SELECT v.id FROM ({scope.candidates_sql}) v ORDER BY v.id DESC LIMIT %s"
    sql = (f"SELECT n.id, {tests} FROM learning_note n "
           f"WHERE n.{vector} @@ ({' || '.join(single)}) AND n.id IN ({recent})")
    with connection.cursor() as cursor:
        cursor.execute(sql, (*words, *words, *scope.candidates_params, window))
        matches = {pk: {i for i, hit in enumerate(hits) if hit}
                   for pk, *hits in cursor.fetchall()}
        cursor.execute(f"SELECT count(*) FROM ({recent}) w", (*scope.candidates_params, window))
        return matches, cursor.fetchone()[0]
