from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from stepwise.core import scheduler
from stepwise.engagement import selectors, services, tasks
from stepwise.engagement.models import EngagementSnapshot
from stepwise.learning.tests.factories import NoteFactory
from stepwise.organisations.models import Membership
from stepwise.organisations.tests.factories import MembershipFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


def url(tenant, name, **kwargs):
    return reverse(f"engagement:{name}", kwargs={"org_slug": tenant.organisation.slug, **kwargs})


@pytest.fixture
def busy_team(tenant_a):
    """Team 1 with six members, four of whom shared a note today (one anonymously)."""
    team = tenant_a.teams[0]
    extra = [MembershipFactory(organisation=tenant_a.organisation, team=team,
                               user=UserFactory()).user for _ in range(4)]
    for author in (tenant_a.practitioner.user, tenant_a.team_manager.user, *extra[:2]):
        NoteFactory(team=team, author=author)
    NoteFactory(team=team, author=extra[2], is_anonymous=True)
    return team


def test_manager_sees_team_participation_without_names(client, login, tenant_a, busy_team):
    login(client, tenant_a.team_manager.user)
    response = client.get(url(tenant_a, "team", team_id=busy_team.pk))
    assert response.status_code == 200
    page = response.content.decode()
    # Four named contributors of six; the anonymous note counts only among the notes.
    assert "67% (4 of 6)" in page
    assert 'data-figure="notes-90">5<' in page
    assert "How is this counted?" in page
    others = Membership.unscoped.filter(team=busy_team).exclude(user=tenant_a.team_manager.user)
    assert not any(m.user.full_name in page for m in others.select_related("user"))


def test_practitioner_sees_no_team_participation_but_their_own(client, login, tenant_a,
                                                               busy_team):
    login(client, tenant_a.practitioner.user)
    page = client.get(url(tenant_a, "team", team_id=busy_team.pk)).content.decode()
    assert "67%" not in page
    assert "shown to team managers and improvement leads" in page
    assert 'data-figure="my-notes">1<' in page


def test_members_open_only_their_own_team(client, login, tenant_a):
    login(client, tenant_a.practitioner.user)
    assert client.get(url(tenant_a, "team", team_id=tenant_a.teams[1].pk)).status_code == 404
    assert client.get(url(tenant_a, "team", team_id=999999)).status_code == 404
    response = client.get(url(tenant_a, "home"))
    assert response.status_code == 302
    assert response["Location"] == url(tenant_a, "team", team_id=tenant_a.teams[0].pk)


def test_without_a_team_the_page_says_so(client, login, tenant_a):
    user = UserFactory()
    MembershipFactory(organisation=tenant_a.organisation, user=user, team=None)
    login(client, user)
    response = client.get(url(tenant_a, "home"))
    assert response.status_code == 200
    assert "not in a team yet" in response.content.decode()


@pytest.mark.parametrize("role", ["improvement_lead", "performance_analyst", "org_admin"])
def test_organisation_roles_see_the_organisation_and_every_team(client, login, tenant_a,
                                                                busy_team, role):
    login(client, getattr(tenant_a, role).user)
    page = client.get(url(tenant_a, "home")).content.decode()
    # Team 1's 6 members and the 3 without a team: 4 of 9 contributed = 44 %.
    assert "44% (4 of 9)" in page
    assert client.get(url(tenant_a, "team", team_id=tenant_a.teams[1].pk)).status_code == 200


def test_small_team_figures_are_suppressed(client, login, tenant_a):
    login(client, tenant_a.improvement_lead.user)
    page = client.get(url(tenant_a, "team", team_id=tenant_a.teams[0].pk)).content.decode()
    assert 'data-figure="suppressed"' in page
    assert "this team has 2 members" in page


def test_dashboard_reads_the_snapshot_in_a_few_queries(client, login, tenant_a, busy_team,
                                                       django_assert_max_num_queries):
    login(client, tenant_a.team_manager.user)
    client.get(url(tenant_a, "team", team_id=busy_team.pk))
    # Session (read and touched), user, device, membership, team, navigation; the snapshot;
    # "your contributions" (six counts). None of it grows with the organisation's data.
    with django_assert_max_num_queries(16):
        response = client.get(url(tenant_a, "team", team_id=busy_team.pk))
    assert response.status_code == 200


def test_organisation_dashboard_query_count(client, login, tenant_a, busy_team,
                                            django_assert_max_num_queries):
    login(client, tenant_a.improvement_lead.user)
    client.get(url(tenant_a, "home"))
    with django_assert_max_num_queries(16):
        assert client.get(url(tenant_a, "home")).status_code == 200


def test_a_stale_snapshot_is_recomputed(tenant_a, busy_team):
    organisation = tenant_a.organisation
    now = timezone.now()
    services.engagement_snapshot_refresh(organisation=organisation, team=busy_team,
                                         now=now - timedelta(minutes=6))
    NoteFactory(team=busy_team, author=tenant_a.practitioner.user)
    dashboard, computed_at = selectors.dashboard(organisation=organisation, team=busy_team,
                                                 now=now)
    assert computed_at == now
    assert dashboard.participation.notes_90 == 6
    # Within five minutes the stored figures are used as they are.
    NoteFactory(team=busy_team, author=tenant_a.practitioner.user)
    dashboard, computed_at = selectors.dashboard(organisation=organisation, team=busy_team,
                                                 now=now + timedelta(minutes=4))
    assert (computed_at, dashboard.participation.notes_90) == (now, 6)


