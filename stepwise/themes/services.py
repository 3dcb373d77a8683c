"""Writes to themes: the recomputation, placing one new note, and the improvement lead's
curation (rename, merge, split, hide, pin), each checked and audited here."""

import time
import uuid
from collections import OrderedDict
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from stepwise.core import audit, policy
from stepwise.learning.models import Note, Status
from stepwise.learning.services import TEXT_FIELDS
from stepwise.privacy.deid import Deidentifier, redact
from stepwise.privacy.services import deidentifier_for
from stepwise.themes import engine
from stepwise.themes.models import (
    AssignedBy,
    StoredThemeModel,
    Theme,
    ThemeMembership,
    ThemeRun,
)

NOTE_FIELDS = TEXT_FIELDS
MAX_NAME = 120
BATCH = 1000


def _note_source(note: Note) -> tuple[str, bool]:
    """The note's text as it may travel beyond its team: the reviewed text once it has one."""
    shared = note.shared_approved_at is not None
    parts = (getattr(note, f"shared_{field}" if shared else field) for field in NOTE_FIELDS)
    return "\n".join(part for part in parts if part), shared


def _refresh_text(row: ThemeMembership, note: Note, deidentifier: Deidentifier) -> bool:
    text, from_shared = _note_source(note)
    if (row.pk and row.source_version == note.version and row.from_shared_text == from_shared
            and row.text):
        return False
    row.text = text if from_shared else redact(text, deidentifier.detect(text))
    row.source_version = note.version
    row.from_shared_text = from_shared
    return True


def _eligible_notes():
    return Note.objects.filter(status=Status.SUBMITTED, hidden_at__isnull=True)


def _final(theme: Theme, themes_by_pk: dict[int, Theme]) -> Theme:
    seen = set()
    while theme.merged_into_id is not None and theme.pk not in seen:
        seen.add(theme.pk)
        theme = themes_by_pk[theme.merged_into_id]
    return theme


def themes_recompute(*, organisation) -> ThemeRun:
    """Re-cluster every shared note, keeping theme identities and every curation.

    The clustering runs outside any transaction, so notes can be shared meanwhile; the
    results are written in one transaction that re-reads pins and merges made during the run.
    """
    started, clock = timezone.now(), time.perf_counter()
    texts, previous, pins = _texts_for_clustering(organisation)
    documents = [engine.Document(str(note_id), text) for note_id, text in texts.items()]
    discovery = engine.carry_keys(
        engine.discover(documents, seed_assignments=pins), previous)
    return _apply_discovery(organisation, documents, discovery, started=started, clock=clock)


@transaction.atomic
def _texts_for_clustering(organisation):
    notes = {note.pk: note for note in _eligible_notes().select_related("organisation")}
    ThemeMembership.objects.exclude(note__in=_eligible_notes()).delete()
    rows = {row.note_id: row for row in ThemeMembership.objects.select_related("theme")}
    # One engine for the whole run: looking it up per note would re-read the staff list.
    deidentifier = deidentifier_for(organisation)
    fresh, changed = [], []
    for note_id, note in notes.items():
        row = rows.get(note_id)
        if row is None:
            row = ThemeMembership(organisation=organisation, note=note)
            _refresh_text(row, note, deidentifier)
            fresh.append(row)
            rows[note_id] = row
        elif _refresh_text(row, note, deidentifier):
            changed.append(row)
    ThemeMembership.objects.bulk_create(fresh, batch_size=BATCH)
    ThemeMembership.objects.bulk_update(
        changed, ["text", "source_version", "from_shared_text"], batch_size=BATCH)
    texts = {note_id: rows[note_id].text for note_id in notes}
    previous = {str(n): (rows[n].engine_key or None) for n in notes}
    pins = {str(n): rows[n].theme.key for n in notes if rows[n].is_pinned}
    return texts, previous, pins


