"""A practitioner on a phone: records a note with the required fields only, sees similar notes
while typing, says "me too", shares with the team, finds the note again, and loses nothing
when the connection drops mid-sentence. Every page is scanned with axe-core."""

import re

import pytest

from stepwise.core.tests.browser import assert_accessible, assert_fits_narrow_screen, sign_in
from stepwise.learning.models import MeToo, Note, Status
from stepwise.learning.tests.factories import NoteFactory
from stepwise.organisations.tests.tenants import make_tenant

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DRAFT_KEYS = "() => Object.keys(localStorage).filter(k => k.startsWith('stepwise:draft:'))"


def test_practitioner_records_a_note_on_a_phone(live_server, new_page):
    tenant = make_tenant("Northby")
    earlier = NoteFactory(
        team=tenant.teams[0], author=tenant.team_manager.user, kind="mistake",
        what_happened="Transport for contact was cancelled at short notice and the children "
        "waited an hour at the family centre.",
    )
    NoteFactory(team=tenant.teams[1], author=tenant.org_admin.user,
                what_happened="Transport for contact was cancelled in the other team too.")
    page = new_page(width=390, height=844)
    sign_in(page, live_server, tenant.practitioner.user.email)
    page.wait_for_url(re.compile(r"/o/northby/$"))
    page.get_by_role("link", name="Record a learning note").click()
    page.wait_for_url(re.compile(r"/notes/new/$"))
    assert page.get_by_text("A learning note is not a referral").is_visible()
    assert_accessible(page)
    assert_fits_narrow_screen(page)

    # Typing "what happened" brings up similar notes from the team (never another team's).
    page.get_by_label("What happened?").press_sequentially(
        "Contact transport was cancelled again and the children waited", delay=15)
    similar = page.locator("#similar")
    similar.get_by_role("link", name=re.compile("^Transport for contact was cancelled")).wait_for()
    assert "other team" not in similar.inner_text()
    # On a phone the panel is below the form: a line under the text box points to it.
    assert page.get_by_role("link", name="1 similar note from your team").is_visible()
    page.get_by_text("Draft saved").wait_for()
    assert_accessible(page)
    assert_fits_narrow_screen(page)

    # "Me too" on the earlier note, with a comment, without leaving the form.
    similar.get_by_label("Comment (optional)").fill("Third time this month")
    similar.get_by_role("button", name=re.compile("^Me too")).click()
    similar.get_by_text("You said me too").wait_for()
    assert MeToo.unscoped.get(note=earlier).comment == "Third time this month"
    assert page.get_by_label("What happened?").input_value().startswith("Contact transport")

    # Beyond the team goes through the privacy review (tested in the privacy app).
    assert page.get_by_label(re.compile("^The whole organisation: next, you check")).is_enabled()
    # Kind and what happened are enough to share it with the team.
    page.get_by_label("Near miss").check()
    page.get_by_role("button", name="Share with my team").click()
    page.get_by_text("Your note is shared with your team").wait_for()
    assert_accessible(page)
    assert_fits_narrow_screen(page)
    assert page.evaluate(DRAFT_KEYS) == []  # nothing lingers on a shared device
    note = Note.unscoped.get(author=tenant.practitioner.user)
    assert note.status == Status.SUBMITTED and note.kind == "near_miss"

    # Find it again in the team's notes, filtered by kind.
    page.goto(f"{live_server.url}/o/northby/notes/")
    page.get_by_text("Filter notes").click()
    page.get_by_label("Kind").select_option(label="Near miss")
    page.get_by_role("button", name="Apply filters").click()
    page.get_by_role("link", name=re.compile("^Contact transport was cancelled")).wait_for()
    assert page.get_by_text("Transport for contact was cancelled at short notice").count() == 0
    assert_accessible(page)
    assert_fits_narrow_screen(page)
    page.get_by_role("link", name=re.compile("^Contact transport was cancelled")).click()
    assert page.get_by_text("1 person has said").count() == 0  # nobody said me too to mine
    assert_accessible(page)


