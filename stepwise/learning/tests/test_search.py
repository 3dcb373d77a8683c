"""Full-text search: the same answers on SQLite and PostgreSQL, and never a note the searcher
may not see (nor a word of one, in a highlight).

The suite runs on both databases (``make test`` and ``make test-postgres``), so every
assertion here holds for both backends: which notes are found in the top results and which
are absent. Exact scores differ between the two and are not compared.
"""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stepwise.learning import search
from stepwise.learning.models import Factor, Kind, Note, PracticeArea, Status, Visibility
from stepwise.learning.search import SearchFilters, parse_query, search_notes, similar_notes
from stepwise.learning.tests.factories import NoteFactorFactory, NoteFactory

# A fixed fictional corpus. Keys name the notes; (team index, text, extra fields).
OWN_TEAM = {
    "chronology_twice": "The chronology was out of date, so we rebuilt the chronology together "
                        "before the conference.",
    "chronology_once": "The transfer meeting went well once the chronology was shared.",
    "interpreter": "An interpreter was booked for the family visit and it made all the "
                   "difference.",
    "visited": "We visited the school and the designated teacher joined the core group.",
    "phrase": "The family group conference was moved to the evening so both parents came.",
    "no_match": "The duty rota changed and nobody told the front door.",
}


@pytest.fixture
def corpus(tenant_a, tenant_b):
    """Notes of every kind of visibility, all mentioning the same words."""
    own, other = tenant_a.teams
    author = tenant_a.practitioner.user
    notes = {}
    with tenant_a.context():
        area = PracticeArea.objects.get(name="Recording")
        for key, text in OWN_TEAM.items():
            notes[key] = NoteFactory(team=own, author=author, what_happened=text,
                                     kind=Kind.SUCCESS if key == "interpreter" else Kind.MISTAKE)
        notes["chronology_once"].practice_area = area
        notes["chronology_once"].save()
        NoteFactorFactory(note=notes["chronology_twice"], factor=Factor.TOOLS)
        notes["old"] = NoteFactory(team=own, author=author,
                                   what_happened="An old note about the chronology.",
                                   submitted_at=timezone.now() - timedelta(days=400))
        notes["expected_field"] = NoteFactory(
            team=own, author=author, what_happened="A visit to a new family.",
            what_expected="I expected the chronology to be ready.")
        # Never found by anyone in this team's search:
        notes["other_team"] = NoteFactory(
            team=other, author=tenant_a.org_admin.user,
            what_happened="Chronology kept by Mrs Amberley at 4 Quarry Lane.")
        notes["withdrawn"] = NoteFactory(
            team=own, author=author, what_happened="A withdrawn chronology note.",
            status=Status.WITHDRAWN, withdrawn_at=timezone.now())
        notes["hidden"] = NoteFactory(team=own, author=author,
                                      what_happened="A reported chronology note.",
                                      hidden_at=timezone.now())
        notes["draft"] = NoteFactory(team=own, author=author, status=Status.DRAFT,
                                     what_happened="A draft chronology note.", submitted_at=None)
        notes["purged"] = NoteFactory(
            team=own, author=author, what_happened="", status=Status.WITHDRAWN,
            withdrawn_at=timezone.now(), purged_at=timezone.now(), kind="")
        # Shared across the organisation after the privacy review: found by its shared text.
        notes["widened"] = NoteFactory(
            team=other, author=tenant_a.org_admin.user,
            what_happened="Chronology sent to Mr Quillfeather at 9 Bramble Court.",
            shared_what_happened="Chronology sent to [a parent] at [an address].",
            shared_approved_at=timezone.now(), visibility=Visibility.ORGANISATION,
        )
    with tenant_b.context():
        notes["other_org"] = NoteFactory(team=tenant_b.teams[0],
                                         author=tenant_b.practitioner.user,
                                         what_happened="Southby chronology, interpreter and all.")
        notes["other_org_widened"] = NoteFactory(
            team=tenant_b.teams[1], author=tenant_b.org_admin.user,
            what_happened="Southby chronology shared.",
            shared_what_happened="Southby chronology shared.",
            shared_approved_at=timezone.now(), visibility=Visibility.ORGANISATION)
    return notes


def _ids(page):
    return [hit.note.pk for hit in page.hits]


def _search(tenant, role, text, **filters):
    membership = getattr(tenant, role)
    with tenant.context():
        return search_notes(membership=membership, text=text,
                            filters=SearchFilters(**filters))


