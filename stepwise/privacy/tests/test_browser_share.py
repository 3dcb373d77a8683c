"""An author widens a note through the de-identification review, in a real browser."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from stepwise.core.tests.browser import assert_accessible, sign_in
from stepwise.learning.tests.factories import NoteFactory
from stepwise.organisations.tests.tenants import make_tenant
from stepwise.privacy import services
from stepwise.privacy.models import OrganisationPhrase

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = ("We met Tyrone in the Oak Room; the little one (they call her peanut) was calm "
        "and peanut slept through.")


def select_first(page, word):
    page.evaluate(
        """(word) => {
            const p = document.querySelector('.sw-review-text');
            const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
            while (walker.nextNode()) {
                const i = walker.currentNode.data.indexOf(word);
                if (i >= 0) {
                    const range = document.createRange();
                    range.setStart(walker.currentNode, i);
                    range.setEnd(walker.currentNode, i + word.length);
                    const selection = window.getSelection();
                    selection.removeAllRanges();
                    selection.addRange(range);
                    return;
                }
            }
            throw new Error('word not found');
        }""",
        word,
    )


def test_author_reviews_and_shares_a_note(live_server, new_page):
    tenant = make_tenant("Eastby")
    author, outsider = tenant.practitioner, tenant.improvement_lead
    outsider.team = tenant.teams[1]
    outsider.save()
    # The organisation's list hides its meeting rooms; here the author knows it is harmless.
    OrganisationPhrase.unscoped.create(organisation=tenant.organisation, kind="deny",
                                       phrase="Oak Room")
    note = NoteFactory(team=tenant.teams[0], author=author.user, what_happened=TEXT)
    with tenant.context():
        missed = {d.text for d in services.note_review(note=note).detections}
    assert "peanut" not in missed and "Oak Room" in missed  # the test's premise

    page = new_page(width=390, height=844)
    sign_in(page, live_server, author.user.email)
    page.goto(f"{live_server.url}/o/eastby/notes/{note.pk}/share/")
    assert_accessible(page)
    select_first(page, "peanut")
    page.get_by_role("button", name=re.compile("Hide “peanut” everywhere")).click()
    preview = page.locator("#redacted-preview")
    preview.get_by_text(re.compile(r"call her \[PERSON \d\]")).wait_for()
    assert "peanut" not in preview.inner_text()
    page.get_by_label("Oak Room (person)").check()
    page.locator("#redacted-preview").get_by_text(re.compile("in the Oak Room")).wait_for()
    assert_accessible(page)
    page.get_by_label("I have read the redacted version").check()
    page.get_by_role("button", name="Share across the organisation").click()
    page.get_by_text("shared across the organisation").first.wait_for()

    colleague = new_page()
    sign_in(colleague, live_server, outsider.user.email)
    colleague.goto(f"{live_server.url}/o/eastby/notes/{note.pk}/")
    body = colleague.locator("main").inner_text()
    assert "Oak Room" in body and "[PERSON 1]" in body
    assert "Tyrone" not in body and "peanut" not in body
    assert_accessible(colleague)

    later = timezone.now() + timedelta(days=tenant.organisation.retention_days + 1)
    with tenant.context():
        assert services.originals_purge(organisation=tenant.organisation, now=later) == 1
    note.refresh_from_db()
    assert "Tyrone" not in note.what_happened and "peanut" not in note.what_happened
