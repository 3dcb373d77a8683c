"""Free text seen beyond its team: which fields, who reads the original, what everyone else reads.

Every service that saves a covered field calls ``services.outside_text_update`` in its
transaction; every page that shows one reads it through ``shown_text`` (or the ``{% shown %}``
tag), which returns the original to the text's team and its author and the stored
de-identified version to everyone else. A row that is missing or older than the text (written
by a path that forgot to update it) is never trusted: the text is de-identified again on the
spot, so a forgotten call costs time, never privacy.
"""

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import models

from stepwise.privacy import review as review_engine
from stepwise.privacy.deid import Deidentifier, Span


def _idea_team(obj) -> int | None:
    return obj.idea.team_id


@dataclass(frozen=True)
class Covered:
    """One model's free-text fields that can be read outside their team."""

    labels: dict[str, str]
    author_id: Callable[[models.Model], int | None]
    # The team that reads the original; None for texts whose writer's own team reads it
    # (the saving service passes that team, since a person's team is not on the row).
    team_id: Callable[[models.Model], int | None] | None
    url: Callable[[models.Model], str]
    noun: str
    fields: tuple[str, ...] = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "fields", tuple(self.labels))


def _note_url(obj) -> str:
    return obj.note.get_absolute_url()


def _idea_url(obj) -> str:
    return obj.idea.get_absolute_url()


def _measure_url(measure) -> str:
    from django.urls import reverse

    return reverse("measures:detail", kwargs={"org_slug": measure.organisation.slug,
                                              "measure_id": measure.pk})


def _check_url(obj) -> str:
    from django.urls import reverse

    return reverse("measures:check", kwargs={"org_slug": obj.organisation.slug,
                                             "check_id": obj.pk})


COVERED: dict[str, Covered] = {
    "learning.reply": Covered(
        {"text": "Your reply"}, lambda o: o.author_id, None, _note_url, "reply"),
    "learning.metoo": Covered(
        {"comment": "Your “me too” comment"}, lambda o: o.person_id, None, _note_url,
        "“me too” comment"),
    "improvements.idea": Covered(
        {"title": "Title", "change": "We will", "prediction": "We expect",
         "measure_label": "Measured by", "abandon_reason": "Why abandoned"},
        lambda o: o.author_id, lambda o: o.team_id, lambda o: o.get_absolute_url(), "idea"),
    "improvements.cycle": Covered(
        {"plan_what": "Plan", "plan_who": "Who", "plan_where": "Where",
         "plan_prediction": "Prediction", "plan_data": "Data", "do_what_happened": "Do",
         "do_problems": "Problems", "do_observations": "Observations",
         "study_result": "Study", "act_notes": "Act"},
        lambda o: o.created_by_id, _idea_team, _idea_url, "PDSA cycle"),
    "improvements.concern": Covered(
        {"text": "Concern", "resolution": "Resolution"},
        lambda o: o.raised_by_id, _idea_team, _idea_url, "concern"),
    "improvements.concernreply": Covered(
        {"text": "Your reply"}, lambda o: o.author_id, lambda o: o.concern.idea.team_id,
        lambda o: o.concern.idea.get_absolute_url(), "reply to a concern"),
    "improvements.supporter": Covered(
        {"comment": "Your comment"}, lambda o: o.person_id, None, _idea_url, "support comment"),
    # Charts (and the reports made of them) are read everywhere: they always show this one.
    "measures.datapoint": Covered(
        {"note": "Note"}, lambda o: o.entered_by_id, lambda o: o.measure.team_id,
        lambda o: _measure_url(o.measure), "figure's note"),
    "measures.sustaincheck": Covered(
        {"finding": "What you found"}, lambda o: o.resolved_by_id,
        lambda o: o.watch.measure.team_id, _check_url, "sustain check finding"),
}


def covered_for(obj: models.Model) -> Covered:
    return COVERED[obj._meta.label_lower]


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class Computed:
    text: str
    spans: list[dict]


def compute(texts: dict[str, str], fields: tuple[str, ...], deidentifier: Deidentifier,
            *, kept: Iterable[str] = (), hidden: Iterable[str] = ()) -> dict[str, Computed]:
    """The object's fields de-identified together, so a person has one number throughout."""
    prepared, spans = final_spans_for(texts, fields, deidentifier, kept=kept, hidden=hidden)
    redacted = review_engine.redacted_fields(prepared, spans)
    by_field: dict[str, list[dict]] = {name: [] for name in fields}
    for d in prepared.detections:
        by_field[d.field].append({"start": d.start, "end": d.end, "type": d.type})
    return {name: Computed(redacted[name], by_field[name]) for name in fields}