@transaction.atomic
def _apply_discovery(organisation, documents, discovery, *, started, clock) -> ThemeRun:
    themes = {theme.key: theme for theme in Theme.objects.all()}
    new_keys = sorted({key for key in discovery.assignments.values() if key} - set(themes))
    Theme.objects.bulk_create([Theme(organisation=organisation, key=key) for key in new_keys])
    themes = {theme.key: theme for theme in Theme.objects.all()}
    by_pk = {theme.pk: theme for theme in themes.values()}
    rows = {row.note_id: row for row in ThemeMembership.objects.select_for_update()
            .only("note_id", "theme_id", "is_pinned", "assigned_by", "engine_key")}

    moved = []
    for doc_id, key in discovery.assignments.items():
        row = rows.get(int(doc_id))
        if row is None:
            continue
        # A merge stays merged: whatever the engine finds under a merged-away key goes to
        # the theme it was merged into. A pin (perhaps made during the run) stays.
        placed = _final(themes[key], by_pk).pk if key else None
        theme_id = row.theme_id if row.is_pinned else placed
        assigned_by = row.assigned_by if row.is_pinned else AssignedBy.ENGINE
        engine_key = key or ""
        if (row.theme_id, row.assigned_by, row.engine_key) != (theme_id, assigned_by,
                                                               engine_key):
            row.theme_id, row.assigned_by, row.engine_key = theme_id, assigned_by, engine_key
            moved.append(row)
    ThemeMembership.objects.bulk_update(moved, ["theme", "assigned_by", "engine_key"],
                                        batch_size=BATCH)

    final_keys = {str(note_id): by_pk[row.theme_id].key if row.theme_id else None
                  for note_id, row in rows.items()}
    # The texts are already de-identified, so labels are made from them as they are.
    labels = engine.label_themes(documents, final_keys, deidentify=str)
    relabelled = []
    for key, label in labels.items():
        theme = themes[key]
        if theme.suggested_label != label.label[:300]:
            theme.suggested_label = label.label[:300]
            relabelled.append(theme)
    Theme.objects.bulk_update(relabelled, ["suggested_label"])

    StoredThemeModel.objects.update_or_create(
        organisation=organisation, defaults={"data": discovery.model.to_bytes()})
    theme_count = len({key for key in final_keys.values() if key})
    run = ThemeRun.objects.create(
        organisation=organisation, started_at=started, note_count=len(documents),
        theme_count=theme_count, duration_ms=round((time.perf_counter() - clock) * 1000))
    audit.record(audit.ThemesRecomputed(notes=len(documents), themes=theme_count),
                 organisation=organisation)
    return run


def themes_recompute_request(*, membership) -> None:
    policy.require(membership, "theme.curate")
    from stepwise.themes.tasks import recompute_themes

    organisation = membership.organisation
    with transaction.atomic():
        audit.record(audit.ThemesRecomputeRequested(), organisation=organisation,
                     actor=membership.user)
        transaction.on_commit(lambda: recompute_themes.enqueue(organisation.pk))


_models: "OrderedDict[tuple[int, object], engine.ThemeModel]" = OrderedDict()


def _stored_model(organisation) -> engine.ThemeModel | None:
    stored = StoredThemeModel.objects.only("updated_at").first()
    if stored is None:
        return None
    key = (organisation.pk, stored.updated_at)
    if key not in _models:
        data = StoredThemeModel.objects.values_list("data", flat=True).get(pk=stored.pk)
        _models[key] = engine.ThemeModel.from_bytes(bytes(data))
        while len(_models) > 16:
            _models.popitem(last=False)
    return _models[key]


@transaction.atomic
def note_theme_assign(*, note: Note) -> ThemeMembership | None:
    """Place a newly shared (or edited) note in the nearest theme at once.

    The engine's placement is recorded on the row (``assigned_by``), not in the audit log:
    nobody acted. A pinned note stays where a person put it.
    """
    if note.status != Status.SUBMITTED or note.hidden_at is not None:
        ThemeMembership.objects.filter(note=note).delete()
        return None
    row = (ThemeMembership.objects.select_for_update().filter(note=note).first()
           or ThemeMembership(organisation=note.organisation, note=note))
    _refresh_text(row, note, deidentifier_for(note.organisation))
    if not row.is_pinned:
        model = _stored_model(note.organisation)
        key = engine.assign(model, row.text) if model is not None else None
        row.engine_key = key or ""
        theme = None
        if key:
            theme, _ = Theme.objects.get_or_create(organisation=note.organisation, key=key)
            by_pk = {t.pk: t for t in Theme.objects.all()} if theme.merged_into_id else {}
            theme = _final(theme, by_pk)
        row.theme, row.assigned_by = theme, AssignedBy.ENGINE
    row.save()
    return row


