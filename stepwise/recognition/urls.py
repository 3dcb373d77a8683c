from django.urls import path

from stepwise.core.urls import ORG
from stepwise.recognition import views

app_name = "recognition"

IDEA = f"{ORG}ideas/<int:idea_id>/"

urlpatterns = [
    path(f"{IDEA}thanks/", views.idea_thank, name="idea_thank"),
    path(f"{IDEA}thanks/withdraw/", views.idea_unthank, name="idea_unthank"),
    path(f"{IDEA}cycles/<int:cycle_id>/thanks/", views.cycle_thank, name="cycle_thank"),
    path(f"{IDEA}cycles/<int:cycle_id>/thanks/withdraw/", views.cycle_unthank,
         name="cycle_unthank"),
    path(f"{ORG}success-of-the-month/", views.highlight, name="highlight"),
    path(f"{ORG}success-of-the-month/<int:note_id>/nominate/", views.nominate, name="nominate"),
    path(f"{ORG}success-of-the-month/<int:note_id>/confirm/", views.confirm, name="confirm"),
]
