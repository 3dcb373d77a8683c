"""Who may do what: the role × capability table, enforced from this one place.

The README's table is generated from ``CAPABILITIES`` (``stepwise capabilities --markdown``),
so the documentation cannot drift from what the code enforces.
"""

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import models

if TYPE_CHECKING:
    from stepwise.organisations.models import Membership


class Role(models.TextChoices):
    PRACTITIONER = "practitioner", "Practitioner"
    TEAM_MANAGER = "team_manager", "Team manager"
    IMPROVEMENT_LEAD = "improvement_lead", "Improvement lead"
    PERFORMANCE_ANALYST = "performance_analyst", "Performance analyst"
    ORG_ADMIN = "org_admin", "Organisation admin"


P, M, L, A, ADMIN = (
    Role.PRACTITIONER,
    Role.TEAM_MANAGER,
    Role.IMPROVEMENT_LEAD,
    Role.PERFORMANCE_ANALYST,
    Role.ORG_ADMIN,
)
EVERYONE = frozenset(Role)

# capability -> (description, roles that hold it)
CAPABILITIES: dict[str, tuple[str, frozenset[Role]]] = {
    "note.create": ("Record learning notes, say 'me too', reply", EVERYONE),
    "idea.create": ("Suggest improvement ideas and run PDSA cycles", EVERYONE),
    "idea.go_ahead": ("Let a ready idea go ahead now, or raise a concern", frozenset({M, L})),
    "board.view": ("Run the team huddle board", EVERYONE),
    "measure.create": ("Create and edit measures", frozenset({M, L, A, ADMIN})),
    "measure.import": ("Import measure data from CSV/XLSX", frozenset({L, A, ADMIN})),
    "measure.tally": ("Enter quick tallies for their team's measures", EVERYONE),
    "note.import": ("Import a team's learning log from CSV/XLSX", frozenset({M, L, ADMIN})),
    "theme.curate": ("Rename, merge, split and hide themes", frozenset({L})),
    "note.moderate": ("Review reported notes", frozenset({L})),
    "team.participation": ("See team participation figures", frozenset({M, L, ADMIN})),
    "report.view": ("Open leadership and inspection reports", frozenset({M, L, A, ADMIN})),
    "member.invite": ("Invite colleagues", frozenset({ADMIN})),
    "member.manage": ("Change roles, deactivate, hand over work", frozenset({ADMIN})),
    "team.manage": ("Create and rename teams", frozenset({ADMIN})),
    "retention.set": ("Set retention periods and organisation settings", frozenset({ADMIN})),
    "audit.read": ("Read the audit log", frozenset({ADMIN})),
    "privacy.lists": ("Keep the organisation's never-hide and always-hide word lists",
                      frozenset({L, ADMIN})),
    "engagement.view_team": ("Open their own team's engagement dashboard", EVERYONE),
    "engagement.view_org": ("Open the organisation's engagement dashboard and every team's",
                            frozenset({L, A, ADMIN})),
    "recognition.thank": ("Thank colleagues for ideas and test cycles; nominate a team success",
                          EVERYONE),
    "highlight.confirm": ("Confirm the team's learning from success of the month",
                          frozenset({M})),
    "report.any_team": ("Report on any team or the whole organisation (others: their own team)",
                        frozenset({L, A, ADMIN})),
}

# Roles whose holders must use two-factor authentication.
TWO_FACTOR_REQUIRED = frozenset({ADMIN})


def can(membership: "Membership | None", capability: str) -> bool:
    if capability not in CAPABILITIES:
        raise KeyError(f"Unknown capability {capability!r}")
    if membership is None or not membership.is_active:
        return False
    return membership.role in CAPABILITIES[capability][1]


def require(membership: "Membership | None", capability: str) -> None:
    if not can(membership, capability):
        raise PermissionDenied(f"Your role does not allow this ({capability}).")


def capability_table_markdown() -> str:
    roles = list(Role)
    header = "| capability | " + " | ".join(r.label for r in roles) + " |"
    rule = "|---|" + "---|" * len(roles)
    rows = [
        f"| {description} (`{name}`) | "
        + " | ".join("✓" if r in holders else "" for r in roles)
        + " |"
        for name, (description, holders) in CAPABILITIES.items()
    ]
    return "\n".join([header, rule, *rows])