def test_ranked_matches_within_the_team(tenant_a, corpus):
    page = _search(tenant_a, "practitioner", "chronology")
    ids = _ids(page)
    expected = {corpus[k].pk for k in ("chronology_twice", "chronology_once", "old",
                                       "expected_field", "widened")}
    assert set(ids) == expected
    assert page.total == len(expected)
    # Twice in "what happened" beats a mention in "what was expected".
    assert ids.index(corpus["chronology_twice"].pk) < ids.index(corpus["expected_field"].pk)


@pytest.mark.parametrize("key", ["other_team", "withdrawn", "hidden", "draft", "purged",
                                 "other_org", "other_org_widened"])
def test_notes_the_searcher_may_not_see_are_never_found(tenant_a, corpus, key):
    for role in ("practitioner", "team_manager", "improvement_lead", "org_admin"):
        for text in ("chronology", "interpreter", "southby", "amberley quarry",
                     "withdrawn", "reported", "draft"):
            assert corpus[key].pk not in _ids(_search(tenant_a, role, text)), (role, text)


def test_a_widened_note_is_found_and_shown_only_by_its_shared_text(client, login, tenant_a,
                                                                   corpus):
    assert _ids(_search(tenant_a, "practitioner", "quillfeather")) == []
    assert _ids(_search(tenant_a, "practitioner", "bramble court")) == []
    page = _search(tenant_a, "practitioner", "chronology parent")
    assert _ids(page) == [corpus["widened"].pk]
    assert page.hits[0].part is search.Part.BEYOND
    assert "Quillfeather" not in page.hits[0].title
    login(client, tenant_a.practitioner.user)
    response = client.post(_url(tenant_a), {"q": "chronology"})
    body = response.content.decode()
    assert "Quillfeather" not in body and "Bramble" not in body and "Amberley" not in body
    assert "[a parent]" in body or "[a parent]".replace("[", "&#x5B;") in body


def test_someone_without_a_team_sees_only_widened_notes(tenant_a, corpus):
    assert _ids(_search(tenant_a, "improvement_lead", "chronology")) == [corpus["widened"].pk]


def test_stemming_phrases_and_every_word(tenant_a, corpus):
    assert set(_ids(_search(tenant_a, "practitioner", "visits"))) == {
        corpus[k].pk for k in ("visited", "interpreter", "expected_field")}
    assert _ids(_search(tenant_a, "practitioner", '"family group conference"')) == [
        corpus["phrase"].pk]
    assert _ids(_search(tenant_a, "practitioner", '"group family conference"')) == []
    assert _ids(_search(tenant_a, "practitioner", "interpreter chronology")) == []
    assert _ids(_search(tenant_a, "practitioner", "INTERPRETER!")) == [corpus["interpreter"].pk]


def test_filters(tenant_a, corpus):
    own, other = tenant_a.teams
    with tenant_a.context():
        area = PracticeArea.objects.get(name="Recording")

    def found(**filters):
        return set(_ids(_search(tenant_a, "practitioner", "chronology", **filters)))

    assert found(kind=Kind.SUCCESS) == set()
    assert found(kind=Kind.MISTAKE) == {corpus["chronology_twice"].pk,
                                        corpus["chronology_once"].pk}
    assert found(practice_area=area.pk) == {corpus["chronology_once"].pk}
    assert found(factor=Factor.TOOLS) == {corpus["chronology_twice"].pk}
    assert found(team=other.pk) == {corpus["widened"].pk}
    assert corpus["widened"].pk not in found(team=own.pk)
    today = timezone.localdate()
    assert corpus["old"].pk not in found(since=today - timedelta(days=30))
    assert found(until=today - timedelta(days=300)) == {corpus["old"].pk}


def test_highlights_escape_the_note_text(tenant_a):
    with tenant_a.context():
        note = NoteFactory(team=tenant_a.teams[0], author=tenant_a.practitioner.user,
                           what_happened='<script>alert("x")</script> the lanyard was lost '
                                         "\ue000 & the <b>badge</b> too.",
                           what_expected="I expected the lanyard <i>here</i>.")
    hit = _search(tenant_a, "practitioner", "lanyard").hits[0]
    assert hit.note.pk == note.pk
    # SQLite shows the tag escaped; PostgreSQL's ts_headline leaves tags out of excerpts.
    assert "<script" not in hit.title
    assert "&lt;script&gt;" in hit.title or connection.vendor == "postgresql"
    assert "<mark>lanyard</mark>" in hit.title
    assert hit.title.count("<mark>") == hit.title.count("</mark>")
    assert "<b>" not in hit.title
    assert "<mark>lanyard</mark>" in hit.excerpt and "<i>" not in hit.excerpt
    assert hit.excerpt_field == "What was expected"


