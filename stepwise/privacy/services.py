import hashlib
from collections import OrderedDict
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from stepwise.core import audit, policy
from stepwise.learning import hooks
from stepwise.learning.models import Note, Status, Visibility
from stepwise.organisations.models import Membership, Organisation, Team
from stepwise.privacy import outside
from stepwise.privacy import review as review_engine
from stepwise.privacy.deid import Deidentifier
from stepwise.privacy.models import OrganisationPhrase, OutsideText, PhraseKind, ShareReview

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
    # Team names are the organisation's own words, not anyone's identity ("Assessment North"
    # is not a Mr North): cycles name their team in "who" and "where".
    teams = sorted(Team.unscoped.filter(organisation=organisation).values_list("name", flat=True))
    signature = hashlib.sha256(repr((staff, phrases, teams)).encode()).hexdigest()
    key = (organisation.pk, signature)
    if key not in _cache:
        _cache[key] = Deidentifier(
            staff_names=staff,
            allow=[*teams, *(p for k, p in phrases if k == PhraseKind.ALLOW)],
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


# Text seen beyond its team (ideas, cycles, replies, comments, findings) ---------------------


def outside_text_update(*, obj: models.Model, author, fields: Iterable[str] | None = None,
                        team: Team | int | None = None, deidentifier: Deidentifier | None = None
                        ) -> list[OutsideText]:
    """De-identify a covered object's text for outsiders; call it in the saving transaction.

    ``fields`` are the ones ``author`` just wrote (default: all); the others keep their author.
    ``team`` is the writer's team for texts read in full by the writer's own team (replies,
    comments); other kinds name their team themselves (``outside.COVERED``). The author's
    earlier corrections are applied again.
    """
    covered = outside.covered_for(obj)
    written = set(covered.fields if fields is None else fields)
    rows = {row.field: row for row in OutsideText.unscoped.filter(
        organisation_id=obj.organisation_id,
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)}
    kept = next((row.kept for row in rows.values()), [])
    hidden = next((row.hidden for row in rows.values()), [])
    texts = {name: getattr(obj, name) or "" for name in covered.fields}
    if not any(texts.values()) and not rows:
        obj._outside_texts = {}
        return []
    computed = outside.compute(texts, covered.fields,
                               deidentifier or deidentifier_for(obj.organisation),
                               kept=kept, hidden=hidden)
    team_id = covered.team_id(obj) if covered.team_id is not None else None
    if team_id is None:
        team_id = getattr(team, "pk", team)
    author_id = getattr(author, "pk", author)
    now = timezone.now()
    created, updated, gone = [], [], []
    for name in covered.fields:
        row = rows.get(name)
        if not texts[name]:
            if row is not None:
                gone.append(row.pk)
            continue
        if row is None:
            row = OutsideText(organisation_id=obj.organisation_id,
                              content_type=ContentType.objects.get_for_model(obj),
                              object_id=obj.pk, field=name, author_id=author_id,
                              kept=kept, hidden=hidden)
            created.append(row)
        else:
            updated.append(row)
            if name in written:
                row.author_id = author_id
        if covered.team_id is not None or name in written:
            row.team_id = team_id
        row.text = computed[name].text
        row.spans = computed[name].spans
        row.source_digest = outside.digest(texts[name])
        row.computed_at = now
    if gone:
        OutsideText.unscoped.filter(pk__in=gone).delete()
    OutsideText.unscoped.bulk_create(created)
    OutsideText.unscoped.bulk_update(
        updated, ["author", "team", "text", "spans", "source_digest", "computed_at"])
    result = [*created, *updated]
    obj._outside_texts = {row.field: row for row in result}
    return result


@transaction.atomic
def outside_text_correct(*, membership: Membership, obj: models.Model, kept: list[str],
                         hidden: list[str]) -> list[OutsideText]:
    """The author's corrections to what outsiders read: kept phrases and phrases to hide.

    Both lists replace the earlier ones and stay with the text through later edits. The audit
    event counts them; it never holds the words.
    """
    rows = list(OutsideText.objects.select_for_update().filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk))
    if not any(row.author_id == membership.user_id for row in rows):
        raise PermissionDenied("Only the person who wrote this text can correct it.")
    hidden = clean_phrases(hidden)
    kept = list(dict.fromkeys(" ".join(p.split()) for p in kept if p.strip()))
    if len(kept) > MAX_PHRASES:
        raise ValidationError({"show": f"Keep at most {MAX_PHRASES} words or phrases visible."})
    before_kept = {p.lower() for p in rows[0].kept} if rows else set()
    before_hidden = {p.lower() for p in rows[0].hidden} if rows else set()
    OutsideText.objects.filter(pk__in=[row.pk for row in rows]).update(kept=kept, hidden=hidden)
    result = outside_text_update(obj=obj, author=None, fields=())
    audit.record(
        audit.OutsideTextCorrected(
            kept=len(kept), hidden=len(hidden),
            newly_kept=len({p.lower() for p in kept} - before_kept),
            newly_hidden=len({p.lower() for p in hidden} - before_hidden)),
        organisation=membership.organisation,
        actor=None if getattr(obj, "is_anonymous", False) else membership.user, target=obj,
    )
    return result


def outside_texts_backfill(*, organisation: Organisation, stale_only: bool = True) -> int:
    """Compute outsider text for rows saved before it existed (or by a path that skipped it)."""
    from django.apps import apps

    deidentifier = deidentifier_for(organisation)
    teams = dict(Membership.unscoped.filter(organisation=organisation, is_active=True)
                 .values_list("user_id", "team_id"))
    count = 0
    for label, covered in outside.COVERED.items():
        model = apps.get_model(label)
        for obj in model.unscoped.filter(organisation=organisation).iterator(chunk_size=500):
            if stale_only and _outside_fresh(obj, covered):
                continue
            author_id = covered.author_id(obj)
            with transaction.atomic():
                outside_text_update(obj=obj, author=author_id, team=teams.get(author_id),
                                    deidentifier=deidentifier)
            count += 1
    return count


def _outside_fresh(obj: models.Model, covered: outside.Covered) -> bool:
    if not any(getattr(obj, name) for name in covered.fields):
        return True
    rows = outside._rows(obj)
    for name in covered.fields:
        text = getattr(obj, name) or ""
        row = rows.get(name)
        if text and (row is None or row.source_digest != outside.digest(text)):
            return False
    return True


def outside_texts_forget(*, model: type[models.Model], ids: Iterable[int], organisation) -> int:
    """Delete the outsider copies with the text they were made from (purges, withdrawals)."""
    deleted, _ = OutsideText.unscoped.filter(
        organisation=organisation, content_type=ContentType.objects.get_for_model(model),
        object_id__in=list(ids)).delete()
    return deleted
