from django.db.models import QuerySet

from stepwise.core.tenancy import active_organisation
from stepwise.organisations.models import Invitation, Membership, Organisation, Team


def membership_for_slug(*, user, slug: str) -> Membership | None:
    """The one way a request enters an organisation: an active membership of an active one."""
    return (
        Membership.unscoped.select_related("organisation", "team", "user")
        .filter(user=user, organisation__slug=slug, organisation__is_active=True, is_active=True)
        .first()
    )


def user_memberships(*, user) -> QuerySet[Membership]:
    return (
        Membership.unscoped.select_related("organisation", "team")
        .filter(user=user, is_active=True, organisation__is_active=True)
        .order_by("organisation__name")
    )


def organisation_members(*, include_inactive: bool = False) -> QuerySet[Membership]:
    members = Membership.objects.select_related("user", "team")
    if not include_inactive:
        members = members.filter(is_active=True)
    return members.order_by("-is_active", "user__full_name")


def team_list() -> QuerySet[Team]:
    from django.db.models import Count, Q

    return Team.objects.annotate(
        member_count=Count("memberships", filter=Q(memberships__is_active=True))
    ).order_by("name")


def open_invitations() -> QuerySet[Invitation]:
    from django.utils import timezone

    return Invitation.objects.select_related("team", "invited_by").filter(
        accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
    )


def handover_candidates(*, leaving: Membership) -> QuerySet[Membership]:
    return organisation_members().exclude(pk=leaving.pk)


def organisation_admin_count() -> int:
    from stepwise.core.policy import Role

    return Membership.objects.filter(is_active=True, role=Role.ORG_ADMIN).count()


def current_organisation() -> Organisation:
    return active_organisation()
