"""A team manager thanks a colleague's idea and test cycle in place (htmx), then the team
nominates and confirms its success of the month. Every page is scanned with axe-core."""

import re

import pytest
from django.utils import timezone

from stepwise.core.tenancy import tenant_context
from stepwise.core.tests.browser import assert_accessible, assert_fits_narrow_screen
from stepwise.core.tests.test_browser_foundation import sign_in
from stepwise.improvements.tests.helpers import plan, suggested_idea
from stepwise.learning.tests.factories import NoteFactory
from stepwise.organisations.tests.tenants import make_tenant
from stepwise.recognition.models import Highlight, Thanks

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_thanks_and_the_success_of_the_month(live_server, new_page):
    tenant = make_tenant("Westby")
    with tenant_context(tenant.organisation):
        idea = suggested_idea(tenant.practitioner, now=timezone.now())
        plan(tenant.practitioner, idea, now=timezone.now())
    NoteFactory(team=tenant.teams[0], author=tenant.practitioner.user, kind="success",
                what_happened="The family chose the venue and everyone came.")

    page = new_page(width=390, height=844)
    sign_in(page, live_server, tenant.team_manager.user.email)
    page.wait_for_url(re.compile(r"/o/westby/$"))
    page.goto(f"{live_server.url}{idea.get_absolute_url()}")
    page.get_by_role("button", name="Say thank you").click()
    page.get_by_role("button", name="Take back my thanks").wait_for()
    page.get_by_role("button", name="Thank the team for cycle 1").click()
    page.get_by_text("1 thank for this cycle.").wait_for()
    assert Thanks.unscoped.count() == 2
    assert_accessible(page)
    assert_fits_narrow_screen(page)

    page.goto(f"{live_server.url}/o/westby/success-of-the-month/")
    assert_accessible(page)
    assert_fits_narrow_screen(page)
    page.get_by_role("button", name="Nominate this success").click()
    page.get_by_text("Your nomination is counted").wait_for()
    page.get_by_role("button", name="Confirm as the team's choice").click()
    page.get_by_text("Chosen this month").wait_for()
    assert_accessible(page)
    assert Highlight.unscoped.count() == 1
