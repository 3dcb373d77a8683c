from django.shortcuts import redirect

from stepwise.accounts.services import requires_two_factor

# Pages a person can reach while their two-factor set-up is still owed.
EXEMPT = {
    "accounts:two_factor_setup",
    "accounts:logout",
    "accounts:login",
    "accounts:login_verify",
    "core:accessibility",
    "core:health",
}


class TwoFactorRequiredMiddleware:
    """Admins must set up two-factor authentication before they can do anything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        if request.resolver_match.view_name in EXEMPT or not requires_two_factor(user):
            return None
        return redirect("accounts:two_factor_setup")
