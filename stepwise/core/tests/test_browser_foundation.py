"""The foundation in a real browser: two-factor log-in, inviting a colleague, switching
organisation; every page visited is scanned with axe-core."""

import re

import pytest
from django.core import mail
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from stepwise.core.policy import Role
from stepwise.core.tests.browser import assert_accessible, assert_fits_narrow_screen, sign_in
from stepwise.organisations.tests.factories import MembershipFactory, UserFactory
from stepwise.organisations.tests.tenants import make_tenant

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_signs_in_with_two_factor(live_server, new_page):
    tenant = make_tenant("Eastby")
    admin = tenant.org_admin.user
    device = TOTPDevice.objects.create(user=admin, name="phone", confirmed=True)
    page = new_page()
    page.goto(f"{live_server.url}/login/")
    assert_accessible(page)
    # A wrong password first: a clear message, no way in.
    sign_in(page, live_server, admin.email, "not-the-password")
    assert page.get_by_text("Enter a correct email address and password").first.is_visible()
    assert_accessible(page)
    sign_in(page, live_server, admin.email)
    page.wait_for_url(re.compile(r"/login/verify/"))
    assert_accessible(page)
    page.get_by_label("Code from your authenticator app").fill("000000")
    page.get_by_role("button", name="Continue").click()
    assert page.get_by_text("That code is not right").first.is_visible()
    page.wait_for_timeout(1100)  # django-otp refuses codes for a second after a wrong one
    code = f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"
    page.get_by_label("Code from your authenticator app").fill(code)
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(re.compile(r"/o/eastby/$"))
    assert page.get_by_role("heading", name=re.compile("Hello")).is_visible()
    assert_accessible(page)


def test_admin_without_two_factor_must_set_it_up(live_server, new_page):
    tenant = make_tenant("Westby")
    page = new_page()
    sign_in(page, live_server, tenant.org_admin.user.email)
    page.wait_for_url(re.compile(r"/account/two-factor/"))
    assert_accessible(page)
    secret = page.locator("#totp-secret").inner_text()
    device = TOTPDevice.objects.get(user=tenant.org_admin.user, confirmed=False)
    assert secret.startswith(__import__("base64").b32encode(device.bin_key).decode()[:8])
    page.goto(f"{live_server.url}/o/westby/people/")
    page.wait_for_url(re.compile(r"/account/two-factor/"))  # nothing else until it is set up
    page.get_by_label("Code from your authenticator app").fill(
        f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"
    )
    page.get_by_role("button", name="Turn on").click()
    page.goto(f"{live_server.url}/o/westby/people/")
    assert page.get_by_role("heading", name="People").is_visible()


def test_admin_invites_a_colleague_who_joins(live_server, new_page):
    tenant = make_tenant("Northby")
    admin = tenant.org_admin.user
    device = TOTPDevice.objects.create(user=admin, name="phone", confirmed=True)
    page = new_page()
    sign_in(page, live_server, admin.email)
    page.get_by_label("Code from your authenticator app").fill(
        f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("link", name="People").click()
    assert_accessible(page)
    page.get_by_role("link", name="Invite a colleague").click()
    assert_accessible(page)
    page.get_by_role("button", name="Send invitation").click()  # empty: errors, nothing sent
    assert page.get_by_role("heading", name="There is a problem").is_visible()
    assert_accessible(page)
    assert not mail.outbox
    page.get_by_label("Email address").fill("kofi.mensah@example.org")
    page.get_by_label("Full name").fill("Kofi Mensah")
    page.get_by_label("Practitioner").check()
    page.get_by_label("Team", exact=True).select_option(label=tenant.teams[1].name)
    page.get_by_role("button", name="Send invitation").click()
    assert page.get_by_text("Invitation sent to kofi.mensah@example.org").is_visible()
    assert_accessible(page)

    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/invitations/\S+/", mail.outbox[0].body).group(0)
    path = link.split("/invitations/")[1]
    newcomer = new_page(width=390, height=844)
    newcomer.goto(f"{live_server.url}/invitations/{path}")
    assert_accessible(newcomer)
    assert_fits_narrow_screen(newcomer)
    newcomer.get_by_label("Choose a password").fill("a sturdy new passphrase")
    newcomer.get_by_label("Type the password again").fill("a sturdy new passphrase")
    newcomer.get_by_role("button", name="Create my account").click()
    newcomer.wait_for_url(re.compile(r"/o/northby/$"))
    assert newcomer.get_by_text(tenant.teams[1].name).first.is_visible()
    assert_accessible(newcomer)


def test_person_in_two_organisations_switches(live_server, new_page):
    first, second = make_tenant("Upby"), make_tenant("Downby")
    person = UserFactory(full_name="Ada Partner", email="ada@partnership.example")
    MembershipFactory(organisation=first.organisation, user=person, role=Role.PRACTITIONER,
                      team=first.teams[0])
    MembershipFactory(organisation=second.organisation, user=person,
                      role=Role.IMPROVEMENT_LEAD)
    page = new_page(width=320, height=720)
    sign_in(page, live_server, person.email)
    page.wait_for_url(re.compile(r"/organisations/"))
    assert_accessible(page)
    assert_fits_narrow_screen(page)
    page.get_by_role("link", name="Upby").click()
    assert page.locator(".sw-header__org").inner_text() == "Upby"
    assert_fits_narrow_screen(page)
    assert_accessible(page)
    page.get_by_role("link", name="Switch organisation").click()
    page.get_by_role("link", name="Downby").click()
    assert page.locator(".sw-header__org").inner_text() == "Downby"
    assert page.get_by_text("improvement lead").is_visible()
    # Keyboard: the first Tab lands on the skip link.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == "Skip to main content"


def test_menu_folds_behind_a_button_on_a_phone(live_server, new_page):
    tenant = make_tenant("Foldby")
    email = tenant.improvement_lead.user.email
    phone = new_page(width=320, height=720)
    sign_in(phone, live_server, email)
    menu = phone.get_by_role("navigation", name="Main menu")
    toggle = menu.get_by_role("button", name="Menu")
    assert toggle.is_visible()
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not menu.get_by_role("link", name="Home").is_visible()
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert menu.get_by_role("link", name="Home").is_visible()
    assert_accessible(phone)
    assert_fits_narrow_screen(phone)

    desktop = new_page()
    sign_in(desktop, live_server, email)
    menu = desktop.get_by_role("navigation", name="Main menu")
    assert not menu.get_by_role("button", name="Menu").is_visible()
    assert menu.get_by_role("link", name="Home").is_visible()
