from datetime import time

from django_tasks import task

from stepwise.core import scheduler
from stepwise.core.tenancy import tenant_context
from stepwise.learning.models import Note
from stepwise.organisations.models import Organisation
from stepwise.themes import services


@task()
def recompute_themes(organisation_id: int) -> dict:
    organisation = Organisation.objects.get(pk=organisation_id)
    with tenant_context(organisation):
        run = services.themes_recompute(organisation=organisation)
    return {"notes": run.note_count, "themes": run.theme_count, "ms": run.duration_ms}


@task()
def assign_note_theme(note_id: int) -> str | None:
    note = Note.unscoped.select_related("organisation").filter(pk=note_id).first()
    if note is None:
        return None
    with tenant_context(note.organisation):
        row = services.note_theme_assign(note=note)
    return row.theme.key if row is not None and row.theme is not None else None


@task()
def recompute_all_themes(period: str) -> dict:
    """Nightly: one recomputation task per active organisation."""
    ids = list(Organisation.objects.filter(is_active=True).values_list("pk", flat=True))
    for organisation_id in ids:
        recompute_themes.enqueue(organisation_id)
    return {"period": period, "organisations": len(ids)}


scheduler.register(scheduler.Job(
    name="themes.recompute", cadence="daily", at=time(1, 30),
    enqueue=lambda period: recompute_all_themes.enqueue(period),
))
