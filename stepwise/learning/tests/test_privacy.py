"""Nothing leaks: not across teams, not across organisations, and never an anonymous author."""

import pytest
from django.urls import reverse

from stepwise.core.models import AuditEvent
from stepwise.learning import services
from stepwise.learning.selectors import similar_notes
from stepwise.notifications.models import Notification

TEXT = "The strategy discussion went ahead without the health visitor because the invite bounced."


def url(tenant, name, **kwargs):
    return reverse(name, kwargs={"org_slug": tenant.organisation.slug, **kwargs})


@pytest.fixture
def notes(tenant_a, tenant_b, share):
    """One note per team per organisation, all saying much the same."""
    made = {}
    with tenant_a.context():
        made["a_team1"] = share(tenant_a.practitioner, text="Team one. " + TEXT)
        made["a_team2"] = services.note_submit(
            membership=tenant_a.improvement_lead, note=None,
            content=services.NoteContent(kind="mistake", what_happened="Team two. " + TEXT,
                                         team=tenant_a.teams[1]))
    with tenant_b.context():
        made["b_team1"] = share(tenant_b.practitioner, text="Southby. " + TEXT)
    return made


def test_lists_show_only_the_viewers_team(client, login, tenant_a, notes):
    login(client, tenant_a.team_manager.user)
    body = client.get(url(tenant_a, "learning:notes")).content.decode()
    assert "Team one." in body
    assert "Team two." not in body and "Southby." not in body
    # Leaders outside the team see no team-only note at all.
    login(client, tenant_a.org_admin.user)
    body = client.get(url(tenant_a, "learning:notes")).content.decode()
    assert TEXT[:30] not in body


def test_other_teams_notes_are_not_found(client, login, tenant_a, notes):
    login(client, tenant_a.team_manager.user)
    for name in ("learning:note", "learning:me_too", "learning:reply", "learning:report"):
        assert client.get(url(tenant_a, name, note_id=notes["a_team2"].pk)).status_code == 404
    assert client.post(url(tenant_a, "learning:me_too", note_id=notes["a_team2"].pk)
                       ).status_code == 404


def test_similar_notes_come_only_from_what_the_writer_may_see(client, login, tenant_a, notes):
    with tenant_a.context():
        found = similar_notes(membership=tenant_a.team_manager, text=TEXT)
    assert [n.pk for n in found] == [notes["a_team1"].pk]
    login(client, tenant_a.team_manager.user)
    body = client.post(url(tenant_a, "learning:similar"), {"what_happened": TEXT},
                      headers={"HX-Request": "true"}).content.decode()
    assert "Team one." in body and "Team two." not in body and "Southby." not in body


def test_notifications_reach_only_their_recipient(client, login, tenant_a, tenant_b, notes):
    with tenant_a.context():
        services.reply_add(membership=tenant_a.team_manager, note=notes["a_team1"], text="Hi")
    mine = Notification.unscoped.get()
    assert mine.recipient == tenant_a.practitioner.user
    login(client, tenant_a.team_manager.user)
    assert client.get(url(tenant_a, "notifications:open", notification_id=mine.pk)
                      ).status_code == 404
    assert "replied" not in client.get(url(tenant_a, "notifications:list")).content.decode()
    login(client, tenant_b.practitioner.user)
    assert client.get(url(tenant_b, "notifications:open", notification_id=mine.pk)
                      ).status_code == 404
    login(client, tenant_a.practitioner.user)
    response = client.get(url(tenant_a, "notifications:open", notification_id=mine.pk))
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.read_at is not None


def test_nobody_lists_notes_by_author(client, login, tenant_a, notes):
    login(client, tenant_a.team_manager.user)
    everyone = client.get(url(tenant_a, "learning:notes")).content.decode()
    filtered = client.get(url(tenant_a, "learning:notes"),
                          {"author": tenant_a.team_manager.user.pk}).content.decode()
    assert "Team one." in everyone and "Team one." in filtered
    # "Your notes" is the author's own list only.
    assert "Team one." not in client.get(url(tenant_a, "learning:mine")).content.decode()


