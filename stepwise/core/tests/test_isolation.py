"""Nobody reads or writes across organisations.

Every URL pattern of the project must be listed below. Tenant pages are requested by members
of another organisation, both under the owner's address and under their own address with the
owner's object ids; every such request must answer 404. A new URL pattern that is not listed
fails ``test_every_url_pattern_is_covered``.
"""

import re

import pytest
from django.urls import reverse

from stepwise.core.tests.urlwalk import all_url_patterns
from stepwise.improvements.tests.helpers import isolation_idea
from stepwise.organisations.models import Invitation

# Pages that need no organisation and show nothing of one.
PUBLIC = {
    "accounts:login", "accounts:login_verify", "accounts:logout", "accounts:password_reset",
    "accounts:password_reset_done", "accounts:password_reset_confirm",
    "accounts:password_reset_complete", "core:accessibility", "core:health",
    "organisations:accept",
}
# Pages about the signed-in person only (their account, their list of organisations).
PERSONAL = {
    "core:home", "organisations:choose", "accounts:account", "accounts:two_factor_setup",
    "accounts:two_factor_remove", "accounts:password_change",
}


def _invitation(tenant):
    with tenant.context():
        return Invitation.objects.create(
            organisation=tenant.organisation, email="new.starter@example.org", role="practitioner",
            team=tenant.teams[0], token_hash="x" * 64, invited_by=tenant.org_admin.user,
            expires_at="2099-01-01T00:00:00Z",
        )


def _note(tenant, **extra):
    from stepwise.learning.tests.factories import NoteFactory

    return NoteFactory(team=tenant.teams[0], author=tenant.practitioner.user, **extra)


def _phrase(tenant):
    from stepwise.privacy.models import OrganisationPhrase

    return OrganisationPhrase.unscoped.create(organisation=tenant.organisation, kind="deny",
                                              phrase="Larkfield Flats")


def _draft(tenant):
    from stepwise.learning.models import Status

    return _note(tenant, status=Status.DRAFT, submitted_at=None)


def _reported_note(tenant):
    from stepwise.learning.models import NoteReport

    note = _note(tenant, hidden_at="2026-01-01T00:00:00Z")
    NoteReport.unscoped.create(organisation=tenant.organisation, note=note,
                               reporter=tenant.team_manager.user, reason="other")
    return note


def _notification(tenant):
    from stepwise.notifications.models import Notification

    return Notification.unscoped.create(
        organisation=tenant.organisation, recipient=tenant.practitioner.user,
        kind="learning.reply", title="Someone replied to your learning note", url="/",
    )


def _practice_area(tenant):
    from stepwise.learning.models import PracticeArea

    return PracticeArea.unscoped.filter(organisation=tenant.organisation).first()


def _measure(tenant):
    from stepwise.measures.tests.factories import MeasureFactory

    return MeasureFactory(organisation=tenant.organisation, team=tenant.teams[0],
                          owner=tenant.team_manager.user)


def _sustain_check(tenant):
    from stepwise.measures.tests.factories import SustainCheckFactory

    return SustainCheckFactory(watch__measure=_measure(tenant),
                               watch__owner=tenant.org_admin.user)


def _shared_note(tenant):
    return _note(tenant, visibility="organisation", shared_what_happened="A shared note.",
                 shared_approved_at="2026-01-01T00:00:00Z")


def _theme(tenant):
    from stepwise.themes.models import Theme, ThemeMembership

    themes = [Theme.unscoped.create(organisation=tenant.organisation, key=f"{key}-{n}")
              for n, key in enumerate(["isolation", "other"], Theme.unscoped.count())]
    ThemeMembership.unscoped.create(organisation=tenant.organisation, note=_shared_note(tenant),
                                    theme=themes[0], text="A shared note.")
    return themes[0]


def _success_note(tenant):
    return _note(tenant, kind="success")


def _outside_text(tenant):
    from stepwise.learning.services import reply_add

    with tenant.context():
        reply = reply_add(membership=tenant.practitioner, note=_note(tenant),
                          text="Mrs Isla Trent's son Kai attends Northgate Academy.")
        return reply._outside_texts["text"]


