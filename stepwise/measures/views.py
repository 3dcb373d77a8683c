import base64

from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from stepwise.core import policy
from stepwise.core.forms import add_service_errors
from stepwise.measures import selectors, services
from stepwise.measures.access import access_measure_by_id, access_sustain_check_by_id
from stepwise.measures.forms import FindingForm, ImportForm, MeasureForm, RebaseForm, TallyForm
from stepwise.measures.imports import parse_measure_file
from stepwise.privacy import outside

IMPORT_SALT = "stepwise.measure-import"




def _detail(request, measure):
    return redirect("measures:detail", org_slug=request.organisation.slug, measure_id=measure.pk)


@require_GET
def measure_list(request):
    measures = list(selectors.measure_list())
    return render(request, "measures/measure_list.html", {
        "rows": selectors.measure_rows(measures),
        "open_checks": list(selectors.open_checks_for(request.user)),
        "tally_ids": set(selectors.tally_measures(request.membership)
                         .values_list("pk", flat=True)),
    })


@require_http_methods(["GET", "POST"])
def measure_create(request):
    policy.require(request.membership, "measure.create")
    form = MeasureForm(request.POST if request.method == "POST" else None,
                       initial={"team": request.membership.team})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        owner = data.pop("owner")
        try:
            measure = services.measure_create(actor=request.membership,
                                              owner=owner.user if owner else None, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Measure '{measure.name}' created.")
            return _detail(request, measure)
    status = 422 if request.method == "POST" else 200
    return render(request, "measures/measure_form.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
def measure_edit(request, measure_id: int):
    policy.require(request.membership, "measure.create")
    measure = access_measure_by_id(measure_id)
    form = MeasureForm(request.POST if request.method == "POST" else None, editing=measure,
                       initial={
                           **{field: getattr(measure, field) for field in (
                               "name", "definition", "direction", "target", "team",
                               "rolls_up_into")},
                           "owner": selectors.owner_membership(measure)})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        owner = data.pop("owner")
        try:
            services.measure_update(actor=request.membership, measure=measure,
                                    owner=owner.user, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Measure saved.")
            return _detail(request, measure)
    status = 422 if request.method == "POST" else 200
    return render(request, "measures/measure_form.html", {"form": form, "measure": measure},
                  status=status)


@require_GET
def measure_detail(request, measure_id: int):
    measure = access_measure_by_id(measure_id)
    checks = list(selectors.checks_for_measure(measure))
    outside.prefetch(checks)
    return render(request, "measures/measure_detail.html", {
        "measure": measure,
        "chart": selectors.chart_for(measure),
        "checks": checks,
        "parts": list(measure.parts.all()),
        "may_tally": services.can_tally(request.membership, measure)
        and not measure.parts.all(),
        "direction": selectors.direction_word(measure),
    })


@require_http_methods(["GET", "POST"])
def measure_tally(request, measure_id: int):
    measure = access_measure_by_id(measure_id)
    if not services.can_tally(request.membership, measure):
        raise PermissionDenied("Only the measure's team can add figures to it.")
    form = TallyForm(request.POST if request.method == "POST" else None, measure=measure)
    if request.method == "POST" and form.is_valid():
        try:
            point = services.datapoint_record(actor=request.membership, measure=measure,
                                              **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Saved: {selectors.figure_text(measure, point)} for the "
                                      f"{selectors.period_text(measure, point.period)}.")
            return _detail(request, measure)
    status = 422 if request.method == "POST" else 200
    return render(request, "measures/tally.html", {"form": form, "measure": measure},
                  status=status)


@require_http_methods(["GET", "POST"])
def measure_rebase(request, measure_id: int):
    policy.require(request.membership, "measure.create")
    measure = access_measure_by_id(measure_id)
    form = RebaseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.measure_rebase(actor=request.membership, measure=measure,
                                    **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The limits now start again from that period.")
            return _detail(request, measure)
    status = 422 if request.method == "POST" else 200
    return render(request, "measures/rebase.html", {"form": form, "measure": measure},
                  status=status)


@require_http_methods(["GET", "POST"])
def measure_import(request):
    policy.require(request.membership, "measure.import")
    signer = signing.TimestampSigner(salt=IMPORT_SALT)
    if request.method == "POST" and "payload" in request.POST:
        try:
            packed = signer.unsign_object(request.POST["payload"], max_age=3600)
            raw, filename = base64.b64decode(packed["raw"]), str(packed["name"])
        except (signing.BadSignature, ValueError, KeyError, TypeError):
            return render(request, "measures/import.html", {
                "form": ImportForm(), "errors": [(0, "This preview has expired or was changed. "
                                                     "Upload the file again.")],
            }, status=400)
        parsed = parse_measure_file(raw, filename)
        if not parsed.errors:
            try:
                outcome = services.datapoints_import(
                    actor=request.membership, organisation=request.organisation,
                    rows=parsed.rows, source=filename)
            except services.ImportRejected as rejected:
                parsed.errors = rejected.rows
            else:
                messages.success(request, f"Imported {len(parsed.rows)} figures: "
                                          f"{outcome.created} new, {outcome.updated} replaced, "
                                          f"{outcome.unchanged} unchanged.")
                return redirect("measures:list", org_slug=request.organisation.slug)
        return render(request, "measures/import.html", {
            "form": ImportForm(), "errors": parsed.errors}, status=422)
    form = ImportForm(request.POST if request.method == "POST" else None,
                      request.FILES if request.method == "POST" else None)
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "measures/import.html", {"form": form}, status=422)
        upload = form.cleaned_data["file"]
        raw = upload.read()
        parsed = parse_measure_file(raw, upload.name)
        if parsed.errors:
            return render(request, "measures/import.html", {
                "form": form, "errors": parsed.errors}, status=422)
        return render(request, "measures/import.html", {
            "form": form,
            "preview": selectors.import_preview(parsed.rows),
            "payload": signer.sign_object({"raw": base64.b64encode(raw).decode(),
                                           "name": upload.name[:200]}, compress=True),
        })
    return render(request, "measures/import.html", {"form": form})


@require_http_methods(["GET", "POST"])
def sustain_check(request, check_id: int):
    check = access_sustain_check_by_id(check_id)
    measure = access_measure_by_id(check.watch.measure_id)
    form = FindingForm(request.POST if request.method == "POST" else None)
    may_answer = check.is_open and (check.watch.owner_id == request.user.pk
                                    or policy.can(request.membership, "measure.create"))
    if request.method == "POST":
        if not may_answer:
            raise PermissionDenied("Only the owner can answer this check.")
        if form.is_valid():
            try:
                services.sustain_check_resolve(actor=request.membership, check=check,
                                               finding=form.cleaned_data["finding"])
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Thank you: what you found has been recorded.")
                return _detail(request, measure)
    status = 422 if request.method == "POST" else 200
    return render(request, "measures/check.html", {
        "check": check, "measure": measure, "form": form, "may_answer": may_answer,
        "chart": selectors.chart_for(measure),
    }, status=status)
