"""Shared test fixtures: two organisations, each with a member of every role."""

import pytest
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from stepwise.core.tests.browser import browser, new_page  # noqa: F401 - shared fixtures
from stepwise.organisations.tests.tenants import Tenant, make_tenant


@pytest.fixture
def tenant_a(db) -> Tenant:
    return make_tenant("Northby")


@pytest.fixture
def tenant_b(db) -> Tenant:
    return make_tenant("Southby")


def verified_login(client, user) -> None:
    """Sign in as if through password and, where the user has one, a two-factor code."""
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


@pytest.fixture
def login():
    return verified_login


def pytest_collection_modifyitems(config, items):
    # A real browser against a live server on a shared 2-core machine now and then misses a
    # timing; such a test is run once more, and the rerun is reported ("1 rerun"), never
    # hidden. Nothing else is retried.
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.flaky(reruns=1))
