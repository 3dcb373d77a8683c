"""Lists read outsider text for all their rows at once: queries do not grow with the rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from stepwise.improvements import services as ideas
from stepwise.improvements.tests.helpers import suggested_idea
from stepwise.learning import services as learning
from stepwise.learning.tests.factories import NoteFactory
from stepwise.organisations.tests.factories import MembershipFactory, UserFactory
from stepwise.privacy import services as privacy


@pytest.fixture
def outsider(tenant_a):
    return MembershipFactory(organisation=tenant_a.organisation, team=tenant_a.teams[1],
                             user=UserFactory(full_name="Ola Outsider"))


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _add_ideas(tenant, count):
    with tenant.context():
        for n in range(count):
            made = suggested_idea(tenant.practitioner, title=f"Idea {n} for Mrs Kasia Nowak")
            ideas.idea_support(actor=tenant.team_manager, idea=made,
                               comment=f"Tried with Mr Tobias Wren {n}")


@pytest.mark.parametrize("name", ["improvements:board", "improvements:ideas"])
def test_idea_lists_make_the_same_queries_for_more_ideas(
        name, client, login, tenant_a, outsider):
    url = reverse(name, kwargs={"org_slug": tenant_a.organisation.slug})
    url += f"?team={tenant_a.teams[0].pk}" if name == "improvements:board" else ""
    login(client, outsider.user)
    _add_ideas(tenant_a, 2)
    few = _queries(client, url)
    _add_ideas(tenant_a, 4)
    many = _queries(client, url)
    body = client.get(url).content.decode()
    assert "Kasia" not in body and body.count("[PERSON 1]") >= 6
    assert many == few


def test_the_conversation_makes_the_same_queries_for_more_replies(
        client, login, tenant_a, outsider):
    with tenant_a.context():
        note = NoteFactory(team=tenant_a.teams[0], author=tenant_a.practitioner.user)
        note = privacy.note_share_beyond_team(membership=tenant_a.practitioner, note=note,
                                              version=note.version, shown=set(), phrases=[],
                                              confirmed=True)
    url = note.get_absolute_url()

    def replies(count):
        with tenant_a.context():
            for n in range(count):
                learning.reply_add(membership=tenant_a.team_manager, note=note,
                                   text=f"Reply {n}: Mrs Kasia Nowak again.")

    login(client, outsider.user)
    replies(2)
    few = _queries(client, url)
    replies(4)
    many = _queries(client, url)
    assert many == few
    assert "Kasia" not in client.get(url).content.decode()


def _adopt(tenant, count):
    from django.utils import timezone

    from stepwise.improvements.tests.helpers import idea_under_test

    with tenant.context():
        for n in range(count):
            idea = idea_under_test(tenant.practitioner, tenant.team_manager, now=timezone.now(),
                                   title=f"Library idea {n} for Mrs Kasia Nowak")
            cycle = ideas.current_cycle(idea)
            for step, values in (("do", {"what_happened": "Mr Tobias Wren took the calls."}),
                                 ("study", {"result": "Fewer wasted visits for Mrs Nowak."}),
                                 ("act", {"outcome": "adopt"})):
                idea.refresh_from_db()
                service = {"do": ideas.cycle_record_do, "study": ideas.cycle_record_study,
                           "act": ideas.cycle_act}[step]
                service(actor=tenant.practitioner, cycle=cycle,
                        expected_version=idea.version, **values)


def test_the_library_makes_the_same_queries_for_more_entries(
        client, login, tenant_a, outsider):
    url = reverse("improvements:library", kwargs={"org_slug": tenant_a.organisation.slug})
    login(client, outsider.user)
    _adopt(tenant_a, 2)
    few = _queries(client, url)
    _adopt(tenant_a, 3)
    many = _queries(client, url)
    body = client.get(url).content.decode()
    assert body.count("Library idea") >= 5 and "Nowak" not in body and "Tobias" not in body
    assert many == few
