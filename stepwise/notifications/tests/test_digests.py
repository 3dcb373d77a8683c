"""The weekly round-up, sent over a real SMTP server started by the test."""

from datetime import date, datetime
from email.message import EmailMessage
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from stepwise.core.models import AuditEvent
from stepwise.core.scheduler import LONDON
from stepwise.improvements.tests.helpers import suggested_idea
from stepwise.learning import services as learning
from stepwise.learning.models import Kind
from stepwise.learning.tests.factories import NoteFactory
from stepwise.notifications import digests
from stepwise.notifications.models import (
    Digest,
    DigestSubscription,
    EmailSent,
    EmailState,
    Notification,
)
from stepwise.notifications.tasks import (
    send_monthly_digest,
    send_weekly_digest,
    send_weekly_digests,
)
from stepwise.recognition import services as recognition

# Planted in every piece of text people write; no e-mail may ever carry it.
SECRET = "Quillon Marrowby"


def parts(message: EmailMessage) -> dict[str, str]:
    return {part.get_content_type(): part.get_content() for part in message.walk()
            if part.get_content_type() in ("text/plain", "text/html")}


def to(inbox, membership) -> list[EmailMessage]:
    return [m for m in inbox.messages if m["To"] == membership.user.email]


def run(tenant) -> dict:
    return send_weekly_digest.call(tenant.organisation.pk, "2026-W48")


@pytest.fixture
def busy_week(tenant_a):
    """A week of activity around the practitioner's notes and idea, every text planted."""
    practitioner, manager, lead = (tenant_a.practitioner, tenant_a.team_manager,
                                   tenant_a.improvement_lead)
    with tenant_a.context():
        note = NoteFactory(team=tenant_a.teams[0], author=practitioner.user,
                           what_happened=f"{SECRET} said the chronology was missing.")
        anonymous = NoteFactory(team=tenant_a.teams[0], author=practitioner.user,
                                is_anonymous=True, kind=Kind.MISTAKE,
                                what_happened=f"{SECRET} was not invited to the core group.")
        learning.me_too_add(membership=manager, note=note, comment=f"{SECRET} too")
        learning.reply_add(membership=manager, note=note, text=f"Ask {SECRET} first.")
        learning.thanks_add(membership=manager, note=note)
        learning.me_too_add(membership=manager, note=anonymous)
        learning.reply_add(membership=manager, note=anonymous, text=f"{SECRET} again.")
        idea = suggested_idea(practitioner, notes=[note], title=f"Ring {SECRET} first",
                              now=timezone.now())
        from stepwise.improvements import services as improvements

        improvements.idea_support(actor=manager, idea=idea, comment=f"{SECRET} would try it")
        recognition.idea_thank(membership=lead, idea=idea)
        # A notification whose title names the idea rides in the e-mail by its kind only.
        from stepwise.improvements import kinds as idea_kinds
        from stepwise.notifications.services import notification_send

        notification_send(recipient=practitioner.user, organisation=tenant_a.organisation,
                          kind=idea_kinds.SPREAD.key, title=f"{idea.title} is spreading",
                          url=idea.get_absolute_url())
    return note, anonymous, idea


def test_the_weekly_round_up_tells_each_person_what_happened_with_links_only(
        tenant_a, tenant_b, busy_week, smtp_server):
    note, anonymous, idea = busy_week
    result = run(tenant_a)
    assert result["sent"] == 2  # the practitioner, and the manager hearing of the team's week

    [mail] = to(smtp_server, tenant_a.practitioner)
    body = parts(mail)
    assert set(body) == {"text/plain", "text/html"}
    text, html = body["text/plain"], body["text/html"]
    slug = tenant_a.organisation.slug
    for part in (text, unescape(html)):
        assert "people said" not in part  # one person each time
        assert "1 person said 'me too', 1 reply, 1 thanks, led to 1 new improvement idea" in part
        assert f"/o/{slug}/notes/{note.pk}/" in part
        assert "Your anonymous notes: 1 person said 'me too', 1 reply." in part
        assert f"/o/{slug}/notes/mine/" in part
        assert "1 more person would try it, 1 thanks" in part
        assert f"/o/{slug}/ideas/{idea.pk}/" in part
        assert "You were thanked 2 times, for your notes and ideas." in part
        # The weekly notification about the note's thanks rides in the same e-mail.
        waiting = Notification.unscoped.get(recipient=tenant_a.practitioner.user,
                                            kind="learning.thanks")
        assert f"/o/{slug}/notifications/{waiting.pk}/" in part
        assert "Thanks for your notes (" in part
        assert "Ideas spreading to other teams (" in part
        assert f"/o/{slug}/notifications/digests/weekly/off/" in part
    # Nothing anyone wrote, no idea title, and no address of the anonymous note.
    raw = mail.as_string()
    assert SECRET not in raw and "Quillon" not in text + html
    assert f"/notes/{anonymous.pk}/" not in text + html
    assert Notification.unscoped.get(pk=waiting.pk).email_state == EmailState.SENT

    [manager_mail] = to(smtp_server, tenant_a.team_manager)
    manager_text = parts(manager_mail)["text/plain"]
    assert "2 new learning notes from colleagues" in manager_text
    assert "1 new improvement idea" in manager_text and SECRET not in manager_text
    # Nobody else had anything new, and the other organisation hears nothing.
    assert len(smtp_server.messages) == 2
    assert not [m for m in smtp_server.messages if tenant_b.organisation.slug in m.as_string()]


