from django.urls import path

from stepwise.core.urls import ORG
from stepwise.themes import views

app_name = "themes"

THEME = f"{ORG}themes/<int:theme_id>/"

urlpatterns = [
    path(f"{ORG}themes/", views.themes, name="list"),
    path(f"{ORG}themes/recompute/", views.recompute, name="recompute"),
    path(THEME, views.theme, name="theme"),
    path(f"{THEME}rename/", views.rename, name="rename"),
    path(f"{THEME}merge/", views.merge, name="merge"),
    path(f"{THEME}split/", views.split, name="split"),
    path(f"{THEME}hide/", views.hide, name="hide"),
    path(f"{ORG}themes/notes/<int:note_id>/pin/", views.pin, name="pin"),
]
