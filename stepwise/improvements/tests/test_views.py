from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from stepwise.improvements import services
from stepwise.improvements.models import Idea, State
from stepwise.improvements.tests.helpers import (
    idea_under_test,
    plan,
    ready_idea,
    small,
    suggested_idea,
)
from stepwise.learning.tests.factories import NoteFactory


def url(tenant, name, **kwargs):
    return reverse(f"improvements:{name}", kwargs={"org_slug": tenant.organisation.slug,
                                                   **kwargs})


def test_pages_render_for_an_idea_in_every_state(client, login, tenant_a):
    member, manager = tenant_a.practitioner, tenant_a.team_manager
    now = timezone.now()
    with tenant_a.context():
        ideas = [suggested_idea(member, now=now), idea_under_test(member, manager, now=now)]
    login(client, member.user)
    for idea in ideas:
        assert client.get(url(tenant_a, "idea", idea_id=idea.pk)).status_code == 200
    for name in ("ideas", "idea_new", "board", "library"):
        assert client.get(url(tenant_a, name)).status_code == 200


def test_create_from_a_note_keeps_the_link(client, login, tenant_a):
    member = tenant_a.practitioner
    with tenant_a.context():
        note = NoteFactory(team=tenant_a.teams[0], author=tenant_a.team_manager.user)
    login(client, member.user)
    page = client.get(url(tenant_a, "idea_new") + f"?note={note.pk}")
    assert note.what_happened[:30] in page.content.decode()
    response = client.post(url(tenant_a, "idea_new"), {
        "note": note.pk, "title": "Chronology first", "change": "We will share it",
        "team": tenant_a.teams[0].pk, "first_test_days": 7, "prediction": "Fewer delays",
    })
    assert response.status_code == 302
    with tenant_a.context():
        idea = Idea.objects.get()
        assert idea.note_links.get().note == note


def test_note_from_another_team_cannot_be_named(client, login, tenant_a):
    with tenant_a.context():
        note = NoteFactory(team=tenant_a.teams[1], author=tenant_a.team_manager.user)
    login(client, tenant_a.practitioner.user)
    assert client.get(url(tenant_a, "idea_new") + f"?note={note.pk}").status_code == 404


def test_stale_edit_is_refused_with_a_message(client, login, tenant_a):
    member = tenant_a.practitioner
    with tenant_a.context():
        idea = suggested_idea(member)
    login(client, member.user)
    data = {"version": idea.version, "title": "Mine", "change": "We will", "first_test_days": 7,
            "prediction": "We expect"}
    assert client.post(url(tenant_a, "idea_edit", idea_id=idea.pk), data).status_code == 302
    response = client.post(url(tenant_a, "idea_edit", idea_id=idea.pk),
                           {**data, "title": "Theirs"})
    assert response.status_code == 409
    assert "Someone else changed this idea" in response.content.decode()
    idea.refresh_from_db()
    assert idea.title == "Mine"


def test_board_move_refused_with_reason_and_query_count(
        client, login, tenant_a, django_assert_max_num_queries):
    member, manager = tenant_a.practitioner, tenant_a.team_manager
    with tenant_a.context():
        for n in range(6):
            idea_under_test(member, manager, title=f"Idea {n}")
        idea = suggested_idea(member)
    login(client, member.user)
    with django_assert_max_num_queries(20):
        assert client.get(url(tenant_a, "board")).status_code == 200
    response = client.post(url(tenant_a, "idea_move", idea_id=idea.pk),
                           {"version": idea.version, "to_state": State.ADOPTED},
                           headers={"HX-Request": "true"})
    assert response.status_code == 422
    assert "cannot go from suggested to adopted" in response.content.decode()
    idea.refresh_from_db()
    assert idea.state == State.SUGGESTED


def test_board_move_to_ready_through_the_service(client, login, tenant_a):
    member = tenant_a.practitioner
    with tenant_a.context():
        idea = suggested_idea(member)
        small(member, idea)
        plan(member, idea, starts_on=timezone.localdate() + timedelta(days=1))
        idea.refresh_from_db()
    login(client, member.user)
    response = client.post(url(tenant_a, "idea_move", idea_id=idea.pk),
                           {"version": idea.version, "to_state": State.READY},
                           headers={"HX-Request": "true"})
    assert response.status_code == 200 and "moved to ready to test" in response.content.decode()


