"""A practitioner gets the weekly round-up from a real SMTP server, follows its link, switches
the round-up off on the settings page, and the next week's run sends nothing."""

import re

import pytest

from stepwise.core.tenancy import tenant_context
from stepwise.core.tests.browser import assert_accessible, assert_fits_narrow_screen
from stepwise.core.tests.test_browser_foundation import sign_in
from stepwise.learning import services
from stepwise.learning.tests.factories import NoteFactory
from stepwise.notifications.tasks import send_weekly_digest
from stepwise.organisations.tests.tenants import make_tenant

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _text(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def test_practitioner_gets_the_weekly_round_up_and_switches_it_off(
        live_server, new_page, smtp_server, settings):
    settings.SITE_URL = live_server.url
    tenant = make_tenant("Westby")
    note = NoteFactory(team=tenant.teams[0], author=tenant.practitioner.user,
                       what_happened="The interpreter was booked for the right dialect.")
    with tenant_context(tenant.organisation):
        services.me_too_add(membership=tenant.team_manager, note=note)
        services.reply_add(membership=tenant.team_manager, note=note, text="Good catch.")
    send_weekly_digest.call(tenant.organisation.pk, "2026-W48")
    [mail] = [m for m in smtp_server.messages if m["To"] == tenant.practitioner.user.email]
    text = _text(mail)
    assert "interpreter" not in mail.as_string()
    note_link = re.search(rf"{re.escape(live_server.url)}/o/westby/notes/\d+/", text).group(0)
    settings_link = re.search(
        rf"{re.escape(live_server.url)}/o/westby/notifications/settings/", text).group(0)

    page = new_page(width=390, height=844)
    sign_in(page, live_server, tenant.practitioner.user.email)
    page.wait_for_url(re.compile(r"/o/westby/$"))
    page.goto(note_link)
    page.get_by_role("heading", name="The interpreter was booked").wait_for()
    assert_accessible(page)
    page.goto(settings_link)
    assert page.get_by_text("Weekly round-up of your notes and ideas: on").is_visible()
    assert_accessible(page)
    assert_fits_narrow_screen(page)
    page.get_by_role("button", name=re.compile("^Switch off the Weekly round-up")).click()
    page.get_by_text("Weekly round-up of your notes and ideas: off").wait_for()
    assert_accessible(page)

    with tenant_context(tenant.organisation):
        services.reply_add(membership=tenant.team_manager, note=note, text="And another.")
    before = len(smtp_server.messages)
    send_weekly_digest.call(tenant.organisation.pk, "2026-W49")
    assert [m for m in smtp_server.messages[before:]
            if m["To"] == tenant.practitioner.user.email] == []
