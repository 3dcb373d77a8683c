import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from stepwise.core import audit, policy
from stepwise.core.emails import send_templated_email
from stepwise.core.policy import Role
from stepwise.core.tenancy import tenant_context
from stepwise.organisations import handover, setup
from stepwise.organisations.models import Invitation, Membership, Organisation, Team
from stepwise.organisations.selectors import organisation_admin_count

User = get_user_model()


@transaction.atomic
def organisation_create(
    *, name: str, slug: str = "", admin_email: str, admin_name: str, admin_password: str | None
) -> Organisation:
    slug = slug or slugify(name)[:60]
    if Organisation.objects.filter(slug=slug).exists():
        raise ValidationError({"slug": f"An organisation with the address '{slug}' exists."})
    organisation = Organisation.objects.create(name=name, slug=slug)
    admin = User.objects.filter(email__iexact=admin_email).first()
    if admin is None:
        admin = User.objects.create_user(admin_email, admin_password, full_name=admin_name)
    with tenant_context(organisation):
        Membership.objects.create(organisation=organisation, user=admin, role=Role.ORG_ADMIN)
        setup.set_up(organisation=organisation)
        audit.record(
            audit.OrganisationCreated(name=name), organisation=organisation, actor=admin,
            target=organisation,
        )
    return organisation


@transaction.atomic
def organisation_settings_update(
    *, actor: Membership, name: str, retention_days: int, concern_window_days: int
) -> Organisation:
    policy.require(actor, "retention.set")
    organisation = Organisation.objects.select_for_update().get(pk=actor.organisation_id)
    changed = [
        field
        for field, value in (
            ("name", name),
            ("retention_days", retention_days),
            ("concern_window_days", concern_window_days),
        )
        if getattr(organisation, field) != value
    ]
    organisation.name = name
    organisation.retention_days = retention_days
    organisation.concern_window_days = concern_window_days
    organisation.full_clean()
    organisation.save()
    audit.record(
        audit.OrganisationSettingsChanged(changed=changed),
        organisation=organisation, actor=actor.user, target=organisation,
    )
    return organisation


@transaction.atomic
def team_create(*, actor: Membership, name: str) -> Team:
    policy.require(actor, "team.manage")
    if Team.objects.filter(name__iexact=name).exists():
        raise ValidationError({"name": "A team with this name already exists."})
    team = Team.objects.create(organisation=actor.organisation, name=name)
    audit.record(
        audit.TeamCreated(name=name), organisation=actor.organisation, actor=actor.user,
        target=team,
    )
    return team


@transaction.atomic
def team_rename(*, actor: Membership, team: Team, name: str) -> Team:
    policy.require(actor, "team.manage")
    if Team.objects.filter(name__iexact=name).exclude(pk=team.pk).exists():
        raise ValidationError({"name": "A team with this name already exists."})
    old_name, team.name = team.name, name
    team.save(update_fields=["name"])
    audit.record(
        audit.TeamRenamed(old_name=old_name, new_name=name),
        organisation=actor.organisation, actor=actor.user, target=team,
    )
    return team


@dataclass(frozen=True)
class InvitationRequest:
    email: str
    full_name: str
    role: str
    team: Team | None


def _check_invitable(request: InvitationRequest) -> None:
    email = request.email.strip().lower()
    if Membership.objects.filter(user__email__iexact=email, is_active=True).exists():
        raise ValidationError({"email": f"{email} is already a member of this organisation."})
    if request.role not in Role.values:
        raise ValidationError({"role": "Choose a role."})
    if request.role in (Role.PRACTITIONER, Role.TEAM_MANAGER) and request.team is None:
        raise ValidationError({"team": "Practitioners and team managers need a team."})


def _create_invitation(*, actor: Membership, request: InvitationRequest) -> Invitation:
    token = secrets.token_urlsafe(32)
    email = request.email.strip().lower()
    now = timezone.now()
    # A fresh invitation replaces any earlier open one for the same address.
    Invitation.objects.filter(
        email__iexact=email, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=now)
    invitation = Invitation.objects.create(
        organisation=actor.organisation,
        email=email,
        full_name=request.full_name.strip(),
        role=request.role,
        team=request.team,
        token_hash=Invitation.hash_token(token),
        invited_by=actor.user,
        expires_at=now + timedelta(days=settings.INVITATION_DAYS),
    )
    audit.record(
        audit.MemberInvited(email=email, role=request.role),
        organisation=actor.organisation, actor=actor.user, target=invitation,
    )
    send_templated_email(
        to=email,
        subject=f"You are invited to {actor.organisation.name} on Stepwise",
        template="organisations/emails/invitation",
        context={
            "organisation_name": actor.organisation.name,
            "inviter": actor.user.full_name,
            "url": settings.SITE_URL + reverse("organisations:accept", kwargs={"token": token}),
            "days": settings.INVITATION_DAYS,
        },
    )
    return invitation


@transaction.atomic
def invitation_create(*, actor: Membership, request: InvitationRequest) -> Invitation:
    policy.require(actor, "member.invite")
    _check_invitable(request)
    return _create_invitation(actor=actor, request=request)


@transaction.atomic
def invitations_bulk_create(
    *, actor: Membership, requests: list[InvitationRequest]
) -> list[Invitation]:
    """All or nothing: the caller has already validated every row."""
    policy.require(actor, "member.invite")
    for request in requests:
        _check_invitable(request)
    return [_create_invitation(actor=actor, request=request) for request in requests]


