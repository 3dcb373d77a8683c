from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from stepwise.core.models import AuditEvent
from stepwise.learning import services
from stepwise.learning.models import (
    MeToo,
    Note,
    NoteFactor,
    PracticeArea,
    Reply,
    ReportOutcome,
    Status,
    Visibility,
)
from stepwise.learning.services import NoteContent, StaleNote
from stepwise.notifications.models import Notification


def test_a_draft_is_saved_as_the_person_types_without_an_audit_entry(tenant_a):
    me = tenant_a.practitioner
    with tenant_a.context():
        note = services.note_draft_save(membership=me, note=None,
                                        content=NoteContent(what_happened="The visit"),
                                        version=None)
        assert note.status == Status.DRAFT and note.version == 2
        note = services.note_draft_save(
            membership=me, note=note, version=note.version,
            content=NoteContent(what_happened="The visit went well", factors=["family"]),
        )
        assert note.what_happened == "The visit went well" and note.version == 3
        assert list(note.factor_rows.values_list("factor", flat=True)) == ["family"]
        assert not AuditEvent.objects.filter(target_id=str(note.pk)).exists()


def test_a_stale_draft_save_is_refused(tenant_a):
    me = tenant_a.practitioner
    with tenant_a.context():
        note = services.note_draft_save(membership=me, note=None, version=None,
                                        content=NoteContent(what_happened="First"))
        services.note_draft_save(membership=me, note=note, version=note.version,
                                 content=NoteContent(what_happened="Second device"))
        with pytest.raises(StaleNote):
            services.note_draft_save(membership=me, note=note, version=note.version,
                                     content=NoteContent(what_happened="First device again"))
        note.refresh_from_db()
        assert note.what_happened == "Second device"


def test_kind_and_what_happened_are_all_a_note_needs(tenant_a):
    me = tenant_a.practitioner
    with tenant_a.context():
        with pytest.raises(ValidationError) as error:
            services.note_submit(membership=me, note=None, content=NoteContent())
        assert set(error.value.error_dict) == {"kind", "what_happened"}
        note = services.note_submit(membership=me, note=None, content=NoteContent(
            kind="success", what_happened="The family chose the venue and everyone came."))
        assert note.status == Status.SUBMITTED and note.team == tenant_a.teams[0]
        assert note.visibility == Visibility.TEAM
        event = AuditEvent.objects.get(action="note.submitted", target_id=str(note.pk))
        assert event.actor == me.user


def test_sharing_beyond_the_team_waits_for_the_privacy_review(tenant_a):
    me = tenant_a.practitioner
    with tenant_a.context():
        draft = services.note_draft_save(membership=me, note=None, version=None,
                                         content=NoteContent(kind="success", what_happened="x"))
        with pytest.raises(ValidationError) as error:
            services.note_submit(membership=me, note=draft, content=NoteContent(
                kind="success", what_happened="x"), visibility=Visibility.ORGANISATION)
        assert "privacy check" in str(error.value)
        draft.refresh_from_db()
        assert draft.status == Status.DRAFT
        with pytest.raises(ValidationError):
            services.note_widen_request(membership=tenant_a.improvement_lead, note=draft)


def test_someone_without_a_team_chooses_one(tenant_a):
    lead = tenant_a.improvement_lead
    with tenant_a.context():
        with pytest.raises(ValidationError) as error:
            services.note_submit(membership=lead, note=None,
                                 content=NoteContent(kind="success", what_happened="x"))
        assert "team" in error.value.error_dict
        note = services.note_submit(membership=lead, note=None, content=NoteContent(
            kind="success", what_happened="x", team=tenant_a.teams[1]))
        assert note.team == tenant_a.teams[1]


def test_only_the_author_edits_and_withdraws(tenant_a, share):
    with tenant_a.context():
        note = share(tenant_a.practitioner)
        for other in (tenant_a.team_manager, tenant_a.org_admin):
            with pytest.raises(PermissionDenied):
                services.note_update(membership=other, note=note, version=note.version,
                                     content=NoteContent(kind="mistake", what_happened="y"))
            with pytest.raises(PermissionDenied):
                services.note_withdraw(membership=other, note=note)
        note = services.note_update(
            membership=tenant_a.practitioner, note=note, version=note.version,
            content=NoteContent(kind="mistake", what_happened="Better words"))
        assert AuditEvent.objects.get(action="note.edited").data["changed"] == [
            "kind", "what_happened"]
        with pytest.raises(StaleNote):
            services.note_update(membership=tenant_a.practitioner, note=note, version=1,
                                 content=NoteContent(kind="mistake", what_happened="Old tab"))
        services.note_withdraw(membership=tenant_a.practitioner, note=note)
        note.refresh_from_db()
        assert note.status == Status.WITHDRAWN and note.withdrawn_at is not None


