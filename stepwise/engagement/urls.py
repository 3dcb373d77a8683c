from django.urls import path

from stepwise.core.urls import ORG
from stepwise.engagement import report_views, views

app_name = "engagement"

urlpatterns = [
    path(f"{ORG}engagement/", views.home, name="home"),
    path(f"{ORG}engagement/teams/<int:team_id>/", views.team, name="team"),
]

# The leadership and inspection report (report_views.py).
urlpatterns += [
    path(f"{ORG}engagement/report/", report_views.report_page, name="report"),
    path(f"{ORG}engagement/report.pdf", report_views.report_pdf, name="report_pdf"),
    path(f"{ORG}engagement/report.csv", report_views.report_csv, name="report_csv"),
]
