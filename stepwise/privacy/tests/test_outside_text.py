"""Free text read beyond its team is de-identified for everyone outside it.

Each covered field gets its own marker (a word the engine leaves alone) next to the same
planted identifiers: the marker proves the field is on the page, the identifiers must be there
for the text's team and absent for anyone else.
"""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from stepwise.improvements import services as ideas
from stepwise.improvements.models import IdeaEvent
from stepwise.improvements.tests.helpers import small
from stepwise.learning import services as learning
from stepwise.learning.tests.factories import NoteFactory
from stepwise.measures import services as measures
from stepwise.measures.tests.factories import MeasureFactory, SustainCheckFactory
from stepwise.notifications.models import Notification
from stepwise.organisations.tests.factories import MembershipFactory, UserFactory
from stepwise.privacy import outside
from stepwise.privacy import services as privacy
from stepwise.privacy.models import OutsideText

NHS = "401 023 2137"
IDENTIFIERS = ("Kasia", "Nowak", "WB4 7QX", NHS)


def planted(marker: str) -> str:
    return f"{marker}: we met Mrs Kasia Nowak at WB4 7QX, NHS number {NHS}."


def test_the_planted_nhs_number_passes_the_modulus_11_check():
    digits = [int(c) for c in NHS if c.isdigit()]
    check = 11 - sum(d * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True)) % 11
    assert len(digits) == 10 and digits[9] == (0 if check == 11 else check)


@pytest.fixture
def outsider(tenant_a):
    """A practitioner in the other team of the same organisation."""
    return MembershipFactory(organisation=tenant_a.organisation, team=tenant_a.teams[1],
                             user=UserFactory(full_name="Ola Outsider"))


def _version(idea) -> int:
    idea.refresh_from_db()
    return idea.version


@pytest.fixture
def world(tenant_a):
    """Every covered field, written through its service by team 1 of tenant A."""
    author, manager = tenant_a.practitioner, tenant_a.team_manager
    with tenant_a.context():
        idea = ideas.idea_create(
            actor=author, team=author.team, title=planted("marker-title"),
            change=planted("marker-change"), prediction=planted("marker-prediction"),
            measure_label=planted("marker-measure"))
        small(author, idea)
        ideas.cycle_plan(
            actor=author, idea=idea, expected_version=_version(idea),
            what=planted("marker-plan-what"), who=planted("marker-plan-who"),
            where=planted("marker-plan-where"), prediction=planted("marker-plan-prediction"),
            data=planted("marker-plan-data"), starts_on=timezone.localdate(),
            ends_on=timezone.localdate() + timedelta(days=7))
        ideas.idea_mark_ready(actor=author, idea=idea, expected_version=_version(idea))
        concern = ideas.concern_raise(actor=manager, idea=idea, text=planted("marker-concern"))
        ideas.concern_reply(actor=author, concern=concern, text=planted("marker-concern-reply"))
        ideas.concern_resolve(actor=manager, concern=concern,
                              resolution=planted("marker-resolution"))
        ideas.idea_go_ahead(actor=manager, idea=idea, expected_version=_version(idea))
        cycle = ideas.current_cycle(idea)
        ideas.cycle_record_do(
            actor=author, cycle=cycle, expected_version=_version(idea),
            what_happened=planted("marker-do-what"), problems=planted("marker-do-problems"),
            observations=planted("marker-do-observations"))
        ideas.cycle_record_study(actor=author, cycle=cycle, expected_version=_version(idea),
                                 result=planted("marker-study"))
        ideas.cycle_act(actor=author, cycle=cycle, expected_version=_version(idea),
                        outcome="adopt", notes=planted("marker-act"))

        dropped = ideas.idea_create(actor=author, team=author.team,
                                    title=planted("marker-dropped"), change="We will try.",
                                    prediction="We expect less.")
        ideas.idea_support(actor=manager, idea=dropped, comment=planted("marker-support"))
        ideas.idea_abandon(actor=author, idea=dropped, expected_version=_version(dropped),
                           reason=planted("marker-abandon"))

        note = NoteFactory(team=author.team, author=author.user,
                           what_happened="The transfer meeting started late.")
        note = privacy.note_share_beyond_team(membership=author, note=note,
                                              version=note.version, shown=set(), phrases=[],
                                              confirmed=True)
        learning.reply_add(membership=manager, note=note, text=planted("marker-reply"))
        learning.me_too_add(membership=manager, note=note, comment=planted("marker-me-too"))

        measure = MeasureFactory(organisation=tenant_a.organisation, team=author.team,
                                 owner=manager.user)
        measures.datapoint_record(actor=manager, measure=measure, period=date(2025, 1, 6),
                                  value=4, note=planted("marker-point"))
        check = SustainCheckFactory(watch__measure=measure, watch__owner=manager.user)
        measures.sustain_check_resolve(actor=manager, check=check,
                                       finding=planted("marker-finding"))
    return {"idea": idea, "dropped": dropped, "note": note, "measure": measure, "check": check}


def _url(tenant, name, **kwargs) -> str:
    return reverse(name, kwargs={"org_slug": tenant.organisation.slug, **kwargs})


