from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from stepwise.improvements import services, tasks
from stepwise.improvements.models import ActOutcome, Idea, State
from stepwise.improvements.tests.helpers import MONDAY, at, idea_under_test
from stepwise.measures.markers import markers_for
from stepwise.measures.models import Measure, SustainWatch
from stepwise.measures.tests.factories import DataPointFactory, MeasureFactory


def _measure(tenant, **kwargs):
    return MeasureFactory(organisation=tenant.organisation, team=tenant.teams[0],
                          owner=tenant.team_manager.user, **kwargs)


def _adopt(member, idea, *, now):
    cycle = idea.cycles.get()
    for step, extra in ((services.cycle_record_do, {"what_happened": "Done"}),
                        (services.cycle_record_study, {"result": "Better"}),
                        (services.cycle_act, {"outcome": ActOutcome.ADOPT})):
        idea.refresh_from_db()
        step(actor=member, cycle=cycle, expected_version=idea.version, now=now, **extra)
    idea.refresh_from_db()


def test_cycles_are_marked_on_the_chart_and_adoption_starts_a_sustain_watch(tenant_a):
    member, manager = tenant_a.practitioner, tenant_a.team_manager
    with tenant_a.context():
        measure = _measure(tenant_a)
        idea = idea_under_test(member, manager)
        services.idea_update(actor=member, idea=idea, expected_version=idea.version,
                             measure_id=measure.pk)
        assert (MONDAY, "PDSA 1: Call families the day before") in markers_for(measure)
        _adopt(member, idea, now=at(MONDAY + timedelta(days=9)))
        watch = SustainWatch.objects.get(measure=measure)
        assert watch.source_url == idea.get_absolute_url()


def test_sustained_after_twelve_further_points_with_no_check_open(tenant_a):
    member, manager = tenant_a.practitioner, tenant_a.team_manager
    with tenant_a.context():
        measure = _measure(tenant_a, direction="increase")
        for week in range(12):
            DataPointFactory(measure=measure, period=MONDAY - timedelta(weeks=12 - week),
                             value=10 + week % 2)
        idea = idea_under_test(member, manager)
        Idea.objects.filter(pk=idea.pk).update(measure=measure)
        idea.refresh_from_db()
        _adopt(member, idea, now=at(MONDAY))
        for week in range(1, 12):
            DataPointFactory(measure=measure, period=MONDAY + timedelta(weeks=week),
                             value=14 + week % 2)
        assert tasks.sustain_due(now=at(MONDAY + timedelta(weeks=30))) == 0  # 11 points
        DataPointFactory(measure=measure, period=MONDAY + timedelta(weeks=12), value=15)
        assert tasks.sustain_due(now=at(MONDAY + timedelta(weeks=30))) == 1
        idea.refresh_from_db()
        assert idea.state == State.SUSTAINED


def test_a_measure_from_another_organisation_is_refused(tenant_a, tenant_b):
    with tenant_b.context():
        foreign = _measure(tenant_b)
    with tenant_a.context(), pytest.raises(ValidationError, match="Choose a measure"):
        services.idea_create(actor=tenant_a.practitioner, team=tenant_a.teams[0], title="T",
                             change="We will", prediction="We expect", measure_id=foreign.pk)


def test_a_manager_starts_a_tally_measure_with_the_idea(client, login, tenant_a):
    url = reverse("improvements:idea_new", kwargs={"org_slug": tenant_a.organisation.slug})
    login(client, tenant_a.practitioner.user)
    assert "Start a weekly tally" not in client.get(url).content.decode()
    login(client, tenant_a.team_manager.user)
    response = client.post(url, {
        "title": "Huddle", "change": "We will huddle", "team": tenant_a.teams[0].pk,
        "first_test_days": 7, "prediction": "Fewer unowned actions",
        "measure_label": "Actions with no owner", "new_tally": "on",
        "tally_direction": "decrease",
    })
    assert response.status_code == 302
    with tenant_a.context():
        measure = Measure.objects.get(name="Actions with no owner")
        assert Idea.objects.get().measure == measure and measure.direction == "decrease"


def test_study_page_shows_what_the_chart_says(client, login, tenant_a):
    member, manager = tenant_a.practitioner, tenant_a.team_manager
    with tenant_a.context():
        measure = _measure(tenant_a)
        idea = idea_under_test(member, manager)
        Idea.objects.filter(pk=idea.pk).update(measure=measure)
        cycle = idea.cycles.get()
    login(client, member.user)
    page = client.get(reverse("improvements:cycle_study", kwargs={
        "org_slug": tenant_a.organisation.slug, "idea_id": idea.pk, "cycle_id": cycle.pk}))
    assert page.status_code == 200
    assert "What the chart says" in page.content.decode()
