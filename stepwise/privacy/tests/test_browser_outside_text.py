"""An idea's author sees what another team will read of a cycle note, and fixes a miss."""

import re

import pytest
from django.utils import timezone

from stepwise.core.tests.browser import assert_accessible, assert_fits_narrow_screen
from stepwise.improvements.tests.helpers import idea_under_test
from stepwise.improvements.tests.test_browser_improvements import sign_in
from stepwise.organisations.tests.factories import MembershipFactory, UserFactory
from stepwise.organisations.tests.tenants import make_tenant

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# "bear" is what the family calls Kai at home: a lower-case ordinary word with nothing around it
# to say it is a name, so the engine leaves it and the author hides it.
HAPPENED = ("Mrs Kasia Nowak let us in on the first call; her son Kai showed us the family "
            "dog. At home they call him bear.")


def select_word(page, word):
    """Select a word the way a reader would, in whichever field of the object holds it."""
    page.evaluate(
        """(word) => {
            for (const p of document.querySelectorAll('.sw-review-text')) {
                const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
                while (walker.nextNode()) {
                    const i = walker.currentNode.data.indexOf(word);
                    if (i < 0) continue;
                    const range = document.createRange();
                    range.setStart(walker.currentNode, i);
                    range.setEnd(walker.currentNode, i + word.length);
                    window.getSelection().removeAllRanges();
                    window.getSelection().addRange(range);
                    return;
                }
            }
            throw new Error('word not found');
        }""",
        word,
    )


def test_author_corrects_what_another_team_reads_of_a_cycle(live_server, new_page):
    tenant = make_tenant("Westby")
    author = tenant.practitioner
    colleague = MembershipFactory(organisation=tenant.organisation, team=tenant.teams[1],
                                  user=UserFactory(full_name="Bea Colleague"))
    with tenant.context():
        idea = idea_under_test(author, tenant.team_manager, now=timezone.now())
    url = f"{live_server.url}/o/westby/ideas/{idea.pk}/"

    page = new_page(width=390, height=844)
    sign_in(page, live_server, author.user.email)
    page.goto(url)
    page.get_by_role("link", name="Record what happened (Do)").click()
    page.get_by_label("What happened?").fill(HAPPENED)
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(url)

    cycle = page.locator(".sw-ramp__cycle").first
    cycle.get_by_text("What people outside your team see").click()
    seen = cycle.locator(".sw-outside .govuk-details__text").inner_text()
    assert "Kasia" not in seen and "Kai" not in seen and "[PERSON 1]" in seen
    assert "call him bear" in seen  # the engine's miss that the author fixes next
    assert_accessible(page)
    assert_fits_narrow_screen(page)

    cycle.get_by_role("link", name=re.compile("Check and correct what they see")).click()
    assert_accessible(page)
    assert_fits_narrow_screen(page)
    select_word(page, "bear")
    page.get_by_role("button", name=re.compile("Hide “bear” everywhere")).click()
    preview = page.locator("#redacted-preview")
    preview.get_by_text(re.compile(r"call him \[PERSON \d\]")).wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Save what others see").click()
    page.wait_for_url(url)
    page.get_by_text("now see the corrected version").wait_for()

    other = new_page()
    sign_in(other, live_server, colleague.user.email)
    other.goto(url)
    body = other.locator("main").inner_text()
    assert "the family dog" in body
    for word in ("Kasia", "Nowak", "Kai", "bear"):
        assert word not in body
    assert "What people outside your team see" not in body
    assert_accessible(other)