def test_queries_that_say_nothing_find_nothing(tenant_a, corpus):
    assert parse_query("the and of") == search.Query(terms=())
    assert _search(tenant_a, "practitioner", "the and of").hits == []
    assert _search(tenant_a, "practitioner", '"" \x00 ;--').hits == []
    # Query syntax of either database is taken as words, never as operators.
    for text in ('chronology OR interpreter', 'chronology NOT rebuilt', 'team_id : 1',
                 'chron*', "chronology:*", "!interpreter | chronology", "NEAR(a b)"):
        _search(tenant_a, "practitioner", text)
    assert _ids(_search(tenant_a, "practitioner", "chronology OR interpreter")) == []


def test_paging(tenant_a):
    with tenant_a.context():
        for i in range(25):
            NoteFactory(team=tenant_a.teams[0], author=tenant_a.practitioner.user,
                        what_happened=f"Lanyard number {i} was lost again.")
    first = _search(tenant_a, "practitioner", "lanyard")
    assert first.total == 25 and len(first.hits) == 20
    with tenant_a.context():
        second = search_notes(membership=tenant_a.practitioner, text="lanyard", offset=20)
    assert len(second.hits) == 5
    assert not set(_ids(first)) & set(_ids(second))


def test_the_index_follows_every_change(tenant_a, share):
    with tenant_a.context():
        note = share(tenant_a.practitioner, text="The pager went off during the huddle.")
    assert _ids(_search(tenant_a, "team_manager", "pager")) == [note.pk]
    with tenant_a.context():
        Note.objects.filter(pk=note.pk).update(what_happened="The bleeper went off.")
    assert _ids(_search(tenant_a, "team_manager", "pager")) == []
    assert _ids(_search(tenant_a, "team_manager", "bleeper")) == [note.pk]
    with tenant_a.context():
        Note.objects.filter(pk=note.pk).update(team=tenant_a.teams[1])
    assert _ids(_search(tenant_a, "team_manager", "bleeper")) == []
    with tenant_a.context():
        Note.objects.filter(pk=note.pk).delete()
    if connection.vendor == "sqlite":
        from stepwise.learning.search import sqlite

        sqlite.integrity_check()


