from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from stepwise.accounts.models import User
from stepwise.core.models import AuditEvent
from stepwise.core.policy import Role
from stepwise.organisations import handover, services
from stepwise.organisations.imports import parse_invitations_csv
from stepwise.organisations.models import Invitation, Membership
from stepwise.organisations.services import InvitationRequest


@pytest.fixture
def oncommit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def invite(tenant, email="new.person@example.org", role=Role.PRACTITIONER, actor=None):
    return services.invitation_create(
        actor=actor or tenant.org_admin,
        request=InvitationRequest(email=email, full_name="New Person", role=role,
                                  team=tenant.teams[0]),
    )


def token_from_outbox() -> str:
    return mail.outbox[-1].body.split("/invitations/")[1].split("/")[0]


def test_invitation_sends_a_link_and_stores_only_a_hash(tenant_a, oncommit):
    with tenant_a.context(), oncommit():
        invitation = invite(tenant_a)
    token = token_from_outbox()
    assert invitation.token_hash == Invitation.hash_token(token) != token
    assert "New Person" not in mail.outbox[-1].subject
    assert AuditEvent.unscoped.filter(action="member.invited").count() == 1


def test_only_admins_invite(tenant_a):
    with tenant_a.context(), pytest.raises(PermissionDenied):
        invite(tenant_a, actor=tenant_a.team_manager)
    assert not Invitation.unscoped.exists()


def test_new_person_accepts_and_gets_an_account(tenant_a, oncommit):
    with tenant_a.context(), oncommit():
        invite(tenant_a)
    invitation = services.invitation_for_token(token_from_outbox())
    membership = services.invitation_accept(
        invitation=invitation, full_name="New Person", password="a strong passphrase"
    )
    assert membership.organisation == tenant_a.organisation
    assert membership.team == tenant_a.teams[0] and membership.role == Role.PRACTITIONER
    assert User.objects.get(email="new.person@example.org").check_password("a strong passphrase")
    assert services.invitation_for_token(token_from_outbox()) is None  # used once only


def test_existing_person_joins_a_second_organisation(tenant_a, tenant_b, oncommit):
    person = tenant_b.practitioner.user
    with tenant_a.context(), oncommit():
        invite(tenant_a, email=person.email)
    membership = services.invitation_accept(
        invitation=services.invitation_for_token(token_from_outbox())
    )
    assert membership.user == person
    assert Membership.unscoped.filter(user=person).count() == 2


def test_expired_invitation_cannot_be_used(tenant_a, oncommit):
    with tenant_a.context(), oncommit():
        invitation = invite(tenant_a)
    Invitation.unscoped.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1))
    assert services.invitation_for_token(token_from_outbox()) is None
    invitation.refresh_from_db()
    with pytest.raises(ValidationError):
        services.invitation_accept(invitation=invitation, full_name="x", password="y" * 12)


def test_reinviting_replaces_the_open_invitation(tenant_a, oncommit):
    with tenant_a.context(), oncommit():
        first = invite(tenant_a)
        invite(tenant_a)
    first.refresh_from_db()
    assert first.revoked_at is not None


def test_members_cannot_be_invited_again(tenant_a):
    with tenant_a.context(), pytest.raises(ValidationError):
        invite(tenant_a, email=tenant_a.practitioner.user.email)


CSV_OK = (
    "email,name,role,team\n"
    "ann.lee@example.org,Ann Lee,Practitioner,Northby Team 1\n"
    "bo.diaz@example.org,Bo Diaz,team_manager,northby team 2\n"
    "cy.okoro@example.org,Cy Okoro,Improvement lead,\n"
)


def test_bulk_csv_parses_every_row(tenant_a):
    with tenant_a.context():
        parsed = parse_invitations_csv(CSV_OK.encode())
    assert parsed.errors == []
    assert [r.role for r in parsed.requests] == [
        Role.PRACTITIONER, Role.TEAM_MANAGER, Role.IMPROVEMENT_LEAD]
    assert parsed.requests[1].team == tenant_a.teams[1]


def test_bulk_csv_reports_each_bad_row(tenant_a):
    bad = CSV_OK + (
        "not-an-email,X,practitioner,Northby Team 1\n"
        "ann.lee@example.org,Ann again,practitioner,Northby Team 1\n"
        f"{tenant_a.practitioner.user.email},Y,practitioner,Northby Team 1\n"
        "dee@example.org,Dee,wizard,Nowhere\n"
        "eve@example.org,Eve,practitioner,\n"
    )
    with tenant_a.context():
        parsed = parse_invitations_csv(bad.encode())
    lines = [line for line, _ in parsed.errors]
    assert lines == [5, 6, 7, 8, 9]
    assert "not an email address" in parsed.errors[0][1]
    assert "more than once" in parsed.errors[1][1]
    assert "already a member" in parsed.errors[2][1]
    assert "not a role" in parsed.errors[3][1] and "no team called" in parsed.errors[3][1]
    assert "need a team" in parsed.errors[4][1]