def test_withdrawn_text_is_purged_after_the_retention_period(tenant_a, share):
    organisation = tenant_a.organisation
    organisation.retention_days = 30
    organisation.save()
    with tenant_a.context():
        note = share(tenant_a.practitioner, what_expected="A plan by Friday")
        services.reply_add(membership=tenant_a.team_manager, note=note, text="Thanks for this")
        services.me_too_add(membership=tenant_a.team_manager, note=note, comment="Same here")
        services.note_withdraw(membership=tenant_a.practitioner, note=note)
        withdrawn_at = Note.objects.get(pk=note.pk).withdrawn_at
        assert services.notes_purge_withdrawn(
            organisation=organisation, now=withdrawn_at + timedelta(days=29)) == 0
        assert services.notes_purge_withdrawn(
            organisation=organisation, now=withdrawn_at + timedelta(days=31)) == 1
        note.refresh_from_db()
        assert note.purged_at and not note.what_happened and not note.what_expected
        assert not Reply.objects.filter(note=note).exists()
        assert MeToo.objects.get(note=note).comment == ""
        event = AuditEvent.objects.get(action="note.purged")
        assert event.actor is None
        # Purging twice does nothing more.
        assert services.notes_purge_withdrawn(
            organisation=organisation, now=withdrawn_at + timedelta(days=60)) == 0


def test_the_scheduled_purge_runs_for_every_organisation(tenant_a, tenant_b, share):
    from stepwise.learning.tasks import purge_withdrawn_notes

    for tenant in (tenant_a, tenant_b):
        with tenant.context():
            note = share(tenant.practitioner)
            services.note_withdraw(membership=tenant.practitioner, note=note)
    Note.unscoped.update(withdrawn_at=timezone.now() - timedelta(days=91))
    result = purge_withdrawn_notes.call("2026-11-27")
    assert result["purged"] == 2
    assert not Note.unscoped.filter(purged_at__isnull=True).exists()


def test_me_too_adds_weight_once_and_tells_the_author(tenant_a, share):
    with tenant_a.context():
        note = share(tenant_a.practitioner)
        services.me_too_add(membership=tenant_a.team_manager, note=note, comment="Same")
        services.me_too_add(membership=tenant_a.team_manager, note=note)
        note.refresh_from_db()
        assert note.me_too_count == 1
        assert MeToo.objects.get(note=note).comment == "Same"
        told = Notification.objects.get(recipient=tenant_a.practitioner.user)
        assert told.kind == "learning.me_too" and note.what_happened not in told.title
        with pytest.raises(ValidationError):
            services.me_too_add(membership=tenant_a.practitioner, note=note)


def test_nobody_outside_the_team_can_respond(tenant_a, share):
    with tenant_a.context():
        note = share(tenant_a.practitioner)
        for outsider in (tenant_a.improvement_lead, tenant_a.org_admin):
            with pytest.raises(PermissionDenied):
                services.me_too_add(membership=outsider, note=note)
            with pytest.raises(PermissionDenied):
                services.reply_add(membership=outsider, note=note, text="Hello")
            with pytest.raises(PermissionDenied):
                services.note_report(membership=outsider, note=note, reason="other")


def test_replies_and_thanks_tell_the_author(tenant_a, share):
    with tenant_a.context():
        note = share(tenant_a.practitioner)
        services.reply_add(membership=tenant_a.team_manager, note=note, text="Well spotted")
        services.thanks_add(membership=tenant_a.team_manager, note=note)
        services.thanks_add(membership=tenant_a.team_manager, note=note)
        note.refresh_from_db()
        assert (note.reply_count, note.thanks_count) == (1, 1)
        kinds = set(Notification.objects.filter(
            recipient=tenant_a.practitioner.user).values_list("kind", flat=True))
        assert kinds == {"learning.reply", "learning.thanks"}
        # The author's own reply tells nobody.
        services.reply_add(membership=tenant_a.practitioner, note=note, text="Thank you")
        assert Notification.objects.count() == 2


