import base64

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from stepwise.core import policy
from stepwise.core.forms import add_service_errors
from stepwise.core.models import AuditEvent
from stepwise.organisations import selectors, services
from stepwise.organisations.access import (
    access_invitation_by_id,
    access_membership_by_id,
    access_team_by_id,
)
from stepwise.organisations.forms import (
    BulkInviteForm,
    DeactivateForm,
    InviteForm,
    MemberForm,
    OrganisationSettingsForm,
    TeamForm,
)
from stepwise.organisations.imports import parse_invitations_csv

BULK_SALT = "stepwise.bulk-invitations"




@require_GET
def choose(request):
    return render(request, "organisations/choose.html", {
        "memberships": selectors.user_memberships(user=request.user),
    })


@require_GET
def members(request):
    policy.require(request.membership, "member.invite")
    return render(request, "organisations/members.html", {
        "members": selectors.organisation_members(include_inactive=True),
        "invitations": selectors.open_invitations(),
    })


@require_http_methods(["GET", "POST"])
def invite(request):
    policy.require(request.membership, "member.invite")
    form = InviteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_create(
                actor=request.membership,
                request=services.InvitationRequest(
                    email=form.cleaned_data["email"],
                    full_name=form.cleaned_data["full_name"],
                    role=form.cleaned_data["role"],
                    team=form.cleaned_data["team"],
                ),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Invitation sent to {form.cleaned_data['email']}.")
            return redirect("organisations:members", org_slug=request.organisation.slug)
    status = 422 if request.method == "POST" else 200
    return render(request, "organisations/invite.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
def invite_bulk(request):
    policy.require(request.membership, "member.invite")
    signer = signing.TimestampSigner(salt=BULK_SALT)
    if request.method == "POST" and "payload" in request.POST:
        try:
            raw = base64.b64decode(signer.unsign(request.POST["payload"], max_age=3600))
        except (signing.BadSignature, ValueError):
            return HttpResponseBadRequest("This preview has expired. Upload the file again.")
        parsed = parse_invitations_csv(raw)
        if not parsed.errors:
            try:
                created = services.invitations_bulk_create(
                    actor=request.membership, requests=parsed.requests
                )
            except ValidationError as error:
                parsed.errors.append((0, " ".join(error.messages)))
            else:
                messages.success(request, f"{len(created)} invitations sent.")
                return redirect("organisations:members", org_slug=request.organisation.slug)
        return render(request, "organisations/invite_bulk.html", {
            "form": BulkInviteForm(), "errors": parsed.errors,
        }, status=422)
    form = BulkInviteForm(request.POST if request.method == "POST" else None, request.FILES if request.method == "POST" else None)
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "organisations/invite_bulk.html", {"form": form}, status=422)
        raw = form.cleaned_data["file"].read()
        parsed = parse_invitations_csv(raw)
        if parsed.errors:
            return render(request, "organisations/invite_bulk.html", {
                "form": form, "errors": parsed.errors,
            }, status=422)
        return render(request, "organisations/invite_bulk.html", {
            "form": form,
            "preview": parsed.requests,
            "payload": signer.sign(base64.b64encode(raw).decode()),
        })
    return render(request, "organisations/invite_bulk.html", {"form": form})


@require_POST
def invitation_revoke(request, invitation_id: int):
    invitation = access_invitation_by_id(invitation_id)
    services.invitation_revoke(actor=request.membership, invitation=invitation)
    messages.success(request, f"The invitation to {invitation.email} has been withdrawn.")
    return redirect("organisations:members", org_slug=request.organisation.slug)


@require_http_methods(["GET", "POST"])
def member_edit(request, membership_id: int):
    policy.require(request.membership, "member.manage")
    member = access_membership_by_id(membership_id)
    form = MemberForm(request.POST if request.method == "POST" else None, initial={"role": member.role, "team": member.team})
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_change(
                actor=request.membership, membership=member,
                role=form.cleaned_data["role"], team=form.cleaned_data["team"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{member.user.full_name}'s role has been updated.")
            return redirect("organisations:members", org_slug=request.organisation.slug)
    status = 422 if request.method == "POST" else 200
    return render(request, "organisations/member_edit.html",
                  {"form": form, "member": member}, status=status)


@require_POST
def member_two_factor_reset(request, membership_id: int):
    member = access_membership_by_id(membership_id)
    try:
        services.membership_two_factor_reset(actor=request.membership, membership=member)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{member.user.full_name} will set up two-factor "
                                  "authentication again at their next log-in.")
    return redirect("organisations:member_edit", org_slug=request.organisation.slug,
                    membership_id=member.pk)


@require_http_methods(["GET", "POST"])
def member_deactivate(request, membership_id: int):
    policy.require(request.membership, "member.manage")
    member = access_membership_by_id(membership_id)
    form = DeactivateForm(request.POST if request.method == "POST" else None, leaving=member)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_deactivate(
                actor=request.membership, membership=member,
                handover_to=form.cleaned_data["handover_to"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{member.user.full_name} has been deactivated.")
            return redirect("organisations:members", org_slug=request.organisation.slug)
    status = 422 if request.method == "POST" else 200
    return render(request, "organisations/member_deactivate.html",
                  {"form": form, "member": member}, status=status)


@require_POST
def member_reactivate(request, membership_id: int):
    member = access_membership_by_id(membership_id)
    services.membership_reactivate(actor=request.membership, membership=member)
    messages.success(request, f"{member.user.full_name} has been reactivated.")
    return redirect("organisations:members", org_slug=request.organisation.slug)


@require_http_methods(["GET", "POST"])
def teams(request):
    form = TeamForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        policy.require(request.membership, "team.manage")
        if form.is_valid():
            try:
                team = services.team_create(actor=request.membership,
                                            name=form.cleaned_data["name"])
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"Team '{team.name}' created.")
                return redirect("organisations:teams", org_slug=request.organisation.slug)
    status = 422 if request.method == "POST" else 200
    return render(request, "organisations/teams.html",
                  {"form": form, "teams": selectors.team_list()}, status=status)


@require_http_methods(["GET", "POST"])
def team_edit(request, team_id: int):
    policy.require(request.membership, "team.manage")
    team = access_team_by_id(team_id)
    form = TeamForm(request.POST if request.method == "POST" else None, initial={"name": team.name})
    if request.method == "POST" and form.is_valid():
        try:
            services.team_rename(actor=request.membership, team=team,
                                 name=form.cleaned_data["name"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Team renamed.")
            return redirect("organisations:teams", org_slug=request.organisation.slug)
    status = 422 if request.method == "POST" else 200
    return render(request, "organisations/team_edit.html",
                  {"form": form, "team": team}, status=status)


@require_GET
def audit_log(request):
    policy.require(request.membership, "audit.read")
    events = AuditEvent.objects.select_related("actor")
    action = request.GET.get("action", "")[:64]
    if action:
        events = events.filter(action=action)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "organisations/audit_log.html", {"page": page, "action": action})


@require_http_methods(["GET", "POST"])
def organisation_settings(request):
    policy.require(request.membership, "retention.set")
    organisation = request.organisation
    form = OrganisationSettingsForm(request.POST if request.method == "POST" else None, initial={
        "name": organisation.name,
        "retention_days": organisation.retention_days,
        "concern_window_days": organisation.concern_window_days,
        "stalled_test_days": organisation.stalled_test_days,
    })
    if request.method == "POST" and form.is_valid():
        services.organisation_settings_update(actor=request.membership, **form.cleaned_data)
        messages.success(request, "Settings saved.")
        return redirect("organisations:settings", org_slug=organisation.slug)
    status = 422 if request.method == "POST" else 200
    return render(request, "organisations/settings.html", {"form": form}, status=status)


@login_not_required
@require_http_methods(["GET", "POST"])
def accept(request, token: str):
    from stepwise.accounts.forms import PasswordSetForm
    from stepwise.accounts.models import User

    invitation = services.invitation_for_token(token)
    if invitation is None:
        return render(request, "organisations/accept_invalid.html", status=404)
    existing = User.objects.filter(email__iexact=invitation.email).first()
    if existing is not None:
        if not request.user.is_authenticated:
            messages.info(request, "Sign in to accept your invitation.")
            return redirect(f"/login/?next={request.path}")
        if request.user.pk != existing.pk:
            return render(request, "organisations/accept_invalid.html", {
                "wrong_user": True}, status=403)
        if request.method == "POST":
            services.invitation_accept(invitation=invitation)
            messages.success(request, f"You have joined {invitation.organisation.name}.")
            return redirect("core:org_home", org_slug=invitation.organisation.slug)
        return render(request, "organisations/accept.html", {"invitation": invitation})
    form = PasswordSetForm(request.POST if request.method == "POST" else None, email=invitation.email,
                           initial={"full_name": invitation.full_name})
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.invitation_accept(
                invitation=invitation,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password1"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            login(request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, f"Welcome to {invitation.organisation.name}.")
            return redirect("core:org_home", org_slug=invitation.organisation.slug)
    status = 422 if request.method == "POST" else 200
    return render(request, "organisations/accept.html",
                  {"invitation": invitation, "form": form}, status=status)
