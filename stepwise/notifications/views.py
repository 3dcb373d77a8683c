from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from stepwise.notifications import digests, selectors, services
from stepwise.notifications.access import access_notification_by_id
from stepwise.notifications.forms import PreferencesForm
from stepwise.notifications.models import Digest


@require_GET
def notification_list(request):
    page = Paginator(selectors.inbox(user=request.user), 30).get_page(request.GET.get("page"))
    return render(request, "notifications/list.html", {
        "page": page, "unread": selectors.unread_count(user=request.user),
    })


@require_GET
def notification_open(request, notification_id: int):
    notification = access_notification_by_id(request.user, notification_id)
    services.notification_mark_read(recipient=request.user, notification=notification)
    if url_has_allowed_host_and_scheme(notification.url, allowed_hosts=None) and (
        notification.url.startswith("/")
    ):
        return redirect(notification.url)
    return redirect("notifications:list", org_slug=request.organisation.slug)


@require_POST
def read_all(request):
    services.notifications_mark_all_read(recipient=request.user)
    messages.success(request, "All notifications are marked as read.")
    return redirect("notifications:list", org_slug=request.organisation.slug)


@require_http_methods(["GET", "POST"])
def preferences(request):
    current = {kind.key: delivery for kind, delivery in selectors.preferences(user=request.user)}
    form = PreferencesForm(request.POST if request.method == "POST" else None, current=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.notification_preferences_set(membership=request.membership,
                                                  choices=form.cleaned_data)
        except ValidationError as error:
            for field, errors in error.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, "Your notification settings are saved.")
            return redirect("notifications:preferences", org_slug=request.organisation.slug)
    return render(request, "notifications/preferences.html", {
        "form": form, "cap": settings.NOTIFICATION_EMAILS_PER_DAY,
        "digests": selectors.digest_choices(membership=request.membership)},
                  status=422 if request.method == "POST" else 200)


@require_http_methods(["GET", "POST"])
def digest_off(request, digest: str):
    """The "stop these e-mails" link in a digest opens this page: one button switches it off."""
    chosen = Digest(digest)
    if request.method == "POST":
        digests.digest_switch(membership=request.membership, digest=chosen, enabled=False)
        messages.success(request, f"Done: no more e-mails of this kind ({chosen.label}). "
                                  "You can switch it back on here.")
        return redirect("notifications:preferences", org_slug=request.organisation.slug)
    enabled = digests.is_enabled(membership=request.membership, digest=chosen)
    return render(request, "notifications/digest_off.html", {"digest": chosen,
                                                             "enabled": enabled})


@require_POST
def digest_on(request, digest: str):
    chosen = Digest(digest)
    digests.digest_switch(membership=request.membership, digest=chosen, enabled=True)
    messages.success(request, f"Switched on: {chosen.label}.")
    return redirect("notifications:preferences", org_slug=request.organisation.slug)
