import pytest
from django.urls import reverse

from stepwise.learning.models import MeToo, Note, NoteReport, Status
from stepwise.learning.tests.factories import NoteFactory


def url(tenant, name, **kwargs):
    return reverse(name, kwargs={"org_slug": tenant.organisation.slug, **kwargs})


HX = {"HX-Request": "true"}


def test_a_note_with_only_the_required_fields_is_shared(client, login, tenant_a):
    login(client, tenant_a.practitioner.user)
    page = client.get(url(tenant_a, "learning:note_new")).content.decode()
    assert "A learning note is not a referral" in page
    assert "follow your safeguarding procedures" in page
    response = client.post(url(tenant_a, "learning:note_new"), {
        "kind": "success", "what_happened": "The child chose where we met; she talked freely.",
    })
    note = Note.unscoped.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/notes/{note.pk}/")
    assert note.status == Status.SUBMITTED and note.team == tenant_a.teams[0]
    # The shared page tells the browser to forget its copy of the draft.
    body = client.get(response["Location"]).content.decode()
    assert f'data-clear-drafts="stepwise:draft:northby:new stepwise:draft:northby:{note.pk}"' in body


def test_missing_required_fields_answer_422_next_to_the_field(client, login, tenant_a):
    login(client, tenant_a.practitioner.user)
    response = client.post(url(tenant_a, "learning:note_new"), {"what_expected": "x"})
    assert response.status_code == 422
    body = response.content.decode()
    assert 'id="id_kind_error"' in body and 'id="id_what_happened_error"' in body
    assert not Note.unscoped.exists()


def test_the_organisation_option_is_shown_disabled_and_refused(client, login, tenant_a):
    login(client, tenant_a.practitioner.user)
    body = client.get(url(tenant_a, "learning:note_new")).content.decode()
    assert 'value="organisation"' in body and "disabled" in body
    assert "not available yet" in body
    response = client.post(url(tenant_a, "learning:note_new"), {
        "kind": "success", "what_happened": "x", "visibility": "organisation"})
    assert response.status_code == 422 and "privacy check" in response.content.decode()
    assert not Note.unscoped.exists()


def test_autosave_creates_then_updates_the_draft(client, login, tenant_a):
    login(client, tenant_a.practitioner.user)
    first = client.post(url(tenant_a, "learning:autosave"), {"what_happened": "The"},
                        headers=HX)
    assert first.status_code == 200
    note = Note.unscoped.get()
    assert first["HX-Replace-Url"] == url(tenant_a, "learning:note_edit", note_id=note.pk)
    body = first.content.decode()
    assert f'name="note" value="{note.pk}"' in body and "Draft saved" in body
    assert 'data-saved="true"' in body
    second = client.post(url(tenant_a, "learning:autosave"), {
        "note": note.pk, "version": note.version, "what_happened": "The visit"}, headers=HX)
    assert second.status_code == 200
    note.refresh_from_db()
    assert note.what_happened == "The visit" and note.status == Status.DRAFT
    stale = client.post(url(tenant_a, "learning:autosave"), {
        "note": note.pk, "version": 1, "what_happened": "Old"}, headers=HX)
    assert stale.status_code == 409 and "changed somewhere else" in stale.content.decode()
    # The draft is found again in "your notes" and on the home page.
    assert "The visit" in client.get(url(tenant_a, "learning:mine")).content.decode()
    assert "Finish your draft" in client.get(url(tenant_a, "core:org_home")).content.decode()
    # Nobody else can save into it.
    login(client, tenant_a.team_manager.user)
    assert client.post(url(tenant_a, "learning:autosave"), {
        "note": note.pk, "what_happened": "Mine now"}, headers=HX).status_code == 404


def test_similar_notes_and_me_too_from_the_capture_page(client, login, tenant_a):
    shared = NoteFactory(team=tenant_a.teams[0], author=tenant_a.team_manager.user,
                         what_happened="Transport for contact was cancelled at short notice "
                         "and the children waited at the family centre.")
    NoteFactory(team=tenant_a.teams[0], author=tenant_a.team_manager.user,
                what_happened="Supervision notes were typed up the same day.")
    login(client, tenant_a.practitioner.user)
    response = client.post(url(tenant_a, "learning:similar"), {
        "what_happened": "contact transport was cancelled again"}, headers=HX)
    body = response.content.decode()
    assert "Transport for contact" in body and "Supervision" not in body
    assert "<html" not in body  # a fragment
    me_too = client.post(url(tenant_a, "learning:me_too", note_id=shared.pk),
                         {"comment": "Twice this month"}, headers=HX)
    assert me_too.status_code == 200 and "You said me too" in me_too.content.decode()
    assert MeToo.unscoped.get().comment == "Twice this month"
    shared.refresh_from_db()
    assert shared.me_too_count == 1


