from django.urls import path

from stepwise.core.urls import ORG
from stepwise.learning import import_views, views
from stepwise.learning.search import views as search_views

app_name = "learning"

urlpatterns = [
    path(f"{ORG}notes/", views.notes, name="notes"),
    path(f"{ORG}notes/mine/", views.mine, name="mine"),
    path(f"{ORG}notes/new/", views.note_new, name="note_new"),
    path(f"{ORG}notes/autosave/", views.autosave, name="autosave"),
    path(f"{ORG}notes/similar/", views.similar, name="similar"),
    path(f"{ORG}notes/<int:note_id>/", views.note, name="note"),
    path(f"{ORG}notes/<int:note_id>/edit/", views.note_edit, name="note_edit"),
    path(f"{ORG}notes/<int:note_id>/me-too/", views.me_too, name="me_too"),
    path(f"{ORG}notes/<int:note_id>/reply/", views.reply, name="reply"),
    path(f"{ORG}notes/<int:note_id>/thanks/", views.thanks, name="thanks"),
    path(f"{ORG}notes/<int:note_id>/withdraw/", views.withdraw, name="withdraw"),
    path(f"{ORG}notes/<int:note_id>/discard/", views.discard, name="discard"),
    path(f"{ORG}notes/<int:note_id>/report/", views.report, name="report"),
    path(f"{ORG}notes/reported/", views.reports, name="reports"),
    path(f"{ORG}notes/reported/<int:note_id>/", views.report_review, name="report_review"),
    path(f"{ORG}settings/practice-areas/", views.practice_areas, name="practice_areas"),
    path(f"{ORG}settings/practice-areas/<int:area_id>/toggle/", views.practice_area_toggle,
         name="practice_area_toggle"),
    # Search and import (stepwise/learning/search/, imports.py).
    path(f"{ORG}search/", search_views.search, name="search"),
    path(f"{ORG}import/notes/", import_views.note_import, name="import"),
]