def test_managers_see_team_participation_not_individual_counts(client, login, tenant_a, notes):
    login(client, tenant_a.team_manager.user)
    body = client.get(url(tenant_a, "learning:notes")).content.decode()
    assert "of Northby Team 1 shared learning" in body
    login(client, tenant_a.practitioner.user)
    assert "shared learning (" not in client.get(url(tenant_a, "learning:notes")).content.decode()


def test_an_anonymous_author_is_never_revealed_to_others(client, login, tenant_a,
                                                        django_capture_on_commit_callbacks):
    author = tenant_a.practitioner
    with tenant_a.context(), django_capture_on_commit_callbacks(execute=True):
        note = services.note_submit(membership=author, note=None, content=services.NoteContent(
            kind="mistake", what_happened="I sent the letter to the old address.",
            is_anonymous=True))
        services.reply_add(membership=tenant_a.team_manager, note=note, text="Easily done")
        services.reply_add(membership=author, note=note, text="I have changed my checklist")
        services.me_too_add(membership=tenant_a.team_manager, note=note, comment="Me too")
        services.thanks_add(membership=tenant_a.team_manager, note=note)
        services.note_update(membership=author, note=note, version=note.version,
                             content=services.NoteContent(
                                 kind="mistake", is_anonymous=True,
                                 what_happened="I sent the letter to an old address."))
        services.note_report(membership=tenant_a.team_manager, note=note, reason="other")
    revealing = {author.user.full_name, author.user.email}

    def assert_hidden(body: str, where: str):
        for text in revealing:
            assert text not in body, (where, text)

    # The team manager reads the note page (before the report hid it, then the review page).
    from stepwise.learning.models import Note

    Note.unscoped.filter(pk=note.pk).update(hidden_at=None)
    login(client, tenant_a.team_manager.user)
    for name, kwargs in [("learning:note", {"note_id": note.pk}), ("learning:notes", {}),
                         ("notifications:list", {})]:
        response = client.get(url(tenant_a, name, **kwargs))
        assert response.status_code == 200
        assert_hidden(response.content.decode(), name)
    assert "The note&#x27;s author" in client.get(
        url(tenant_a, "learning:note", note_id=note.pk)).content.decode()
    Note.unscoped.filter(pk=note.pk).update(hidden_at="2026-01-01T00:00:00Z")
    login(client, tenant_a.improvement_lead.user)
    for name, kwargs in [("learning:reports", {}), ("learning:report_review",
                                                   {"note_id": note.pk}),
                         ("notifications:list", {})]:
        response = client.get(url(tenant_a, name, **kwargs))
        assert response.status_code == 200
        assert_hidden(response.content.decode(), name)
    login(client, tenant_a.org_admin.user)
    response = client.get(url(tenant_a, "organisations:audit_log"))
    assert_hidden(response.content.decode(), "audit log")
    # The audit trail itself: nothing the author did on this note names them.
    for event in AuditEvent.unscoped.filter(target_id=str(note.pk)):
        assert event.actor_id != author.user_id, f"{event.action} names the anonymous author"
        assert str(author.user_id) not in str(event.data)
    # Notifications to others never name the author either.
    for notification in Notification.unscoped.exclude(recipient=author.user):
        assert_hidden(notification.title, "notification")
    from django.core import mail

    for message in mail.outbox:
        assert_hidden(message.body, "e-mail")
        assert "old address" not in message.body
    # The author still finds it, marked as theirs, and heard about the responses.
    login(client, author.user)
    body = client.get(url(tenant_a, "learning:mine")).content.decode()
    assert "I sent the letter" in body and "Anonymous" in body
    assert Notification.unscoped.filter(recipient=author.user).count() >= 3
