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


@dataclass(frozen=True, kw_only=True)
class MeasureCreated(Event):
    action = "measure.created"
    summary = "Measure created"
    name: str


@dataclass(frozen=True, kw_only=True)
class MeasureChanged(Event):
    action = "measure.changed"
    summary = "Measure changed"
    changed: list[str] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class MeasureFigureRecorded(Event):
    action = "measure.figure_recorded"
    summary = "Measure figure recorded"
    period: str
    value: float
    replaced: float | None


@dataclass(frozen=True, kw_only=True)
class MeasureDataImported(Event):
    action = "measure.data_imported"
    summary = "Measure data imported"
    rows: int
    created: int
    updated: int
    unchanged: int = 0
    measures: list[int] = field(default_factory=list)
    source: str = ""


@dataclass(frozen=True, kw_only=True)
class MeasureRebased(Event):
    action = "measure.rebased"
    summary = "Measure limits recalculated from a date"
    period: str
    reason: str


@dataclass(frozen=True, kw_only=True)
class SustainWatchStarted(Event):
    action = "measure.sustain_watch_started"
    summary = "Sustain watch started"
    adopted_on: str
    source_label: str


@dataclass(frozen=True, kw_only=True)
class SustainCheckOpened(Event):
    action = "measure.sustain_check_opened"
    summary = "Sustain check opened"
    reason: str
    trigger_period: str


@dataclass(frozen=True, kw_only=True)
class SustainCheckResolved(Event):
    action = "measure.sustain_check_resolved"
    summary = "Sustain check finding recorded"


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


@dataclass(frozen=True, kw_only=True)
class NoteSharedBeyondTeam(Event):
    action = "note.shared_beyond_team"
    summary = "Note de-identified and shared across the organisation"
    detected: int
    kept_visible: int
    added: int


@dataclass(frozen=True, kw_only=True)
class PrivacyListChanged(Event):
    action = "privacy.list_changed"
    summary = "Organisation's de-identification word list changed"
    kind: str
    change: str


# Improvement ideas and PDSA cycles. Titles only: no note text, no anonymous author.
@dataclass(frozen=True, kw_only=True)
class IdeaCreated(Event):
    action = "idea.created"
    summary = "Improvement idea suggested"
    from_notes: int
    split_from: int | None = None
    tried_from: int | None = None


@dataclass(frozen=True, kw_only=True)
class IdeaEdited(Event):
    action = "idea.edited"
    summary = "Improvement idea edited"
    changed: list[str] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class IdeaSmallnessChecked(Event):
    action = "idea.smallness_checked"
    summary = "Smallness check answered"
    small: bool


@dataclass(frozen=True, kw_only=True)
class IdeaTransitioned(Event):
    action = "idea.transitioned"
    summary = "Improvement idea moved on"
    from_state: str
    to_state: str
    by_scheduler: bool = False


@dataclass(frozen=True, kw_only=True)
class CycleRecorded(Event):
    action = "idea.cycle_recorded"
    summary = "PDSA cycle step recorded"
    cycle: int
    step: str


@dataclass(frozen=True, kw_only=True)
class ConcernRaised(Event):
    action = "idea.concern_raised"
    summary = "Concern raised on a ready idea"


@dataclass(frozen=True, kw_only=True)
class ConcernResolved(Event):
    action = "idea.concern_resolved"
    summary = "Concern on an idea resolved"


@dataclass(frozen=True, kw_only=True)
class ConcernReplied(Event):
    action = "idea.concern_replied"
    summary = "Reply in a concern conversation"


@dataclass(frozen=True, kw_only=True)
class IdeaSupported(Event):
    action = "idea.supported"
    summary = "Support given to an idea"
    supported: bool


@dataclass(frozen=True, kw_only=True)
class NotesImported(Event):
    action = "note.imported"
    summary = "Learning notes imported from a spreadsheet"
    count: int
    teams: list[str] = field(default_factory=list)
    filename: str = ""


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


# Recognition and digests. Events name ideas, cycles and notes by id only.
@dataclass(frozen=True, kw_only=True)
class IdeaThanked(Event):
    action = "recognition.idea_thanked"
    summary = "Thanks given for an idea, or taken back"
    thanked: bool


@dataclass(frozen=True, kw_only=True)
class CycleThanked(Event):
    action = "recognition.cycle_thanked"
    summary = "Thanks given for a test cycle, or taken back"
    thanked: bool


@dataclass(frozen=True, kw_only=True)
class SuccessNominated(Event):
    action = "recognition.success_nominated"
    summary = "Learning note nominated as the team's learning from success"
    month: str


@dataclass(frozen=True, kw_only=True)
class HighlightConfirmed(Event):
    action = "recognition.highlight_confirmed"
    summary = "Team's learning from success of the month confirmed"
    month: str


@dataclass(frozen=True, kw_only=True)
class DigestSwitched(Event):
    action = "notifications.digest_switched"
    summary = "E-mail digest switched on or off"
    digest: str
    enabled: bool


@dataclass(frozen=True, kw_only=True)
class OutsideTextCorrected(Event):
    action = "privacy.outside_text_corrected"
    summary = "Author corrected what people outside their team see"
    kept: int
    hidden: int
    newly_kept: int
    newly_hidden: int
