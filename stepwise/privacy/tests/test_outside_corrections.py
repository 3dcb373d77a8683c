"""The author sees what people outside their team read, and corrects it; corrections last."""

import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from stepwise.core.models import AuditEvent
from stepwise.improvements import services as ideas
from stepwise.improvements.tests.helpers import suggested_idea
from stepwise.learning.models import MeToo
from stepwise.learning.tests.factories import MeTooFactory, NoteFactory
from stepwise.organisations.tests.factories import MembershipFactory, UserFactory
from stepwise.privacy import outside
from stepwise.privacy.models import OutsideText

# "Larkfield estate" is a place the engine takes for a name; "Peaches" (the family's dog)
# is a word it misses.
CHANGE = ("We will meet families at the Larkfield estate office, as Mrs Kasia Nowak asked; "
          "Peaches the dog stays outside.")


@pytest.fixture
def outsider(tenant_a):
    return MembershipFactory(organisation=tenant_a.organisation, team=tenant_a.teams[1],
                             user=UserFactory(full_name="Ola Outsider"))


@pytest.fixture
def idea(tenant_a):
    with tenant_a.context():
        made = suggested_idea(tenant_a.practitioner)
        made.refresh_from_db()
        return ideas.idea_update(actor=tenant_a.practitioner, idea=made,
                                 expected_version=made.version, change=CHANGE)


def _url(tenant, name, **kwargs):
    return reverse(name, kwargs={"org_slug": tenant.organisation.slug, **kwargs})


def _change_row(idea) -> OutsideText:
    return OutsideText.unscoped.get(object_id=idea.pk, field="change",
                                    content_type__model="idea")


def _outsider_reads(client, login, tenant, outsider, idea) -> str:
    login(client, outsider.user)
    body = client.get(_url(tenant, "improvements:idea", idea_id=idea.pk)).content.decode()
    return body.split("We will</dt>")[1].split("</dd>")[0]


def test_the_author_sees_what_outsiders_read_and_a_way_to_correct_it(
        client, login, tenant_a, idea):
    login(client, tenant_a.practitioner.user)
    body = client.get(_url(tenant_a, "improvements:idea", idea_id=idea.pk)).content.decode()
    assert "What people outside your team see" in body
    row = _change_row(idea)
    assert row.text in body.replace("&#x27;", "'") and "Kasia" not in row.text
    # One correction page for the whole idea, reached from its first field.
    title_row = OutsideText.unscoped.get(object_id=idea.pk, field="title",
                                         content_type__model="idea")
    assert _url(tenant_a, "privacy:outside_text", text_id=title_row.pk) in body
    # A teammate who did not write it reads the original, with no disclosure to act on.
    login(client, tenant_a.team_manager.user)
    body = client.get(_url(tenant_a, "improvements:idea", idea_id=idea.pk)).content.decode()
    assert "Kasia Nowak" in body and "What people outside your team see" not in body


def test_not_personal_and_hide_everywhere_change_what_outsiders_read_and_survive_an_edit(
        client, login, tenant_a, outsider, idea):
    before = _outsider_reads(client, login, tenant_a, outsider, idea)
    assert "Larkfield" not in before and "Kasia" not in before and "Peaches" in before

    login(client, tenant_a.practitioner.user)
    url = _url(tenant_a, "privacy:outside_text", text_id=_change_row(idea).pk)
    page = client.get(url)
    assert page.status_code == 200
    choices = dict(page.context["form"].fields["show"].choices)
    larkfield = next(key for key, label in choices.items() if "Larkfield" in label)
    response = client.post(url, {"show": [larkfield], "phrases": "Peaches", "save": "1"})
    assert response.status_code == 302
    assert response.url == idea.get_absolute_url()

    after = _outsider_reads(client, login, tenant_a, outsider, idea)
    assert "Larkfield" in after and "Peaches" not in after and "Kasia" not in after

    with tenant_a.context():
        idea.refresh_from_db()
        ideas.idea_update(actor=tenant_a.practitioner, idea=idea,
                          expected_version=idea.version,
                          change=CHANGE + " Next week Peaches goes to Larkfield estate too.")
    edited = _outsider_reads(client, login, tenant_a, outsider, idea)
    assert "Next week" in edited and edited.count("Larkfield") == 2
    assert "Peaches" not in edited and "Kasia" not in edited


def test_a_correction_is_audited_by_counts_never_words(client, login, tenant_a, idea):
    login(client, tenant_a.practitioner.user)
    url = _url(tenant_a, "privacy:outside_text", text_id=_change_row(idea).pk)
    client.post(url, {"phrases": "Peaches\nstays outside", "save": "1"})
    event = AuditEvent.unscoped.get(action="privacy.outside_text_corrected")
    assert event.data == {"kept": 0, "hidden": 2, "newly_kept": 0, "newly_hidden": 2}
    assert event.actor == tenant_a.practitioner.user
    assert "Peaches" not in json.dumps(event.data) + event.summary


