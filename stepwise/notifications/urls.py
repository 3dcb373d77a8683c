from django.urls import path

from stepwise.core.urls import ORG
from stepwise.notifications import views
from stepwise.notifications.models import Digest

app_name = "notifications"

urlpatterns = [
    path(f"{ORG}notifications/", views.notification_list, name="list"),
    path(f"{ORG}notifications/<int:notification_id>/", views.notification_open, name="open"),
    path(f"{ORG}notifications/read-all/", views.read_all, name="read_all"),
    path(f"{ORG}notifications/settings/", views.preferences, name="preferences"),
    # One fixed address per digest: the link in an e-mail names no id at all.
    *(path(f"{ORG}notifications/digests/{digest}/{switch}/", view, {"digest": digest},
           name=f"digest_{digest}_{switch}")
      for digest in Digest.values
      for switch, view in (("off", views.digest_off), ("on", views.digest_on))),
]
