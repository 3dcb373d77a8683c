from collections import Counter

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from stepwise.core.models import AuditEvent
from stepwise.themes import services
from stepwise.themes.models import Theme, ThemeMembership, ThemeRun
from stepwise.themes.selectors import hidden_themes, theme_rows
from stepwise.themes.tasks import assign_note_theme, recompute_themes
from stepwise.themes.tests.conftest import make_note, note_texts


def _assignments(tenant) -> dict[int, str | None]:
    with tenant.context():
        return {row.note_id: (row.theme.key if row.theme_id else None)
                for row in ThemeMembership.objects.select_related("theme")}


def _recompute(tenant):
    with tenant.context():
        return services.themes_recompute(organisation=tenant.organisation)


def _theme_of(tenant, note) -> Theme:
    with tenant.context():
        return ThemeMembership.objects.select_related("theme").get(note=note).theme


def _themes_by_topic(tenant, themed_notes) -> dict[str, Theme]:
    """The theme holding most of each topic's notes."""
    found = {}
    for topic in {t for t, _ in themed_notes}:
        counts = Counter(_theme_of(tenant, n).pk for t, n in themed_notes if t == topic)
        with tenant.context():
            found[topic] = Theme.objects.get(pk=counts.most_common(1)[0][0])
    return found


def test_recompute_groups_notes_and_records_a_run(tenant_a, themed_notes):
    run = _recompute(tenant_a)
    assert run.note_count == len(themed_notes) and run.theme_count >= 3
    themes = _themes_by_topic(tenant_a, themed_notes)
    assert len({t.pk for t in themes.values()}) == 3
    assert themes["domestic-abuse"].key == "domestic-abuse"
    assert all(t.suggested_label for t in themes.values())
    with tenant_a.context():
        assert ThemeRun.objects.count() == 1
        assert AuditEvent.objects.filter(action="themes.recomputed").count() == 1


def test_same_input_gives_the_same_themes(tenant_a, tenant_b, themed_notes):
    _recompute(tenant_a)
    first = _assignments(tenant_a)
    _recompute(tenant_a)
    assert _assignments(tenant_a) == first
    # Another organisation with the same notes gets the same themes.
    twins = {make_note(tenant_b, note.what_happened, days_ago=1).pk: note.pk
             for _, note in themed_notes}
    _recompute(tenant_b)
    other = _assignments(tenant_b)
    assert {twins[pk]: key for pk, key in other.items()} == first


def test_rename_survives_recomputation(tenant_a, themed_notes):
    _recompute(tenant_a)
    theme = _themes_by_topic(tenant_a, themed_notes)["voice-of-the-child"]
    with tenant_a.context():
        services.theme_rename(membership=tenant_a.improvement_lead, theme=theme,
                              name="  Hearing   children  ")
    _recompute(tenant_a)
    theme.refresh_from_db()
    assert theme.name == "Hearing children" and theme.title == "Hearing children"
    assert _themes_by_topic(tenant_a, themed_notes)["voice-of-the-child"] == theme
    with tenant_a.context():
        assert AuditEvent.objects.get(action="theme.renamed").data["new_name"] == (
            "Hearing children")


def test_merge_stays_merged(tenant_a, themed_notes):
    _recompute(tenant_a)
    themes = _themes_by_topic(tenant_a, themed_notes)
    gone, kept = themes["domestic-abuse"], themes["information-sharing"]
    with tenant_a.context():
        services.theme_merge(membership=tenant_a.improvement_lead, theme=gone, into=kept)
    _recompute(tenant_a)
    _recompute(tenant_a)
    gone.refresh_from_db()
    assert gone.merged_into == kept
    for topic, note in themed_notes:
        if topic in ("domestic-abuse", "information-sharing"):
            assert _theme_of(tenant_a, note) == kept
    with tenant_a.context():
        assert not ThemeMembership.objects.filter(theme=gone).exists()
        listed = {row.theme for row in theme_rows(membership=tenant_a.improvement_lead)}
    assert kept in listed and gone not in listed


def test_split_stays_split(tenant_a, themed_notes):
    _recompute(tenant_a)
    theme = _themes_by_topic(tenant_a, themed_notes)["information-sharing"]
    moving = [n for t, n in themed_notes if t == "information-sharing"][:3]
    with tenant_a.context():
        new = services.theme_split(membership=tenant_a.improvement_lead, theme=theme,
                                   notes=moving, name="GP information")
    _recompute(tenant_a)
    for note in moving:
        assert _theme_of(tenant_a, note) == new
    new.refresh_from_db()
    assert new.name == "GP information" and new.merged_into is None
    assert _themes_by_topic(tenant_a, themed_notes)["information-sharing"] == theme


