import pytest
from django.db import DatabaseError, transaction
from django.urls import reverse

from stepwise.core import audit
from stepwise.core.models import AuditEvent


def make_event(tenant):
    return audit.record(audit.TeamCreated(name="Edge of Care"), organisation=tenant.organisation,
                        actor=tenant.org_admin.user, target=tenant.teams[0])


def test_events_record_who_what_when_and_which_object(tenant_a):
    event = make_event(tenant_a)
    assert event.action == "team.created" and event.actor == tenant_a.org_admin.user
    assert event.target_type == "organisations.team"
    assert event.target_id == str(tenant_a.teams[0].pk)
    assert event.data == {"name": "Edge of Care"}


def test_events_cannot_be_rewritten(tenant_a):
    event = make_event(tenant_a)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.unscoped.filter(pk=event.pk).update(action="nothing.happened")
    event.refresh_from_db()
    assert event.action == "team.created"


def test_events_cannot_be_deleted_on_postgresql(tenant_a):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("SQLite refuses updates only (see migration core 0002)")
    event = make_event(tenant_a)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.unscoped.filter(pk=event.pk).delete()
    assert AuditEvent.unscoped.filter(pk=event.pk).exists()


def test_audit_log_is_for_admins_and_shows_only_their_organisation(
    client, login, tenant_a, tenant_b
):
    make_event(tenant_a)
    audit.record(audit.TeamCreated(name="Secret Southby Team"),
                 organisation=tenant_b.organisation, actor=tenant_b.org_admin.user)
    url = reverse("organisations:audit_log", kwargs={"org_slug": tenant_a.organisation.slug})
    login(client, tenant_a.team_manager.user)
    assert client.get(url).status_code == 403
    login(client, tenant_a.org_admin.user)
    page = client.get(url).content.decode()
    assert "Team created" in page and tenant_a.org_admin.user.full_name in page
    assert "Southby" not in page
