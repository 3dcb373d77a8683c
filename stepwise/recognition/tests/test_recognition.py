from datetime import datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from stepwise.core.models import AuditEvent
from stepwise.core.scheduler import LONDON
from stepwise.improvements.tests.helpers import plan, suggested_idea
from stepwise.learning.models import Kind
from stepwise.learning.tests.factories import NoteFactory
from stepwise.recognition import selectors, services
from stepwise.recognition.models import Highlight, Nomination, Thanks

NOW = datetime(2026, 11, 20, 10, tzinfo=LONDON)


@pytest.fixture
def idea(tenant_a):
    with tenant_a.context():
        found = suggested_idea(tenant_a.practitioner, now=timezone.now())
        plan(tenant_a.practitioner, found, now=timezone.now())
    return found


def _cycle(idea):
    from stepwise.improvements.models import Cycle

    return Cycle.unscoped.get(idea=idea)


def test_thanks_on_an_idea_and_a_cycle_once_each_and_never_your_own(tenant_a, idea):
    manager = tenant_a.team_manager
    with tenant_a.context():
        first = services.idea_thank(membership=manager, idea=idea)
        assert services.idea_thank(membership=manager, idea=idea) == first
        services.cycle_thank(membership=manager, cycle=_cycle(idea))
        assert Thanks.objects.count() == 2
        with pytest.raises(ValidationError, match="your own idea"):
            services.idea_thank(membership=tenant_a.practitioner, idea=idea)
        with pytest.raises(ValidationError, match="your own test cycle"):
            services.cycle_thank(membership=tenant_a.practitioner, cycle=_cycle(idea))
        assert services.idea_unthank(membership=manager, idea=idea) is True
        assert services.idea_unthank(membership=manager, idea=idea) is False
        assert services.cycle_unthank(membership=manager, cycle=_cycle(idea)) is True
        assert not Thanks.objects.exists()
    actions = list(AuditEvent.unscoped.order_by("pk").values_list("action", "data"))
    assert [a for a in actions if a[0].startswith("recognition.")] == [
        ("recognition.idea_thanked", {"thanked": True}),
        ("recognition.cycle_thanked", {"thanked": True}),
        ("recognition.idea_thanked", {"thanked": False}),
        ("recognition.cycle_thanked", {"thanked": False}),
    ]