@pytest.mark.django_db
def test_search_index_is_kept_in_step():
    """A migration that rebuilds learning_note on SQLite drops the triggers: add them back."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                           "AND tbl_name = 'learning_note'")
            assert {"learning_note_fts_insert", "learning_note_fts_delete",
                    "learning_note_fts_update"} <= {row[0] for row in cursor.fetchall()}
        else:
            cursor.execute("SELECT column_name FROM information_schema.columns WHERE "
                           "table_name = 'learning_note' AND column_name LIKE 'search_%%'")
            assert {row[0] for row in cursor.fetchall()} == {"search_own", "search_shared"}


def test_similar_notes_drop_in(tenant_a, corpus):
    with tenant_a.context():
        found = similar_notes(
            membership=tenant_a.practitioner,
            text="Our chronology was out of date again, so it was rebuilt in a hurry",
        )
        assert found and found[0].pk == corpus["chronology_twice"].pk
        assert corpus["other_team"].pk not in [n.pk for n in found]
        assert similar_notes(membership=tenant_a.practitioner, text="the chronology") == []
        excluded = similar_notes(
            membership=tenant_a.practitioner, exclude_id=corpus["chronology_twice"].pk,
            text="Our chronology was out of date again, so it was rebuilt in a hurry")
        assert corpus["chronology_twice"].pk not in [n.pk for n in excluded]


# The page.

def _url(tenant):
    return reverse("learning:search", kwargs={"org_slug": tenant.organisation.slug})


def test_search_page(client, login, tenant_a, corpus, django_assert_max_num_queries):
    login(client, tenant_a.practitioner.user)
    page = client.get(_url(tenant_a))
    assert page.status_code == 200 and "govuk-error-message" not in page.content.decode()
    with tenant_a.context():
        for i in range(30):
            NoteFactory(team=tenant_a.teams[0], author=tenant_a.practitioner.user,
                        what_happened=f"Chronology number {i}.", kind=Kind.NEAR_MISS)
    # However many notes match: the session, the person and the page's menus, then a count
    # and a ranking for each part (on SQLite, after asking whether each word is very common),
    # the page's notes, and the highlights for each part.
    with django_assert_max_num_queries(19):
        response = client.post(_url(tenant_a), {"q": "chronology"})
    assert response.status_code == 200
    response = client.post(_url(tenant_a), {"q": "chronology", "kind": "mistake"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "2 notes found" in body
    assert "<mark>chronology</mark>" in body.lower()
    partial = client.post(_url(tenant_a), {"q": "interpreter"}, headers={"HX-Request": "true"})
    assert partial.status_code == 200
    assert "<html" not in partial.content.decode()
    assert "1 note found" in partial.content.decode()


def test_search_page_pages(client, login, tenant_a):
    with tenant_a.context():
        for i in range(21):
            NoteFactory(team=tenant_a.teams[0], author=tenant_a.practitioner.user,
                        what_happened=f"Lanyard number {i} was lost again.")
    login(client, tenant_a.practitioner.user)
    body = client.post(_url(tenant_a), {"q": "lanyard", "page": "2"}).content.decode()
    assert "Page 2 of 2" in body and body.count("sw-search-hit") == 1
    body = client.post(_url(tenant_a), {"q": "lanyard", "page": "999"}).content.decode()
    assert "Page 2 of 2" in body


@pytest.mark.parametrize("params", [
    {}, {"q": ""}, {"q": "\x00chronology"}, {"q": "a" * 500}, {"q": "the"},
    {"q": "x", "since": "31/02/2026"}, {"q": "x", "since": "2026-02-01", "until": "2026-01-01"},
    {"q": "x", "kind": "<script>"}, {"q": "x", "team": "999999"},
    {"q": "x", "practice_area": "x"}, {"q": "x", "factor": "blame"},
])
def test_search_page_refuses_bad_input(client, login, tenant_a, params):
    login(client, tenant_a.practitioner.user)
    response = client.post(_url(tenant_a), params)
    assert response.status_code == 422
    body = response.content.decode()
    assert "govuk-error-message" in body and "<script>" not in body.split("<main")[1]


def test_filter_by_another_organisations_team_is_refused(client, login, tenant_a, tenant_b):
    login(client, tenant_a.practitioner.user)
    response = client.post(_url(tenant_a), {"q": "chronology", "team": tenant_b.teams[0].pk})
    assert response.status_code == 422


def test_dates_filter_by_local_day(tenant_a):
    with tenant_a.context():
        note = NoteFactory(team=tenant_a.teams[0], author=tenant_a.practitioner.user,
                           what_happened="A lanyard at midnight.",
                           submitted_at=timezone.make_aware(
                               timezone.datetime(2026, 6, 30, 23, 30)))
    assert _ids(_search(tenant_a, "practitioner", "lanyard", since=date(2026, 6, 30),
                        until=date(2026, 6, 30))) == [note.pk]
    assert _ids(_search(tenant_a, "practitioner", "lanyard", since=date(2026, 7, 1))) == []


def test_what_is_searched_for_never_goes_in_a_url(client, login, tenant_a, corpus):
    login(client, tenant_a.practitioner.user)
    assert client.get(_url(tenant_a), {"q": "chronology"}).status_code == 200
    assert "<mark>" not in client.get(_url(tenant_a), {"q": "chronology"}).content.decode()
    body = client.post(_url(tenant_a), {"q": "chronology"}).content.decode()
    assert 'method="post"' in body and "?q=" not in body


# Any text at all: never a database error, never markup from the note, never an open tag.

@given(text=st.text(max_size=300))
def test_queries_are_only_ever_words(text):
    query = parse_query(text)
    assert len(query.terms) <= search.MAX_TERMS
    for term in query.terms:
        for word in term:
            assert word and len(word) <= search.MAX_WORD
            assert not set(word) & set('"*:^(){}+-_\\\'. \t\n\x00')


@given(text=st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_highlighting_escapes_everything_and_balances_marks(text):
    marked = str(search.highlighted(text))
    assert "<" not in marked.replace("<mark>", "").replace("</mark>", "")
    assert marked.count("<mark>") == marked.count("</mark>")


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=st.sampled_from('ab "*:-^(){}+NEARORNOT_\\\'.,\x00é1'),
                    max_size=40))
def test_any_query_runs_on_the_database(tenant_a, corpus, text):
    with tenant_a.context():
        search_notes(membership=tenant_a.practitioner, text=text)
        similar_notes(membership=tenant_a.practitioner, text=text * 3)
