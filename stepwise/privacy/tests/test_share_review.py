from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from stepwise.core.models import AuditEvent
from stepwise.learning.models import Visibility
from stepwise.learning.selectors import can_see_note
from stepwise.learning.tests.factories import NoteFactory
from stepwise.privacy import services
from stepwise.privacy.models import OrganisationPhrase, PhraseKind, ShareReview

TEXT = ("Visited Tyrone and his mum Kasia Nowak at 14 Elm Road, WB4 7QX. Tyrone said school "
        "was better. Will ring Kasia on 07700 900123.")
NEXT = "Ask Kasia about the HV visit before the ICPC."


@pytest.fixture
def note(tenant_a):
    return NoteFactory(team=tenant_a.teams[0], author=tenant_a.practitioner.user,
                       what_happened=TEXT, next_time=NEXT)


def share(tenant, note, **overrides):
    arguments = {"membership": tenant.practitioner, "note": note, "version": note.version,
                 "shown": set(), "phrases": [], "confirmed": True, **overrides}
    with tenant.context():
        return services.note_share_beyond_team(**arguments)


def test_review_finds_identifiers_across_fields(tenant_a, note):
    with tenant_a.context():
        review = services.note_review(note=note)
    found = {(d.field, d.text) for d in review.detections}
    assert ("what_happened", "Tyrone") in found
    assert ("what_happened", "WB4 7QX") in found
    assert ("next_time", "Kasia") in found
    assert not any(d.text.lower() in {"mum", "hv", "icpc", "will"} for d in review.detections)


def test_only_redacted_text_goes_beyond_the_team(tenant_a, note):
    shared = share(tenant_a, note)
    assert shared.visibility == Visibility.ORGANISATION and shared.shared_approved_at
    for name in ("Tyrone", "Kasia", "Nowak", "Elm Road", "WB4 7QX", "07700"):
        assert name not in shared.shared_what_happened + shared.shared_next_time
    # The same person has the same number in every field.
    assert "[PERSON" in shared.shared_what_happened
    kasia = shared.shared_what_happened.split("Will ring ")[1].split(" on")[0]
    assert shared.shared_next_time.startswith(f"Ask {kasia} about")
    assert "[POSTCODE]" in shared.shared_what_happened
    outsider = tenant_a.members["team_manager"]
    outsider.team = tenant_a.teams[1]
    outsider.save()
    with tenant_a.context():
        assert can_see_note(membership=outsider, note=shared)


def test_author_can_keep_a_false_highlight_and_add_a_missed_word(tenant_a, note):
    with tenant_a.context():
        review = services.note_review(note=note)
    tyrone = [d.key for d in review.detections if d.text == "Tyrone"]
    shared = share(tenant_a, note, shown=set(tyrone), phrases=["school"])
    assert "Tyrone" in shared.shared_what_happened
    assert "school" not in shared.shared_what_happened.lower()
    record = ShareReview.unscoped.get(note=note)
    assert (record.kept_visible, record.added) == (len(tyrone), 1)
    assert record.reviewer == tenant_a.practitioner.user


def test_the_log_never_holds_the_removed_text(tenant_a, note):
    share(tenant_a, note, phrases=["better"])
    event = AuditEvent.unscoped.get(action="note.shared_beyond_team")
    assert "Tyrone" not in str(event.data) and "better" not in str(event.data)
    assert set(event.data) == {"detected", "kept_visible", "added"}


def test_anonymous_author_is_not_recorded(tenant_a, note):
    note.is_anonymous = True
    note.save()
    share(tenant_a, note)
    assert ShareReview.unscoped.get(note=note).reviewer is None
    assert AuditEvent.unscoped.get(action="note.shared_beyond_team").actor is None


@pytest.mark.parametrize("change, message", [
    ({"confirmed": False}, "read the redacted version"),
    ({"version": 0}, "changed while you were reviewing"),
    ({"phrases": ["x" * 121]}, "under 120"),
])
def test_refusals_change_nothing(tenant_a, note, change, message):
    with pytest.raises(ValidationError, match=message):
        share(tenant_a, note, **change)
    note.refresh_from_db()
    assert note.visibility == Visibility.TEAM and note.shared_what_happened == ""
    assert not ShareReview.unscoped.exists()


