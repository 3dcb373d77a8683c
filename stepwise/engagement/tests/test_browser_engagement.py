"""A team manager opens their team's dashboard in the demo data: the figures on the page match
what this test counts straight from the database, every "How is this counted?" opens, axe
finds nothing and the page fits a phone."""

import importlib
import io
import statistics
from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from stepwise.core.tests.browser import assert_accessible, assert_fits_narrow_screen
from stepwise.core.tests.test_browser_foundation import sign_in
from stepwise.improvements.models import Cycle, Idea, Supporter
from stepwise.learning.models import MeToo, Note, Reply
from stepwise.organisations.demo import DEMO_PASSWORD, email_for
from stepwise.organisations.models import Membership

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _contributors_30(team) -> tuple[int, int]:
    """Counted without the engagement app: who of the team did anything in 30 days."""
    until = timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=1),
                                                 time.min))
    since = until - timedelta(days=30)
    people = set(Membership.unscoped.filter(team=team, is_active=True)
                 .values_list("user_id", flat=True))
    found = set()
    found |= set(Note.unscoped.filter(author__in=people, status="submitted",
                                      is_anonymous=False, submitted_at__gte=since,
                                      submitted_at__lt=until).values_list("author_id", flat=True))
    for model, person in ((MeToo, "person_id"), (Supporter, "person_id"),
                          (Idea, "author_id"), (Cycle, "created_by_id")):
        found |= set(model.unscoped.filter(created_at__gte=since, created_at__lt=until)
                     .values_list(person, flat=True)) & people
    found |= set(Reply.unscoped.filter(is_anonymous=False, created_at__gte=since,
                                       created_at__lt=until)
                 .values_list("author_id", flat=True)) & people
    return len(found), len(people)


def _idea_to_test_median(team, start) -> float:
    days = []
    for idea in Idea.unscoped.filter(team=team):
        starts = list(Cycle.unscoped.filter(idea=idea).values_list("starts_on", flat=True))
        if starts and start <= min(starts) <= timezone.localdate():
            days.append((min(starts) - timezone.localtime(idea.created_at).date()).days)
    return float(statistics.median(days))


def test_manager_reads_the_team_dashboard(live_server, new_page):
    for module in ("organisations", "learning", "measures", "improvements"):
        importlib.import_module(f"stepwise.{module}.demo").load(io.StringIO())
    manager = Membership.unscoped.select_related("team").get(
        user__email=email_for("manager"), organisation__slug="wellbridge")
    contributors, members = _contributors_30(manager.team)
    assert members >= 5

    page = new_page()
    sign_in(page, live_server, email_for("manager"), DEMO_PASSWORD)
    page.wait_for_url(lambda url: "/login" not in url)
    page.get_by_role("link", name="Our impact").first.click()
    page.get_by_role("heading", name=manager.team.name, level=1).wait_for()

    share = round(100 * contributors / members)
    assert page.locator('[data-figure="share-30"]').inner_text() == (
        f"{share}% ({contributors} of {members})")
    period_start = timezone.localdate().replace(day=1)
    for _ in range(11):
        period_start = (period_start - timedelta(days=1)).replace(day=1)
    median = _idea_to_test_median(manager.team, period_start)
    assert page.locator('[data-figure="idea-to-test"]').inner_text().startswith(
        f"{median:g} day")

    summaries = page.locator("summary", has_text="How is this counted?")
    assert summaries.count() >= 10
    summaries.first.click()
    assert page.get_by_text("Only you see this").is_visible()
    page.locator("summary", has_text="How is this counted? Staff who contributed in the "
                 "last 30 days").click()
    assert page.get_by_text("divide by the number of active members today").is_visible()
    assert_accessible(page)

    phone = new_page(width=360, height=740)
    sign_in(phone, live_server, email_for("manager"), DEMO_PASSWORD)
    phone.wait_for_url(lambda url: "/login" not in url)
    phone.goto(page.url)
    phone.locator('[data-figure="share-30"]').wait_for()
    assert_fits_narrow_screen(phone)
    assert_accessible(phone)
