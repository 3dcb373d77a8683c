from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse

from stepwise.core.tenancy import tenant_context


class OrganisationMiddleware:
    """Makes the organisation named in the URL (``/o/<slug>/…``) active for this request.

    Only a signed-in person with an active membership gets through; anyone else sees the same
    404 as for an organisation that does not exist, so existence does not leak.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.organisation = None
        request.membership = None
        request._tenant_cm = None
        try:
            return self.get_response(request)
        finally:
            if request._tenant_cm is not None:
                request._tenant_cm.__exit__(None, None, None)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # The slug is consumed here so views receive only their own arguments.
        slug = view_kwargs.pop("org_slug", None)
        if slug is None:
            return None
        from stepwise.organisations.selectors import membership_for_slug

        if not request.user.is_authenticated:
            raise Http404
        membership = membership_for_slug(user=request.user, slug=slug)
        if membership is None:
            raise Http404
        request.organisation = membership.organisation
        request.membership = membership
        request._tenant_cm = tenant_context(membership.organisation)
        request._tenant_cm.__enter__()
        request.session["last_organisation"] = slug
        return None


class SecurityHeadersMiddleware:
    """A strict Content-Security-Policy: every script and style is a file served by us."""

    POLICY = (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
        "base-uri 'self'; object-src 'none'"
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.POLICY)
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response
