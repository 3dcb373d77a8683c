import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from stepwise.notifications import kinds, services
from stepwise.notifications.models import Delivery, EmailState, Notification
from stepwise.notifications.tasks import send_digests, send_notification_email


def send(tenant, kind="learning.reply", recipient=None):
    return services.notification_send(
        recipient=recipient or tenant.practitioner.user, organisation=tenant.organisation,
        kind=kind, title="Someone replied to your learning note", url="/o/x/notes/1/",
    )


def test_every_kind_is_registered_with_a_sensible_default():
    assert {k.key for k in kinds.all_kinds()} >= {
        "learning.reply", "learning.me_too", "learning.thanks", "learning.reported",
        "learning.reviewed"}
    with pytest.raises(KeyError):
        kinds.get("no.such.kind")


def test_immediate_notifications_are_emailed_by_the_worker_with_a_link_only(
        tenant_a, django_capture_on_commit_callbacks):
    with tenant_a.context(), django_capture_on_commit_callbacks(execute=True):
        notification = send(tenant_a)
    assert notification.delivery == Delivery.IMMEDIATELY
    assert not mail.outbox  # the worker sends it, not the request
    assert send_notification_email.call(notification.pk) == EmailState.SENT
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [tenant_a.practitioner.user.email]
    opens = f"http://127.0.0.1:8000/o/northby/notifications/{notification.pk}/"
    assert opens in message.body and "/notes/1/" not in message.body
    # Sending again does nothing.
    assert send_notification_email.call(notification.pk) == EmailState.SENT
    assert len(mail.outbox) == 1


def test_turning_a_kind_off_stores_nothing(tenant_a):
    with tenant_a.context():
        services.notification_preferences_set(membership=tenant_a.practitioner,
                                              choices={"learning.reply": Delivery.OFF})
        assert send(tenant_a) is None
        assert not Notification.objects.exists()
        with pytest.raises(ValidationError):
            services.notification_preferences_set(membership=tenant_a.improvement_lead,
                                                  choices={"learning.reported": Delivery.OFF})


def test_digests_gather_waiting_notifications_into_one_email(tenant_a):
    with tenant_a.context():
        services.notification_preferences_set(membership=tenant_a.practitioner,
                                              choices={"learning.reply": Delivery.DAILY})
        for _ in range(3):
            send(tenant_a)
    result = send_digests.call("2026-11-27", Delivery.DAILY)
    assert result["notifications"] == 3
    assert len(mail.outbox) == 1 and "daily summary (3 new)" in mail.outbox[0].subject
    assert not Notification.unscoped.filter(email_state=EmailState.PENDING).exists()
    assert send_digests.call("2026-11-27", Delivery.DAILY)["notifications"] == 0


def test_a_person_gets_at_most_the_daily_cap_of_emails(tenant_a, settings):
    settings.NOTIFICATION_EMAILS_PER_DAY = 2
    with tenant_a.context():
        made = [send(tenant_a) for _ in range(3)]
    states = [send_notification_email.call(n.pk) for n in made]
    assert states == [EmailState.SENT, EmailState.SENT, EmailState.CAPPED]
    assert len(mail.outbox) == 2
    # Capped notifications still wait in the notification centre.
    assert Notification.unscoped.filter(read_at__isnull=True).count() == 3


def test_preferences_page_saves_choices(client, login, tenant_a):
    login(client, tenant_a.practitioner.user)
    page = reverse("notifications:preferences", kwargs={"org_slug": tenant_a.organisation.slug})
    assert client.get(page).status_code == 200
    choices = {k.key: Delivery.WEEKLY for k in kinds.all_kinds()}
    assert client.post(page, choices).status_code == 302
    with tenant_a.context():
        assert services.delivery_for(person=tenant_a.practitioner.user,
                                     organisation=tenant_a.organisation,
                                     kind="learning.reply") == Delivery.WEEKLY
    assert client.post(page, {**choices, "learning.reply": "sometimes"}).status_code == 422


def test_notification_centre_lists_and_marks_read(client, login, tenant_a):
    with tenant_a.context():
        send(tenant_a)
    login(client, tenant_a.practitioner.user)
    base = {"org_slug": tenant_a.organisation.slug}
    body = client.get(reverse("notifications:list", kwargs=base)).content.decode()
    assert "Someone replied to your learning note" in body and "1 unread" in body
    client.post(reverse("notifications:read_all", kwargs=base))
    assert Notification.unscoped.filter(read_at__isnull=True).count() == 0


def test_digests_and_the_purge_are_scheduled():
    from stepwise.core import scheduler

    names = {job.name for job in scheduler.registered_jobs()}
    assert {"notifications.daily_digest", "notifications.weekly_digest",
            "learning.purge_withdrawn"} <= names


def test_emails_name_the_kind_never_the_title(tenant_a):
    """A title can carry an idea's words; e-mails (immediate and summaries) carry links only."""
    title = "Your idea 'Visit Kayden Mwangi weekly' was adopted"
    with tenant_a.context():
        now = services.notification_send(
            recipient=tenant_a.practitioner.user, organisation=tenant_a.organisation,
            kind="learning.reply", title=title, url="/o/x/notes/1/")
        services.notification_preferences_set(membership=tenant_a.practitioner,
                                              choices={"learning.reply": Delivery.DAILY})
        for _ in range(2):
            services.notification_send(
                recipient=tenant_a.practitioner.user, organisation=tenant_a.organisation,
                kind="learning.reply", title=title, url="/o/x/notes/1/")
    send_notification_email.call(now.pk)
    send_digests.call("2026-11-27", Delivery.DAILY)
    assert len(mail.outbox) == 2
    label = kinds.get("learning.reply").label
    for message in mail.outbox:
        html = message.alternatives[0][0]
        for part in (message.subject, message.body, html):
            assert "Kayden" not in part and "Mwangi" not in part
        assert label in message.body and label in html