# name -> function(tenant) giving the URL kwargs that name one of the tenant's objects.
TENANT_CASES = {
    "core:org_home": lambda t: {},
    "organisations:members": lambda t: {},
    "organisations:invite": lambda t: {},
    "organisations:invite_bulk": lambda t: {},
    "organisations:invitation_revoke": lambda t: {"invitation_id": _invitation(t).pk},
    "organisations:member_edit": lambda t: {"membership_id": t.practitioner.pk},
    "organisations:member_deactivate": lambda t: {"membership_id": t.practitioner.pk},
    "organisations:member_reactivate": lambda t: {"membership_id": t.practitioner.pk},
    "organisations:member_two_factor_reset": lambda t: {"membership_id": t.practitioner.pk},
    "organisations:teams": lambda t: {},
    "organisations:team_edit": lambda t: {"team_id": t.teams[0].pk},
    "organisations:audit_log": lambda t: {},
    "organisations:settings": lambda t: {},
    "learning:notes": lambda t: {},
    "learning:mine": lambda t: {},
    "learning:note_new": lambda t: {},
    "learning:autosave": lambda t: {},
    "learning:similar": lambda t: {},
    "learning:note": lambda t: {"note_id": _note(t).pk},
    "learning:note_edit": lambda t: {"note_id": _draft(t).pk},
    "learning:me_too": lambda t: {"note_id": _note(t).pk},
    "learning:reply": lambda t: {"note_id": _note(t).pk},
    "learning:thanks": lambda t: {"note_id": _note(t).pk},
    "learning:withdraw": lambda t: {"note_id": _note(t).pk},
    "learning:discard": lambda t: {"note_id": _draft(t).pk},
    "learning:report": lambda t: {"note_id": _note(t).pk},
    "learning:reports": lambda t: {},
    "learning:report_review": lambda t: {"note_id": _reported_note(t).pk},
    "learning:practice_areas": lambda t: {},
    "learning:practice_area_toggle": lambda t: {"area_id": _practice_area(t).pk},
    "learning:search": lambda t: {},
    "learning:import": lambda t: {},
    "notifications:list": lambda t: {},
    "notifications:open": lambda t: {"notification_id": _notification(t).pk},
    "notifications:read_all": lambda t: {},
    "notifications:preferences": lambda t: {},
    "improvements:ideas": lambda t: {},
    "improvements:idea_new": lambda t: {},
    "improvements:board": lambda t: {},
    "improvements:library": lambda t: {},
    **{f"improvements:{name}": lambda t: {"idea_id": isolation_idea(t)[0].pk} for name in (
        "idea", "idea_edit", "idea_smallness", "idea_split", "idea_ready", "idea_go_ahead",
        "idea_sustain",
        "idea_support", "idea_unsupport", "idea_abandon", "idea_owners", "idea_move", "idea_try",
        "cycle_plan", "concern_raise",
    )},
    **{f"improvements:{name}": (lambda t: dict(zip(("idea_id", "cycle_id"), (
        o.pk for o in isolation_idea(t)[:2]), strict=True))) for name in (
        "cycle_do", "cycle_study", "cycle_act")},
    **{f"improvements:{name}": (lambda t: (lambda i, _, c: {"idea_id": i.pk,
                                                            "concern_id": c.pk})(
        *isolation_idea(t))) for name in ("concern_reply", "concern_resolve")},
    "measures:list": lambda t: {},
    "measures:create": lambda t: {},
    "measures:import": lambda t: {},
    "measures:detail": lambda t: {"measure_id": _measure(t).pk},
    "measures:edit": lambda t: {"measure_id": _measure(t).pk},
    "measures:tally": lambda t: {"measure_id": _measure(t).pk},
    "measures:rebase": lambda t: {"measure_id": _measure(t).pk},
    "measures:check": lambda t: {"check_id": _sustain_check(t).pk},
    "privacy:share_note": lambda t: {"note_id": _note(t).pk},
    "privacy:phrases": lambda t: {},
    "privacy:phrase_remove": lambda t: {"phrase_id": _phrase(t).pk},
    "privacy:outside_text": lambda t: {"text_id": _outside_text(t).pk},
    "themes:list": lambda t: {},
    "themes:recompute": lambda t: {},
    "themes:theme": lambda t: {"theme_id": _theme(t).pk},
    "themes:rename": lambda t: {"theme_id": _theme(t).pk},
    "themes:merge": lambda t: {"theme_id": _theme(t).pk},
    "themes:split": lambda t: {"theme_id": _theme(t).pk},
    "themes:hide": lambda t: {"theme_id": _theme(t).pk},
    "themes:pin": lambda t: {"note_id": _shared_note(t).pk},
    "engagement:home": lambda t: {},
    "engagement:team": lambda t: {"team_id": t.teams[0].pk},
    **{f"notifications:digest_{digest}_{switch}": lambda t: {}
       for digest in ("weekly", "monthly") for switch in ("off", "on")},
    "recognition:idea_thank": lambda t: {"idea_id": isolation_idea(t)[0].pk},
    "recognition:idea_unthank": lambda t: {"idea_id": isolation_idea(t)[0].pk},
    **{f"recognition:{name}": (lambda t: dict(zip(("idea_id", "cycle_id"), (
        o.pk for o in isolation_idea(t)[:2]), strict=True))) for name in (
        "cycle_thank", "cycle_unthank")},
    "recognition:highlight": lambda t: {},
    "recognition:nominate": lambda t: {"note_id": _success_note(t).pk},
    "recognition:confirm": lambda t: {"note_id": _success_note(t).pk},
    "engagement:report": lambda t: {},
    "engagement:report_pdf": lambda t: {},
    "engagement:report_csv": lambda t: {},
}
# Who opens a tenant page in these tests when the organisation admin may not (by default the
# admin). Learning notes stay within their team, so a member of the author's team opens them.
CASE_VIEWER = {
    **dict.fromkeys([
        "privacy:share_note", "privacy:outside_text",
        "learning:notes", "learning:mine", "learning:note_new", "learning:autosave",
        "learning:similar", "learning:note_edit", "learning:withdraw", "learning:discard",
        "learning:search",
        "notifications:list", "notifications:open", "notifications:read_all",
        "notifications:preferences",
    ], "practitioner"),
    # The author's teammate responds to the practitioner's note.
    **dict.fromkeys([
        "learning:note", "learning:me_too", "learning:reply", "learning:thanks",
        "learning:report",
    ], "team_manager"),
    **dict.fromkeys([
        "notifications:digest_weekly_off", "notifications:digest_weekly_on",
        "notifications:digest_monthly_off", "notifications:digest_monthly_on",
        "recognition:highlight", "recognition:nominate",
    ], "practitioner"),
    # The team manager confirms the team's success of the month (a teammate's note).
    **dict.fromkeys(["recognition:idea_thank", "recognition:idea_unthank",
                     "recognition:cycle_thank", "recognition:cycle_unthank",
                     "recognition:confirm"], "team_manager"),
    "learning:reports": "improvement_lead",
    "learning:report_review": "improvement_lead",
    # Themes are curated by improvement leads, who see notes shared across the organisation.
    **dict.fromkeys([
        "themes:list", "themes:recompute", "themes:theme", "themes:rename", "themes:merge",
        "themes:split", "themes:hide", "themes:pin",
    ], "improvement_lead"),
}


