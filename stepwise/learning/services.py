from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from stepwise.core import audit, policy
from stepwise.learning import hooks
from stepwise.learning.models import (
    DEFAULT_PRACTICE_AREAS,
    Factor,
    Kind,
    MeToo,
    Note,
    NoteFactor,
    NoteReport,
    PracticeArea,
    Reply,
    ReportOutcome,
    ReportReason,
    Status,
    Thanks,
    Visibility,
)
from stepwise.learning.selectors import can_see_note
from stepwise.notifications import kinds
from stepwise.notifications.services import notification_send
from stepwise.organisations.models import Membership, Organisation, Team
from stepwise.privacy.services import outside_text_update, outside_texts_forget

TEXT_FIELDS = ("what_happened", "what_expected", "why_difference", "next_time")
MAX_TEXT = 5000


class StaleNote(ValidationError):
    """The note changed (in another window or device) since this copy was loaded."""

    def __init__(self):
        super().__init__(
            "This note was changed somewhere else since you opened it. Your text is kept on "
            "this device; reload the page to see the latest version.",
            code="stale",
        )


@dataclass(frozen=True, kw_only=True)
class NoteContent:
    kind: str = ""
    what_happened: str = ""
    what_expected: str = ""
    why_difference: str = ""
    next_time: str = ""
    practice_area: PracticeArea | None = None
    factors: list[str] = field(default_factory=list)
    is_anonymous: bool = False
    team: Team | None = None


def _note_url(note: Note) -> str:
    return reverse("learning:note", kwargs={
        "org_slug": note.organisation.slug, "note_id": note.pk})


def _actor_for(note: Note, membership: Membership):
    """Who the audit trail names for something the author did: nobody, if anonymous."""
    if note.is_anonymous and note.author_id == membership.user_id:
        return None
    return membership.user


def _clean_content(content: NoteContent, *, submitting: bool) -> None:
    errors = {}
    if content.kind and content.kind not in Kind.values:
        errors["kind"] = "Choose what kind of learning this is."
    for name in TEXT_FIELDS:
        if len(getattr(content, name)) > MAX_TEXT:
            errors[name] = f"Keep this under {MAX_TEXT} characters."
    unknown = set(content.factors) - set(Factor.values)
    if unknown:
        errors["factors"] = "Choose factors from the list."
    if content.practice_area is not None and not content.practice_area.is_active:
        errors["practice_area"] = "Choose a practice area from the list."
    if submitting:
        if not content.kind:
            errors["kind"] = "Choose what kind of learning this is."
        if not content.what_happened.strip():
            errors["what_happened"] = "Enter what happened."
    if errors:
        raise ValidationError(errors)


def _team_for(membership: Membership, content: NoteContent) -> Team:
    if membership.team_id is not None:
        return membership.team
    if content.team is None:
        raise ValidationError({"team": "Choose the team this learning belongs to."})
    return content.team


def _apply(note: Note, content: NoteContent) -> list[str]:
    changed = []
    for name in ("kind", *TEXT_FIELDS, "is_anonymous"):
        value = getattr(content, name)
        if getattr(note, name) != value:
            setattr(note, name, value)
            changed.append(name)
    if note.practice_area_id != (content.practice_area.pk if content.practice_area else None):
        note.practice_area = content.practice_area
        changed.append("practice_area")
    return changed


def _set_factors(note: Note, factors: list[str]) -> bool:
    wanted = set(factors)
    current = set(note.factor_rows.values_list("factor", flat=True))
    if wanted == current:
        return False
    note.factor_rows.filter(factor__in=current - wanted).delete()
    NoteFactor.objects.bulk_create(
        NoteFactor(organisation_id=note.organisation_id, note=note, factor=factor)
        for factor in sorted(wanted - current)
    )
    return True


def _check_own(membership: Membership, note: Note) -> None:
    if note.author_id != membership.user_id:
        raise PermissionDenied("Only the author can change a note.")


def _locked(note: Note, version: int | None) -> Note:
    fresh = Note.objects.select_for_update().get(pk=note.pk)
    if version is not None and fresh.version != version:
        raise StaleNote()
    return fresh


