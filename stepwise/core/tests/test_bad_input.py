"""Malformed and hostile input to every form gets a clear 4xx and changes nothing.

Forms are found, not listed: every page in the URL table of ``test_isolation`` is opened by
someone allowed to use it, every ``<form method="post">`` on it is read, and its fields are
sent hostile values. A new form is covered as soon as its page is listed there.
"""

import hashlib
import json
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from stepwise.core.tests.test_isolation import PERSONAL, PUBLIC, TENANT_CASES, viewer

# Values that every kind of field must refuse: a NUL byte is never valid text, and the rest
# checks escaping, length limits and type handling on the way.
SCRIPT = "<script>alert('x')</script>\x00"
PAYLOADS = {
    "empty": None,
    "hostile-text": lambda name: SCRIPT + "Ünïcödé ✓ 😀 \u202e" * 3,
    "oversized": lambda name: "A" * 200_000 + "\x00",
    "wrong-type": lambda name: ["1e309\x00", "-1\x00", "[]\x00"],
    "control-chars": lambda name: "\x00\x01\x02\x1b[31m",
}
# Actions that take no input: they are checked by the isolation test and their own tests.
NO_INPUT_ACTIONS = {
    "accounts:logout", "accounts:two_factor_remove", "organisations:invitation_revoke",
    "organisations:member_reactivate", "organisations:member_two_factor_reset",
    "learning:thanks", "learning:withdraw",
    "learning:discard", "learning:practice_area_toggle", "notifications:read_all",
    "privacy:phrase_remove",
    "improvements:idea_ready", "improvements:idea_go_ahead",
    "improvements:idea_unsupport", "improvements:idea_sustain",
    "themes:recompute", "themes:hide",
    "notifications:digest_weekly_off", "notifications:digest_weekly_on",
    "notifications:digest_monthly_off", "notifications:digest_monthly_on",
    "recognition:idea_thank", "recognition:idea_unthank", "recognition:cycle_thank",
    "recognition:cycle_unthank", "recognition:nominate", "recognition:confirm",
}
# Forms whose every field is optional: an empty post is a valid action (a bare "me too"), so
# only the hostile payloads are sent.
EMPTY_IS_VALID = {"learning:me_too", "privacy:outside_text"}
# Pages whose forms are reached only through another step (tested in their own tests).
NOT_DIRECT = {"accounts:login_verify", "accounts:password_reset_confirm",
              # Downloads with no form of their own (bad input: engagement's report tests).
              "engagement:report_pdf", "engagement:report_csv"}


class FormFinder(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._current: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self._current = {"action": attrs.get("action"), "fields": set(), "files": set()}
            self.forms.append(self._current)
        elif self._current is not None and tag in {"input", "select", "textarea", "button"}:
            name = attrs.get("name")
            if not name or name == "csrfmiddlewaretoken":
                return
            if attrs.get("type") == "file":
                self._current["files"].add(name)
            else:
                self._current["fields"].add(name)

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None


def database_fingerprint() -> str:
    digest = hashlib.sha256()
    for model in sorted(apps.get_models(), key=lambda m: m._meta.label):
        if model._meta.label in {"sessions.Session"}:
            continue
        rows = list(model._base_manager.order_by("pk").values())
        digest.update(model._meta.label.encode())
        digest.update(json.dumps(rows, default=str, sort_keys=True).encode())
    return digest.hexdigest()


def _pages(tenant_a, invitation_token):
    for name in sorted(PUBLIC | PERSONAL | set(TENANT_CASES)):
        if name in NO_INPUT_ACTIONS | NOT_DIRECT:
            continue
        if name in TENANT_CASES:
            kwargs = {"org_slug": tenant_a.organisation.slug, **TENANT_CASES[name](tenant_a)}
        elif name == "organisations:accept":
            kwargs = {"token": invitation_token}
        else:
            kwargs = {}
        yield name, reverse(name, kwargs=kwargs)


@pytest.fixture
def invitation_token(tenant_a, django_capture_on_commit_callbacks):
    from stepwise.organisations.services import InvitationRequest, invitation_create

    with tenant_a.context(), django_capture_on_commit_callbacks(execute=True):
        invitation_create(actor=tenant_a.org_admin, request=InvitationRequest(
            email="brand.new@example.org", full_name="", role="practitioner",
            team=tenant_a.teams[0]))
    from django.core import mail

    return mail.outbox[-1].body.split("/invitations/")[1].split("/")[0]


def test_every_form_refuses_hostile_input(client, login, tenant_a, invitation_token):
    checked = []
    for name, url in _pages(tenant_a, invitation_token):
        if name in PUBLIC or name == "organisations:accept":
            client.logout()
        else:
            login(client, viewer(tenant_a, name).user)
        page = client.get(url)
        if page.status_code != 200:
            continue
        finder = FormFinder()
        finder.feed(page.content.decode())
        for form in finder.forms:
            target = form["action"] or url
            if target != url:
                continue  # a form posting elsewhere is checked on its own page
            for label, make in PAYLOADS.items():
                if make is None and name in EMPTY_IS_VALID:
                    continue
                if name not in PUBLIC and name != "organisations:accept":
                    login(client, viewer(tenant_a, name).user)
                before = database_fingerprint()
                data = {} if make is None else {field: make(field) for field in form["fields"]}
                for field in form["files"] if make is not None else ():
                    data[field] = SimpleUploadedFile("x.csv", b"\x00\xff\xfe" * 1000)
                response = client.post(url, data)
                assert 400 <= response.status_code < 500, (name, label, response.status_code)
                body = response.content.decode(errors="replace")
                assert "<script>alert" not in body, (name, label, "unescaped input")
                assert "govuk-error-message" in body or "govuk-error-summary" in body, (
                    name, label, "no message shown next to the field")
                assert database_fingerprint() == before, (name, label, "database changed")
            checked.append(name)
    # Guard against the walk silently finding nothing.
    assert {"accounts:login", "organisations:invite", "organisations:invite_bulk",
            "organisations:settings", "organisations:teams", "organisations:accept",
            "accounts:password_reset", "accounts:two_factor_setup",
            "accounts:password_change", "organisations:member_edit",
            "organisations:member_deactivate", "organisations:team_edit",
            "learning:note_new", "learning:note_edit", "learning:me_too", "learning:reply",
            "learning:report", "learning:report_review", "learning:practice_areas",
            "notifications:preferences",
            "measures:create", "measures:edit", "measures:tally", "measures:rebase",
            "measures:import", "measures:check",
            "improvements:idea_new", "improvements:idea_edit", "improvements:idea_smallness",
            "improvements:idea_split", "improvements:cycle_plan", "improvements:cycle_do",
            "improvements:cycle_study", "improvements:cycle_act", "improvements:idea_abandon",
            "improvements:idea_owners", "improvements:idea_try",
            "privacy:share_note", "privacy:phrases", "learning:import", "learning:search",
            "themes:rename", "themes:merge", "themes:split", "themes:pin",
            "privacy:outside_text"} <= set(checked)


def test_missing_fields_get_messages(client, login, tenant_a):
    login(client, tenant_a.org_admin.user)
    before = database_fingerprint()
    url = reverse("organisations:invite", kwargs={"org_slug": tenant_a.organisation.slug})
    response = client.post(url, {}, headers={"HX-Request": "true"})
    assert response.status_code == 422
    body = response.content.decode()
    assert 'id="id_email_error"' in body and "Enter email address." in body
    assert "Choose role." in body
    assert database_fingerprint() == before