PAGES = {
    "note page conversation": (
        lambda t, w: _url(t, "learning:note", note_id=w["note"].pk),
        ["marker-reply", "marker-me-too"]),
    "idea page": (
        lambda t, w: _url(t, "improvements:idea", idea_id=w["idea"].pk),
        ["marker-title", "marker-change", "marker-prediction", "marker-measure",
         "marker-plan-what", "marker-plan-who", "marker-plan-where", "marker-plan-prediction",
         "marker-plan-data", "marker-do-what", "marker-do-problems", "marker-do-observations",
         "marker-study", "marker-act", "marker-concern", "marker-concern-reply",
         "marker-resolution"]),
    "abandoned idea page": (
        lambda t, w: _url(t, "improvements:idea", idea_id=w["dropped"].pk),
        ["marker-dropped", "marker-abandon", "marker-support"]),
    "board": (
        lambda t, w: _url(t, "improvements:board") + f"?team={t.teams[0].pk}",
        ["marker-title", "marker-dropped"]),
    "ideas list": (
        lambda t, w: _url(t, "improvements:ideas"), ["marker-title", "marker-dropped"]),
    "library": (
        lambda t, w: _url(t, "improvements:library"),
        ["marker-title", "marker-change", "marker-study", "marker-measure"]),
    "measure page": (
        lambda t, w: _url(t, "measures:detail", measure_id=w["measure"].pk),
        ["marker-finding"]),
    "sustain check page": (
        lambda t, w: _url(t, "measures:check", check_id=w["check"].pk), ["marker-finding"]),
}


@pytest.mark.parametrize("page", sorted(PAGES))
def test_team_reads_the_original_and_others_the_de_identified_text(
        page, client, login, tenant_a, outsider, world):
    make_url, markers = PAGES[page]
    url = make_url(tenant_a, world)

    login(client, tenant_a.team_manager.user)
    body = client.get(url).content.decode()
    for marker in markers:
        assert f"{marker}: we met Mrs Kasia Nowak at WB4 7QX" in body, (page, marker)

    for other in (outsider, tenant_a.improvement_lead):
        login(client, other.user)
        response = client.get(url)
        assert response.status_code == 200
        body = response.content.decode()
        for marker in markers:
            assert f"{marker}: we met " in body, (page, marker, "field not shown")
        for identifier in IDENTIFIERS:
            assert identifier not in body, (page, identifier)
        assert "[NHS_NUMBER]" in body and "[POSTCODE]" in body


def test_every_covered_field_has_its_row_and_keeps_no_identifier(tenant_a, world):
    rows = OutsideText.unscoped.filter(organisation=tenant_a.organisation)
    covered = {(label, name) for label, c in outside.COVERED.items() for name in c.fields}
    written = {(row.content_type.model_class()._meta.label_lower, row.field) for row in rows}
    assert covered == written
    for row in rows:
        assert not any(identifier in row.text for identifier in IDENTIFIERS), row.field
        if ": we met " in row.text:
            assert {span["type"] for span in row.spans} >= {"PERSON", "POSTCODE", "NHS_NUMBER"}


def test_a_reply_is_read_in_full_by_its_writers_team_not_the_notes(
        client, login, tenant_a, outsider, world):
    with tenant_a.context():
        reply = learning.reply_add(membership=outsider, note=world["note"],
                                   text=planted("marker-other-team-reply"))
    assert reply._outside_texts["text"].team_id == tenant_a.teams[1].pk
    url = _url(tenant_a, "learning:note", note_id=world["note"].pk)
    login(client, outsider.user)
    assert "marker-other-team-reply: we met Mrs Kasia Nowak" in client.get(url).content.decode()
    login(client, tenant_a.practitioner.user)
    body = client.get(url).content.decode()
    assert "marker-other-team-reply: we met [PERSON 1]" in body


def test_trying_an_idea_elsewhere_copies_only_the_de_identified_text(tenant_a, outsider, world):
    world["idea"].refresh_from_db()
    with tenant_a.context():
        tried = ideas.idea_try_in_team(actor=outsider, idea=world["idea"],
                                       team=tenant_a.teams[1])
    for name in ("title", "change", "prediction", "measure_label"):
        assert not any(i in getattr(tried, name) for i in IDENTIFIERS), name
    assert tried.title.startswith("marker-title: we met [PERSON 1]")


def test_the_library_search_reads_only_the_de_identified_text(
        client, login, tenant_a, outsider, world):
    url = _url(tenant_a, "improvements:library")
    login(client, outsider.user)
    assert "marker-title" in client.get(url, {"q": "marker-study"}).content.decode()
    assert "marker-title" not in client.get(url, {"q": "Nowak"}).content.decode()


def test_timelines_and_notifications_name_ideas_as_outsiders_read_them(tenant_a, world):
    summaries = " ".join(IdeaEvent.unscoped.values_list("summary", flat=True))
    titles = " ".join(Notification.unscoped.values_list("title", flat=True))
    assert "marker-title: we met [PERSON 1]" in titles
    for identifier in IDENTIFIERS:
        assert identifier not in summaries and identifier not in titles



def test_notes_on_figures_are_de_identified_on_charts_for_everyone(
        client, login, tenant_a, outsider, world):
    url = _url(tenant_a, "measures:detail", measure_id=world["measure"].pk)
    # Charts go into idea pages, the library and reports, so the team reads this version too.
    for reader in (tenant_a.team_manager, outsider):
        login(client, reader.user)
        body = client.get(url).content.decode()
        assert "marker-point: we met [PERSON 1] at [POSTCODE], NHS number [NHS_NUMBER]" in body
        assert "marker-point: we met Mrs" not in body