@transaction.atomic
def note_draft_save(
    *, membership: Membership, note: Note | None, content: NoteContent, version: int | None
) -> Note:
    """Autosave as the person types. Not audited: a draft is private and changes constantly."""
    policy.require(membership, "note.create")
    _clean_content(content, submitting=False)
    if note is None:
        note = Note.objects.create(
            organisation=membership.organisation, team=_team_for(membership, content),
            author=membership.user, status=Status.DRAFT,
        )
    else:
        _check_own(membership, note)
        note = _locked(note, version)
        if not note.is_draft:
            raise ValidationError("This note has already been shared; edit it instead.")
        if membership.team_id is None and content.team is not None:
            note.team = content.team
    _apply(note, content)
    _set_factors(note, content.factors)
    note.version = F("version") + 1
    note.save()
    note.refresh_from_db()
    return note


@transaction.atomic
def note_submit(
    *, membership: Membership, note: Note | None, content: NoteContent,
    version: int | None = None,
) -> Note:
    """Share a note with the author's team: kind and "what happened" are all it needs."""
    policy.require(membership, "note.create")
    _clean_content(content, submitting=True)
    # A note is always shared with its team first: it goes further only through the author's
    # review of its de-identified version (privacy.services.note_share_beyond_team).
    if note is None:
        note = Note(organisation=membership.organisation, author=membership.user,
                    team=_team_for(membership, content))
    else:
        _check_own(membership, note)
        note = _locked(note, version)
        if not note.is_draft:
            raise ValidationError("This note has already been shared.")
        if membership.team_id is None and content.team is not None:
            note.team = content.team
    _apply(note, content)
    now = timezone.now()
    note.status = Status.SUBMITTED
    note.visibility = Visibility.TEAM
    note.submitted_at = now
    note.version = (note.version or 0) + 1
    note.save()
    _set_factors(note, content.factors)
    audit.record(
        audit.NoteSubmitted(kind=note.kind, anonymous=note.is_anonymous),
        organisation=membership.organisation, actor=_actor_for(note, membership), target=note,
    )
    hooks.note_changed(note.pk)
    return note


@transaction.atomic
def note_update(
    *, membership: Membership, note: Note, content: NoteContent, version: int
) -> Note:
    policy.require(membership, "note.create")
    _check_own(membership, note)
    _clean_content(content, submitting=True)
    note = _locked(note, version)
    if note.status != Status.SUBMITTED:
        raise ValidationError("Only a shared note can be edited.")
    if content.is_anonymous and not note.is_anonymous:
        # Colleagues have already read it with the author's name (and the audit trail says
        # who shared it); hiding the name now would promise an anonymity it cannot give.
        raise ValidationError({"is_anonymous": "This note was shared with your name. To share "
                               "it without your name, withdraw it and write it again."})
    changed = _apply(note, content)
    if _set_factors(note, content.factors):
        changed.append("factors")
    if not changed:
        return note
    note.version += 1
    note.save()
    audit.record(
        audit.NoteEdited(changed=changed), organisation=membership.organisation,
        actor=_actor_for(note, membership), target=note,
    )
    hooks.note_changed(note.pk)
    return note


@transaction.atomic
def note_draft_discard(*, membership: Membership, note: Note) -> None:
    _check_own(membership, note)
    if not note.is_draft:
        raise ValidationError("Only a draft can be discarded; withdraw a shared note instead.")
    note.delete()


@transaction.atomic
def note_withdraw(*, membership: Membership, note: Note) -> Note:
    _check_own(membership, note)
    note = _locked(note, None)
    if note.status != Status.SUBMITTED:
        raise ValidationError("Only a shared note can be withdrawn.")
    note.status = Status.WITHDRAWN
    note.withdrawn_at = timezone.now()
    note.version += 1
    note.save()
    audit.record(
        audit.NoteWithdrawn(), organisation=membership.organisation,
        actor=_actor_for(note, membership), target=note,
    )
    hooks.note_changed(note.pk)
    return note


@transaction.atomic
def notes_purge_withdrawn(*, organisation: Organisation, now: datetime) -> int:
    """Blank the text of notes withdrawn longer ago than the organisation keeps them."""
    cutoff = now - timedelta(days=organisation.retention_days)
    due = list(
        Note.unscoped.select_for_update().filter(
            organisation=organisation, status=Status.WITHDRAWN, purged_at__isnull=True,
            withdrawn_at__lt=cutoff,
        )
    )
    for note in due:
        for name in TEXT_FIELDS:
            setattr(note, name, "")
            setattr(note, f"shared_{name}", "")
        note.purged_at = now
        note.version += 1
        note.save()
        for model in (Reply, MeToo):
            outside_texts_forget(model=model, organisation=organisation,
                                 ids=model.unscoped.filter(note=note).values_list("pk", flat=True))
        Reply.unscoped.filter(note=note).delete()
        MeToo.unscoped.filter(note=note).update(comment="")
        NoteReport.unscoped.filter(note=note).update(detail="", review_comment="")
        note.reply_count = 0
        note.save(update_fields=["reply_count"])
        audit.record(
            audit.NotePurged(retention_days=organisation.retention_days),
            organisation=organisation, actor=None, target=note,
        )
    return len(due)


