from django.urls import path

from stepwise.core.urls import ORG
from stepwise.notifications import views

app_name = "notifications"

urlpatterns = [
    path(f"{ORG}notifications/", views.notification_list, name="list"),
    path(f"{ORG}notifications/<int:notification_id>/", views.notification_open, name="open"),
    path(f"{ORG}notifications/read-all/", views.read_all, name="read_all"),
    path(f"{ORG}notifications/settings/", views.preferences, name="preferences"),
]
