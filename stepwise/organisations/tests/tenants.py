from dataclasses import dataclass, field

from stepwise.core.policy import Role
from stepwise.core.tenancy import tenant_context
from stepwise.organisations import setup
from stepwise.organisations.models import Membership, Organisation, Team
from stepwise.organisations.tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    TeamFactory,
    UserFactory,
)


@dataclass
class Tenant:
    organisation: Organisation
    teams: list[Team]
    members: dict[str, Membership] = field(default_factory=dict)

    def __getattr__(self, role: str) -> Membership:
        try:
            return self.__dict__["members"][role]
        except KeyError:
            raise AttributeError(role) from None

    def context(self):
        return tenant_context(self.organisation)


def make_tenant(name: str) -> Tenant:
    organisation = OrganisationFactory(name=name, slug=name.lower().replace(" ", "-"))
    teams = [TeamFactory(organisation=organisation, name=f"{name} Team {i}") for i in (1, 2)]
    tenant = Tenant(organisation=organisation, teams=teams)
    with tenant_context(organisation):
        setup.set_up(organisation=organisation)
    for role in Role:
        team = teams[0] if role in (Role.PRACTITIONER, Role.TEAM_MANAGER) else None
        user = UserFactory(full_name=f"{name} {role.label}",
                           email=f"{role.value}@{tenant.organisation.slug}.example")
        tenant.members[role.value] = MembershipFactory(
            organisation=organisation, user=user, role=role, team=team
        )
    return tenant