def test_hidden_stays_hidden(tenant_a, themed_notes):
    _recompute(tenant_a)
    theme = _themes_by_topic(tenant_a, themed_notes)["voice-of-the-child"]
    with tenant_a.context():
        services.theme_set_hidden(membership=tenant_a.improvement_lead, theme=theme,
                                  hidden=True)
    _recompute(tenant_a)
    theme.refresh_from_db()
    assert theme.is_hidden
    with tenant_a.context():
        rows = {r.theme: r for r in theme_rows(membership=tenant_a.improvement_lead)}
        assert rows[theme].theme.is_hidden
        assert theme in hidden_themes()


def test_pinned_note_stays_where_it_was_pinned(tenant_a, themed_notes):
    _recompute(tenant_a)
    themes = _themes_by_topic(tenant_a, themed_notes)
    note = next(n for t, n in themed_notes if t == "domestic-abuse")
    with tenant_a.context():
        services.note_theme_pin(membership=tenant_a.improvement_lead, note=note,
                                theme=themes["voice-of-the-child"])
    _recompute(tenant_a)
    assert _theme_of(tenant_a, note) == themes["voice-of-the-child"]
    # A newly placed note does not move a pinned one either.
    with tenant_a.context():
        services.note_theme_assign(note=note)
    assert _theme_of(tenant_a, note) == themes["voice-of-the-child"]


@pytest.mark.parametrize("role", ["practitioner", "team_manager", "org_admin"])
def test_only_improvement_leads_curate(tenant_a, themed_notes, role):
    _recompute(tenant_a)
    theme = _themes_by_topic(tenant_a, themed_notes)["domestic-abuse"]
    with tenant_a.context(), pytest.raises(PermissionDenied):
        services.theme_rename(membership=getattr(tenant_a, role), theme=theme, name="x")
    with tenant_a.context(), pytest.raises(PermissionDenied):
        services.themes_recompute_request(membership=getattr(tenant_a, role))


def test_curation_refuses_nonsense(tenant_a, themed_notes):
    _recompute(tenant_a)
    themes = _themes_by_topic(tenant_a, themed_notes)
    lead = tenant_a.improvement_lead
    da, info = themes["domestic-abuse"], themes["information-sharing"]
    with tenant_a.context():
        with pytest.raises(ValidationError):
            services.theme_merge(membership=lead, theme=da, into=da)
        all_notes = [n for t, n in themed_notes if _theme_of(tenant_a, n) == info]
        with pytest.raises(ValidationError):
            services.theme_split(membership=lead, theme=info, notes=all_notes, name="All")
        with pytest.raises(ValidationError):
            services.theme_split(membership=lead, theme=info, notes=all_notes[:1], name=" ")
        services.theme_merge(membership=lead, theme=da, into=info)
        with pytest.raises(ValidationError):
            services.theme_rename(membership=lead, theme=da, name="Too late")


def test_a_new_note_joins_the_nearest_theme_at_once(tenant_a, themed_notes):
    _recompute(tenant_a)
    themes = _themes_by_topic(tenant_a, themed_notes)
    note = make_note(tenant_a, "Dad's partner hit mum again; domestic abuse and coercive "
                               "control, and the MARAC referral waited a week.")
    with tenant_a.context():
        row = services.note_theme_assign(note=note)
    assert row.theme == themes["domestic-abuse"] and row.assigned_by == "engine"
    # Into the theme it was merged into, once merged.
    with tenant_a.context():
        services.theme_merge(membership=tenant_a.improvement_lead,
                             theme=themes["domestic-abuse"],
                             into=themes["voice-of-the-child"])
    second = make_note(tenant_a, "Domestic abuse: mum disclosed coercive control and the "
                                 "DASH risk assessment was done at once.")
    assert assign_note_theme.call(second.pk) == themes["voice-of-the-child"].key


def test_a_note_before_any_recomputation_waits_without_a_theme(tenant_a):
    note = make_note(tenant_a, "Mum disclosed domestic abuse at the visit.")
    with tenant_a.context():
        row = services.note_theme_assign(note=note)
    assert row.theme is None and row.text


