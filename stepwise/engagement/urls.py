from django.urls import path

from stepwise.core.urls import ORG
from stepwise.engagement import views

app_name = "engagement"

urlpatterns = [
    path(f"{ORG}engagement/", views.home, name="home"),
    path(f"{ORG}engagement/teams/<int:team_id>/", views.team, name="team"),
]
