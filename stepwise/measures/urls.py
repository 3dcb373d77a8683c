from django.urls import path

from stepwise.core.urls import ORG
from stepwise.measures import views

app_name = "measures"

urlpatterns = [
    path(f"{ORG}measures/", views.measure_list, name="list"),
    path(f"{ORG}measures/new/", views.measure_create, name="create"),
    path(f"{ORG}measures/import/", views.measure_import, name="import"),
    path(f"{ORG}measures/<int:measure_id>/", views.measure_detail, name="detail"),
    path(f"{ORG}measures/<int:measure_id>/edit/", views.measure_edit, name="edit"),
    path(f"{ORG}measures/<int:measure_id>/tally/", views.measure_tally, name="tally"),
    path(f"{ORG}measures/<int:measure_id>/rebase/", views.measure_rebase, name="rebase"),
    path(f"{ORG}measures/checks/<int:check_id>/", views.sustain_check, name="check"),
]
