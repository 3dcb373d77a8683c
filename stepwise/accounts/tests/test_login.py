import re
from datetime import timedelta

import pytest
from django.contrib.auth.hashers import identify_hasher
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from stepwise.core.models import SecurityEvent
from stepwise.organisations.tests.factories import PASSWORD


def post_login(client, email, password):
    return client.post(reverse("accounts:login"), {"email": email, "password": password})


def test_passwords_are_hashed_with_argon2(tenant_a):
    assert identify_hasher(tenant_a.practitioner.user.password).algorithm == "argon2"


def test_practitioner_signs_in_without_two_factor(client, tenant_a):
    response = post_login(client, tenant_a.practitioner.user.email, PASSWORD)
    assert response.status_code == 302
    assert client.get(response.url, follow=True).status_code == 200
    assert SecurityEvent.objects.filter(action="login.succeeded").count() == 1


def test_wrong_password_is_refused_and_recorded(client, tenant_a):
    response = post_login(client, tenant_a.practitioner.user.email, "wrong-password")
    assert response.status_code == 422
    assert "Enter a correct email address and password" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert SecurityEvent.objects.filter(action="login.failed").count() == 1


def test_account_locks_after_repeated_failures_even_for_the_right_password(
    client, tenant_a, settings
):
    email = tenant_a.practitioner.user.email
    for _ in range(settings.LOCKOUT_FAILURES - 1):
        assert post_login(client, email, "nope-nope-nope").status_code == 422
    assert post_login(client, email, "nope-nope-nope").status_code == 429
    locked = post_login(client, email, PASSWORD)
    assert locked.status_code == 429
    assert "Too many failed attempts" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    assert SecurityEvent.objects.filter(action="login.locked", email=email).count() == 1
    # Once the window has passed, the right password works again.
    SecurityEvent.objects.filter(email=email).update(
        created_at=timezone.now() - timedelta(minutes=settings.LOCKOUT_MINUTES + 1)
    )
    assert post_login(client, email, PASSWORD).status_code == 302


def test_lockout_is_per_account(client, tenant_a, settings):
    for _ in range(settings.LOCKOUT_FAILURES):
        post_login(client, tenant_a.practitioner.user.email, "nope-nope-nope")
    assert post_login(client, tenant_a.team_manager.user.email, PASSWORD).status_code == 302


def test_two_factor_user_needs_a_valid_code(client, tenant_a):
    user = tenant_a.org_admin.user
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    response = post_login(client, user.email, PASSWORD)
    assert response.url == reverse("accounts:login_verify")
    assert "_auth_user_id" not in client.session  # not signed in until the code is right
    home = reverse("organisations:members", kwargs={"org_slug": tenant_a.organisation.slug})
    assert client.get(home).status_code == 302
    bad = client.post(reverse("accounts:login_verify"), {"token": "123456"})
    assert bad.status_code == 422
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    code = f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"
    good = client.post(reverse("accounts:login_verify"), {"token": code})
    assert good.status_code == 302
    assert client.get(home).status_code == 200


def test_verify_page_without_a_password_step_goes_back_to_login(client, db):
    response = client.get(reverse("accounts:login_verify"))
    assert response.status_code == 302 and response.url == reverse("accounts:login")


def test_admin_without_device_is_sent_to_set_up(client, tenant_a):
    post_login(client, tenant_a.org_admin.user.email, PASSWORD)
    home = reverse("organisations:members", kwargs={"org_slug": tenant_a.organisation.slug})
    response = client.get(home)
    assert response.status_code == 302 and response.url == reverse("accounts:two_factor_setup")


def test_admin_cannot_turn_two_factor_off(client, login, tenant_a):
    login(client, tenant_a.org_admin.user)
    client.post(reverse("accounts:two_factor_remove"))
    assert TOTPDevice.objects.filter(user=tenant_a.org_admin.user, confirmed=True).exists()
    login(client, tenant_a.practitioner.user)
    client.post(reverse("accounts:two_factor_remove"))
    assert not TOTPDevice.objects.filter(user=tenant_a.practitioner.user).exists()


def test_open_redirect_is_refused(client, tenant_a):
    response = client.post(
        reverse("accounts:login") + "?next=https://evil.example/",
        {"email": tenant_a.practitioner.user.email, "password": PASSWORD},
    )
    assert response.status_code == 302 and not response.url.startswith("https://evil")


def test_password_reset_by_email(client, tenant_a, django_capture_on_commit_callbacks):
    user = tenant_a.practitioner.user
    response = client.post(reverse("accounts:password_reset"), {"email": user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [user.email]
    path = re.search(r"http://[^/\s]+(/password-reset/\S+/)", message.body).group(1)
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    new_password = "a completely new passphrase"
    done = client.post(form_page.redirect_chain[-1][0], {
        "new_password1": new_password, "new_password2": new_password,
    })
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new_password)


def test_reset_for_unknown_address_says_the_same_and_sends_nothing(client, db):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302 and not mail.outbox


def test_sessions_expire(settings):
    assert settings.SESSION_COOKIE_AGE <= 8 * 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE and settings.SESSION_SAVE_EVERY_REQUEST


@pytest.mark.parametrize("name", ["accounts:account", "core:home", "organisations:choose"])
def test_personal_pages_need_sign_in(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))