def test_the_scheduler_refreshes_every_organisation_every_five_minutes(
        tenant_a, tenant_b, busy_team, django_capture_on_commit_callbacks):
    job = next(j for j in scheduler.registered_jobs() if j.name == "engagement.refresh")
    moment = timezone.now().replace(minute=17, second=30)
    assert scheduler.period_key(job, moment).endswith(":15")
    assert scheduler.period_key(job, moment.replace(minute=20)).endswith(":20")
    tasks.refresh_all_engagement.call("test")
    for tenant in (tenant_a, tenant_b):
        tasks.refresh_engagement.call(tenant.organisation.pk)
        # The organisation and each of its two teams.
        assert EngagementSnapshot.unscoped.filter(
            organisation=tenant.organisation).count() == 3
    row = EngagementSnapshot.unscoped.get(organisation=tenant_a.organisation, team=busy_team)
    assert row.figures["participation"]["share_30"] == 67


def test_a_manager_hears_when_their_team_goes_quiet(client, login, tenant_a):
    team = tenant_a.teams[0]
    for _ in range(3):
        MembershipFactory(organisation=tenant_a.organisation, team=team, user=UserFactory())
    login(client, tenant_a.team_manager.user)
    home = reverse("core:org_home", kwargs={"org_slug": tenant_a.organisation.slug})
    # No snapshot yet: the home page does not count, so it says nothing.
    assert "Your team has gone quiet" not in client.get(home).content.decode()
    services.engagement_snapshot_refresh(organisation=tenant_a.organisation, team=team)
    assert "Your team has gone quiet" in client.get(home).content.decode()
    NoteFactory(team=team, author=tenant_a.practitioner.user)
    services.engagement_snapshot_refresh(organisation=tenant_a.organisation, team=team)
    assert "Your team has gone quiet" not in client.get(home).content.decode()
    # Practitioners are not told: the figure is their manager's.
    services.engagement_snapshot_refresh(organisation=tenant_a.organisation, team=team,
                                         now=timezone.now() + timedelta(days=40))
    assert "Your team has gone quiet" in client.get(home).content.decode()
    login(client, tenant_a.practitioner.user)
    assert "Your team has gone quiet" not in client.get(home).content.decode()


def test_a_quiet_team_is_highlighted_for_its_manager_only(client, login, tenant_a):
    team = tenant_a.teams[0]
    for _ in range(3):
        MembershipFactory(organisation=tenant_a.organisation, team=team, user=UserFactory())
    page = url(tenant_a, "team", team_id=team.pk)
    login(client, tenant_a.team_manager.user)
    assert "Nobody in this team has contributed" in client.get(page).content.decode()
    login(client, tenant_a.practitioner.user)
    assert "Nobody in this team has contributed" not in client.get(page).content.decode()


def test_the_organisation_dashboard_lists_quiet_teams_of_five_or_more(client, login, tenant_a,
                                                                      busy_team):
    quiet = tenant_a.teams[1]
    for _ in range(5):
        MembershipFactory(organisation=tenant_a.organisation, team=quiet, user=UserFactory())
    small = TeamFactory(organisation=tenant_a.organisation, name="Small quiet team")
    MembershipFactory(organisation=tenant_a.organisation, team=small, user=UserFactory())
    login(client, tenant_a.improvement_lead.user)
    page = client.get(url(tenant_a, "home")).content.decode()
    listed = page.split('data-figure="quiet-teams"')[1].split("</ul>")[0]
    assert quiet.name in listed
    assert url(tenant_a, "team", team_id=quiet.pk) in listed
    assert busy_team.name not in listed
    assert small.name not in listed


def test_unchanged_figures_are_marked_current_without_counting_again(tenant_a, busy_team):
    organisation = tenant_a.organisation
    first = timezone.now()
    assert services.engagement_snapshots_refresh(organisation=organisation, now=first) == 3
    later = first + timedelta(minutes=5)
    assert services.engagement_snapshots_refresh(organisation=organisation, now=later) == 0
    rows = EngagementSnapshot.unscoped.filter(organisation=organisation)
    assert {(r.computed_at, r.counted_at) for r in rows} == {(later, first)}
    # Any new contribution changes the digest: everything is counted again.
    NoteFactory(team=busy_team, author=tenant_a.practitioner.user)
    again = later + timedelta(minutes=5)
    assert services.engagement_snapshots_refresh(organisation=organisation, now=again) == 3
    row = EngagementSnapshot.unscoped.get(organisation=organisation, team=busy_team)
    assert (row.counted_at, row.figures["participation"]["notes_90"]) == (again, 6)
    # And at least hourly, for what the digest cannot see.
    hour = again + services.RECOUNT_AFTER + timedelta(minutes=1)
    assert services.engagement_snapshots_refresh(organisation=organisation, now=hour) == 3


def test_a_reader_of_stale_unchanged_figures_does_not_wait_for_a_count(tenant_a, busy_team):
    organisation = tenant_a.organisation
    first = timezone.now()
    services.engagement_snapshot_refresh(organisation=organisation, team=busy_team, now=first)
    later = first + timedelta(minutes=7)
    _, as_of = selectors.dashboard(organisation=organisation, team=busy_team, now=later)
    row = EngagementSnapshot.unscoped.get(organisation=organisation, team=busy_team)
    assert (as_of, row.computed_at, row.counted_at) == (later, later, first)
    from stepwise.learning.models import MeToo, Note

    # A "me too" alone changes the digest.
    note = Note.unscoped.filter(team=busy_team, author=tenant_a.practitioner.user).get()
    MeToo.unscoped.create(organisation=organisation, note=note, person=tenant_a.team_manager.user)
    latest = later + timedelta(minutes=7)
    selectors.dashboard(organisation=organisation, team=busy_team, now=latest)
    row.refresh_from_db()
    assert row.counted_at == latest
