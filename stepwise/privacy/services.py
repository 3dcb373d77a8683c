import hashlib
from collections import OrderedDict
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from stepwise.core import audit, policy
from stepwise.learning import hooks
from stepwise.learning.models import Note, Status, Visibility
from stepwise.organisations.models import Membership, Organisation
from stepwise.privacy import review as review_engine
from stepwise.privacy.deid import Deidentifier
from stepwise.privacy.models import OrganisationPhrase, PhraseKind, ShareReview

MAX_PHRASES = 50
_cache: OrderedDict[tuple, Deidentifier] = OrderedDict()


def deidentifier_for(organisation: Organisation) -> Deidentifier:
    """One engine per organisation, rebuilt only when its staff or its lists change."""
    staff = sorted(
        Membership.unscoped.filter(organisation=organisation, is_active=True)
        .values_list("user__full_name", flat=True)
    )
    phrases = list(
        OrganisationPhrase.unscoped.filter(organisation=organisation)
        .order_by("kind", "phrase").values_list("kind", "phrase")
    )
    signature = hashlib.sha256(repr((staff, phrases)).encode()).hexdigest()
    key = (organisation.pk, signature)
    if key not in _cache:
        _cache[key] = Deidentifier(
            staff_names=staff,
            allow=[p for k, p in phrases if k == PhraseKind.ALLOW],
            deny=[p for k, p in phrases if k == PhraseKind.DENY],
        )
        while len(_cache) > 32:
            _cache.popitem(last=False)
    _cache.move_to_end(key)
    return _cache[key]


def note_texts(note: Note) -> dict[str, str]:
    return {field: getattr(note, field) for field in review_engine.FIELDS}


def note_review(*, note: Note) -> review_engine.Review:
    return review_engine.prepare(note_texts(note), deidentifier_for(note.organisation))


def clean_phrases(raw: list[str]) -> list[str]:
    phrases = []
    for phrase in raw:
        phrase = " ".join(phrase.split())
        if phrase and phrase.lower() not in {p.lower() for p in phrases}:
            if len(phrase) > 120:
                raise ValidationError({"phrases": "Each word or phrase must be under 120 letters."})
            phrases.append(phrase)
    if len(phrases) > MAX_PHRASES:
        raise ValidationError({"phrases": f"Add at most {MAX_PHRASES} words or phrases."})
    return phrases


def _check_shareable(membership: Membership, note: Note) -> None:
    policy.require(membership, "note.create")
    if note.author_id != membership.user_id:
        raise ValidationError("Only the author can share a note beyond their team.")
    if note.status != Status.SUBMITTED or note.hidden_at is not None:
        raise ValidationError("Only a note shared with its team can go further.")
    if note.visibility != Visibility.TEAM:
        raise ValidationError("This note is already shared across the organisation.")


@transaction.atomic
def note_share_beyond_team(
    *, membership: Membership, note: Note, version: int, shown: set[str], phrases: list[str],
    confirmed: bool,
) -> Note:
    """Store only the redacted text for the wider audience, after the author has read it."""
    note = Note.objects.select_for_update().get(pk=note.pk)
    _check_shareable(membership, note)
    if note.version != version:
        raise ValidationError("The note changed while you were reviewing it. Check it again.")
    if not confirmed:
        raise ValidationError({"confirm": "Confirm that you have read the redacted version."})
    phrases = clean_phrases(phrases)
    review = note_review(note=note)
    known = {d.key for d in review.detections}
    shown = shown & known
    redacted = review_engine.redacted_fields(
        review, review_engine.final_spans(review, shown=shown, phrases=phrases)
    )
    for field, text in redacted.items():
        setattr(note, f"shared_{field}", text)
    note.visibility = Visibility.ORGANISATION
    note.shared_approved_at = timezone.now()
    note.version += 1
    note.save()
    ShareReview.objects.create(
        organisation=note.organisation, note=note,
        reviewer=None if note.is_anonymous else membership.user,
        detected=len(review.detections), kept_visible=len(shown), added=len(phrases),
    )
    audit.record(
        audit.NoteSharedBeyondTeam(detected=len(review.detections), kept_visible=len(shown),
                                   added=len(phrases)),
        organisation=note.organisation,
        actor=None if note.is_anonymous else membership.user, target=note,
    )
    hooks.note_changed(note.pk)
    return note


@transaction.atomic
def originals_purge(*, organisation: Organisation, now: datetime) -> int:
    """After the retention period only the redacted text remains, even for the team."""
    cutoff = now - timedelta(days=organisation.retention_days)
    due = (ShareReview.unscoped.select_related("note")
           .filter(organisation=organisation, original_purged_at__isnull=True,
                   created_at__lte=cutoff)
           .filter(Q(note__visibility=Visibility.ORGANISATION)))
    count = 0
    for share in due:
        note = share.note
        for field in review_engine.FIELDS:
            setattr(note, field, getattr(note, f"shared_{field}"))
        note.version += 1
        note.save(update_fields=[*review_engine.FIELDS, "version"])
        ShareReview.unscoped.filter(pk=share.pk).update(original_purged_at=now)
        count += 1
    return count


@transaction.atomic
def phrase_add(*, membership: Membership, kind: str, phrase: str) -> OrganisationPhrase:
    policy.require(membership, "privacy.lists")
    phrase = " ".join(phrase.split())
    if kind not in PhraseKind.values:
        raise ValidationError({"kind": "Choose a list."})
    if OrganisationPhrase.objects.filter(kind=kind, phrase__iexact=phrase).exists():
        raise ValidationError({"phrase": "That is already on the list."})
    item = OrganisationPhrase.objects.create(
        organisation=membership.organisation, kind=kind, phrase=phrase, added_by=membership.user
    )
    audit.record(audit.PrivacyListChanged(kind=kind, change="added"),
                 organisation=membership.organisation, actor=membership.user, target=item)
    return item


@transaction.atomic
def phrase_remove(*, membership: Membership, item: OrganisationPhrase) -> None:
    policy.require(membership, "privacy.lists")
    audit.record(audit.PrivacyListChanged(kind=item.kind, change="removed"),
                 organisation=membership.organisation, actor=membership.user, target=item)
    item.delete()