def test_only_the_author_shares(tenant_a, note):
    with pytest.raises(ValidationError):
        share(tenant_a, note, membership=tenant_a.team_manager)


def test_staff_names_and_deny_lists_are_used(tenant_a):
    tenant_a.team_manager.user.full_name = "Will Hope"
    tenant_a.team_manager.user.save()
    note = NoteFactory(team=tenant_a.teams[0], author=tenant_a.practitioner.user,
                       what_happened="Will Hope chaired; we hope it will help at Larkfield Flats.")
    with tenant_a.context():
        services.phrase_add(membership=tenant_a.org_admin, kind=PhraseKind.DENY,
                            phrase="Larkfield Flats")
        shared = share(tenant_a, note)
    text = shared.shared_what_happened
    assert "Will Hope" not in text and "Larkfield" not in text
    assert "we hope it will help" in text


def test_word_lists_are_for_leads_and_admins(tenant_a):
    with tenant_a.context():
        with pytest.raises(PermissionDenied):
            services.phrase_add(membership=tenant_a.practitioner, kind=PhraseKind.ALLOW,
                                phrase="Bridges Team")
        services.phrase_add(membership=tenant_a.improvement_lead, kind=PhraseKind.ALLOW,
                            phrase="Bridges Team")
        with pytest.raises(ValidationError):
            services.phrase_add(membership=tenant_a.org_admin, kind=PhraseKind.ALLOW,
                                phrase="bridges  team")
    assert OrganisationPhrase.unscoped.count() == 1


def test_original_is_purged_after_retention(tenant_a, note):
    share(tenant_a, note)
    later = timezone.now() + timedelta(days=tenant_a.organisation.retention_days + 1)
    with tenant_a.context():
        assert services.originals_purge(organisation=tenant_a.organisation,
                                        now=timezone.now()) == 0
        assert services.originals_purge(organisation=tenant_a.organisation, now=later) == 1
        assert services.originals_purge(organisation=tenant_a.organisation, now=later) == 0
    note.refresh_from_db()
    assert "Tyrone" not in note.what_happened
    assert note.what_happened == note.shared_what_happened


def test_review_page_and_preview(client, login, tenant_a, note):
    url = reverse("privacy:share_note", kwargs={"org_slug": tenant_a.organisation.slug,
                                                "note_id": note.pk})
    login(client, tenant_a.practitioner.user)
    page = client.get(url)
    assert page.status_code == 200
    assert b'<mark class="sw-redact"' in page.content
    preview = client.post(url, {"version": note.version, "phrases": "better"},
                          headers={"HX-Request": "true"})
    assert preview.status_code == 200 and b'id="review"' in preview.content
    assert b"<html" not in preview.content
    refused = client.post(url, {"version": note.version, "share": "1"})
    assert refused.status_code == 422
    assert b"Confirm that you have read" in refused.content
    done = client.post(url, {"version": note.version, "share": "1", "confirm": "on"})
    assert done.status_code == 302
    note.refresh_from_db()
    assert note.visibility == Visibility.ORGANISATION
    login(client, tenant_a.team_manager.user)
    assert client.get(url).status_code == 404  # not theirs to review


@pytest.mark.parametrize("module", ["stepwise.learning.selectors", "stepwise.learning.search"])
def test_similar_notes_never_match_another_teams_original_text(tenant_a, note, module):
    import importlib

    similar_notes = importlib.import_module(module).similar_notes

    share(tenant_a, note)
    outsider = tenant_a.team_manager
    outsider.team = tenant_a.teams[1]
    outsider.save()
    with tenant_a.context():
        by_name = similar_notes(membership=outsider, text="Tyrone Kasia Nowak Elm Road visit")
        by_words = similar_notes(membership=outsider, text="visited school better ring visit")
        teammate = similar_notes(membership=tenant_a.practitioner,
                                 text="Tyrone Kasia Nowak Elm Road visit", exclude_id=None)
    assert note not in by_name
    assert note in by_words
    assert note in teammate
