import re
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from stepwise.measures import periods
from stepwise.measures.models import DataPoint, Measure, Rebase, SustainCheck
from stepwise.measures.tests.factories import MeasureFactory, SustainCheckFactory
from stepwise.measures.tests.helpers import add_points
from stepwise.measures.tests.test_imports import xlsx

TODAY = date(2025, 6, 11)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(periods, "london_today", lambda now=None: TODAY)


def url(tenant, name, **kwargs):
    return reverse(f"measures:{name}", kwargs={"org_slug": tenant.organisation.slug, **kwargs})


@pytest.fixture
def seen(tenant_a):
    return MeasureFactory(organisation=tenant_a.organisation, team=tenant_a.teams[0],
                          name="Child seen alone", unit="percentage",
                          owner=tenant_a.team_manager.user)


def test_list_shows_every_measure_in_bounded_queries(client, login, tenant_a,
                                                     django_assert_max_num_queries):
    for i in range(12):
        measure = MeasureFactory(organisation=tenant_a.organisation, name=f"Measure {i:02}",
                                 team=tenant_a.teams[i % 2])
        add_points(measure, [float(v) for v in range(10 + i)])
    login(client, tenant_a.practitioner.user)
    with django_assert_max_num_queries(16):
        response = client.get(url(tenant_a, "list"))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count('class="sw-icon ') == 12
    assert "Measure 11" in body and "Create a measure" not in body
    assert body.count(">Add a figure<") == 6  # the practitioner's own team's measures


def test_manager_creates_a_measure(client, login, tenant_a):
    login(client, tenant_a.team_manager.user)
    response = client.post(url(tenant_a, "create"), {
        "name": "Visits within 10 days", "definition": "", "unit": "count",
        "direction": "increase", "frequency": "weekly", "target": "",
        "team": tenant_a.teams[0].pk, "rolls_up_into": "", "owner": ""})
    measure = Measure.unscoped.get(name="Visits within 10 days")
    assert response.status_code == 302
    assert response["Location"] == url(tenant_a, "detail", measure_id=measure.pk)
    assert measure.owner == tenant_a.team_manager.user and measure.team == tenant_a.teams[0]
    client.post(url(tenant_a, "create"), {
        "name": "Audits", "unit": "count", "direction": "increase", "frequency": "monthly",
        "owner": tenant_a.improvement_lead.pk})
    assert Measure.unscoped.get(name="Audits").owner == tenant_a.improvement_lead.user


def test_owner_must_be_a_member_here(client, login, tenant_a, tenant_b):
    login(client, tenant_a.team_manager.user)
    response = client.post(url(tenant_a, "create"), {
        "name": "Audits", "unit": "count", "direction": "increase", "frequency": "monthly",
        "owner": tenant_b.improvement_lead.pk})
    assert response.status_code == 422 and not Measure.unscoped.exists()


def test_create_refuses_practitioners_and_bad_input(client, login, tenant_a, seen):
    login(client, tenant_a.practitioner.user)
    assert client.get(url(tenant_a, "create")).status_code == 403
    login(client, tenant_a.team_manager.user)
    response = client.post(url(tenant_a, "create"), {
        "name": "child seen alone", "unit": "count", "direction": "increase",
        "frequency": "weekly"})
    assert response.status_code == 422
    assert 'id="id_name_error"' in response.content.decode()
    assert "already exists" in response.content.decode()


def test_edit_keeps_unit_and_frequency(client, login, tenant_a, seen):
    login(client, tenant_a.improvement_lead.user)
    page = client.get(url(tenant_a, "edit", measure_id=seen.pk))
    assert page.status_code == 200 and 'name="unit"' not in page.content.decode()
    response = client.post(url(tenant_a, "edit", measure_id=seen.pk), {
        "name": "Seen alone", "definition": "Visits", "direction": "increase", "target": "80",
        "team": tenant_a.teams[0].pk, "rolls_up_into": "", "unit": "count",
        "owner": tenant_a.practitioner.pk})
    assert response.status_code == 302
    seen.refresh_from_db()
    assert (seen.name, seen.unit, seen.target) == ("Seen alone", "percentage", 80.0)
    assert seen.owner == tenant_a.practitioner.user