def test_only_the_writer_may_correct(client, login, tenant_a, idea):
    url = _url(tenant_a, "privacy:outside_text", text_id=_change_row(idea).pk)
    for other in (tenant_a.team_manager, tenant_a.improvement_lead):
        login(client, other.user)
        assert client.get(url).status_code == 404
        assert client.post(url, {"phrases": "Larkfield", "save": "1"}).status_code == 404
    assert _change_row(idea).hidden == []


@pytest.mark.parametrize("data, field", [
    ({"phrases": "\n".join(f"word{n}" for n in range(60)), "save": "1"}, "phrases"),
    ({"phrases": "x" * 130, "save": "1"}, "phrases"),
    ({"show": ["not a detection"], "save": "1"}, "show"),
    ({"phrases": "a" * 5000, "save": "1"}, "phrases"),
])
def test_bad_corrections_are_refused_with_a_message_and_change_nothing(
        client, login, tenant_a, idea, data, field):
    row = _change_row(idea)
    login(client, tenant_a.practitioner.user)
    response = client.post(_url(tenant_a, "privacy:outside_text", text_id=row.pk), data)
    assert response.status_code == 422
    assert f'id="id_{field}-error"' in response.content.decode() or (
        f'id="id_{field}_error"' in response.content.decode())
    fresh = _change_row(idea)
    assert (fresh.text, fresh.kept, fresh.hidden) == (row.text, row.kept, row.hidden)
    assert not AuditEvent.unscoped.filter(action="privacy.outside_text_corrected").exists()


def test_a_preview_shows_the_result_without_saving(client, login, tenant_a, idea):
    row = _change_row(idea)
    login(client, tenant_a.practitioner.user)
    response = client.post(_url(tenant_a, "privacy:outside_text", text_id=row.pk),
                           {"phrases": "Peaches", "preview": "1"},
                           headers={"HX-Request": "true"})
    assert response.status_code == 200
    preview = response.content.decode().split('id="redacted-preview"')[1]
    assert "Peaches" not in preview and "the dog stays outside" in preview
    assert _change_row(idea).hidden == []


def test_text_without_a_row_or_with_a_stale_one_is_de_identified_on_the_spot(
        tenant_a, outsider):
    note = NoteFactory(team=tenant_a.teams[0], author=tenant_a.practitioner.user)
    # Written straight to the table, as old data and the demo's bulk rows are.
    me_too = MeTooFactory(note=note, person=tenant_a.team_manager.user,
                          comment="Same with Mrs Kasia Nowak at WB4 7QX.")
    with tenant_a.context():
        shown = outside.shown_text(outsider, me_too, "comment")
        assert "Kasia" not in shown and "[POSTCODE]" in shown
        assert outside.shown_text(tenant_a.team_manager, me_too, "comment") == me_too.comment
        call_command("outside_texts", stdout=open("/dev/null", "w"))  # noqa: SIM115
        row = OutsideText.objects.get(object_id=me_too.pk, field="comment")
        assert row.text == shown and row.author_id == tenant_a.team_manager.user_id
        assert row.team_id == tenant_a.teams[0].pk
        # A later change that skipped the service is not trusted: the stored text is stale.
        MeToo.objects.filter(pk=me_too.pk).update(comment="Now Mr Tobias Wren, WB9 1AA.")
        me_too.refresh_from_db()
        again = outside.shown_text(outsider, me_too, "comment")
    assert "Tobias" not in again and "WB9" not in again and "[POSTCODE]" in again


def test_the_backfill_only_computes_what_is_missing_or_stale(tenant_a):
    note = NoteFactory(team=tenant_a.teams[0], author=tenant_a.practitioner.user)
    MeTooFactory(note=note, person=tenant_a.team_manager.user, comment="Mrs Kasia Nowak.")
    from io import StringIO

    first, second = StringIO(), StringIO()
    call_command("outside_texts", stdout=first)
    call_command("outside_texts", stdout=second)
    assert "Outside texts: 1 computed." in first.getvalue()
    assert "Outside texts: 0 computed." in second.getvalue()


def test_team_names_stay_readable_but_people_named_like_them_do_not(tenant_a):
    team = tenant_a.teams[0]
    team.name = "Assessment North"
    team.save()
    with tenant_a.context():
        made = suggested_idea(tenant_a.practitioner,
                              title="Assessment North phones Mrs Ada North first")
    row = OutsideText.unscoped.get(object_id=made.pk, field="title", content_type__model="idea")
    assert row.text == "Assessment North phones [PERSON 1] first"


def test_the_tag_gives_reports_the_de_identified_text_even_for_the_team(rf, tenant_a, idea):
    from django.template import Context, Template

    request = rf.get("/")
    request.membership = tenant_a.practitioner
    template = Template('{% load outside %}{% shown idea "change" %}|'
                        '{% shown idea "change" everyone=True %}')
    with tenant_a.context():
        mine, report = template.render(Context({"request": request, "idea": idea})).split("|")
    assert "Kasia Nowak" in mine.replace("&#x27;", "'")
    assert "Kasia" not in report and "[PERSON 1]" in report
