"""The improvement lead opens the leadership report on the demo data, chooses a period,
downloads the PDF, and the PDF holds the same figures as the page. axe finds nothing."""

import importlib
import io
import re
from pathlib import Path

import pytest

from stepwise.core.management.commands.loaddemo import DEMO_MODULES
from stepwise.core.tests.browser import assert_accessible, assert_fits_narrow_screen
from stepwise.core.tests.test_browser_foundation import sign_in
from stepwise.engagement.tests.test_report import pdf_text
from stepwise.organisations.demo import DEMO_PASSWORD, email_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CELLS = """() => [...document.querySelectorAll('table[data-section] tr, table[data-months] tr')]
  .map(row => [...row.querySelectorAll('th, td')]
  .map(cell => cell.textContent.split(/\\s+/).filter(Boolean).join(' ')))"""


def test_lead_downloads_the_report_and_it_matches_the_page(live_server, new_page, tmp_path):
    for module in DEMO_MODULES:
        importlib.import_module(module).load(io.StringIO())
    page = new_page()
    sign_in(page, live_server, email_for("lead"), DEMO_PASSWORD)
    page.wait_for_url(lambda url: "/login" not in url)
    page.goto(f"{live_server.url}/o/wellbridge/engagement/")
    page.get_by_role("link", name="Make a leadership or inspection report").click()
    page.wait_for_url(re.compile(r"/engagement/report/"))
    page.get_by_role("heading", name="Leadership and inspection report").wait_for()
    assert_accessible(page)

    # A wrong period first: a clear message, no report.
    page.get_by_label("Choose the dates").check()
    page.get_by_label("From", exact=True).fill("2026-06-30")
    page.get_by_label("To (inclusive)", exact=True).fill("2026-01-01")
    page.get_by_role("button", name="Show the report").click()
    page.get_by_text("The last day must be the same as or after the first day.").first.wait_for()
    assert page.locator("table[data-section]").count() == 0
    assert_accessible(page)

    page.get_by_label("Last quarter").check()
    page.get_by_role("button", name="Show the report").click()
    page.locator("table[data-section]").first.wait_for()
    assert "preset=last_quarter" in page.url
    assert_accessible(page)
    rows = page.evaluate(CELLS)
    cells = [cell for row in rows for cell in row]
    figures = [row for row in rows if row and row[0] != "Figure" and len(row) == 3]
    assert len(figures) > 10
    assert any(re.fullmatch(r"\d+%", row[2]) for row in figures), figures

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download PDF").click()
    download = download_info.value
    assert re.fullmatch(r"stepwise-report-wellbridge-\d{4}-\d\d-01-\d{4}-\d\d-\d\d\.pdf",
                        download.suggested_filename)
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    text = pdf_text(Path(saved).read_bytes())
    position = 0
    for cell in cells:
        found = text.find(cell, position)
        assert found >= 0, (cell, text[position:position + 300])
        position = found + len(cell)

    phone = new_page(390, 844)
    sign_in(phone, live_server, email_for("lead"), DEMO_PASSWORD)
    phone.wait_for_url(lambda url: "/login" not in url)
    phone.goto(page.url)
    phone.locator("table[data-section]").first.wait_for()
    assert_fits_narrow_screen(phone)
    assert_accessible(phone)