def test_the_database_refuses_thanks_about_both_or_neither(tenant_a, idea):
    for targets in ({}, {"idea": idea, "cycle": _cycle(idea)}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Thanks.unscoped.create(organisation=tenant_a.organisation,
                                   person=tenant_a.team_manager.user, **targets)


def test_thank_button_on_the_idea_page_answers_htmx_with_its_partial(client, login, tenant_a,
                                                                       idea):
    login(client, tenant_a.team_manager.user)
    base = {"org_slug": tenant_a.organisation.slug, "idea_id": idea.pk}
    page = client.get(reverse("improvements:idea", kwargs=base)).content.decode()
    assert "Say thank you" in page and "Thank the team for cycle 1" in page
    response = client.post(reverse("recognition:idea_thank", kwargs=base),
                           headers={"HX-Request": "true"})
    body = response.content.decode()
    assert response.status_code == 200 and 'id="idea-thanks"' in body
    assert "Take back my thanks" in body and "<html" not in body
    cycle = {**base, "cycle_id": _cycle(idea).pk}
    response = client.post(reverse("recognition:cycle_thank", kwargs=cycle))
    assert response.status_code == 302 and response["Location"].endswith(
        f"#cycle-{cycle['cycle_id']}")
    assert Thanks.unscoped.count() == 2
    # The idea's author sees the count but no button.
    login(client, tenant_a.practitioner.user)
    page = client.get(reverse("improvements:idea", kwargs=base)).content.decode()
    assert "1 person has thanked" in page and "Say thank you" not in page
    response = client.post(reverse("recognition:idea_thank", kwargs=base),
                           headers={"HX-Request": "true"})
    assert "your own idea" in response.content.decode()
    assert Thanks.unscoped.count() == 2


def _success(tenant, *, when=NOW, team=0, **extra):
    return NoteFactory(team=tenant.teams[team], author=tenant.practitioner.user,
                       kind=Kind.SUCCESS, submitted_at=when, **extra)


def test_team_members_nominate_a_success_of_the_month_and_the_manager_confirms(tenant_a):
    first, second = _success(tenant_a), _success(tenant_a)
    with tenant_a.context():
        services.success_nominate(membership=tenant_a.practitioner, note=first, now=NOW)
        # Nominating again moves the person's one nomination.
        services.success_nominate(membership=tenant_a.practitioner, note=second, now=NOW)
        services.success_nominate(membership=tenant_a.team_manager, note=second, now=NOW)
        assert selectors.nomination_counts(team=tenant_a.teams[0],
                                           month=selectors.month_of(NOW)) == {second.pk: 2}
        with pytest.raises(ValidationError, match="nominated"):
            services.highlight_confirm(membership=tenant_a.team_manager, note=first, now=NOW)
        with pytest.raises(PermissionDenied):
            services.highlight_confirm(membership=tenant_a.practitioner, note=second, now=NOW)
        services.highlight_confirm(membership=tenant_a.team_manager, note=second, now=NOW)
        found = selectors.highlight_for(team=tenant_a.teams[0], month=selectors.month_of(NOW),
                                        today=NOW.date())
    assert (found.note, found.confirmed) == (second, True)
    assert Highlight.unscoped.count() == 1 and Nomination.unscoped.count() == 2


@pytest.mark.parametrize("problem, make", [
    ("own team", lambda t: _success(t, team=1)),
    ("success", lambda t: NoteFactory(team=t.teams[0], author=t.practitioner.user,
                                      kind=Kind.MISTAKE, submitted_at=NOW)),
    ("this month", lambda t: _success(t, when=NOW - timedelta(days=30))),
    ("not shared", lambda t: _success(t, hidden_at=NOW)),
])
def test_only_this_months_shared_successes_of_your_team_can_be_nominated(tenant_a, problem,
                                                                         make):
    note = make(tenant_a)
    with tenant_a.context(), pytest.raises(ValidationError, match=problem):
        services.success_nominate(membership=tenant_a.practitioner, note=note, now=NOW)
    assert not Nomination.unscoped.exists()


def test_without_a_confirmation_the_most_nominated_wins_once_the_month_is_over(tenant_a):
    first, second = _success(tenant_a), _success(tenant_a)
    month = selectors.month_of(NOW)
    with tenant_a.context():
        services.success_nominate(membership=tenant_a.team_manager, note=first, now=NOW)
        services.success_nominate(membership=tenant_a.practitioner, note=second, now=NOW)
        # A tie: the one nominated first wins, but only once the month has ended.
        assert selectors.highlight_for(team=tenant_a.teams[0], month=month,
                                       today=NOW.date()) is None
        found = selectors.highlight_for(team=tenant_a.teams[0], month=month,
                                        today=NOW.date() + timedelta(days=11))
    assert (found.note, found.confirmed) == (first, False)


def test_the_highlight_page_and_the_board(client, login, tenant_a, tenant_b):
    note = _success(tenant_a, when=timezone.now())
    login(client, tenant_a.practitioner.user)
    slug = {"org_slug": tenant_a.organisation.slug}
    page = client.get(reverse("recognition:highlight", kwargs=slug)).content.decode()
    assert note.title in page and "Nominate" in page
    client.post(reverse("recognition:nominate", kwargs={**slug, "note_id": note.pk}))
    login(client, tenant_a.team_manager.user)
    page = client.get(reverse("recognition:highlight", kwargs=slug)).content.decode()
    assert "1 nomination." in page and "Confirm as the team" in page
    client.post(reverse("recognition:confirm", kwargs={**slug, "note_id": note.pk}))
    assert Highlight.unscoped.get().note == note
    # Last month's choice shows on the team's board, named only to those who may read it.
    Highlight.unscoped.update(month=selectors.previous_month(
        selectors.month_of(timezone.now())))
    board = reverse("improvements:board", kwargs=slug) + f"?team={tenant_a.teams[0].pk}"
    assert note.title in client.get(board).content.decode()
    login(client, tenant_a.improvement_lead.user)  # in no team: cannot read team notes
    body = client.get(board).content.decode()
    assert "has chosen a success to learn from" in body and note.title not in body


@pytest.mark.parametrize("successes", [1, 15])
def test_the_highlight_page_runs_a_fixed_number_of_queries(client, login, tenant_a, successes,
                                                           django_assert_max_num_queries):
    notes = [_success(tenant_a, when=timezone.now()) for _ in range(successes)]
    with tenant_a.context():
        services.success_nominate(membership=tenant_a.practitioner, note=notes[0])
    login(client, tenant_a.team_manager.user)
    url = reverse("recognition:highlight", kwargs={"org_slug": tenant_a.organisation.slug})
    with django_assert_max_num_queries(14):
        response = client.get(url)
    assert response.content.decode().count("Nominate<span") == successes