def viewer(tenant, name):
    return getattr(tenant, CASE_VIEWER.get(name, "org_admin"))


def test_every_url_pattern_is_covered():
    patterns = dict(all_url_patterns())
    tenant_patterns = {name for name, route in patterns.items() if "<slug:org_slug>" in route}
    assert tenant_patterns == set(TENANT_CASES), "add new tenant URLs to TENANT_CASES"
    assert set(patterns) == PUBLIC | PERSONAL | set(TENANT_CASES), (
        "every URL pattern must be listed as PUBLIC, PERSONAL or in TENANT_CASES"
    )
    assert not (PUBLIC | PERSONAL) & tenant_patterns


def _url(name, organisation, kwargs):
    return reverse(name, kwargs={"org_slug": organisation.slug, **kwargs})


@pytest.mark.parametrize("name", sorted(TENANT_CASES))
def test_other_organisation_gets_404(name, client, login, tenant_a, tenant_b):
    kwargs = TENANT_CASES[name](tenant_a)
    login(client, viewer(tenant_a, name).user)
    own = client.get(_url(name, tenant_a.organisation, kwargs))
    assert own.status_code in (200, 302, 405), "the owner must reach the page (control case)"
    if own.status_code == 200 and own["Content-Type"].startswith("text/html"):
        page = own.content.decode()
        assert not any(mark in page for mark in ("{#", "#}", "{%", "%}", "{{", "}}")), (
            name, "template syntax shown on the page")

    for outsider in (tenant_b.org_admin, tenant_b.practitioner, tenant_b.improvement_lead):
        login(client, outsider.user)
        for method in ("get", "post"):
            # The owner's organisation in the address: the outsider is not a member there.
            response = getattr(client, method)(_url(name, tenant_a.organisation, kwargs))
            assert response.status_code == 404, (name, method, "owner's address")
            if kwargs:
                # Their own organisation's address with the owner's ids: answered exactly as
                # for an id that never existed (404; or 403/405 when the role or the method is
                # refused before any lookup happens).
                response = getattr(client, method)(_url(name, tenant_b.organisation, kwargs))
                missing = getattr(client, method)(
                    _url(name, tenant_b.organisation, dict.fromkeys(kwargs, 987654))
                )
                assert response.status_code in (403, 404, 405), (name, method, "foreign id")
                assert response.status_code == missing.status_code, (name, method)


def test_deactivated_member_is_shut_out(client, login, tenant_a):
    member = tenant_a.practitioner
    member.is_active = False
    member.save()
    login(client, member.user)
    assert client.get(_url("core:org_home", tenant_a.organisation, {})).status_code == 404


def test_unknown_organisation_looks_like_a_forbidden_one(client, login, tenant_a, tenant_b):
    login(client, tenant_b.practitioner.user)
    missing = client.get("/o/no-such-organisation/")
    forbidden = client.get(f"/o/{tenant_a.organisation.slug}/")
    assert missing.status_code == forbidden.status_code == 404
    # Identical apart from the per-response CSRF mask.
    mask = re.compile(rb'"X-CSRFToken": "[^"]+"|name="csrfmiddlewaretoken" value="[^"]+"')
    assert mask.sub(b"", missing.content) == mask.sub(b"", forbidden.content)
