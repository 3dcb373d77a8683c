"""The three steps of importing notes: upload, map the columns, check and import."""

import base64

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from stepwise.core import policy
from stepwise.core.forms import Form
from stepwise.learning import imports

SALT = "stepwise.learning.import"
MAX_AGE = 3600
PREVIEW_ROWS = 20


class UploadForm(Form):
    file = forms.FileField(
        label="Spreadsheet file (CSV or Excel .xlsx)",
        help_text="The first row must name the columns. One note a row, at most "
        f"{imports.MAX_ROWS} rows. You choose which column is which next.",
        error_messages={"required": "Choose a CSV or Excel file."},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > imports.MAX_BYTES:
            raise forms.ValidationError("The file is too large (the limit is 1 MB); split it "
                                        "and import each part.")
        raw = upload.read()
        try:
            self.table = imports.read_table(raw, upload.name or "")
        except imports.ImportFileError as error:
            raise forms.ValidationError(str(error)) from None
        self.raw = raw
        return upload


class MappingForm(Form):
    payload = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, headers: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "Not in the file"), *((str(i), h) for i, h in enumerate(headers))]
        for name, label in imports.FIELDS.items():
            self.fields[f"map_{name}"] = forms.ChoiceField(
                label=label, choices=choices, required=name in imports.REQUIRED,
                error_messages={"required": f"Choose the column for '{label}'."},
            )
            self.fields[f"map_{name}"].hide_optional = True
            # Added after the GOV.UK mixin styled the declared fields, so styled here.
            self.fields[f"map_{name}"].widget.attrs["class"] = "govuk-select"

    def mapping(self) -> dict[str, int | None]:
        return {name: int(self.cleaned_data[f"map_{name}"])
                if self.cleaned_data.get(f"map_{name}") else None for name in imports.FIELDS}


def _sign(raw: bytes, filename: str) -> str:
    return signing.TimestampSigner(salt=SALT).sign_object(
        {"file": base64.b64encode(raw).decode(), "name": filename[:200]})


def _unsign(payload: str) -> tuple[bytes, str]:
    data = signing.TimestampSigner(salt=SALT).unsign_object(payload, max_age=MAX_AGE)
    return base64.b64decode(data["file"]), data["name"]


def _render(request, context, status=200):
    return render(request, "learning/import.html", context, status=status)


@require_http_methods(["GET", "POST"])
def note_import(request):
    policy.require(request.membership, "note.import")
    if request.method == "POST" and "payload" in request.POST:
        return _check_or_import(request)
    form = UploadForm(request.POST if request.method == "POST" else None,
                      request.FILES if request.method == "POST" else None)
    if request.method == "GET":
        return _render(request, {"upload": form})
    if not form.is_valid():
        return _render(request, {"upload": form}, status=422)
    name = form.cleaned_data["file"].name or ""
    headers = form.table.headers
    initial = {f"map_{k}": "" if v is None else str(v)
               for k, v in imports.guess_mapping(headers).items()}
    mapping = MappingForm(headers=headers, initial={"payload": _sign(form.raw, name), **initial})
    return _render(request, {"mapping": mapping, "filename": name,
                             "sample": form.table.rows[:3], "headers": headers})


def _check_or_import(request):
    try:
        raw, name = _unsign(request.POST["payload"])
        table = imports.read_table(raw, name)
    except (signing.BadSignature, ValueError, KeyError, TypeError):
        return _render(request, {"upload": UploadForm(), "expired": True}, status=400)
    mapping = MappingForm(request.POST, headers=table.headers)
    context = {"mapping": mapping, "filename": name, "headers": table.headers,
               "sample": table.rows[:3]}
    if not mapping.is_valid():
        return _render(request, context, status=422)
    checked = imports.check_rows(table=table, mapping=mapping.mapping(),
                                 membership=request.membership)
    context.update(checked=checked, preview=checked.notes[:PREVIEW_ROWS])
    for error in checked.errors:
        if error.line == 0:
            mapping.add_error(f"map_{error.column}", error.message)
    if checked.errors:
        return _render(request, context, status=422)
    if request.POST.get("action") != "import":
        return _render(request, context)
    try:
        created = imports.notes_import(membership=request.membership, notes=checked.notes,
                                       filename=name)
    except ValidationError as error:
        mapping.add_error(None, error)
        return _render(request, context, status=422)
    messages.success(request, f"{len(created)} note{'s' if len(created) != 1 else ''} "
                              "imported and shared with the team.")
    return redirect("learning:mine", org_slug=request.organisation.slug)