@pytest.mark.parametrize("raw, message", [
    (b"", "empty"),
    (b"email,name,role,team\n", "no rows"),
    (b"name,team\nA,B\n", "must name the columns"),
    (b"\xff\xfe\x00\x00garbage", "not UTF-8"),
])
def test_bulk_csv_rejects_unusable_files(tenant_a, raw, message):
    with tenant_a.context():
        parsed = parse_invitations_csv(raw)
    assert not parsed.requests and message in parsed.errors[0][1]


def test_bulk_upload_is_all_or_nothing(client, login, tenant_a):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    url = reverse("organisations:invite_bulk", kwargs={"org_slug": tenant_a.organisation.slug})
    login(client, tenant_a.org_admin.user)
    bad = CSV_OK + "broken,,wizard,\n"
    response = client.post(url, {"file": SimpleUploadedFile("staff.csv", bad.encode())})
    assert response.status_code == 422
    assert "Row 5" in response.content.decode()
    assert not Invitation.unscoped.exists()
    preview = client.post(url, {"file": SimpleUploadedFile("staff.csv", CSV_OK.encode())})
    assert preview.status_code == 200 and not Invitation.unscoped.exists()
    payload = preview.context["payload"]
    tampered = client.post(url, {"payload": payload[:-2] + "xx"})
    assert tampered.status_code == 400 and not Invitation.unscoped.exists()
    done = client.post(url, {"payload": payload})
    assert done.status_code == 302
    assert Invitation.unscoped.count() == 3


def test_role_change_keeps_one_admin(tenant_a):
    with tenant_a.context():
        with pytest.raises(ValidationError):
            services.membership_change(actor=tenant_a.org_admin, membership=tenant_a.org_admin,
                                       role=Role.PRACTITIONER, team=tenant_a.teams[0])
        services.membership_change(actor=tenant_a.org_admin, membership=tenant_a.practitioner,
                                   role=Role.TEAM_MANAGER, team=tenant_a.teams[1])
    tenant_a.practitioner.refresh_from_db()
    assert tenant_a.practitioner.role == Role.TEAM_MANAGER
    event = AuditEvent.unscoped.get(action="member.changed")
    assert event.data["old_role"] == Role.PRACTITIONER and event.actor == tenant_a.org_admin.user


def test_leaver_hands_everything_over(tenant_a, monkeypatch):
    calls = []

    def fake_owned_things(*, organisation, from_user, to_user):
        calls.append((organisation, from_user, to_user))
        return 4

    monkeypatch.setitem(handover._handlers, "test.things", fake_owned_things)
    leaver, heir = tenant_a.practitioner, tenant_a.team_manager
    with tenant_a.context():
        with pytest.raises(ValidationError):
            services.membership_deactivate(actor=tenant_a.org_admin, membership=leaver,
                                           handover_to=leaver)
        services.membership_deactivate(actor=tenant_a.org_admin, membership=leaver,
                                       handover_to=heir)
    assert calls == [(tenant_a.organisation, leaver.user, heir.user)]
    leaver.refresh_from_db()
    assert not leaver.is_active and leaver.deactivated_at is not None
    event = AuditEvent.unscoped.get(action="member.deactivated")
    assert event.data == {"handed_over_to": heir.user_id, "items_handed_over": 4}


def test_team_names_are_unique_in_an_organisation_only(tenant_a, tenant_b):
    with tenant_a.context():
        services.team_create(actor=tenant_a.org_admin, name="Shared Name")
        with pytest.raises(ValidationError):
            services.team_create(actor=tenant_a.org_admin, name="shared name")
    with tenant_b.context():
        services.team_create(actor=tenant_b.org_admin, name="Shared Name")


def test_settings_change_is_audited(tenant_a):
    with tenant_a.context():
        services.organisation_settings_update(actor=tenant_a.org_admin, name="Northby Council",
                                              retention_days=60, concern_window_days=5)
        with pytest.raises(PermissionDenied):
            services.organisation_settings_update(
                actor=tenant_a.improvement_lead, name="x", retention_days=60,
                concern_window_days=5)
    event = AuditEvent.unscoped.get(action="organisation.settings_changed")
    assert set(event.data["changed"]) == {"name", "retention_days", "concern_window_days"}


def test_admin_resets_a_lost_two_factor_device(tenant_a):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=tenant_a.team_manager.user, name="lost", confirmed=True)
    with tenant_a.context():
        with pytest.raises(PermissionDenied):
            services.membership_two_factor_reset(actor=tenant_a.improvement_lead,
                                                 membership=tenant_a.team_manager)
        assert services.membership_two_factor_reset(
            actor=tenant_a.org_admin, membership=tenant_a.team_manager) == 1
    assert not TOTPDevice.objects.filter(user=tenant_a.team_manager.user).exists()
    assert AuditEvent.unscoped.filter(action="member.two_factor_reset").count() == 1