def test_the_watermark_means_nothing_is_said_twice(tenant_a, busy_week, smtp_server):
    run(tenant_a)
    assert len(smtp_server.messages) == 2
    assert run(tenant_a)["nothing new"] == len(tenant_a.members)
    assert len(smtp_server.messages) == 2
    note = busy_week[0]
    with tenant_a.context():
        learning.reply_add(membership=tenant_a.team_manager, note=note, text=SECRET)
    run(tenant_a)
    [later] = to(smtp_server, tenant_a.practitioner)[1:]
    text = parts(later)["text/plain"]
    assert "1 reply." in text and "me too" not in text and SECRET not in later.as_string()


def test_nothing_new_sends_nothing(tenant_a, smtp_server):
    assert run(tenant_a) == {"period": "2026-W48", "nothing new": len(tenant_a.members)}
    assert smtp_server.messages == []
    assert not EmailSent.objects.exists()


def test_a_switched_off_round_up_is_not_sent(tenant_a, busy_week, smtp_server):
    with tenant_a.context():
        digests.digest_switch(membership=tenant_a.practitioner, digest=Digest.WEEKLY,
                              enabled=False)
        # Notifications chosen weekly still arrive, in their own, smaller e-mail.
        Notification.objects.filter(delivery="weekly").delete()
    run(tenant_a)
    assert to(smtp_server, tenant_a.practitioner) == []
    assert len(to(smtp_server, tenant_a.team_manager)) == 1
    event = AuditEvent.unscoped.get(action="notifications.digest_switched")
    assert event.data == {"digest": "weekly", "enabled": False}


def test_weekly_notifications_still_arrive_when_the_round_up_is_off(tenant_a, busy_week,
                                                                      smtp_server):
    with tenant_a.context():
        digests.digest_switch(membership=tenant_a.practitioner, digest=Digest.WEEKLY,
                              enabled=False)
    run(tenant_a)
    [mail] = to(smtp_server, tenant_a.practitioner)
    text = parts(mail)["text/plain"]
    assert "Waiting for you in Stepwise" in text
    assert "Your note of" not in text and "/digests/weekly/off/" not in text


def test_the_daily_cap_holds_the_round_up_until_there_is_room(tenant_a, busy_week,
                                                               smtp_server, settings):
    settings.NOTIFICATION_EMAILS_PER_DAY = 1
    EmailSent.objects.create(recipient=tenant_a.practitioner.user, kind="learning.reply")
    assert run(tenant_a)["capped"] == 1
    assert to(smtp_server, tenant_a.practitioner) == []
    # The activity was not marked as told: it goes out once there is room.
    EmailSent.objects.all().delete()
    run(tenant_a)
    [mail] = to(smtp_server, tenant_a.practitioner)
    assert "Your note of" in parts(mail)["text/plain"]


def test_the_monday_job_enqueues_one_task_per_organisation(tenant_a, tenant_b):
    from stepwise.core import scheduler

    job = {j.name: j for j in scheduler.registered_jobs()}["notifications.weekly_digest"]
    assert (job.cadence, job.weekday, job.at.hour) == ("weekly", 0, 7)
    assert send_weekly_digests.call("2026-W48") == {"period": "2026-W48", "organisations": 2}


def test_the_stop_link_page_switches_the_round_up_off_and_settings_switch_it_back(
        client, login, tenant_a):
    login(client, tenant_a.practitioner.user)
    slug = {"org_slug": tenant_a.organisation.slug}
    stop = reverse("notifications:digest_weekly_off", kwargs=slug)
    assert "Stop these e-mails" in client.get(stop).content.decode()
    response = client.post(stop)
    assert response.status_code == 302
    subscription = DigestSubscription.unscoped.get(person=tenant_a.practitioner.user)
    assert (subscription.digest, subscription.enabled) == (Digest.WEEKLY, False)
    settings_page = client.get(reverse("notifications:preferences", kwargs=slug)).content.decode()
    assert "Weekly round-up of your notes and ideas</strong>: off" in settings_page
    assert "already switched off" in client.get(stop).content.decode()
    client.post(reverse("notifications:digest_weekly_on", kwargs=slug))
    subscription.refresh_from_db()
    assert subscription.enabled and subscription.covered_until is not None
    # Someone else's switch is untouched.
    assert not DigestSubscription.unscoped.exclude(person=tenant_a.practitioner.user).exists()