@pytest.mark.parametrize("search", ["", "texting"])
def test_library_lists_adopted_ideas(client, login, tenant_a, search):
    with tenant_a.context():
        idea = suggested_idea(tenant_a.practitioner, title="Texting families")
        Idea.objects.filter(pk=idea.pk).update(state=State.ADOPTED,
                                               adopted_on=timezone.localdate())
    login(client, tenant_a.performance_analyst.user)
    page = client.get(url(tenant_a, "library") + f"?q={search}")
    assert "Texting families" in page.content.decode()


def test_a_stale_board_move_is_refused_and_announced(client, login, tenant_a):
    member = tenant_a.practitioner
    with tenant_a.context():
        idea = suggested_idea(member)
        stale = idea.version
        services.idea_update(actor=member, idea=idea, expected_version=stale, title="Newer")
    login(client, member.user)
    response = client.post(url(tenant_a, "idea_move", idea_id=idea.pk),
                           {"version": stale, "to_state": State.ABANDONED},
                           headers={"HX-Request": "true"})
    assert response.status_code == 422
    assert "Someone else changed this idea" in response.content.decode()
    idea.refresh_from_db()
    assert idea.state == State.SUGGESTED and idea.title == "Newer"


def test_only_managers_see_go_ahead_now(client, login, tenant_a):
    with tenant_a.context():
        idea = ready_idea(tenant_a.practitioner)
    page = url(tenant_a, "idea", idea_id=idea.pk)
    login(client, tenant_a.practitioner.user)
    assert "Go ahead now" not in client.get(page).content.decode()
    assert client.post(url(tenant_a, "idea_go_ahead", idea_id=idea.pk),
                       {"version": idea.version}).status_code == 403
    login(client, tenant_a.team_manager.user)
    assert "Go ahead now" in client.get(page).content.decode()
    response = client.post(url(tenant_a, "idea_go_ahead", idea_id=idea.pk),
                           {"version": idea.version})
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.state == State.TESTING


def test_ideas_and_library_query_counts_do_not_grow_with_ideas(
        client, login, tenant_a, django_assert_max_num_queries):
    member, manager = tenant_a.practitioner, tenant_a.team_manager
    with tenant_a.context():
        for n in range(8):
            idea = idea_under_test(member, manager, title=f"Idea {n}")
            Idea.objects.filter(pk=idea.pk).update(state=State.ADOPTED,
                                                   adopted_on=timezone.localdate())
            idea.refresh_from_db()
            services.idea_try_in_team(actor=manager, idea=idea, team=tenant_a.teams[1])
    login(client, member.user)
    with django_assert_max_num_queries(20):
        assert client.get(url(tenant_a, "ideas")).status_code == 200
    with django_assert_max_num_queries(20):
        page = client.get(url(tenant_a, "library"))
    assert page.content.decode().count("Try it in my team") == 8


@pytest.mark.parametrize("note_id", ["abc", "99999999999999999999999", "-1", ""])
def test_odd_note_ids_are_not_found(client, login, tenant_a, note_id):
    login(client, tenant_a.practitioner.user)
    assert client.get(url(tenant_a, "idea_new") + f"?note={note_id}").status_code == 404


def test_the_improvement_lead_marks_sustained_when_it_holds(client, login, tenant_a):
    with tenant_a.context():
        idea = suggested_idea(tenant_a.practitioner)
        Idea.objects.filter(pk=idea.pk).update(
            state=State.ADOPTED, adopted_on=timezone.localdate() - timedelta(weeks=13))
    page = url(tenant_a, "idea", idea_id=idea.pk)
    login(client, tenant_a.practitioner.user)
    assert "Mark sustained" not in client.get(page).content.decode()
    assert client.post(url(tenant_a, "idea_sustain", idea_id=idea.pk)).status_code == 422
    login(client, tenant_a.improvement_lead.user)
    assert "Mark sustained" in client.get(page).content.decode()
    assert client.post(url(tenant_a, "idea_sustain", idea_id=idea.pk)).status_code == 302
    idea.refresh_from_db()
    assert idea.state == State.SUSTAINED


def test_linking_your_own_anonymous_note_warns_you(client, login, tenant_a):
    member = tenant_a.practitioner
    with tenant_a.context():
        own = NoteFactory(team=tenant_a.teams[0], author=member.user, is_anonymous=True)
        other = NoteFactory(team=tenant_a.teams[0], author=tenant_a.team_manager.user,
                            is_anonymous=True)
    login(client, member.user)
    warning = "You wrote one of these notes anonymously"
    assert warning in client.get(url(tenant_a, "idea_new") + f"?note={own.pk}").content.decode()
    assert warning not in client.get(
        url(tenant_a, "idea_new") + f"?note={other.pk}").content.decode()
