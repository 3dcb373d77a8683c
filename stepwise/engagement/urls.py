app_name = "engagement"

urlpatterns: list = []

# The leadership and inspection report (report_views.py).
from django.urls import path  # noqa: E402

from stepwise.core.urls import ORG  # noqa: E402
from stepwise.engagement import report_views  # noqa: E402

urlpatterns += [
    path(f"{ORG}engagement/report/", report_views.report_page, name="report"),
    path(f"{ORG}engagement/report.pdf", report_views.report_pdf, name="report_pdf"),
    path(f"{ORG}engagement/report.csv", report_views.report_csv, name="report_csv"),
]
