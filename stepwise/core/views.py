from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from stepwise.core import home as home_steps
from stepwise.organisations.selectors import membership_for_slug, user_memberships


@require_GET
def home(request):
    """Send a signed-in person to the organisation they used last, or let them choose."""
    last = request.session.get("last_organisation")
    if last and membership_for_slug(user=request.user, slug=last):
        return redirect("core:org_home", org_slug=last)
    memberships = list(user_memberships(user=request.user))
    if len(memberships) == 1:
        return redirect("core:org_home", org_slug=memberships[0].organisation.slug)
    return redirect("organisations:choose")


@require_GET
def org_home(request):
    return render(request, "core/org_home.html", {
        "next_steps": home_steps.next_steps(request),
    })


@login_not_required
@require_GET
def accessibility(request):
    return render(request, "core/accessibility.html")


@login_not_required
@never_cache
@require_GET
def health(request):
    """For the load balancer: 200 when this process can reach the database, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means "not healthy"
        return JsonResponse({"status": "unavailable", "database": "error"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_400(request, exception=None):
    return render(request, "400.html", status=400)


def error_500(request):
    return render(request, "500.html", status=500)
