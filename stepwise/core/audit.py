"""Audit events: one small dataclass per kind of event, written by services in their transaction."""

from dataclasses import asdict, dataclass, field
from typing import Any, ClassVar

from django.db import models

from stepwise.core.models import AuditEvent


@dataclass(frozen=True, kw_only=True)
class Event:
    action: ClassVar[str]
    summary: ClassVar[str]

    def data(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, kw_only=True)
class OrganisationCreated(Event):
    action = "organisation.created"
    summary = "Organisation created"
    name: str


@dataclass(frozen=True, kw_only=True)
class OrganisationSettingsChanged(Event):
    action = "organisation.settings_changed"
    summary = "Organisation settings changed"
    changed: list[str] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class TeamCreated(Event):
    action = "team.created"
    summary = "Team created"
    name: str


@dataclass(frozen=True, kw_only=True)
class TeamRenamed(Event):
    action = "team.renamed"
    summary = "Team renamed"
    old_name: str
    new_name: str


@dataclass(frozen=True, kw_only=True)
class MemberInvited(Event):
    action = "member.invited"
    summary = "Colleague invited"
    email: str
    role: str


@dataclass(frozen=True, kw_only=True)
class InvitationAccepted(Event):
    action = "member.joined"
    summary = "Invitation accepted"
    role: str


@dataclass(frozen=True, kw_only=True)
class InvitationRevoked(Event):
    action = "member.invitation_revoked"
    summary = "Invitation revoked"
    email: str


@dataclass(frozen=True, kw_only=True)
class MemberChanged(Event):
    action = "member.changed"
    summary = "Role or team changed"
    old_role: str
    new_role: str
    old_team: str
    new_team: str


@dataclass(frozen=True, kw_only=True)
class MemberDeactivated(Event):
    action = "member.deactivated"
    summary = "Member deactivated and work handed over"
    handed_over_to: int | None
    items_handed_over: int


@dataclass(frozen=True, kw_only=True)
class MemberReactivated(Event):
    action = "member.reactivated"
    summary = "Member reactivated"


@dataclass(frozen=True, kw_only=True)
class TwoFactorReset(Event):
    action = "member.two_factor_reset"
    summary = "Two-factor authentication reset for a member who lost their device"


@dataclass(frozen=True, kw_only=True)
class TwoFactorEnabled(Event):
    action = "account.two_factor_enabled"
    summary = "Two-factor authentication turned on"



# Learning notes. Events about an anonymous note's authorship are recorded with no actor, and
# no event carries note text.
@dataclass(frozen=True, kw_only=True)
class NoteSubmitted(Event):
    action = "note.submitted"
    summary = "Learning note shared with the team"
    kind: str
    anonymous: bool


@dataclass(frozen=True, kw_only=True)
class NoteEdited(Event):
    action = "note.edited"
    summary = "Learning note edited"
    changed: list[str] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class NoteWithdrawn(Event):
    action = "note.withdrawn"
    summary = "Learning note withdrawn"


@dataclass(frozen=True, kw_only=True)
class NotePurged(Event):
    action = "note.purged"
    summary = "Withdrawn note's text purged after the retention period"
    retention_days: int


@dataclass(frozen=True, kw_only=True)
class NoteMeToo(Event):
    action = "note.me_too"
    summary = "'Me too' added to a learning note"
    with_comment: bool


@dataclass(frozen=True, kw_only=True)
class NoteReplied(Event):
    action = "note.replied"
    summary = "Reply added to a learning note"


@dataclass(frozen=True, kw_only=True)
class NoteThanked(Event):
    action = "note.thanked"
    summary = "Thanks given for a learning note"


@dataclass(frozen=True, kw_only=True)
class NoteReported(Event):
    action = "note.reported"
    summary = "Learning note reported and hidden"
    reason: str


@dataclass(frozen=True, kw_only=True)
class NoteReportReviewed(Event):
    action = "note.report_reviewed"
    summary = "Reported learning note reviewed"
    outcome: str
    reports: int


@dataclass(frozen=True, kw_only=True)
class PracticeAreasChanged(Event):
    action = "learning.practice_areas_changed"
    summary = "Practice areas changed"
    added: list[str] = field(default_factory=list)
    hidden: list[str] = field(default_factory=list)
    shown: list[str] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class NotificationPreferencesChanged(Event):
    action = "notifications.preferences_changed"
    summary = "Notification preferences changed"
    changed: list[str] = field(default_factory=list)


# Themes. Events name themes by id and key; none carries note text.
@dataclass(frozen=True, kw_only=True)
class ThemesRecomputed(Event):
    action = "themes.recomputed"
    summary = "Themes recomputed"
    notes: int
    themes: int


@dataclass(frozen=True, kw_only=True)
class ThemesRecomputeRequested(Event):
    action = "themes.recompute_requested"
    summary = "Theme recomputation requested"


@dataclass(frozen=True, kw_only=True)
class ThemeRenamed(Event):
    action = "theme.renamed"
    summary = "Theme renamed"
    old_name: str
    new_name: str


@dataclass(frozen=True, kw_only=True)
class ThemesMerged(Event):
    action = "theme.merged"
    summary = "Theme merged into another"
    into_theme: int
    notes_moved: int


@dataclass(frozen=True, kw_only=True)
class ThemeSplit(Event):
    action = "theme.split"
    summary = "Notes split from a theme into a new one"
    new_theme: int
    notes_moved: int


@dataclass(frozen=True, kw_only=True)
class ThemeHiddenChanged(Event):
    action = "theme.hidden_changed"
    summary = "Theme hidden or shown"
    hidden: bool


@dataclass(frozen=True, kw_only=True)
class NotePinnedToTheme(Event):
    action = "theme.note_pinned"
    summary = "Learning note pinned to a theme"
    theme: int
    from_theme: int | None


def record(
    event: Event,
    *,
    organisation,
    actor=None,
    target: models.Model | None = None,
) -> AuditEvent:
    return AuditEvent.unscoped.create(
        organisation=organisation,
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=event.action,
        summary=event.summary,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        data=event.data(),
    )
