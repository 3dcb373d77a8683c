import re

import pytest
from django.urls import reverse

from stepwise.themes import services
from stepwise.themes.models import Theme, ThemeMembership
from stepwise.themes.tests.conftest import make_note, note_texts

# Identifiers planted in notes that stay within their team.
CHILD, PHONE, POSTCODE, EMAIL = ("Kayleigh Brannigan", "07700 900123", "LS6 2AB",
                                 "kayleigh.b@example.com")
PLANTED = [
    "{child} told me at school that her mum's partner hits her mum; domestic abuse and "
    "coercive control, and the MARAC referral for {child} waited a week.",
    "Mum ({phone}) disclosed domestic abuse by her partner; we did the DASH risk assessment "
    "at {postcode} and {child} was seen alone.",
    "The IDVA e-mailed {email} about the domestic abuse refuge place for {child} and mum.",
    "Coercive control and domestic abuse again for {child}; the police call-out to "
    "{postcode} was not shared. {staff} chased it.",
]


def _url(tenant, name, **kwargs):
    return reverse(f"themes:{name}", kwargs={"org_slug": tenant.organisation.slug, **kwargs})


def _recompute(tenant):
    with tenant.context():
        services.themes_recompute(organisation=tenant.organisation)


def _theme_for(tenant, note) -> Theme:
    with tenant.context():
        return ThemeMembership.objects.get(note=note).theme


@pytest.fixture
def planted(tenant_a, themed_notes):
    manager = tenant_a.team_manager.user
    manager.full_name = staff = "Bronwen Tregarthen"
    manager.save()
    notes = [
        make_note(tenant_a, text.format(child=CHILD, phone=PHONE, postcode=POSTCODE,
                                        email=EMAIL, staff=staff), shared=False)
        for _ in range(3) for text in PLANTED
    ]
    _recompute(tenant_a)
    return notes, staff


def _identifiers(staff):
    return [CHILD, "Kayleigh", "Brannigan", PHONE, POSTCODE, EMAIL, staff, *staff.split()]


def test_no_identifier_in_labels_texts_or_snippets(client, login, tenant_a, planted):
    notes, staff = planted
    theme = _theme_for(tenant_a, notes[0])
    assert theme is not None
    with tenant_a.context():
        texts = " ".join(ThemeMembership.objects.values_list("text", flat=True))
        labels = " ".join(Theme.objects.values_list("suggested_label", flat=True))
    pages = []
    for member in (tenant_a.practitioner, tenant_a.improvement_lead, tenant_a.org_admin):
        login(client, member.user)
        pages.append(client.get(_url(tenant_a, "list")).content.decode())
        pages.append(client.get(_url(tenant_a, "theme", theme_id=theme.pk)).content.decode())
    # The author's team sees its notes in the theme, by their de-identified snippets.
    assert "[" in pages[1] and "PERSON" in pages[1].upper()
    for identifier in _identifiers(staff):
        for shown in (texts, labels, *pages):
            assert identifier.lower() not in shown.lower(), identifier


def test_counts_only_notes_the_viewer_may_see(client, login, tenant_a, themed_notes):
    # Team-only notes in the other team: counted for nobody outside it.
    for _, text in note_texts(count_per_topic=2, seed=3):
        make_note(tenant_a, text, team=tenant_a.teams[1], shared=False,
                  author=tenant_a.org_admin.user)
    _recompute(tenant_a)
    theme = _theme_for(tenant_a, themed_notes[0][1])
    shared_in_theme = sum(1 for _, n in themed_notes if _theme_for(tenant_a, n) == theme)
    login(client, tenant_a.improvement_lead.user)
    body = client.get(_url(tenant_a, "list")).content.decode()
    assert re.search(rf">{re.escape(theme.title)}</a>.*?numeric\">{shared_in_theme}<", body,
                     re.S)
    page = client.get(_url(tenant_a, "theme", theme_id=theme.pk))
    assert page.context["page"].paginator.count == shared_in_theme
    # Filtered by the other team, the lead sees none of its team-only notes.
    filtered = client.get(_url(tenant_a, "list"), {"team": tenant_a.teams[1].pk})
    assert filtered.status_code == 200 and filtered.context["rows"] == []
    assert client.get(_url(tenant_a, "list"), {"team": "nonsense"}).status_code == 400


def test_filter_by_practice_area(client, login, tenant_a, themed_notes):
    with tenant_a.context():
        from stepwise.learning.models import PracticeArea

        area = PracticeArea.objects.first()
    make_note(tenant_a, "Mum disclosed domestic abuse and coercive control; MARAC late.",
              practice_area=area)
    _recompute(tenant_a)
    login(client, tenant_a.improvement_lead.user)
    response = client.get(_url(tenant_a, "list"), {"practice_area": area.pk})
    assert [row.notes for row in response.context["rows"]] == [1]


