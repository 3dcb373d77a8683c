from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from stepwise.core import policy
from stepwise.core.forms import add_service_errors
from stepwise.learning.access import access_own_note_by_id
from stepwise.learning.models import Status
from stepwise.privacy import outside, services
from stepwise.privacy import review as review_engine
from stepwise.privacy.access import (
    access_outside_object,
    access_own_outside_text,
    access_phrase_by_id,
)
from stepwise.privacy.forms import OutsideTextForm, PhraseForm, ShareReviewForm
from stepwise.privacy.models import OrganisationPhrase

FIELD_LABELS = {
    "what_happened": "What happened",
    "what_expected": "What was expected",
    "why_difference": "Why the difference, or what helped",
    "next_time": "What would make it easier next time",
}




@require_http_methods(["GET", "POST"])
def share_note(request, note_id: int):
    note = access_own_note_by_id(request.membership, note_id, statuses=(Status.SUBMITTED,))
    review = services.note_review(note=note)
    posted = request.method == "POST"
    form = ShareReviewForm(request.POST if posted else None, detections=review.detections,
                           initial={"version": note.version})
    shown: set[str] = set()
    phrases: list[str] = []
    status = 200
    if posted:
        if form.is_valid():
            shown, phrases = set(form.cleaned_data["show"]), form.phrase_list()
            if "share" in request.POST:
                try:
                    services.note_share_beyond_team(
                        membership=request.membership, note=note,
                        version=form.cleaned_data["version"], shown=shown, phrases=phrases,
                        confirmed=form.cleaned_data["confirm"],
                    )
                except ValidationError as error:
                    add_service_errors(form, error)
                    status = 422
                else:
                    messages.success(request, "Your note is shared across the organisation, "
                                              "with personal details removed.")
                    return redirect(note.get_absolute_url())
        else:
            status = 422
    try:
        spans = review_engine.final_spans(review, shown=shown,
                                          phrases=services.clean_phrases(phrases))
    except ValidationError as error:
        add_service_errors(form, error)
        spans, status = review_engine.final_spans(review, shown=shown, phrases=[]), 422
    redacted = review_engine.redacted_fields(review, spans)
    fields = [
        {"name": name, "label": FIELD_LABELS[name],
         "segments": review_engine.segments(review, name, spans), "redacted": redacted[name]}
        for name in review_engine.FIELDS if review.field_text(name)
    ]
    context = {"note": note, "form": form, "fields": fields, "hidden_count": len(spans)}
    template = "privacy/share_note.html"
    if request.htmx and "share" not in request.POST:
        template += "#review"
    return render(request, template, context, status=status)


@require_http_methods(["GET", "POST"])
def phrases(request):
    policy.require(request.membership, "privacy.lists")
    form = PhraseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.phrase_add(membership=request.membership, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Added “{form.cleaned_data['phrase']}”.")
            return redirect("privacy:phrases", org_slug=request.organisation.slug)
    return render(request, "privacy/phrases.html", {
        "form": form, "items": OrganisationPhrase.objects.all(),
    }, status=422 if request.method == "POST" else 200)


@require_POST
def phrase_remove(request, phrase_id: int):
    item = access_phrase_by_id(phrase_id)
    services.phrase_remove(membership=request.membership, item=item)
    messages.success(request, f"Removed “{item.phrase}”.")
    return redirect("privacy:phrases", org_slug=request.organisation.slug)


@require_http_methods(["GET", "POST"])
def outside_text(request, text_id: int):
    row = access_own_outside_text(request.membership, text_id)
    obj = access_outside_object(row)
    covered = outside.covered_for(obj)
    fields = tuple(name for name in covered.fields if getattr(obj, name))
    texts = {name: getattr(obj, name) for name in fields}
    deidentifier = services.deidentifier_for(request.organisation)
    prepared = review_engine.prepare(texts, deidentifier, fields)
    detected: dict[str, str] = {}
    for d in prepared.detections:
        detected.setdefault(d.text.lower(), f"{d.text} ({d.type.replace('_', ' ').lower()})")
    posted = request.method == "POST"
    form = OutsideTextForm(request.POST if posted else None, detected=detected, initial={
        "show": [p.lower() for p in row.kept if p.lower() in detected],
        "phrases": "\n".join(row.hidden),
    })
    kept, hidden, status = list(row.kept), list(row.hidden), 200
    if posted:
        if form.is_valid():
            kept = [d.text for d in prepared.detections if d.text.lower() in
                    set(form.cleaned_data["show"])]
            hidden = form.phrase_list()
            if "save" in request.POST:
                try:
                    services.outside_text_correct(membership=request.membership, obj=obj,
                                                  kept=kept, hidden=hidden)
                except ValidationError as error:
                    add_service_errors(form, error)
                    status = 422
                else:
                    messages.success(request, "Saved. People outside your team now see the "
                                              "corrected version.")
                    return redirect(covered.url(obj))
        else:
            status = 422
    try:
        hidden = services.clean_phrases(hidden)
    except ValidationError as error:
        add_service_errors(form, error)
        hidden, status = [], 422
    _, spans = outside.final_spans_for(texts, fields, deidentifier, kept=kept, hidden=hidden)
    redacted = review_engine.redacted_fields(prepared, spans)
    context = {
        "form": form, "noun": covered.noun, "back": covered.url(obj),
        "hidden_count": len(spans),
        "fields": [{"name": name, "label": covered.labels[name],
                    "segments": review_engine.segments(prepared, name, spans),
                    "redacted": redacted[name]} for name in fields],
    }
    template = "privacy/outside_text.html"
    if request.htmx and "save" not in request.POST:
        template += "#review"
    return render(request, template, context, status=status)
