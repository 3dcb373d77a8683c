"""Demo themes: a first discovery over the demo notes, so the demo opens with themes.

Idempotent: an organisation that has computed themes before is left alone. Until the privacy
demo shares notes beyond their teams, two in three demo notes are shared across the
organisation here, through the same de-identification, so that improvement leads (who sit in
no team) have learning to see.
"""

from django.db import transaction

from stepwise.core.tenancy import tenant_context
from stepwise.learning.models import Note, Status, Visibility
from stepwise.organisations.models import Organisation
from stepwise.privacy import review
from stepwise.privacy.services import note_review
from stepwise.themes import services
from stepwise.themes.models import ThemeRun

DEMO_ORGANISATIONS = ("wellbridge", "wellbridge-partnership")


def _share_some(organisation) -> int:
    if Note.objects.filter(visibility=Visibility.ORGANISATION).exists():
        return 0
    shared = []
    for note in Note.objects.filter(status=Status.SUBMITTED).order_by("pk"):
        if note.pk % 3 == 0:
            continue
        # The same redaction as an author's review, with every detection kept hidden.
        checked = note_review(note=note)
        redacted = review.redacted_fields(
            checked, review.final_spans(checked, shown=set(), phrases=[]))
        for field, text in redacted.items():
            setattr(note, f"shared_{field}", text)
        note.shared_approved_at = note.submitted_at
        note.visibility = Visibility.ORGANISATION
        shared.append(note)
    Note.objects.bulk_update(shared, [*(f"shared_{f}" for f in services.NOTE_FIELDS),
                                      "shared_approved_at", "visibility"])
    return len(shared)


@transaction.atomic
def load(stdout) -> None:
    for slug in DEMO_ORGANISATIONS:
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            continue
        with tenant_context(organisation):
            if ThemeRun.objects.exists() or not Note.objects.exists():
                continue
            shared = _share_some(organisation)
            run = services.themes_recompute(organisation=organisation)
        stdout.write(f"Themes: {run.theme_count} themes from {run.note_count} notes in "
                     f"{organisation.name} ({shared} notes shared across it for the demo).")
