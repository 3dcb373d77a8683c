import csv
import io
from pathlib import Path

from django.contrib.staticfiles import finders
from django.http import HttpResponse, QueryDict
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET

from stepwise.engagement import report
from stepwise.engagement.report_forms import DEFAULT_PRESET, ReportScopeForm

TEMPLATE = "engagement/report.html"
CSV_HEADER = ["section", "figure", "scope", "period_start", "period_end", "value", "definition"]
# Spreadsheets run a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# The only files WeasyPrint may read: the report's print stylesheet, from disk.
PDF_BASE_URL = "https://report.stepwise.invalid/"
PDF_FILES = {"static/engagement/report-print.css": "engagement/report-print.css"}


def _form(request) -> ReportScopeForm:
    report.require_report(request.membership)
    data = request.GET if request.GET else QueryDict(f"preset={DEFAULT_PRESET}")
    return ReportScopeForm(data, membership=request.membership)


def _context(request, form: ReportScopeForm) -> dict:
    context = {"form": form, "report": None, "base_template": "base.html", "pdf": False}
    if form.is_valid():
        context["report"] = report.build_report(membership=request.membership,
                                                scope=form.scope())
        context["query"] = form.query()
        context["form"] = form.shown_again()
    return context


def _refused(request, context: dict) -> HttpResponse:
    return render(request, TEMPLATE, context, status=422)


@require_GET
def report_page(request):
    form = _form(request)
    context = _context(request, form)
    return render(request, TEMPLATE, context, status=200 if form.is_valid() else 422)


def _filename(scope, extension: str) -> str:
    return (f"stepwise-report-{scope.organisation.slug}-{scope.start:%Y-%m-%d}-"
            f"{scope.end:%Y-%m-%d}.{extension}")


def pdf_url_fetcher():
    """Serves the print stylesheet from disk and refuses everything else, so rendering a
    report never reaches the network or reads any other file."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class ReportFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith(PDF_BASE_URL):
                relative = url[len(PDF_BASE_URL):].split("?")[0]
                found = finders.find(PDF_FILES[relative]) if relative in PDF_FILES else None
                if found:
                    return URLFetcherResponse(
                        url, Path(found).read_bytes(),
                        {"Content-Type": "text/css; charset=utf-8"})
            raise ValueError(f"The report does not fetch {url[:80]!r}")

        def open(self, url, data=None, timeout=None):
            raise ValueError("The report does not fetch anything else")

    return ReportFetcher(allowed_protocols=("https",), allow_redirects=False)


def render_pdf(request, context: dict) -> bytes:
    from weasyprint import HTML

    html = render_to_string(TEMPLATE, {**context, "pdf": True,
                                       "base_template": "engagement/report_pdf_base.html"},
                            request=request)
    return HTML(string=html, base_url=PDF_BASE_URL, url_fetcher=pdf_url_fetcher()).write_pdf()


@require_GET
def report_pdf(request):
    form = _form(request)
    context = _context(request, form)
    if context["report"] is None:
        return _refused(request, context)
    response = HttpResponse(render_pdf(request, context), content_type="application/pdf")
    filename = _filename(context["report"].scope, "pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_cell(value) -> str:
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def report_csv_text(built: report.Report) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for figure in built.figures:
        writer.writerow([csv_cell(cell) for cell in (
            figure.section, figure.label, figure.scope, figure.period_start.isoformat(),
            figure.period_end.isoformat(), figure.csv_value, figure.definition)])
    return out.getvalue()


@require_GET
def report_csv(request):
    form = _form(request)
    context = _context(request, form)
    if context["report"] is None:
        return _refused(request, context)
    response = HttpResponse(report_csv_text(context["report"]),
                            content_type="text/csv; charset=utf-8")
    filename = _filename(context["report"].scope, "csv")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