def test_theme_list_query_count(client, login, tenant_a, themed_notes,
                                django_assert_max_num_queries):
    _recompute(tenant_a)
    login(client, tenant_a.improvement_lead.user)
    client.get(_url(tenant_a, "list"))
    # The same whatever the number of themes: one grouped count, the themes, the linked ideas
    # (one more query once the improvements app is installed).
    with django_assert_max_num_queries(14):
        response = client.get(_url(tenant_a, "list"))
    assert len(response.context["rows"]) >= 3


def test_learning_without_change_links_to_recent_notes(client, login, tenant_a, themed_notes):
    old = make_note(tenant_a, "Mum disclosed domestic abuse; the MARAC referral was late.",
                    days_ago=200)
    _recompute(tenant_a)
    theme = _theme_for(tenant_a, themed_notes[0][1])
    login(client, tenant_a.improvement_lead.user)
    body = client.get(_url(tenant_a, "list")).content.decode()
    link = _url(tenant_a, "theme", theme_id=theme.pk) + "?recent=1"
    assert link in body and "Learning without change" in body
    page = client.get(link)
    assert "Learning without change" in page.content.decode()
    assert old not in page.context["page"].object_list
    assert page.context["page"].paginator.count == page.context["recent"] >= 5


def test_theme_page_has_run_chart_with_text_alternative(client, login, tenant_a, themed_notes):
    _recompute(tenant_a)
    theme = _theme_for(tenant_a, themed_notes[0][1])
    login(client, tenant_a.improvement_lead.user)
    body = client.get(_url(tenant_a, "theme", theme_id=theme.pk)).content.decode()
    assert "<svg" in body and "Notes per month as a table" in body
    assert "No improvement idea links to these notes yet." in body


def test_curation_through_the_pages(client, login, tenant_a, themed_notes):
    _recompute(tenant_a)
    da = _theme_for(tenant_a, themed_notes[0][1])
    info = _theme_for(tenant_a, themed_notes[8][1])
    voice = _theme_for(tenant_a, themed_notes[16][1])
    login(client, tenant_a.practitioner.user)
    assert client.get(_url(tenant_a, "rename", theme_id=da.pk)).status_code == 403
    assert client.post(_url(tenant_a, "recompute")).status_code == 403
    login(client, tenant_a.improvement_lead.user)
    response = client.post(_url(tenant_a, "rename", theme_id=da.pk), {"name": "Abuse at home"})
    assert response.status_code == 302
    response = client.post(_url(tenant_a, "merge", theme_id=info.pk), {"into": da.pk})
    assert response.status_code == 302
    assert client.get(_url(tenant_a, "theme", theme_id=info.pk)).status_code == 404
    moving = [n for _, n in themed_notes[16:19]]
    response = client.post(_url(tenant_a, "split", theme_id=voice.pk),
                           {"notes": [n.pk for n in moving], "name": "Seeing children alone"})
    assert response.status_code == 302
    pinned = themed_notes[20][1]
    response = client.post(_url(tenant_a, "pin", note_id=pinned.pk), {"theme": da.pk})
    assert response.status_code == 302
    response = client.post(_url(tenant_a, "hide", theme_id=voice.pk))
    assert response.status_code == 302
    _recompute(tenant_a)
    da.refresh_from_db()
    voice.refresh_from_db()
    assert da.name == "Abuse at home" and voice.is_hidden
    assert _theme_for(tenant_a, themed_notes[8][1]) == da
    assert _theme_for(tenant_a, pinned) == da
    assert {_theme_for(tenant_a, n).name for n in moving} == {"Seeing children alone"}
    # Hidden themes are listed apart for the lead and not at all for others.
    assert client.get(_url(tenant_a, "theme", theme_id=voice.pk)).status_code == 200
    login(client, tenant_a.org_admin.user)
    assert client.get(_url(tenant_a, "theme", theme_id=voice.pk)).status_code == 404


def test_invalid_curation_answers_422(client, login, tenant_a, themed_notes):
    _recompute(tenant_a)
    da = _theme_for(tenant_a, themed_notes[0][1])
    login(client, tenant_a.improvement_lead.user)
    response = client.post(_url(tenant_a, "merge", theme_id=da.pk), {"into": da.pk})
    assert response.status_code == 422
    response = client.post(_url(tenant_a, "rename", theme_id=da.pk), {"name": ""})
    assert response.status_code == 422 and "govuk-error-message" in response.content.decode()


def test_recompute_from_the_page(client, login, tenant_a, themed_notes,
                                 django_capture_on_commit_callbacks):
    login(client, tenant_a.improvement_lead.user)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(_url(tenant_a, "recompute"))
    assert response.status_code == 302 and len(callbacks) == 1


def test_home_suggests_flagged_themes_to_leads(client, login, tenant_a, themed_notes):
    _recompute(tenant_a)
    login(client, tenant_a.improvement_lead.user)
    body = client.get(reverse("core:org_home",
                              kwargs={"org_slug": tenant_a.organisation.slug})).content.decode()
    assert "Turn learning into change" in body
