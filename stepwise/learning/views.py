from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from stepwise.core import policy
from stepwise.core.forms import add_service_errors
from stepwise.learning import search, selectors, services
from stepwise.learning.access import (
    access_note_by_id,
    access_own_note_by_id,
    access_practice_area_by_id,
    access_reported_note_by_id,
)
from stepwise.learning.forms import (
    FilterForm,
    MeTooForm,
    NoteForm,
    PracticeAreaForm,
    ReplyForm,
    ReportForm,
    ReviewForm,
)
from stepwise.learning.models import Status, Visibility
from stepwise.privacy import outside

CLEAR_DRAFTS = "learning.clear_drafts"




def _draft_key(request, note_id) -> str:
    return f"stepwise:draft:{request.organisation.slug}:{note_id or 'new'}"


def _note_redirect(request, note):
    return redirect("learning:note", org_slug=request.organisation.slug, note_id=note.pk)


@require_GET
def notes(request):
    filters = FilterForm(request.GET or None)
    chosen = selectors.NoteFilters()
    if filters.is_bound and filters.is_valid():
        data = filters.cleaned_data
        chosen = selectors.NoteFilters(
            kind=data["kind"], factor=data["factor"], since=data["since"], until=data["until"],
            practice_area=data["practice_area"].pk if data["practice_area"] else None,
        )
    found = selectors.filtered_notes(membership=request.membership, filters=chosen)
    page = Paginator(found, 20).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    status = 400 if filters.is_bound and filters.errors else 200
    return render(request, "learning/notes.html", {
        "page": page, "filters": filters, "query": query.urlencode(),
        "participation": (selectors.team_participation(team=request.membership.team)
                          if request.membership.team_id
                          and policy.can(request.membership, "team.participation") else None),
    }, status=status)


@require_GET
def mine(request):
    page = Paginator(selectors.my_notes(membership=request.membership), 20).get_page(
        request.GET.get("page"))
    return render(request, "learning/mine.html", {"page": page})


