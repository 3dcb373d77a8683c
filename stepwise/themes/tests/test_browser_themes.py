"""The improvement lead opens the demo's themes, merges two, renames one, recomputes, and the
curation holds; a theme flagged "learning without change" leads to its recent notes. Every
page is scanned with axe-core."""

import importlib
import io
import re

import pytest

from stepwise.core.tests.browser import assert_accessible, assert_fits_narrow_screen, sign_in
from stepwise.organisations.demo import DEMO_PASSWORD, email_for
from stepwise.organisations.models import Organisation
from stepwise.themes.models import Theme, ThemeMembership
from stepwise.themes.tasks import recompute_themes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _theme_titles(page) -> list[str]:
    return [link.inner_text() for link in
            page.locator("table.govuk-table tbody tr td:first-child > a:not(.sw-flag-link)").all()]


def test_lead_curates_the_demo_themes(live_server, new_page):
    for module in ("organisations", "learning", "themes"):
        importlib.import_module(f"stepwise.{module}.demo").load(io.StringIO())
    organisation = Organisation.objects.get(slug="wellbridge")
    page = new_page()
    sign_in(page, live_server, email_for("lead"), DEMO_PASSWORD)
    page.wait_for_url(lambda url: "/login" not in url)
    page.goto(f"{live_server.url}/o/wellbridge/themes/")
    titles = _theme_titles(page)
    assert len(titles) >= 4
    assert_accessible(page)

    # Merge the second theme into the first.
    kept, gone = titles[0], titles[1]
    page.get_by_role("link", name=gone, exact=True).click()
    page.get_by_role("heading", name=gone).wait_for()
    assert_accessible(page)
    page.get_by_role("link", name="Merge into another theme").click()
    assert_accessible(page)
    page.get_by_label(kept, exact=True).check()
    page.get_by_role("button", name="Merge").click()
    page.get_by_text(f"'{gone}' is merged into '{kept}'.").wait_for()

    # Rename the theme it joined.
    page.get_by_role("link", name="Rename").click()
    assert_accessible(page)
    page.get_by_label("Theme name").fill("Where our plans drift")
    page.get_by_role("button", name="Save name").click()
    page.get_by_role("heading", name="Where our plans drift").wait_for()
    assert_accessible(page)

    # Recompute: asked for on the page, run here at once as the worker would.
    page.get_by_role("link", name="All themes").click()
    page.get_by_role("button", name="Recompute themes now").click()
    page.get_by_text("Stepwise is recomputing the themes").wait_for()
    recompute_themes.call(organisation.pk)
    page.reload()
    titles_after = _theme_titles(page)
    assert "Where our plans drift" in titles_after
    assert gone not in titles_after and kept not in titles_after
    merged = Theme.unscoped.get(organisation=organisation, merged_into__isnull=False)
    assert not ThemeMembership.unscoped.filter(theme=merged).exists()
    assert merged.merged_into.name == "Where our plans drift"
    assert_accessible(page)

    # A theme flagged "learning without change" links to its recent notes.
    flag = page.locator("a.sw-flag-link").first
    flag.click()
    page.wait_for_url(re.compile(r"/themes/\d+/\?recent=1$"))
    page.get_by_text(re.compile("Learning without change: \\d+ notes")).wait_for()
    page.get_by_role("heading", name=re.compile("^Notes from the last 90 days")).wait_for()
    notes = page.locator(".sw-note-list a[href*='/notes/']")
    assert notes.count() >= 5
    assert_accessible(page)
    # On a phone too: the run chart shrinks with the column.
    page.set_viewport_size({"width": 390, "height": 844})
    assert_fits_narrow_screen(page)
    assert page.locator(".sw-chart svg").bounding_box()["width"] <= 390
    notes.first.click()
    page.wait_for_url(re.compile(r"/notes/\d+/$"))
    page.goto(f"{live_server.url}/o/wellbridge/themes/")
    assert_fits_narrow_screen(page)
    assert_accessible(page)

    # The other curation pages, on a phone.
    page.get_by_role("link", name="Where our plans drift", exact=True).click()
    page.get_by_role("link", name="Split").click()
    page.get_by_role("heading", name=re.compile("^Split")).wait_for()
    assert_accessible(page)
    assert_fits_narrow_screen(page)
    page.go_back()
    page.get_by_role("link", name=re.compile("^Move or pin")).first.click()
    page.get_by_role("heading", name="Pin a note to a theme").wait_for()
    assert_accessible(page)
    assert_fits_narrow_screen(page)