def test_detail_shows_chart_with_text_alternative(client, login, tenant_a, seen):
    add_points(seen, [50.0, 60.0], fractions=[(5, 10), (6, 10)])
    login(client, tenant_a.practitioner.user)
    response = client.get(url(tenant_a, "detail", measure_id=seen.pk))
    body = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in body and 'role="img"' in body
    assert "60.0% (6 of 10)" in body and "The chart as a table" in body
    assert "Only 2 points so far" in body
    assert "Add a figure" in body


def test_practitioner_tallies_seven_of_nine(client, login, tenant_a, seen):
    login(client, tenant_a.practitioner.user)
    page = client.get(url(tenant_a, "tally", measure_id=seen.pk))
    assert "This week (week of 9 June 2025)" in page.content.decode()
    response = client.post(url(tenant_a, "tally", measure_id=seen.pk), {
        "period": "2025-06-09", "numerator": "7", "denominator": "9", "note": ""})
    assert response.status_code == 302
    point = DataPoint.unscoped.get(measure=seen)
    assert (point.period, point.numerator, point.denominator) == (date(2025, 6, 9), 7, 9)
    follow = client.get(response["Location"])
    assert "Saved: 77.8% (7 of 9) for the week of 9 June 2025." in follow.content.decode()


def test_tally_errors_sit_next_to_the_field(client, login, tenant_a, seen):
    login(client, tenant_a.practitioner.user)
    response = client.post(url(tenant_a, "tally", measure_id=seen.pk), {
        "period": "2025-06-09", "numerator": "10", "denominator": "9"})
    assert response.status_code == 422
    body = response.content.decode()
    assert re.search(r'id="id_numerator_error"[^>]*>.*cannot be larger', body, re.S)
    response = client.post(url(tenant_a, "tally", measure_id=seen.pk), {
        "period": "2025-06-16", "numerator": "1", "denominator": "9"})
    assert response.status_code == 422  # not one of the offered periods
    assert not DataPoint.unscoped.exists()


def test_other_teams_cannot_tally(client, login, tenant_a):
    theirs = MeasureFactory(organisation=tenant_a.organisation, team=tenant_a.teams[1])
    login(client, tenant_a.practitioner.user)
    assert client.get(url(tenant_a, "tally", measure_id=theirs.pk)).status_code == 403
    assert client.post(url(tenant_a, "tally", measure_id=theirs.pk),
                       {"period": "2025-06-09", "value": "3"}).status_code == 403
    assert not DataPoint.unscoped.exists()


def test_rebase(client, login, tenant_a, seen):
    login(client, tenant_a.team_manager.user)
    response = client.post(url(tenant_a, "rebase", measure_id=seen.pk),
                           {"period": "2025-06-04", "reason": "New checklist"})
    assert response.status_code == 422 and "did you mean 2025-06-02" in response.content.decode()
    response = client.post(url(tenant_a, "rebase", measure_id=seen.pk),
                           {"period": "2025-06-02", "reason": "New checklist"})
    assert response.status_code == 302
    assert Rebase.unscoped.get().reason == "New checklist"


CSV = ("measure,period,value,numerator,denominator,note\r\n"
       "Child seen alone,2025-05-26,,7,9,\r\n"
       "Child seen alone,2025-06-02,,8,9,\r\n")


def test_import_previews_then_saves(client, login, tenant_a, seen):
    login(client, tenant_a.performance_analyst.user)
    preview = client.post(url(tenant_a, "import"), {
        "file": SimpleUploadedFile("figures.csv", CSV.encode("utf-8-sig"))})
    body = preview.content.decode()
    assert preview.status_code == 200 and "Check before importing 2 figures" in body
    assert "77.8% (7 of 9)" in body and not DataPoint.unscoped.exists()
    payload = re.search(r'name="payload" value="([^"]+)"', body).group(1)
    done = client.post(url(tenant_a, "import"), {"payload": payload})
    assert done.status_code == 302 and DataPoint.unscoped.count() == 2
    assert "Imported 2 figures: 2 new, 0 replaced, 0 unchanged." in client.get(
        done["Location"]).content.decode()
    again = client.post(url(tenant_a, "import"), {"payload": payload})
    assert again.status_code == 302 and DataPoint.unscoped.count() == 2


