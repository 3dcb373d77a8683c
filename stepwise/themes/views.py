from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from stepwise.core import policy
from stepwise.core.forms import add_service_errors
from stepwise.learning.access import access_note_by_id
from stepwise.measures.spc import describe, render_svg, run_chart
from stepwise.themes import selectors, services
from stepwise.themes.access import access_theme_by_id
from stepwise.themes.forms import FilterForm, MergeForm, PinForm, RenameForm, SplitForm


def _theme_redirect(request, theme):
    return redirect("themes:theme", org_slug=request.organisation.slug, theme_id=theme.pk)


@require_GET
def themes(request):
    filters = FilterForm(request.GET or None)
    chosen = selectors.ThemeFilters()
    if filters.is_bound and filters.is_valid():
        data = filters.cleaned_data
        chosen = selectors.ThemeFilters(
            team=data["team"].pk if data["team"] else None,
            practice_area=data["practice_area"].pk if data["practice_area"] else None)
    curator = policy.can(request.membership, "theme.curate")
    rows = selectors.theme_rows(membership=request.membership, filters=chosen)
    return render(request, "themes/themes.html", {
        "rows": [row for row in rows if not row.theme.is_hidden],
        "hidden": [row for row in rows if row.theme.is_hidden] if curator else [],
        "filters": filters, "curator": curator, "last_run": selectors.last_run(),
        "flag_notes": selectors.FLAG_NOTES, "flag_days": selectors.FLAG_DAYS,
    }, status=400 if filters.is_bound and filters.errors else 200)


@require_POST
def recompute(request):
    services.themes_recompute_request(membership=request.membership)
    messages.success(request, "Stepwise is recomputing the themes. Names, merges, splits, "
                     "hidden themes and pinned notes are kept. Reload in a minute.")
    return redirect("themes:list", org_slug=request.organisation.slug)


def _chart(request, theme) -> dict:
    counts = selectors.monthly_counts(membership=request.membership, theme=theme)
    result = run_chart([month for month, _ in counts], [float(n) for _, n in counts])
    return {
        "svg": mark_safe(render_svg(result, title=f"Notes per month: {theme.title}")),  # noqa: S308 - the engine escapes every text it draws
        "description": describe(result), "counts": counts,
    }


@require_GET
def theme(request, theme_id: int):
    theme = access_theme_by_id(request.membership, theme_id)
    recent_only = request.GET.get("recent") == "1"
    notes = selectors.theme_notes(membership=request.membership, theme=theme,
                                  recent_only=recent_only)
    page = Paginator(notes, 20).get_page(request.GET.get("page"))
    recent, without_change = selectors.is_without_change(membership=request.membership,
                                                         theme=theme)
    return render(request, "themes/theme.html", {
        "theme": theme, "page": page, "recent_only": recent_only,
        "items": [(note, selectors.snippet(note)) for note in page],
        "chart": _chart(request, theme), "recent": recent, "without_change": without_change,
        "ideas": selectors.linked_ideas(membership=request.membership, theme=theme),
        "curator": policy.can(request.membership, "theme.curate"),
        "flag_notes": selectors.FLAG_NOTES, "flag_days": selectors.FLAG_DAYS,
    })


def _curate_page(request, theme, form, template, **context):
    return render(request, f"themes/{template}.html", {"theme": theme, "form": form, **context},
                  status=422 if request.method == "POST" else 200)


@require_http_methods(["GET", "POST"])
def rename(request, theme_id: int):
    policy.require(request.membership, "theme.curate")
    theme = access_theme_by_id(request.membership, theme_id)
    form = RenameForm(request.POST if request.method == "POST" else None,
                      initial={"name": theme.title})
    if request.method == "POST" and form.is_valid():
        try:
            services.theme_rename(membership=request.membership, theme=theme,
                                  name=form.cleaned_data["name"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"The theme is now called '{theme.title}'.")
            return _theme_redirect(request, theme)
    return _curate_page(request, theme, form, "rename")


@require_http_methods(["GET", "POST"])
def merge(request, theme_id: int):
    policy.require(request.membership, "theme.curate")
    theme = access_theme_by_id(request.membership, theme_id)
    others = selectors.open_themes().exclude(pk=theme.pk)
    form = MergeForm(request.POST if request.method == "POST" else None, themes=others)
    if request.method == "POST" and form.is_valid():
        try:
            into = services.theme_merge(membership=request.membership, theme=theme,
                                        into=others.get(pk=form.cleaned_data["into"]))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"'{theme.title}' is merged into '{into.title}'.")
            return _theme_redirect(request, into)
    return _curate_page(request, theme, form, "merge")


@require_http_methods(["GET", "POST"])
def split(request, theme_id: int):
    policy.require(request.membership, "theme.curate")
    theme = access_theme_by_id(request.membership, theme_id)
    notes = list(selectors.theme_notes(membership=request.membership, theme=theme)[:200])
    form = SplitForm(request.POST if request.method == "POST" else None,
                     notes=[(note.pk, selectors.snippet(note)) for note in notes])
    if request.method == "POST" and form.is_valid():
        chosen = {int(pk) for pk in form.cleaned_data["notes"]}
        try:
            new = services.theme_split(
                membership=request.membership, theme=theme,
                notes=[note for note in notes if note.pk in chosen],
                name=form.cleaned_data["name"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{len(chosen)} note{'s' if len(chosen) > 1 else ''} "
                             f"moved to '{new.title}'.")
            return _theme_redirect(request, new)
    return _curate_page(request, theme, form, "split")


@require_POST
def hide(request, theme_id: int):
    policy.require(request.membership, "theme.curate")
    theme = access_theme_by_id(request.membership, theme_id)
    services.theme_set_hidden(membership=request.membership, theme=theme,
                              hidden=not theme.is_hidden)
    messages.success(request, f"'{theme.title}' is {'hidden' if theme.is_hidden else 'shown'}"
                     " in the list of themes.")
    return redirect("themes:list", org_slug=request.organisation.slug)


@require_http_methods(["GET", "POST"])
def pin(request, note_id: int):
    policy.require(request.membership, "theme.curate")
    note = access_note_by_id(request.membership, note_id)
    themes = selectors.open_themes()
    current = getattr(note, "theme_membership", None)
    form = PinForm(request.POST if request.method == "POST" else None, themes=themes,
                   initial={"theme": str(current.theme_id) if current and current.theme_id
                            else None})
    if request.method == "POST" and form.is_valid():
        try:
            row = services.note_theme_pin(membership=request.membership, note=note,
                                          theme=themes.get(pk=form.cleaned_data["theme"]))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"The note is pinned to '{row.theme.title}'.")
            return _theme_redirect(request, row.theme)
    return render(request, "themes/pin.html", {"note": note, "form": form},
                  status=422 if request.method == "POST" else 200)