def test_list_pages_run_a_fixed_number_of_queries(client, login, tenant_a,
                                                  django_assert_max_num_queries):
    for _ in range(30):
        NoteFactory(team=tenant_a.teams[0], author=tenant_a.team_manager.user)
        NoteFactory(team=tenant_a.teams[0], author=tenant_a.practitioner.user)
    login(client, tenant_a.practitioner.user)
    with django_assert_max_num_queries(14):
        assert client.get(url(tenant_a, "learning:notes")).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(url(tenant_a, "learning:mine")).status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(url(tenant_a, "learning:notes"), {
            "kind": "observation", "factor": "tools", "since": "2020-01-01"}).status_code == 200


def test_filters_narrow_the_list(client, login, tenant_a):
    NoteFactory(team=tenant_a.teams[0], author=tenant_a.team_manager.user, kind="success",
                what_happened="A success story")
    NoteFactory(team=tenant_a.teams[0], author=tenant_a.team_manager.user, kind="mistake",
                what_happened="A mistake story")
    login(client, tenant_a.practitioner.user)
    body = client.get(url(tenant_a, "learning:notes"), {"kind": "success"}).content.decode()
    assert "A success story" in body and "A mistake story" not in body
    assert client.get(url(tenant_a, "learning:notes"), {"since": "not a date"}
                      ).status_code == 400


def test_report_hides_and_the_lead_reviews(client, login, tenant_a):
    note = NoteFactory(team=tenant_a.teams[0], author=tenant_a.practitioner.user,
                       what_happened="A note that names a colleague")
    login(client, tenant_a.team_manager.user)
    response = client.post(url(tenant_a, "learning:report", note_id=note.pk), {
        "reason": "blames_colleague"})
    assert response.status_code == 302
    assert "names a colleague" not in client.get(url(tenant_a, "learning:notes")
                                                 ).content.decode()
    login(client, tenant_a.practitioner.user)
    assert "hidden from others" in client.get(
        url(tenant_a, "learning:note", note_id=note.pk)).content.decode()
    login(client, tenant_a.improvement_lead.user)
    assert "names a colleague" in client.get(url(tenant_a, "learning:reports")).content.decode()
    review = url(tenant_a, "learning:report_review", note_id=note.pk)
    assert client.post(review, {"outcome": "removed", "comment": "Asked the author"}
                       ).status_code == 302
    assert NoteReport.unscoped.get().outcome == "removed"
    login(client, tenant_a.team_manager.user)
    assert client.get(url(tenant_a, "learning:note", note_id=note.pk)).status_code == 404


@pytest.mark.parametrize("role", ["practitioner", "team_manager", "org_admin"])
def test_only_leads_open_the_review_queue(client, login, tenant_a, role):
    login(client, getattr(tenant_a, role).user)
    assert client.get(url(tenant_a, "learning:reports")).status_code == 403


def test_withdraw_from_the_note_page(client, login, tenant_a):
    note = NoteFactory(team=tenant_a.teams[0], author=tenant_a.practitioner.user)
    login(client, tenant_a.practitioner.user)
    assert client.get(url(tenant_a, "learning:withdraw", note_id=note.pk)).status_code == 200
    assert client.post(url(tenant_a, "learning:withdraw", note_id=note.pk)).status_code == 302
    note.refresh_from_db()
    assert note.status == Status.WITHDRAWN
    login(client, tenant_a.team_manager.user)
    assert client.get(url(tenant_a, "learning:note", note_id=note.pk)).status_code == 404


def test_admins_configure_practice_areas(client, login, tenant_a):
    login(client, tenant_a.org_admin.user)
    page = url(tenant_a, "learning:practice_areas")
    assert "Front door / MASH" in client.get(page).content.decode()
    assert client.post(page, {"name": "Fostering"}).status_code == 302
    assert client.post(page, {"name": "fostering"}).status_code == 422
    login(client, tenant_a.practitioner.user)
    assert client.get(page).status_code == 403


def test_autosave_explains_what_stops_it(client, login, tenant_a):
    login(client, tenant_a.improvement_lead.user)  # no team of their own: must choose one
    response = client.post(url(tenant_a, "learning:autosave"), {"what_happened": "x"},
                           headers=HX)
    assert response.status_code == 422
    assert "Choose the team this learning belongs to." in response.content.decode()
    assert not Note.unscoped.exists()
    response = client.post(url(tenant_a, "learning:autosave"), {
        "what_happened": "x", "team": tenant_a.teams[1].pk}, headers=HX)
    assert response.status_code == 200
    assert Note.unscoped.get().team == tenant_a.teams[1]