def test_a_reported_note_is_hidden_at_once_and_reviewed(tenant_a, share):
    from stepwise.learning.selectors import visible_notes

    with tenant_a.context():
        note = share(tenant_a.practitioner)
        services.note_report(membership=tenant_a.team_manager, note=note,
                             reason="blames_colleague", detail="Names a colleague")
        note.refresh_from_db()
        assert note.hidden_at is not None
        assert not visible_notes(membership=tenant_a.team_manager).exists()
        lead_told = Notification.objects.get(recipient=tenant_a.improvement_lead.user)
        assert lead_told.kind == "learning.reported"
        with pytest.raises(PermissionDenied):
            services.note_report_review(membership=tenant_a.org_admin, note=note,
                                        outcome=ReportOutcome.RESTORED)
        assert services.note_report_review(
            membership=tenant_a.improvement_lead, note=note,
            outcome=ReportOutcome.RESTORED, comment="Reworded by the author") == 1
        note.refresh_from_db()
        assert note.hidden_at is None
        assert list(AuditEvent.objects.filter(target_id=str(note.pk)).values_list(
            "action", flat=True).order_by("id")) == [
            "note.submitted", "note.reported", "note.report_reviewed"]
        with pytest.raises(ValidationError):
            services.note_report_review(membership=tenant_a.improvement_lead, note=note,
                                        outcome=ReportOutcome.REMOVED)


def test_admins_add_and_hide_practice_areas(tenant_a):
    with tenant_a.context():
        with pytest.raises(PermissionDenied):
            services.practice_area_add(membership=tenant_a.practitioner, name="Fostering")
        area = services.practice_area_add(membership=tenant_a.org_admin, name="Fostering")
        with pytest.raises(ValidationError):
            services.practice_area_add(membership=tenant_a.org_admin, name="fostering")
        services.practice_area_set_active(membership=tenant_a.org_admin, area=area,
                                          is_active=False)
        assert not PracticeArea.objects.get(pk=area.pk).is_active
        with pytest.raises(ValidationError):
            services.note_submit(membership=tenant_a.practitioner, note=None, content=NoteContent(
                kind="success", what_happened="x", practice_area=area))


def test_factors_are_filterable(tenant_a, share):
    from stepwise.learning.selectors import NoteFilters, filtered_notes

    with tenant_a.context():
        tools = share(tenant_a.practitioner, factors=["tools", "team"])
        share(tenant_a.practitioner, factors=["family"])
        found = filtered_notes(membership=tenant_a.team_manager,
                               filters=NoteFilters(factor="tools"))
        assert list(found) == [tools]
        assert NoteFactor.objects.count() == 3


def test_a_note_shared_with_a_name_cannot_become_anonymous_later(tenant_a, share):
    with tenant_a.context():
        note = share(tenant_a.practitioner)
        with pytest.raises(ValidationError) as error:
            services.note_update(membership=tenant_a.practitioner, note=note,
                                 version=note.version, content=NoteContent(
                                     kind="near_miss", what_happened="x", is_anonymous=True))
        assert "is_anonymous" in error.value.error_dict
        anonymous = share(tenant_a.practitioner, is_anonymous=True)
        named = services.note_update(membership=tenant_a.practitioner, note=anonymous,
                                     version=anonymous.version, content=NoteContent(
                                         kind="near_miss", what_happened="x"))
        assert not named.is_anonymous  # the author may always choose to put their name to it


def test_the_purge_is_due_once_a_day_after_three_in_the_morning(db):
    from datetime import datetime

    from stepwise.core import scheduler

    early = datetime(2026, 11, 27, 2, 59, tzinfo=scheduler.LONDON)
    assert "learning.purge_withdrawn" not in scheduler.run_due_jobs(early)
    later = datetime(2026, 11, 27, 3, 1, tzinfo=scheduler.LONDON)
    assert "learning.purge_withdrawn" in scheduler.run_due_jobs(later)
    assert "learning.purge_withdrawn" not in scheduler.run_due_jobs(later)