def _capture(request, note):
    """The capture form, new or a draft: POST shares the note with the team."""
    policy.require(request.membership, "note.create")
    submitting = request.method == "POST"
    initial = NoteForm.initial_for(note) if note is not None else {"visibility": "team"}
    form = NoteForm(request.POST if submitting else None, membership=request.membership,
                    submitting=True, initial=initial)
    if submitting and form.is_valid():
        try:
            # A draft is private to its author: sharing it wins over an autosave still in
            # flight from the same form, so no version check here.
            shared = services.note_submit(
                membership=request.membership, note=note, content=form.content(),
                version=None,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            request.session[CLEAR_DRAFTS] = [_draft_key(request, None),
                                             _draft_key(request, shared.pk)]
            if form.cleaned_data.get("visibility") == Visibility.ORGANISATION:
                messages.success(request, "Thank you. Your note is shared with your team. "
                                          "Check what others would see before it goes further.")
                return redirect("privacy:share_note", org_slug=request.organisation.slug,
                                note_id=shared.pk)
            messages.success(request, "Thank you. Your note is shared with your team.")
            return _note_redirect(request, shared)
    return render(request, "learning/capture.html", {
        "form": form, "note": note, "draft_key": _draft_key(request, note.pk if note else None),
        "similar": [],
    }, status=422 if submitting else 200)


@require_http_methods(["GET", "POST"])
def note_new(request):
    return _capture(request, None)


@require_http_methods(["GET", "POST"])
def note_edit(request, note_id: int):
    note = access_own_note_by_id(request.membership, note_id)
    if note.is_draft:
        return _capture(request, note)
    submitting = request.method == "POST"
    form = NoteForm(request.POST if submitting else None, membership=request.membership,
                    submitting=True, initial=NoteForm.initial_for(note))
    if submitting and form.is_valid():
        try:
            services.note_update(membership=request.membership, note=note,
                                 content=form.content(),
                                 version=form.cleaned_data.get("version") or 0)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            request.session[CLEAR_DRAFTS] = [_draft_key(request, note.pk)]
            messages.success(request, "Your changes are saved.")
            return _note_redirect(request, note)
    return render(request, "learning/capture.html", {
        "form": form, "note": note, "editing": True, "draft_key": _draft_key(request, note.pk),
    }, status=422 if submitting else 200)


@require_POST
def autosave(request):
    """htmx: save the draft as the person types. The browser keeps its copy until this says
    the text is safe on the server."""
    note = None
    if request.POST.get("note"):
        note = access_own_note_by_id(request.membership, request.POST["note"],
                                     statuses=(Status.DRAFT,))
    form = NoteForm(request.POST, membership=request.membership)
    if form.is_valid():
        try:
            note = services.note_draft_save(
                membership=request.membership, note=note, content=form.content(),
                version=form.cleaned_data.get("version") if note else None,
            )
        except ValidationError as error:
            add_service_errors(form, error)
    status = 200 if not form.errors else (409 if _is_stale(form) else 422)
    response = render(request, "learning/capture.html#draft_status", {
        "form": form, "note": note, "saved": not form.errors,
        "draft_key": _draft_key(request, note.pk if note else None),
    }, status=status)
    if note is not None and not form.errors:
        response["HX-Replace-Url"] = reverse("learning:note_edit", kwargs={
            "org_slug": request.organisation.slug, "note_id": note.pk})
    return response


def _is_stale(form) -> bool:
    return any(e.code == "stale" for e in form.non_field_errors().as_data())


@require_POST
def similar(request):
    # POST although it only reads: the text typed so far must never sit in a URL, where
    # access logs and proxies would keep it.
    note_id = request.POST.get("note") or None
    # The full-text backend finds them at scale (bench/README.md); it matches other teams'
    # notes on their de-identified text only.
    found = search.similar_notes(
        membership=request.membership, text=request.POST.get("what_happened", "")[:5000],
        exclude_id=int(note_id) if note_id and note_id.isdigit() else None,
    )
    return render(request, "learning/capture.html#similar", {"similar": found, "oob": True})


def _note_page(request, note, *, status=200, **forms):
    membership = request.membership
    replies, me_toos = selectors.note_conversation(note=note)
    replies, me_toos = list(replies), list(me_toos)
    outside.prefetch([*replies, *me_toos])
    context = {
        "note": note,
        "byline": selectors.byline(membership=membership, note=note),
        "original": selectors.sees_original_text(membership=membership, note=note),
        "factors": selectors.note_factors(note),
        "replies": [(r, selectors.reply_byline(membership=membership, reply=r, note=note))
                    for r in replies],
        "me_toos": me_toos,
        "is_author": note.author_id == membership.user_id,
        "said_me_too": selectors.has_said_me_too(membership=membership, note=note),
        "thanked": selectors.has_thanked(membership=membership, note=note),
        "me_too_form": forms.get("me_too_form") or MeTooForm(),
        "reply_form": forms.get("reply_form") or ReplyForm(),
        "clear_drafts": request.session.pop(CLEAR_DRAFTS, []),
    }
    return render(request, "learning/note.html", context, status=status)


@require_GET
def note(request, note_id: int):
    return _note_page(request, access_note_by_id(request.membership, note_id))


@require_http_methods(["GET", "POST"])
def me_too(request, note_id: int):
    note = access_note_by_id(request.membership, note_id)
    if request.method == "GET":
        return _note_page(request, note)
    form = MeTooForm(request.POST)
    if form.is_valid():
        try:
            services.me_too_add(membership=request.membership, note=note,
                                comment=form.cleaned_data["comment"])
        except ValidationError as error:
            add_service_errors(form, error)
    if form.errors:
        if request.htmx:
            return render(request, "learning/capture.html#me_too", {
                "item": note, "me_too_form": form}, status=422)
        return _note_page(request, note, status=422, me_too_form=form)
    note.refresh_from_db(fields=["me_too_count"])
    if request.htmx:
        return render(request, "learning/capture.html#me_too", {"item": note, "said": True})
    messages.success(request, "Thank you: your 'me too' adds weight to this note.")
    return _note_redirect(request, note)


@require_http_methods(["GET", "POST"])
def reply(request, note_id: int):
    note = access_note_by_id(request.membership, note_id)
    if request.method == "GET":
        return _note_page(request, note)
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            services.reply_add(membership=request.membership, note=note,
                               text=form.cleaned_data["text"])
        except ValidationError as error:
            add_service_errors(form, error)
    if form.errors:
        return _note_page(request, note, status=422, reply_form=form)
    messages.success(request, "Your reply is added.")
    return _note_redirect(request, note)


@require_POST
def thanks(request, note_id: int):
    note = access_note_by_id(request.membership, note_id)
    try:
        services.thanks_add(membership=request.membership, note=note)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Your thanks has been passed on.")
    return _note_redirect(request, note)


@require_http_methods(["GET", "POST"])
def withdraw(request, note_id: int):
    note = access_own_note_by_id(request.membership, note_id, statuses=(Status.SUBMITTED,))
    if request.method == "POST":
        services.note_withdraw(membership=request.membership, note=note)
        messages.success(request, "Your note is withdrawn. Nobody else can see it now, and "
                         f"its text will be deleted after {request.organisation.retention_days}"
                         " days.")
        return redirect("learning:mine", org_slug=request.organisation.slug)
    return render(request, "learning/withdraw.html", {"note": note})


@require_POST
def discard(request, note_id: int):
    note = access_own_note_by_id(request.membership, note_id, statuses=(Status.DRAFT,))
    services.note_draft_discard(membership=request.membership, note=note)
    request.session[CLEAR_DRAFTS] = [_draft_key(request, note_id)]
    messages.success(request, "Your draft is deleted.")
    return redirect("learning:mine", org_slug=request.organisation.slug)


@require_http_methods(["GET", "POST"])
def report(request, note_id: int):
    note = access_note_by_id(request.membership, note_id)
    if note.author_id == request.membership.user_id:
        raise PermissionDenied("Withdraw or edit your own note instead.")
    form = ReportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.note_report(membership=request.membership, note=note,
                                 reason=form.cleaned_data["reason"],
                                 detail=form.cleaned_data["detail"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Thank you. The note is hidden and an improvement lead "
                             "will review it. If a child may be at risk now, follow your "
                             "safeguarding procedures too.")
            return redirect("learning:notes", org_slug=request.organisation.slug)
    return render(request, "learning/report.html", {"note": note, "form": form},
                  status=422 if request.method == "POST" else 200)


@require_GET
def reports(request):
    policy.require(request.membership, "note.moderate")
    return render(request, "learning/reports.html", {"reports": selectors.open_reports()})


@require_http_methods(["GET", "POST"])
def report_review(request, note_id: int):
    note = access_reported_note_by_id(request.membership, note_id)
    form = ReviewForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.note_report_review(membership=request.membership, note=note,
                                        outcome=form.cleaned_data["outcome"],
                                        comment=form.cleaned_data["comment"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Review recorded. The author and the reporters have "
                             "been told.")
            return redirect("learning:reports", org_slug=request.organisation.slug)
    return render(request, "learning/report_review.html", {
        "note": note, "form": form, "factors": selectors.note_factors(note),
        "byline": "Anonymous" if note.is_anonymous else note.author.full_name,
        "reports": selectors.reports_for_note(note=note),
    }, status=422 if request.method == "POST" else 200)


@require_http_methods(["GET", "POST"])
def practice_areas(request):
    policy.require(request.membership, "retention.set")
    form = PracticeAreaForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            area = services.practice_area_add(membership=request.membership,
                                              name=form.cleaned_data["name"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"'{area.name}' added.")
            return redirect("learning:practice_areas", org_slug=request.organisation.slug)
    return render(request, "learning/practice_areas.html", {
        "form": form, "areas": selectors.practice_areas(include_hidden=True),
    }, status=422 if request.method == "POST" else 200)


@require_POST
def practice_area_toggle(request, area_id: int):
    policy.require(request.membership, "retention.set")
    area = access_practice_area_by_id(area_id)
    services.practice_area_set_active(membership=request.membership, area=area,
                                      is_active=not area.is_active)
    messages.success(request, f"'{area.name}' is {'shown' if area.is_active else 'hidden'}.")
    return redirect("learning:practice_areas", org_slug=request.organisation.slug)