def _check_can_respond(membership: Membership, note: Note) -> None:
    policy.require(membership, "note.create")
    if not can_see_note(membership=membership, note=note) or note.status != Status.SUBMITTED:
        raise PermissionDenied("You cannot respond to this note.")


@transaction.atomic
def me_too_add(*, membership: Membership, note: Note, comment: str = "") -> MeToo:
    """Add weight to someone else's note instead of writing a duplicate."""
    _check_can_respond(membership, note)
    if note.author_id == membership.user_id:
        raise ValidationError("This is your own note.")
    comment = comment.strip()
    if len(comment) > 1000:
        raise ValidationError({"comment": "Keep your comment under 1000 characters."})
    existing = MeToo.objects.filter(note=note, person=membership.user).first()
    if existing is not None:
        if comment and comment != existing.comment:
            existing.comment = comment
            existing.save(update_fields=["comment"])
            outside_text_update(obj=existing, author=membership.user, team=membership.team)
        return existing
    try:
        with transaction.atomic():
            me_too = MeToo.objects.create(
                organisation=membership.organisation, note=note, person=membership.user,
                comment=comment,
            )
    except IntegrityError:
        return MeToo.objects.get(note=note, person=membership.user)
    outside_text_update(obj=me_too, author=membership.user, team=membership.team)
    Note.objects.filter(pk=note.pk).update(me_too_count=F("me_too_count") + 1)
    audit.record(
        audit.NoteMeToo(with_comment=bool(comment)), organisation=membership.organisation,
        actor=membership.user, target=note,
    )
    notification_send(
        recipient=note.author, organisation=membership.organisation, kind=kinds.NOTE_ME_TOO.key,
        title="A colleague said 'me too' to your learning note", url=_note_url(note),
    )
    return me_too


@transaction.atomic
def reply_add(*, membership: Membership, note: Note, text: str) -> Reply:
    _check_can_respond(membership, note)
    text = text.strip()
    if not text:
        raise ValidationError({"text": "Enter your reply."})
    if len(text) > 2000:
        raise ValidationError({"text": "Keep your reply under 2000 characters."})
    by_author = note.author_id == membership.user_id
    reply = Reply.objects.create(
        organisation=membership.organisation, note=note, author=membership.user, text=text,
        is_anonymous=by_author and note.is_anonymous,
    )
    outside_text_update(obj=reply, author=membership.user, team=membership.team)
    Note.objects.filter(pk=note.pk).update(reply_count=F("reply_count") + 1)
    audit.record(
        audit.NoteReplied(), organisation=membership.organisation,
        actor=_actor_for(note, membership), target=note,
    )
    if not by_author:
        notification_send(
            recipient=note.author, organisation=membership.organisation,
            kind=kinds.NOTE_REPLY.key, title="Someone replied to your learning note",
            url=_note_url(note),
        )
    return reply


@transaction.atomic
def thanks_add(*, membership: Membership, note: Note) -> Thanks:
    _check_can_respond(membership, note)
    if note.author_id == membership.user_id:
        raise ValidationError("This is your own note.")
    thanks, created = Thanks.objects.get_or_create(
        note=note, person=membership.user, defaults={"organisation": membership.organisation}
    )
    if created:
        Note.objects.filter(pk=note.pk).update(thanks_count=F("thanks_count") + 1)
        audit.record(
            audit.NoteThanked(), organisation=membership.organisation, actor=membership.user,
            target=note,
        )
        notification_send(
            recipient=note.author, organisation=membership.organisation,
            kind=kinds.NOTE_THANKS.key, title="A colleague thanked you for your learning note",
            url=_note_url(note),
        )
    return thanks