@transaction.atomic
def invitation_revoke(*, actor: Membership, invitation: Invitation) -> Invitation:
    policy.require(actor, "member.invite")
    if invitation.accepted_at is None and invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        audit.record(
            audit.InvitationRevoked(email=invitation.email),
            organisation=actor.organisation, actor=actor.user, target=invitation,
        )
    return invitation


def invitation_for_token(token: str) -> Invitation | None:
    invitation = (
        Invitation.unscoped.select_related("organisation", "team")
        .filter(token_hash=Invitation.hash_token(token or ""))
        .first()
    )
    if invitation is None or not invitation.is_open or not invitation.organisation.is_active:
        return None
    return invitation


@transaction.atomic
def invitation_accept(
    *, invitation: Invitation, full_name: str = "", password: str | None = None
) -> Membership:
    """Join the organisation; a person new to Stepwise also creates their account here."""
    invitation = Invitation.unscoped.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open:
        raise ValidationError("This invitation has expired or has already been used.")
    organisation = invitation.organisation
    user = User.objects.filter(email__iexact=invitation.email).first()
    if user is None:
        if not password:
            raise ValidationError({"password1": "Choose a password."})
        user = User.objects.create_user(invitation.email, password, full_name=full_name)
    with tenant_context(organisation):
        membership = Membership.objects.filter(user=user).first()
        if membership is None:
            try:
                membership = Membership.objects.create(
                    organisation=organisation, user=user, role=invitation.role,
                    team=invitation.team,
                )
            except IntegrityError:
                raise ValidationError("You are already a member of this organisation.") from None
        else:
            membership.role = invitation.role
            membership.team = invitation.team
            membership.is_active = True
            membership.deactivated_at = None
            membership.save(update_fields=["role", "team", "is_active", "deactivated_at"])
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])
        audit.record(
            audit.InvitationAccepted(role=invitation.role),
            organisation=organisation, actor=user, target=membership,
        )
    return membership


def _would_remove_last_admin(membership: Membership, new_role: str | None) -> bool:
    return (
        membership.role == Role.ORG_ADMIN
        and membership.is_active
        and new_role != Role.ORG_ADMIN
        and organisation_admin_count() <= 1
    )


@transaction.atomic
def membership_change(
    *, actor: Membership, membership: Membership, role: str, team: Team | None
) -> Membership:
    policy.require(actor, "member.manage")
    if role not in Role.values:
        raise ValidationError({"role": "Choose a role."})
    if role in (Role.PRACTITIONER, Role.TEAM_MANAGER) and team is None:
        raise ValidationError({"team": "Practitioners and team managers need a team."})
    if _would_remove_last_admin(membership, role):
        raise ValidationError({"role": "The organisation needs at least one admin."})
    old_role, old_team = membership.role, str(membership.team or "")
    membership.role = role
    membership.team = team
    membership.save(update_fields=["role", "team"])
    audit.record(
        audit.MemberChanged(
            old_role=old_role, new_role=role, old_team=old_team, new_team=str(team or "")
        ),
        organisation=actor.organisation, actor=actor.user, target=membership,
    )
    return membership


@transaction.atomic
def membership_deactivate(
    *, actor: Membership, membership: Membership, handover_to: Membership
) -> Membership:
    """Deactivate a leaver; everything they own goes to ``handover_to``, never orphaned."""
    policy.require(actor, "member.manage")
    if handover_to.pk == membership.pk or not handover_to.is_active:
        raise ValidationError({"handover_to": "Choose an active colleague to take over."})
    if not membership.is_active:
        raise ValidationError("This person is already deactivated.")
    if _would_remove_last_admin(membership, None):
        raise ValidationError("The organisation needs at least one admin.")
    moved = handover.hand_over(
        organisation=actor.organisation, from_user=membership.user, to_user=handover_to.user
    )
    membership.is_active = False
    membership.deactivated_at = timezone.now()
    membership.save(update_fields=["is_active", "deactivated_at"])
    audit.record(
        audit.MemberDeactivated(
            handed_over_to=handover_to.user_id, items_handed_over=sum(moved.values())
        ),
        organisation=actor.organisation, actor=actor.user, target=membership,
    )
    return membership


@transaction.atomic
def membership_reactivate(*, actor: Membership, membership: Membership) -> Membership:
    policy.require(actor, "member.manage")
    if not membership.is_active:
        membership.is_active = True
        membership.deactivated_at = None
        membership.save(update_fields=["is_active", "deactivated_at"])
        audit.record(
            audit.MemberReactivated(), organisation=actor.organisation, actor=actor.user,
            target=membership,
        )
    return membership


@transaction.atomic
def membership_two_factor_reset(*, actor: Membership, membership: Membership) -> int:
    """For a colleague who lost their phone: they set up a new device at their next log-in."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    policy.require(actor, "member.manage")
    if membership.pk == actor.pk:
        raise ValidationError("You cannot reset your own two-factor authentication.")
    removed, _ = TOTPDevice.objects.filter(user=membership.user).delete()
    audit.record(audit.TwoFactorReset(), organisation=actor.organisation, actor=actor.user,
                 target=membership)
    return removed