def test_no_text_is_lost_when_the_connection_drops(live_server, new_page):
    tenant = make_tenant("Eastby")
    page = new_page(width=390, height=844)
    sign_in(page, live_server, tenant.practitioner.user.email)
    page.wait_for_url(re.compile(r"/o/eastby/$"))
    page.goto(f"{live_server.url}/o/eastby/notes/new/")
    box = page.get_by_label("What happened?")
    box.press_sequentially("The duty phone was diverted to", delay=10)
    page.get_by_text("Draft saved").wait_for()
    page.wait_for_url(re.compile(r"/notes/\d+/edit/$"))  # the draft has its own address now

    page.context.set_offline(True)
    box.press_sequentially(" a number nobody answers on Fridays.", delay=10)
    page.get_by_text("you seem to be offline").first.wait_for()
    full = "The duty phone was diverted to a number nobody answers on Fridays."
    assert page.evaluate(DRAFT_KEYS)  # kept in the browser until the server has it

    page.context.set_offline(False)
    page.reload()
    assert page.get_by_label("What happened?").input_value() == full
    page.get_by_text("Draft saved").wait_for()
    assert Note.unscoped.get().what_happened == full
    page.wait_for_function(f"() => ({DRAFT_KEYS})().length === 0")
    assert_accessible(page)

    # Signing out clears any copy the browser still holds (typed offline here, so the test
    # does not race an autosave against the sign-out).
    page.context.set_offline(True)
    page.get_by_label("What happened?").press_sequentially(" Again.", delay=10)
    page.get_by_text("you seem to be offline").first.wait_for()
    assert page.evaluate(DRAFT_KEYS)
    page.context.set_offline(False)
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(re.compile(r"/login/$"))
    page.wait_for_load_state()
    assert page.evaluate(DRAFT_KEYS) == []


def test_responses_reports_and_notifications_on_a_phone(live_server, new_page):
    from stepwise.core.tenancy import tenant_context
    from stepwise.learning import services

    tenant = make_tenant("Westby")
    with tenant_context(tenant.organisation):
        mine = services.note_submit(
            membership=tenant.practitioner, note=None, content=services.NoteContent(
                kind="success", is_anonymous=True,
                what_happened="The family chose the venue for the meeting and everyone came."))
        services.note_draft_save(membership=tenant.practitioner, note=None, version=None,
                                 content=services.NoteContent(what_happened="Half a thought"))
    manager = new_page(width=390, height=844)
    sign_in(manager, live_server, tenant.team_manager.user.email)
    manager.wait_for_url(re.compile(r"/o/westby/$"))
    manager.goto(f"{live_server.url}/o/westby/notes/{mine.pk}/")
    assert manager.get_by_text("By Anonymous").is_visible()
    manager.get_by_label("Reply").fill("Lovely idea – we will try it in our team.")
    manager.get_by_role("button", name="Add reply").click()
    manager.get_by_text("Your reply is added").wait_for()
    manager.get_by_role("button", name="Say thank you").click()
    manager.get_by_text("Your thanks has been passed on").wait_for()
    assert_accessible(manager)
    manager.get_by_role("link", name="Report this note").click()
    assert_accessible(manager)
    assert_fits_narrow_screen(manager)
    manager.get_by_label("It blames a named colleague").check()
    manager.get_by_role("button", name="Report and hide the note").click()
    manager.get_by_text("The note is hidden").wait_for()

    author = new_page(width=390, height=844)
    sign_in(author, live_server, tenant.practitioner.user.email)
    author.wait_for_url(re.compile(r"/o/westby/$"))
    assert author.get_by_text("Finish your draft").is_visible()
    author.get_by_role("link", name="Read your notifications").click()
    author.get_by_role("link", name="Someone replied to your learning note").wait_for()
    assert_accessible(author)
    assert_fits_narrow_screen(author)
    author.get_by_role("link", name="Choose what you hear about, and how").click()
    assert_accessible(author)
    assert_fits_narrow_screen(author)
    author.goto(f"{live_server.url}/o/westby/notes/mine/")
    assert author.get_by_text("Hidden while reviewed").is_visible()
    assert author.get_by_text("Half a thought").is_visible()
    assert_accessible(author)
    assert_fits_narrow_screen(author)

    lead = new_page(width=390, height=844)
    sign_in(lead, live_server, tenant.improvement_lead.user.email)
    lead.wait_for_url(re.compile(r"/o/westby/$"))
    lead.get_by_role("link", name="Review reported notes").click()
    assert_accessible(lead)
    lead.get_by_role("link", name=re.compile("^The family chose the venue")).click()
    assert lead.get_by_text("By Anonymous").is_visible()
    assert tenant.practitioner.user.full_name not in lead.content()
    assert_accessible(lead)
    assert_fits_narrow_screen(lead)
    lead.get_by_label("Show it again: it is fine to share").check()
    lead.get_by_role("button", name="Record the review").click()
    lead.get_by_text("Review recorded").wait_for()
    assert_accessible(lead)