def test_import_with_a_bad_row_saves_nothing(client, login, tenant_a, seen):
    login(client, tenant_a.performance_analyst.user)
    bad = CSV + "Child seen alone,2025-06-09,,10,9,\r\n"
    response = client.post(url(tenant_a, "import"), {
        "file": SimpleUploadedFile("figures.csv", bad.encode())})
    body = response.content.decode()
    assert response.status_code == 422
    assert "Nothing has been imported" in body and "Row 4:" in body
    assert not DataPoint.unscoped.exists()


def test_import_xlsx_and_tampered_payload(client, login, tenant_a, seen):
    login(client, tenant_a.performance_analyst.user)
    raw = xlsx([["measure", "period", "numerator", "denominator"],
                ["Child seen alone", date(2025, 6, 2), 3, 4]])
    preview = client.post(url(tenant_a, "import"), {
        "file": SimpleUploadedFile("figures.xlsx", raw)})
    assert "75.0% (3 of 4)" in preview.content.decode()
    response = client.post(url(tenant_a, "import"), {"payload": "tampered:payload"})
    assert response.status_code == 400 and not DataPoint.unscoped.exists()


def test_import_needs_the_right(client, login, tenant_a):
    login(client, tenant_a.team_manager.user)
    assert client.get(url(tenant_a, "import")).status_code == 403


def test_owner_answers_a_sustain_check(client, login, tenant_a, seen):
    check = SustainCheckFactory(watch__measure=seen, watch__owner=tenant_a.practitioner.user)
    other = tenant_a.members["practitioner"]
    login(client, other.user)
    home = client.get(reverse("core:org_home", kwargs={"org_slug": tenant_a.organisation.slug}))
    assert "Has the gain held? Child seen alone" in home.content.decode()
    page = client.get(url(tenant_a, "check", check_id=check.pk))
    assert page.status_code == 200 and "What did you find?" in page.content.decode()
    response = client.post(url(tenant_a, "check", check_id=check.pk),
                           {"finding": "Rota change; fixed."})
    assert response.status_code == 302
    check.refresh_from_db()
    assert check.finding == "Rota change; fixed." and not check.is_open


def test_others_cannot_answer_someone_elses_check(client, login, tenant_a, seen):
    from stepwise.organisations.tests.factories import MembershipFactory

    colleague = MembershipFactory(organisation=tenant_a.organisation, team=tenant_a.teams[0])
    check = SustainCheckFactory(watch__measure=seen, watch__owner=tenant_a.practitioner.user)
    login(client, colleague.user)
    page = client.get(url(tenant_a, "check", check_id=check.pk))
    assert "has been asked to look at this" in page.content.decode()
    response = client.post(url(tenant_a, "check", check_id=check.pk), {"finding": "Mine now"})
    assert response.status_code == 403
    assert SustainCheck.unscoped.get().is_open


def test_names_notes_and_markers_are_escaped(client, login, tenant_a):
    from stepwise.measures import markers

    hostile = "<script>alert('x')</script>"
    measure = MeasureFactory(organisation=tenant_a.organisation, name=hostile,
                             definition=hostile, team=tenant_a.teams[0])
    add_points(measure, [1.0, 2.0])
    DataPoint.unscoped.filter(measure=measure).update(note=hostile)

    def provider(measure):
        return [(date(2024, 1, 8), hostile)]

    markers.register(provider)
    try:
        login(client, tenant_a.practitioner.user)
        for name in ("list", "detail"):
            kwargs = {"measure_id": measure.pk} if name == "detail" else {}
            body = client.get(url(tenant_a, name, **kwargs)).content.decode()
            assert "<script>alert" not in body and "&lt;script&gt;" in body
    finally:
        markers.unregister(provider)


def test_home_suggests_the_teams_tally(client, login, tenant_a, seen):
    home = reverse("core:org_home", kwargs={"org_slug": tenant_a.organisation.slug})
    login(client, tenant_a.practitioner.user)
    body = client.get(home).content.decode()
    assert "Add this week&#x27;s figures" in body or "Add this week's figures" in body
    assert url(tenant_a, "tally", measure_id=seen.pk) in body
    login(client, tenant_a.members["practitioner"].user)
    MeasureFactory(organisation=tenant_a.organisation, team=tenant_a.teams[0])
    assert url(tenant_a, "list") in client.get(home).content.decode()