def _adopted(tenant, *, on, title, notes=()):
    from stepwise.improvements.models import Idea, IdeaNote, State

    moment = datetime(on.year, on.month, on.day, 10, tzinfo=LONDON)
    idea = Idea.unscoped.create(
        organisation=tenant.organisation, team=tenant.teams[0],
        author=tenant.practitioner.user, title=title, change=f"We will ask {SECRET}.",
        prediction="Fewer late transfers.", state=State.ADOPTED, adopted_on=on,
        state_changed_at=moment, last_activity_at=moment, created_at=moment)
    for note in notes:
        IdeaNote.unscoped.create(organisation=tenant.organisation, idea=idea, note=note)
    return idea


def test_the_monthly_you_said_we_did_goes_to_every_member_once(tenant_a, tenant_b, smtp_server):
    from stepwise.engagement.figures import you_said_we_did

    note = NoteFactory(team=tenant_a.teams[0], author=tenant_a.practitioner.user,
                       what_happened=f"{SECRET} waited an hour.")
    idea = _adopted(tenant_a, on=date(2026, 10, 14), title="Share the chronology a day early",
                    notes=[note])
    _adopted(tenant_a, on=date(2026, 11, 2), title="Not adopted in October")
    with tenant_a.context():
        digests.digest_switch(membership=tenant_a.org_admin, digest=Digest.MONTHLY,
                              enabled=False)
    result = send_monthly_digest.call(tenant_a.organisation.pk, "2026-10")
    assert result == {"month": "2026-10", "sent": len(tenant_a.members) - 1, "off": 1}
    assert {m["To"] for m in smtp_server.messages} == {
        m.user.email for m in tenant_a.members.values()} - {tenant_a.org_admin.user.email}
    [shown] = you_said_we_did(organisation=tenant_a.organisation, start=date(2026, 10, 1),
                              end=date(2026, 10, 31))
    for message in smtp_server.messages:
        body = parts(message)
        assert set(body) == {"text/plain", "text/html"}
        text = body["text/plain"]
        assert "1 improvement adopted in October, grown from 1 learning note" in text
        assert f"{shown.title} ({tenant_a.teams[0].name}), adopted 14 October" in text
        assert f"/o/{tenant_a.organisation.slug}/ideas/{idea.pk}/" in text
        assert "Not adopted in October" not in text
        assert "/notifications/digests/monthly/off/" in text
        assert SECRET not in message.as_string()
    # Run again (a restarted worker): nobody hears twice.
    assert send_monthly_digest.call(tenant_a.organisation.pk, "2026-10")["already sent"] == len(tenant_a.members) - 1
    assert len(smtp_server.messages) == len(tenant_a.members) - 1


def test_a_month_with_nothing_adopted_or_chosen_sends_nothing(tenant_a, smtp_server):
    _adopted(tenant_a, on=date(2026, 11, 2), title="Adopted in November")
    result = send_monthly_digest.call(tenant_a.organisation.pk, "2026-10")
    assert result == {"month": "2026-10", "nothing new": len(tenant_a.members)}
    assert smtp_server.messages == []


def test_the_months_chosen_successes_are_named_by_team_only(tenant_a, smtp_server):
    from stepwise.recognition.models import Highlight

    note = NoteFactory(team=tenant_a.teams[0], author=tenant_a.practitioner.user,
                       kind="success", what_happened=f"{SECRET} came to the meeting.")
    Highlight.unscoped.create(organisation=tenant_a.organisation, team=tenant_a.teams[0],
                              month=date(2026, 10, 1), note=note,
                              confirmed_by=tenant_a.team_manager.user,
                              confirmed_at=timezone.now())
    send_monthly_digest.call(tenant_a.organisation.pk, "2026-10")
    text = parts(smtp_server.messages[0])["text/plain"]
    assert f"{tenant_a.teams[0].name} chose a success to learn from" in text
    assert "/success-of-the-month/" in text and f"/notes/{note.pk}/" not in text
    assert SECRET not in smtp_server.messages[0].as_string()


@pytest.mark.parametrize("today, due", [
    (date(2026, 11, 2), True),  # the 1st was a Sunday
    (date(2026, 11, 1), False),
    (date(2026, 12, 1), True),
    (date(2027, 1, 1), False),  # New Year's Day
    (date(2027, 1, 4), True),
])
def test_the_monthly_digest_goes_on_the_first_working_day(today, due):
    assert (digests.first_working_day(today.replace(day=1)) == today) is due


def test_a_long_round_up_lists_the_latest_notes_and_counts_the_rest(tenant_a, smtp_server):
    notes = [NoteFactory(team=tenant_a.teams[0], author=tenant_a.practitioner.user)
             for _ in range(digests.MAX_LINES + 3)]
    with tenant_a.context():
        for note in notes:
            learning.thanks_add(membership=tenant_a.team_manager, note=note)
    run(tenant_a)
    [mail] = to(smtp_server, tenant_a.practitioner)
    text = parts(mail)["text/plain"]
    assert text.count("Your note of") == digests.MAX_LINES
    assert f"/notes/{notes[-1].pk}/" in text and f"/notes/{notes[0].pk}/" not in text
    assert "And 3 earlier notes with news" in text
    assert f"You were thanked {len(notes)} times, for your notes." in text
