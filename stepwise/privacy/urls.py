from django.urls import path

from stepwise.core.urls import ORG
from stepwise.privacy import views

app_name = "privacy"

urlpatterns = [
    path(f"{ORG}notes/<int:note_id>/share/", views.share_note, name="share_note"),
    path(f"{ORG}settings/privacy/", views.phrases, name="phrases"),
    path(f"{ORG}settings/privacy/<int:phrase_id>/remove/", views.phrase_remove,
         name="phrase_remove"),
    path(f"{ORG}outside-text/<int:text_id>/", views.outside_text, name="outside_text"),
]
