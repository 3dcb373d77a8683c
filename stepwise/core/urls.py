from django.urls import path

from stepwise.core import views

# Every page inside an organisation starts with this, so a link always opens in the right one.
ORG = "o/<slug:org_slug>/"

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path(ORG, views.org_home, name="org_home"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("healthz", views.health, name="health"),
]