def test_withdrawn_notes_leave_their_theme(tenant_a, themed_notes):
    _recompute(tenant_a)
    note = themed_notes[0][1]
    note.status, note.withdrawn_at = "withdrawn", note.submitted_at
    note.save()
    _recompute(tenant_a)
    with tenant_a.context():
        assert not ThemeMembership.objects.filter(note=note).exists()


def test_recompute_task_and_nightly_job(tenant_a, tenant_b, themed_notes):
    result = recompute_themes.call(tenant_a.organisation.pk)
    assert result["notes"] == len(themed_notes)
    with tenant_b.context():
        assert not Theme.objects.exists() and not ThemeRun.objects.exists()
    from stepwise.core import scheduler

    assert "themes.recompute" in {job.name for job in scheduler.registered_jobs()}


def test_recompute_request_enqueues_on_commit(tenant_a, django_capture_on_commit_callbacks):
    with tenant_a.context(), django_capture_on_commit_callbacks() as callbacks:
        services.themes_recompute_request(membership=tenant_a.improvement_lead)
    assert len(callbacks) == 1
    with tenant_a.context():
        assert AuditEvent.objects.filter(action="themes.recompute_requested").exists()


def test_themes_are_per_organisation(tenant_a, tenant_b, themed_notes):
    _recompute(tenant_a)
    for _, text in note_texts()[:4]:
        make_note(tenant_b, text)
    _recompute(tenant_b)
    with tenant_a.context():
        mine = set(Theme.objects.values_list("pk", flat=True))
    with tenant_b.context():
        theirs = set(Theme.objects.values_list("pk", flat=True))
        assert ThemeMembership.objects.count() == 4
        assert theme_rows(membership=tenant_b.improvement_lead)
        assert not {r.theme.pk for r in theme_rows(membership=tenant_b.improvement_lead)} & mine
    assert mine and theirs and not mine & theirs


def test_curation_during_a_run_is_kept(tenant_a, themed_notes):
    """The clustering runs outside the transaction; a pin or merge made meanwhile wins."""
    import time

    from django.utils import timezone

    from stepwise.themes import engine

    _recompute(tenant_a)
    themes = _themes_by_topic(tenant_a, themed_notes)
    note = next(n for t, n in themed_notes if t == "domestic-abuse")
    lead = tenant_a.improvement_lead
    with tenant_a.context():
        texts, previous, pins = services._texts_for_clustering(tenant_a.organisation)
        documents = [engine.Document(str(k), v) for k, v in texts.items()]
        discovery = engine.carry_keys(engine.discover(documents, seed_assignments=pins),
                                      previous)
        services.note_theme_pin(membership=lead, note=note, theme=themes["voice-of-the-child"])
        services.theme_merge(membership=lead, theme=themes["information-sharing"],
                             into=themes["voice-of-the-child"])
        services._apply_discovery(tenant_a.organisation, documents, discovery,
                                  started=timezone.now(), clock=time.perf_counter())
    assert _theme_of(tenant_a, note) == themes["voice-of-the-child"]
    for topic, other in themed_notes:
        if topic == "information-sharing":
            assert _theme_of(tenant_a, other) == themes["voice-of-the-child"]


def test_text_comes_from_the_reviewed_text_once_shared(tenant_a):
    note = make_note(tenant_a, "Mum disclosed domestic abuse to Zebedee Quarrington.",
                     shared=False)
    with tenant_a.context():
        row = services.note_theme_assign(note=note)
        assert "Quarrington" not in row.text and "domestic abuse" in row.text
        note.visibility, note.shared_approved_at = "organisation", note.submitted_at
        note.shared_what_happened = "Mum disclosed domestic abuse to a neighbour."
        note.save()
        row = services.note_theme_assign(note=note)
        assert row.text == "Mum disclosed domestic abuse to a neighbour."
        assert row.from_shared_text


def test_a_shared_note_is_placed_in_a_theme_after_commit(
    tenant_a, django_capture_on_commit_callbacks, monkeypatch
):
    from stepwise.learning import hooks
    from stepwise.learning.services import NoteContent, note_submit
    from stepwise.themes.apps import _enqueue_assignment

    assert _enqueue_assignment in hooks._listeners
    placed = []
    monkeypatch.setattr(hooks, "_listeners", [placed.append])
    with tenant_a.context(), django_capture_on_commit_callbacks(execute=True):
        note = note_submit(membership=tenant_a.practitioner, note=None, content=NoteContent(
            kind="success", what_happened="The interpreter booked for the visit did not come."))
    assert placed == [note.pk]