def _require_open(theme: Theme) -> None:
    if theme.merged_into_id is not None:
        raise ValidationError("This theme was merged into another; change that one instead.")


@transaction.atomic
def theme_rename(*, membership, theme: Theme, name: str) -> Theme:
    policy.require(membership, "theme.curate")
    _require_open(theme)
    name = " ".join(name.split())
    if len(name) > MAX_NAME:
        raise ValidationError({"name": f"Name must be {MAX_NAME} characters or fewer."})
    old = theme.name
    theme.name = name
    theme.save(update_fields=["name", "updated_at"])
    audit.record(audit.ThemeRenamed(old_name=old, new_name=name),
                 organisation=theme.organisation, actor=membership.user, target=theme)
    return theme


@transaction.atomic
def theme_merge(*, membership, theme: Theme, into: Theme) -> Theme:
    """Every note of ``theme`` moves to ``into``; later recomputations keep it so."""
    policy.require(membership, "theme.curate")
    _require_open(theme)
    if into.pk == theme.pk:
        raise ValidationError({"into": "Choose a different theme to merge into."})
    if into.merged_into_id is not None:
        raise ValidationError({"into": "That theme was itself merged; choose another."})
    moved = ThemeMembership.objects.filter(theme=theme).update(theme=into)
    Theme.objects.filter(merged_into=theme).update(merged_into=into)
    theme.merged_into = into
    theme.save(update_fields=["merged_into", "updated_at"])
    audit.record(audit.ThemesMerged(into_theme=into.pk, notes_moved=moved),
                 organisation=theme.organisation, actor=membership.user, target=theme)
    return into


@transaction.atomic
def theme_split(*, membership, theme: Theme, notes: Sequence[Note], name: str) -> Theme:
    """Move the chosen notes into a new theme, pinned there so the split survives."""
    policy.require(membership, "theme.curate")
    _require_open(theme)
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": "Enter a name for the new theme."})
    if len(name) > MAX_NAME:
        raise ValidationError({"name": f"Name must be {MAX_NAME} characters or fewer."})
    rows = ThemeMembership.objects.filter(theme=theme, note__in=list(notes))
    if not notes or rows.count() != len(notes):
        raise ValidationError({"notes": "Choose notes of this theme to move."})
    if rows.count() == ThemeMembership.objects.filter(theme=theme).count():
        raise ValidationError({"notes": "Leave at least one note in this theme, or rename it "
                                        "instead."})
    new = Theme.objects.create(organisation=theme.organisation,
                               key=f"split-{uuid.uuid4().hex[:12]}", name=name)
    moved = rows.update(theme=new, is_pinned=True, assigned_by=AssignedBy.PERSON)
    audit.record(audit.ThemeSplit(new_theme=new.pk, notes_moved=moved),
                 organisation=theme.organisation, actor=membership.user, target=theme)
    return new


@transaction.atomic
def theme_set_hidden(*, membership, theme: Theme, hidden: bool) -> Theme:
    policy.require(membership, "theme.curate")
    _require_open(theme)
    if theme.is_hidden != hidden:
        theme.is_hidden = hidden
        theme.save(update_fields=["is_hidden", "updated_at"])
        audit.record(audit.ThemeHiddenChanged(hidden=hidden),
                     organisation=theme.organisation, actor=membership.user, target=theme)
    return theme


@transaction.atomic
def note_theme_pin(*, membership, note: Note, theme: Theme) -> ThemeMembership:
    policy.require(membership, "theme.curate")
    if theme.merged_into_id is not None:
        raise ValidationError({"theme": "That theme was merged; choose the one it joined."})
    if note.status != Status.SUBMITTED or note.hidden_at is not None:
        raise ValidationError("Only shared notes belong to themes.")
    row = (ThemeMembership.objects.select_for_update().filter(note=note).first()
           or ThemeMembership(organisation=note.organisation, note=note))
    _refresh_text(row, note, deidentifier_for(note.organisation))
    before = row.theme_id
    row.theme, row.is_pinned, row.assigned_by = theme, True, AssignedBy.PERSON
    row.save()
    audit.record(audit.NotePinnedToTheme(theme=theme.pk, from_theme=before),
                 organisation=note.organisation, actor=membership.user, target=note)
    return row