def final_spans_for(texts: dict[str, str], fields: tuple[str, ...], deidentifier: Deidentifier,
                    *, kept: Iterable[str], hidden: Iterable[str]
                    ) -> tuple[review_engine.Review, list[Span]]:
    prepared = review_engine.prepare(texts, deidentifier, fields)
    return prepared, review_engine.final_spans(prepared, shown=_shown(prepared, kept), phrases=list(hidden))


def _phrase_key(phrase: str) -> str:
    # "the Larkfield estate" marked not personal covers "Larkfield estate" too.
    lower = " ".join(phrase.lower().split())
    return lower[4:] if lower.startswith("the ") else lower


def _shown(prepared: review_engine.Review, kept: Iterable[str]) -> set:
    """The detections the writer marked "not personal", wherever the same words come again."""
    kept_keys = {_phrase_key(phrase) for phrase in kept}
    return {d.key for d in prepared.detections if _phrase_key(d.text) in kept_keys}


# Reads ---------------------------------------------------------------------------------------


def _rows(obj: models.Model) -> dict:
    rows = getattr(obj, "_outside_texts", None)
    if rows is None:
        from stepwise.privacy.models import OutsideText

        content_type = ContentType.objects.get_for_model(obj)
        rows = {row.field: row for row in OutsideText.unscoped.filter(
            organisation_id=obj.organisation_id, content_type=content_type, object_id=obj.pk)}
        obj._outside_texts = rows
    return rows


def prefetch(objects: Iterable[models.Model]) -> None:
    """One query per kind of object for a whole list (boards, the library, threads)."""
    from stepwise.privacy.models import OutsideText

    by_model: dict[type, list[models.Model]] = {}
    for obj in objects:
        if obj is not None and obj.pk is not None:
            by_model.setdefault(type(obj), []).append(obj)
    for model, items in by_model.items():
        content_type = ContentType.objects.get_for_model(model)
        found: dict[int, dict] = {obj.pk: {} for obj in items}
        for row in OutsideText.unscoped.filter(
                organisation_id=items[0].organisation_id, content_type=content_type,
                object_id__in=list(found)):
            found[row.object_id][row.field] = row
        for obj in items:
            obj._outside_texts = found[obj.pk]
        # Rows missing or out of date are de-identified on reading: one engine for the whole
        # list, built only if some row needs it, not a staff-list read per row.
        engine = _ListEngine(items[0])
        for obj in items:
            obj._outside_engine = engine


class _ListEngine:
    def __init__(self, obj: models.Model) -> None:
        self._obj, self._engine = obj, None

    def __call__(self):
        if self._engine is None:
            from stepwise.privacy.services import deidentifier_for

            self._engine = deidentifier_for(self._obj.organisation)
        return self._engine


def sees_original(membership, row_or_audience) -> bool:
    if membership is None:
        return False
    team_id, author_id = row_or_audience
    return author_id == membership.user_id or (
        team_id is not None and team_id == membership.team_id)


def _fallback_audience(obj: models.Model) -> tuple[int | None, int | None]:
    covered = covered_for(obj)
    return (covered.team_id(obj) if covered.team_id else None), covered.author_id(obj)


def shown_text(membership, obj: models.Model, name: str) -> str:
    """What this viewer may read of one covered field."""
    original = getattr(obj, name) or ""
    if not original:
        return ""
    row = _rows(obj).get(name)
    if row is not None and row.source_digest == digest(original):
        if sees_original(membership, (row.team_id, row.author_id)):
            return original
        return row.text
    audience = (row.team_id, row.author_id) if row is not None else _fallback_audience(obj)
    if sees_original(membership, audience):
        return original
    fresh = getattr(obj, "_outside_fresh", None)
    if fresh is None:
        from stepwise.privacy.services import deidentifier_for

        covered = covered_for(obj)
        texts = {f: getattr(obj, f) or "" for f in covered.fields}
        shared = getattr(obj, "_outside_engine", None)
        engine = shared() if shared is not None else deidentifier_for(obj.organisation)
        fresh = obj._outside_fresh = compute(
            texts, covered.fields, engine,
            kept=row.kept if row is not None else [],
            hidden=row.hidden if row is not None else [])
    return fresh[name].text


def authored_rows(membership, obj: models.Model) -> list:
    """The rows of ``obj`` this viewer wrote, in the model's field order: what they may correct."""
    if membership is None:
        return []
    rows = _rows(obj)
    covered = covered_for(obj)
    return [rows[name] for name in covered.fields
            if name in rows and rows[name].author_id == membership.user_id]


def matching_ids(model: type[models.Model], fields: Iterable[str], query: str):
    """Ids of objects whose outsider text contains ``query``: searching org-wide lists must not
    reveal which entries mention a name that only their team can read."""
    from stepwise.privacy.models import OutsideText

    return OutsideText.objects.filter(
        content_type=ContentType.objects.get_for_model(model), field__in=list(fields),
        text__icontains=query,
    ).values("object_id")
