import time

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login

from stepwise.accounts import services
from stepwise.accounts.forms import (
    LoginForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
    TokenForm,
)
from stepwise.accounts.models import User

PENDING_USER = "pending_2fa_user"
PENDING_AT = "pending_2fa_at"
PENDING_NEXT = "pending_2fa_next"
PENDING_SECONDS = 300


def _client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def _safe_next(request, candidate: str | None) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse(settings.LOGIN_REDIRECT_URL)


def _locked_response(request, form, template):
    form.add_error(
        None,
        "Too many failed attempts. Wait 15 minutes and try again, or reset your password.",
    )
    return render(request, template, {"form": form}, status=429)


@login_not_required
@require_http_methods(["GET", "POST"])
def login_view(request):
    if request.user.is_authenticated:
        return redirect(_safe_next(request, request.GET.get("next")))
    form = LoginForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "accounts/login.html", {"form": form}, status=422)
        email = form.cleaned_data["email"].lower()
        if services.login_locked_until(email=email):
            return _locked_response(request, form, "accounts/login.html")
        user = authenticate(request, email=email, password=form.cleaned_data["password"])
        if user is None:
            services.login_failure_record(email=email, ip_address=_client_ip(request))
            if services.login_locked_until(email=email):
                return _locked_response(request, form, "accounts/login.html")
            form.add_error(None, "Enter a correct email address and password.")
            return render(request, "accounts/login.html", {"form": form}, status=422)
        next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next"))
        if services.confirmed_device(user) is not None:
            request.session[PENDING_USER] = user.pk
            request.session[PENDING_AT] = time.time()
            request.session[PENDING_NEXT] = next_url
            return redirect("accounts:login_verify")
        login(request, user)
        services.login_success_record(user=user, ip_address=_client_ip(request))
        return redirect(next_url)
    return render(request, "accounts/login.html", {"form": form})


@login_not_required
@require_http_methods(["GET", "POST"])
def login_verify_view(request):
    user_id = request.session.get(PENDING_USER)
    started = request.session.get(PENDING_AT, 0)
    if user_id is None or time.time() - started > PENDING_SECONDS:
        messages.info(request, "Please sign in again.")
        return redirect("accounts:login")
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return redirect("accounts:login")
    form = TokenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "accounts/login_verify.html", {"form": form}, status=422)
        if services.login_locked_until(email=user.email):
            return _locked_response(request, form, "accounts/login_verify.html")
        if services.token_throttled(user=user):
            form.add_error("token", "Wait a few seconds, then enter the code again.")
            return render(request, "accounts/login_verify.html", {"form": form}, status=429)
        device = services.verify_token(user=user, token=form.cleaned_data["token"])
        if device is None:
            services.login_failure_record(
                email=user.email, ip_address=_client_ip(request), user=user
            )
            form.add_error("token", "That code is not right. Codes change every 30 seconds.")
            return render(request, "accounts/login_verify.html", {"form": form}, status=422)
        next_url = request.session.get(PENDING_NEXT) or reverse(settings.LOGIN_REDIRECT_URL)
        for key in (PENDING_USER, PENDING_AT, PENDING_NEXT):
            request.session.pop(key, None)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        otp_login(request, device)
        services.login_success_record(user=user, ip_address=_client_ip(request))
        return redirect(next_url)
    return render(request, "accounts/login_verify.html", {"form": form})


@require_POST
@login_not_required
def logout_view(request):
    logout(request)
    messages.success(request, "You have signed out.")
    return redirect("accounts:login")


def account_view(request):
    return render(request, "accounts/account.html", {
        "device": services.confirmed_device(request.user),
        "requires_two_factor": services.requires_two_factor(request.user),
    })


@require_http_methods(["GET", "POST"])
def two_factor_setup_view(request):
    device = services.totp_device_pending(user=request.user)
    form = TokenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_valid() and services.totp_device_confirm(
            user=request.user, device=device, token=form.cleaned_data["token"]
        ):
            otp_login(request, device)
            messages.success(request, "Two-factor authentication is on.")
            return redirect("core:home")
        if form.is_valid():
            form.add_error("token", "That code is not right. Check the time on your phone.")
        status = 422
    else:
        status = 200
    qr_svg = segno.make(device.config_url, error="m").svg_inline(
        scale=4, title="QR code to add Stepwise to your authenticator app"
    )
    return render(request, "accounts/two_factor_setup.html", {
        "form": form,
        "qr_svg": qr_svg,
        "secret": services.totp_secret_base32(device),
        "required": services.requires_two_factor(request.user),
    }, status=status)


@require_POST
def two_factor_remove_view(request):
    if services.totp_device_remove(user=request.user):
        messages.success(request, "Two-factor authentication is off.")
    else:
        messages.info(request, "Your role needs two-factor authentication, so it stays on.")
    return redirect("accounts:account")


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/emails/password_reset.txt"
    html_email_template_name = "accounts/emails/password_reset.html"
    subject_template_name = "accounts/emails/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def get_extra_email_context(self):
        return {"site_url": settings.SITE_URL}

    def form_valid(self, form):
        self.extra_email_context = self.get_extra_email_context()
        return super().form_valid(form)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=422)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = SetPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=422)


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = PasswordChangeForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:account")

    def form_valid(self, form):
        messages.success(self.request, "Your password has been changed.")
        return super().form_valid(form)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=422)
