"""Searching as you type and importing a spreadsheet, in a real browser, scanned with axe."""

import re

import pytest

from stepwise.core.tests.browser import assert_accessible, assert_fits_narrow_screen, sign_in
from stepwise.learning.tests.factories import NoteFactory
from stepwise.organisations.tests.tenants import make_tenant

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_search_as_you_type_with_highlights(live_server, new_page):
    tenant = make_tenant("Searchby")
    with tenant.context():
        NoteFactory(team=tenant.teams[0], author=tenant.team_manager.user,
                    what_happened="The interpreter <b>arrived</b> late to the review.")
        NoteFactory(team=tenant.teams[1], author=tenant.org_admin.user,
                    what_happened="Another team's interpreter story.")
    for width in (1280, 320):
        page = new_page(width=width)
        sign_in(page, live_server, tenant.practitioner.user.email)
        page.wait_for_url(re.compile(r"/o/searchby/$"))
        page.goto(f"{live_server.url}/o/searchby/search/")
        assert_accessible(page)
        page.get_by_label("Words to look for").fill("interpreters")
        page.get_by_text("1 note found").wait_for()
        assert page.locator("mark").first.inner_text().lower() == "interpreter"
        assert "<b>arrived</b>" in page.locator(".sw-search-hit h2").inner_text()
        assert "Another team" not in page.content()
        assert "interpreter" not in page.url
        assert_accessible(page)
        if width == 320:
            assert_fits_narrow_screen(page)


def test_import_pages(live_server, new_page, tmp_path):
    tenant = make_tenant("Importby")
    log = tmp_path / "log.csv"
    log.write_text(f"Kind,What happened,Team\nSuccess,It went well,{tenant.teams[0].name}\n"
                   f"Oops,,{tenant.teams[0].name}\n")
    page = new_page(width=320)
    sign_in(page, live_server, tenant.improvement_lead.user.email)
    page.wait_for_url(re.compile(r"/o/importby/$"))
    page.goto(f"{live_server.url}/o/importby/import/notes/")
    assert_accessible(page)
    page.get_by_label("Spreadsheet file").set_input_files(str(log))
    page.get_by_role("button", name="Upload and choose columns").click()
    page.get_by_role("heading", name="Which column is which?").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name=re.compile("Check every row")).click()
    page.get_by_text("Nothing has been imported").wait_for()
    assert page.get_by_text("'Oops' is not a kind of learning").is_visible()
    assert_accessible(page)
    assert_fits_narrow_screen(page)


def test_paging_through_results(live_server, new_page):
    tenant = make_tenant("Pageby")
    with tenant.context():
        for i in range(23):
            NoteFactory(team=tenant.teams[0], author=tenant.team_manager.user,
                        what_happened=f"Lanyard number {i} went missing.")
    page = new_page()
    sign_in(page, live_server, tenant.practitioner.user.email)
    page.wait_for_url(re.compile(r"/o/pageby/$"))
    page.goto(f"{live_server.url}/o/pageby/search/")
    page.get_by_label("Words to look for").fill("lanyard")
    page.get_by_role("button", name="Search", exact=True).click()
    page.get_by_text("Page 1 of 2").wait_for()
    page.get_by_role("button", name="Next page").click()
    page.get_by_text("Page 2 of 2").wait_for()
    assert page.locator(".sw-search-hit").count() == 3
    assert_accessible(page)