@transaction.atomic
def note_report(
    *, membership: Membership, note: Note, reason: str, detail: str = ""
) -> NoteReport:
    """Hide a note at once and put it in front of the improvement leads."""
    if not can_see_note(membership=membership, note=note):
        raise PermissionDenied("You cannot report this note.")
    if reason not in ReportReason.values:
        raise ValidationError({"reason": "Choose why you are reporting this note."})
    if len(detail) > 2000:
        raise ValidationError({"detail": "Keep this under 2000 characters."})
    note = _locked(note, None)
    report = NoteReport.objects.create(
        organisation=membership.organisation, note=note, reporter=membership.user,
        reason=reason, detail=detail.strip(),
    )
    if note.hidden_at is None:
        note.hidden_at = timezone.now()
        note.save(update_fields=["hidden_at"])
    audit.record(
        audit.NoteReported(reason=reason), organisation=membership.organisation,
        actor=membership.user, target=note,
    )
    queue = reverse("learning:reports", kwargs={"org_slug": membership.organisation.slug})
    leads = Membership.objects.select_related("user").filter(
        role__in=policy.CAPABILITIES["note.moderate"][1], is_active=True
    )
    for lead in leads:
        notification_send(
            recipient=lead.user, organisation=membership.organisation,
            kind=kinds.NOTE_REPORTED.key,
            title="A learning note was reported and hidden: please review it", url=queue,
        )
    return report


@transaction.atomic
def note_report_review(
    *, membership: Membership, note: Note, outcome: str, comment: str = ""
) -> int:
    """Decide every open report on a note at once; returns how many were decided."""
    policy.require(membership, "note.moderate")
    if outcome not in (ReportOutcome.RESTORED, ReportOutcome.REMOVED):
        raise ValidationError({"outcome": "Choose whether to show the note again."})
    if len(comment) > 2000:
        raise ValidationError({"comment": "Keep this under 2000 characters."})
    note = _locked(note, None)
    reports = list(note.reports.select_for_update().filter(outcome=ReportOutcome.OPEN))
    if not reports:
        raise ValidationError("These reports have already been reviewed.")
    now = timezone.now()
    NoteReport.objects.filter(pk__in=[r.pk for r in reports]).update(
        outcome=outcome, reviewed_by=membership.user, reviewed_at=now,
        review_comment=comment.strip(),
    )
    if outcome == ReportOutcome.RESTORED:
        note.hidden_at = None
        note.save(update_fields=["hidden_at"])
    audit.record(
        audit.NoteReportReviewed(outcome=outcome, reports=len(reports)),
        organisation=membership.organisation, actor=membership.user, target=note,
    )
    url = _note_url(note)
    told = {note.author_id}
    notification_send(
        recipient=note.author, organisation=membership.organisation,
        kind=kinds.NOTE_REVIEWED.key,
        title=("Your learning note has been reviewed and is shown again"
               if outcome == ReportOutcome.RESTORED
               else "Your learning note has been reviewed and stays hidden"),
        url=url,
    )
    for report in reports:
        if report.reporter_id in told:
            continue
        told.add(report.reporter_id)
        notification_send(
            recipient=report.reporter, organisation=membership.organisation,
            kind=kinds.NOTE_REVIEWED.key,
            title="A learning note you reported has been reviewed", url=url,
        )
    return len(reports)


@transaction.atomic
def practice_areas_seed(*, organisation) -> list[PracticeArea]:
    """Give an organisation the default practice areas, once; admins change them later."""
    existing = PracticeArea.unscoped.filter(organisation=organisation)
    if existing.exists():
        return list(existing)
    return PracticeArea.unscoped.bulk_create(
        PracticeArea(organisation=organisation, name=name, position=position)
        for position, name in enumerate(DEFAULT_PRACTICE_AREAS)
    )


@transaction.atomic
def practice_area_add(*, membership: Membership, name: str) -> PracticeArea:
    policy.require(membership, "retention.set")
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": "Enter the practice area's name."})
    if PracticeArea.objects.filter(name__iexact=name).exists():
        raise ValidationError({"name": "This practice area already exists."})
    position = PracticeArea.objects.count()
    area = PracticeArea.objects.create(
        organisation=membership.organisation, name=name, position=position
    )
    audit.record(
        audit.PracticeAreasChanged(added=[name]), organisation=membership.organisation,
        actor=membership.user, target=area,
    )
    return area


@transaction.atomic
def practice_area_set_active(
    *, membership: Membership, area: PracticeArea, is_active: bool
) -> PracticeArea:
    """Hide an area from new notes (notes already filed under it keep it)."""
    policy.require(membership, "retention.set")
    if area.is_active != is_active:
        area.is_active = is_active
        area.save(update_fields=["is_active"])
        event = (audit.PracticeAreasChanged(shown=[area.name]) if is_active
                 else audit.PracticeAreasChanged(hidden=[area.name]))
        audit.record(event, organisation=membership.organisation, actor=membership.user,
                     target=area)
    return area
