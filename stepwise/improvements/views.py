from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from stepwise.core import policy
from stepwise.core.forms import add_service_errors
from stepwise.core.policy import Role
from stepwise.improvements import access, measures_bridge, selectors, services
from stepwise.improvements.forms import (
    AbandonForm,
    ConcernForm,
    CycleActForm,
    CycleDoForm,
    CyclePlanForm,
    CycleStudyForm,
    IdeaEditForm,
    IdeaForm,
    MoveForm,
    OwnerForm,
    ReplyForm,
    ResolveForm,
    SmallnessForm,
    SplitForm,
    SupportForm,
    TryForm,
)
from stepwise.improvements.models import State, Supporter
from stepwise.privacy import outside


def _status(form) -> int:
    errors = form.non_field_errors().as_data()
    return 409 if any(isinstance(e, services.StaleIdea) for e in errors) else 422


def _to_idea(request, idea):
    return redirect("improvements:idea", org_slug=request.organisation.slug, idea_id=idea.pk)


def _require_owner(request, idea) -> None:
    policy.require(request.membership, "idea.create")
    if not services.is_owner(request.membership, idea):
        raise PermissionDenied("Only the idea's owners can do this.")


@require_GET
def ideas(request):
    policy.require(request.membership, "idea.create")
    mine = request.GET.get("mine") == "1"
    state = request.GET.get("state", "")[:16]
    listed = list(selectors.idea_list(state=state, owner=request.user if mine else None)[:200])
    outside.prefetch(listed)
    return render(request, "improvements/ideas.html", {
        "ideas": listed, "mine": mine, "state": state, "states": State.choices,
    })


@require_http_methods(["GET", "POST"])
def idea_new(request):
    policy.require(request.membership, "idea.create")
    note_ids = request.GET.getlist("note")[:20] if request.method == "GET" else (
        request.POST.getlist("note")[:20])
    notes = [access.access_note_for_idea(request.membership, n) for n in note_ids]
    first = notes[0] if notes else None
    initial = {"team": request.membership.team or (first.team if first else None)}
    if first is not None:
        initial["change"] = "We will "
    form = IdeaForm(request.POST if request.method == "POST" else None, initial=initial,
                    can_create_tally=measures_bridge.can_create_tally(request.membership))
    if request.method == "POST" and form.is_valid():
        try:
            idea = services.idea_create(actor=request.membership, notes=notes,
                                        **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Idea saved. Next: check it is small, then plan the "
                                      "first cycle.")
            return _to_idea(request, idea)
    status = 422 if request.method == "POST" else 200
    return render(request, "improvements/idea_form.html", {
        "form": form, "notes": [(n, access.note_text_for(request.membership, n)) for n in notes],
        # Owning an idea linked to your own anonymous note lets colleagues guess who wrote it.
        "own_anonymous": any(n.is_anonymous and n.author_id == request.user.pk for n in notes),
    }, status=status)


def _idea_context(request, idea, **extra):
    membership = request.membership
    idea = selectors.idea_queryset().get(pk=idea.pk)
    cycles = list(idea.cycles.all())
    today = selectors.london_today()
    notes = [(link.note, access.note_text_for(membership, link.note))
             for link in idea.note_links.select_related("note__team")]
    concerns = list(idea.concerns.select_related("raised_by", "resolved_by").prefetch_related(
        "replies__author"))
    supporters = list(idea.supporters.select_related("person"))
    first_tests = list(idea.first_tests.select_related("team"))
    outside.prefetch([idea, *cycles, *concerns, *supporters, *first_tests, idea.split_from,
                      idea.tried_from, *(r for c in concerns for r in c.replies.all())])
    return {
        "idea": idea, "cycles": cycles, "today": today,
        "current": cycles[-1] if cycles else None,
        "is_owner": services.is_owner(membership, idea),
        "can_go_ahead": policy.can(membership, "idea.go_ahead") and (
            membership.role != Role.TEAM_MANAGER or membership.team_id == idea.team_id),
        "can_abandon": idea.is_open and (services.is_owner(membership, idea)
                                         or services.is_team_manager(membership, idea)),
        "open_concern": idea.open_concerns[0] if idea.open_concerns else None,
        "can_resolve_any": policy.can(membership, "idea.go_ahead"),
        "can_mark_sustained": membership.role == Role.IMPROVEMENT_LEAD,
        "concerns": concerns,
        "timeline": selectors.timeline(idea),
        "notes": notes,
        "supporters": supporters,
        "supporting": Supporter.objects.filter(idea=idea, person=request.user).exists(),
        "flags": selectors.flags_for(idea, today),
        "chart": measures_bridge.chart_for(idea),
        "first_tests": first_tests,
        "tried_elsewhere": idea.tried_elsewhere.select_related("team").prefetch_related(
            "cycles"),
        "decision_label": selectors.decision_label,
        "support_form": SupportForm(),
        "reply_form": ReplyForm(),
        "resolve_form": ResolveForm(),
        **extra,
    }


@require_GET
def idea(request, idea_id: int):
    policy.require(request.membership, "idea.create")
    found = access.access_idea_by_id(idea_id)
    return render(request, "improvements/idea.html", _idea_context(request, found))


def _idea_action_error(request, found, error: ValidationError):
    status = 409 if isinstance(error, services.StaleIdea) else 422
    return render(request, "improvements/idea.html", _idea_context(
        request, found, action_errors=error.messages), status=status)


@require_http_methods(["GET", "POST"])
def idea_edit(request, idea_id: int):
    found = access.access_idea_by_id(idea_id)
    _require_owner(request, found)
    form = IdeaEditForm(request.POST if request.method == "POST" else None, initial={
        "version": found.version, **{name: getattr(found, name) for name in services.EDITABLE},
    })
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k in services.EDITABLE}
        try:
            services.idea_update(actor=request.membership, idea=found,
                                 expected_version=form.cleaned_data["version"], **values)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Idea updated.")
            return _to_idea(request, found)
    status = _status(form) if request.method == "POST" else 200
    return render(request, "improvements/idea_edit.html", {"form": form, "idea": found},
                  status=status)


@require_http_methods(["GET", "POST"])
def idea_smallness(request, idea_id: int):
    found = access.access_idea_by_id(idea_id)
    _require_owner(request, found)
    initial = {"version": found.version}
    for name in ("fits_in_weeks", "needs_money", "needs_policy_change", "needs_outside_people"):
        value = getattr(found, name)
        if value is not None:
            initial[name] = "yes" if value else "no"
    form = SmallnessForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            checked = services.idea_smallness_check(
                actor=request.membership, idea=found,
                expected_version=form.cleaned_data["version"], **form.answers())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if checked.is_small:
                messages.success(request, "Small enough to test. Next: plan the first cycle.")
                return _to_idea(request, checked)
            return redirect("improvements:idea_split", org_slug=request.organisation.slug,
                            idea_id=checked.pk)
    status = _status(form) if request.method == "POST" else 200
    return render(request, "improvements/smallness.html", {"form": form, "idea": found},
                  status=status)


@require_http_methods(["GET", "POST"])
def idea_split(request, idea_id: int):
    found = access.access_idea_by_id(idea_id)
    _require_owner(request, found)
    form = SplitForm(request.POST if request.method == "POST" else None, initial={
        "prediction": found.prediction})
    if request.method == "POST" and form.is_valid():
        try:
            child = services.idea_split(actor=request.membership, idea=found,
                                        **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "First small test created, linked to the bigger idea. "
                                      "Check it is small, then plan its first cycle.")
            return _to_idea(request, child)
    status = 422 if request.method == "POST" else 200
    return render(request, "improvements/split.html", {
        "form": form, "idea": found, "problems": found.smallness_problems(),
    }, status=status)


@require_http_methods(["GET", "POST"])
def cycle_plan(request, idea_id: int):
    found = access.access_idea_by_id(idea_id)
    _require_owner(request, found)
    latest = services.current_cycle(found)
    initial = {"version": found.version, "prediction": found.prediction,
               "where": found.team.name}
    today = selectors.london_today()
    if found.state == State.SUGGESTED and latest is not None:
        initial.update(what=latest.plan_what, who=latest.plan_who, where=latest.plan_where,
                       prediction=latest.plan_prediction, data=latest.plan_data,
                       starts_on=latest.starts_on, ends_on=latest.ends_on)
    else:
        from datetime import timedelta

        initial.update(starts_on=today, ends_on=today + timedelta(days=found.first_test_days))
    form = CyclePlanForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            cycle = services.cycle_plan(actor=request.membership, idea=found,
                                        expected_version=version, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Cycle {cycle.number} planned.")
            return _to_idea(request, found)
    status = _status(form) if request.method == "POST" else 200
    return render(request, "improvements/cycle_form.html", {
        "form": form, "idea": found, "step": "plan", "heading": "Plan the cycle",
    }, status=status)


STEPS = {
    "do": (CycleDoForm, services.cycle_record_do, "Do: what happened",
           "What happened recorded."),
    "study": (CycleStudyForm, services.cycle_record_study, "Study: compare with the prediction",
              "Study recorded. Next: decide (Act)."),
    "act": (CycleActForm, services.cycle_act, "Act: adopt, adapt or abandon",
            "Decision recorded."),
}


def _cycle_step(request, idea_id: int, cycle_id: int, step: str):
    found = access.access_idea_by_id(idea_id)
    cycle = access.access_cycle_by_id(found, cycle_id)
    _require_owner(request, found)
    form_class, service, heading, done = STEPS[step]
    form = form_class(request.POST if request.method == "POST" else None,
                      initial={"version": found.version})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            service(actor=request.membership, cycle=cycle, expected_version=version, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, done)
            if step == "act" and data["outcome"] == "adapt":
                messages.info(request, "Now plan the next cycle.")
                return redirect("improvements:cycle_plan", org_slug=request.organisation.slug,
                                idea_id=found.pk)
            return _to_idea(request, found)
    status = _status(form) if request.method == "POST" else 200
    context = {"form": form, "idea": found, "cycle": cycle, "step": step, "heading": heading}
    if step == "study":
        context["did_it_work"] = measures_bridge.did_it_work(found, start=cycle.starts_on,
                                                             end=cycle.ends_on)
        context["chart"] = measures_bridge.chart_for(found)
    return render(request, "improvements/cycle_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
def cycle_do(request, idea_id: int, cycle_id: int):
    return _cycle_step(request, idea_id, cycle_id, "do")


@require_http_methods(["GET", "POST"])
def cycle_study(request, idea_id: int, cycle_id: int):
    return _cycle_step(request, idea_id, cycle_id, "study")


@require_http_methods(["GET", "POST"])
def cycle_act(request, idea_id: int, cycle_id: int):
    return _cycle_step(request, idea_id, cycle_id, "act")


def _version(request) -> int | None:
    form = MoveForm({"version": request.POST.get("version"), "to_state": State.SUGGESTED})
    return form.cleaned_data["version"] if form.is_valid() else None


@require_POST
def idea_ready(request, idea_id: int):
    found = access.access_idea_by_id(idea_id)
    try:
        services.idea_mark_ready(actor=request.membership, idea=found,
                                 expected_version=_version(request) or 0)
    except ValidationError as error:
        return _idea_action_error(request, found, error)
    messages.success(request, "Ready to test. The team manager has been told; it goes ahead "
                              "unless a concern is raised.")
    return _to_idea(request, found)


@require_POST
def idea_go_ahead(request, idea_id: int):
    found = access.access_idea_by_id(idea_id)
    try:
        services.idea_go_ahead(actor=request.membership, idea=found,
                               expected_version=_version(request) or 0)
    except ValidationError as error:
        return _idea_action_error(request, found, error)
    messages.success(request, "It goes ahead now. The test has started.")
    return _to_idea(request, found)


@require_POST
def idea_sustain(request, idea_id: int):
    found = access.access_idea_by_id(idea_id)
    policy.require(request.membership, "idea.create")
    try:
        services.idea_sustain(actor=request.membership, idea=found)
    except ValidationError as error:
        return _idea_action_error(request, found, error)
    messages.success(request, "Marked sustained.")
    return _to_idea(request, found)


@require_POST
def idea_support(request, idea_id: int):
    found = access.access_idea_by_id(idea_id)
    form = SupportForm(request.POST)
    if not form.is_valid():
        return render(request, "improvements/idea.html",
                      _idea_context(request, found, support_form=form), status=422)
    try:
        services.idea_support(actor=request.membership, idea=found,
                              comment=form.cleaned_data["comment"])
    except ValidationError as error:
        return _idea_action_error(request, found, error)
    messages.success(request, "Thank you: the owners can see you'd try this.")
    return _to_idea(request, found)


@require_POST
def idea_unsupport(request, idea_id: int):
    found = access.access_idea_by_id(idea_id)
    services.idea_unsupport(actor=request.membership, idea=found)
    messages.success(request, "Your support has been withdrawn.")
    return _to_idea(request, found)


@require_http_methods(["GET", "POST"])
def idea_abandon(request, idea_id: int):
    found = access.access_idea_by_id(idea_id)
    policy.require(request.membership, "idea.create")
    form = AbandonForm(request.POST if request.method == "POST" else None,
                       initial={"version": found.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.idea_abandon(actor=request.membership, idea=found,
                                  expected_version=form.cleaned_data["version"],
                                  reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Idea abandoned; what was learned is kept.")
            return _to_idea(request, found)
    status = _status(form) if request.method == "POST" else 200
    return render(request, "improvements/abandon.html", {"form": form, "idea": found},
                  status=status)


@require_http_methods(["GET", "POST"])
def idea_owners(request, idea_id: int):
    found = access.access_idea_by_id(idea_id)
    _require_owner(request, found)
    form = OwnerForm(request.POST if request.method == "POST" else None,
                     initial={"version": found.version}, actor=request.membership)
    if request.method == "POST" and form.is_valid():
        try:
            services.idea_owner_add(actor=request.membership, idea=found,
                                    expected_version=form.cleaned_data["version"],
                                    new_owner=form.cleaned_data["new_owner"],
                                    hand_over=form.cleaned_data["hand_over"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Owners updated.")
            return _to_idea(request, found)
    status = _status(form) if request.method == "POST" else 200
    return render(request, "improvements/owners.html", {"form": form, "idea": found},
                  status=status)


@require_http_methods(["GET", "POST"])
def concern_raise(request, idea_id: int):
    found = access.access_idea_by_id(idea_id)
    if not policy.can(request.membership, "idea.go_ahead"):
        if request.method == "POST":
            raise PermissionDenied("Team managers and improvement leads raise concerns.")
        return render(request, "improvements/concern_not_yours.html", {"idea": found})
    form = ConcernForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.concern_raise(actor=request.membership, idea=found,
                                   text=form.cleaned_data["text"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Concern raised. The clock has stopped; the owners "
                                      "have been told.")
            return _to_idea(request, found)
    status = 422 if request.method == "POST" else 200
    return render(request, "improvements/concern.html", {"form": form, "idea": found},
                  status=status)


@require_POST
def concern_reply(request, idea_id: int, concern_id: int):
    found = access.access_idea_by_id(idea_id)
    concern = access.access_concern_by_id(found, concern_id)
    form = ReplyForm(request.POST)
    if not form.is_valid():
        return render(request, "improvements/idea.html",
                      _idea_context(request, found, reply_form=form), status=422)
    try:
        services.concern_reply(actor=request.membership, concern=concern,
                               text=form.cleaned_data["text"])
    except ValidationError as error:
        return _idea_action_error(request, found, error)
    messages.success(request, "Reply added.")
    return _to_idea(request, found)


@require_POST
def concern_resolve(request, idea_id: int, concern_id: int):
    found = access.access_idea_by_id(idea_id)
    concern = access.access_concern_by_id(found, concern_id)
    form = ResolveForm(request.POST)
    if not form.is_valid():
        return render(request, "improvements/idea.html",
                      _idea_context(request, found, resolve_form=form), status=422)
    try:
        services.concern_resolve(actor=request.membership, concern=concern,
                                 resolution=form.cleaned_data["resolution"])
    except ValidationError as error:
        return _idea_action_error(request, found, error)
    messages.success(request, "Concern resolved; the clock has restarted.")
    return _to_idea(request, found)


@require_http_methods(["GET", "POST"])
def idea_try(request, idea_id: int):
    found = access.access_idea_by_id(idea_id)
    policy.require(request.membership, "idea.create")
    initial = {}
    if request.membership.team_id and request.membership.team_id != found.team_id:
        initial["team"] = request.membership.team_id
    form = TryForm(request.POST if request.method == "POST" else None, initial=initial,
                   exclude_team_id=found.team_id)
    if request.method == "POST" and form.is_valid():
        try:
            tried = services.idea_try_in_team(actor=request.membership, idea=found,
                                              team=form.cleaned_data["team"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Started in {tried.team.name}, linked to the original. "
                                      "Check it is small and plan your first cycle.")
            return _to_idea(request, tried)
    status = 422 if request.method == "POST" else 200
    return render(request, "improvements/try.html", {"form": form, "idea": found},
                  status=status)


# Board ---------------------------------------------------------------------------------------


def _board_team(request):
    from stepwise.organisations.access import access_team_by_id
    from stepwise.organisations.models import Team

    team_id = request.GET.get("team") or request.POST.get("team")
    if team_id:
        return access_team_by_id(team_id)
    return request.membership.team or Team.objects.order_by("name").first()


def _board_context(request, team, **extra):
    from stepwise.organisations.models import Team

    return {
        "team": team, "teams": Team.objects.order_by("name"),
        "columns": selectors.board_columns(team=team, today=selectors.london_today())
        if team else [],
        "large": request.GET.get("large") == "1" or request.POST.get("large") == "1",
        **extra,
    }


@require_GET
def board(request):
    policy.require(request.membership, "board.view")
    team = _board_team(request)
    return render(request, "improvements/board.html", _board_context(request, team))


@require_POST
def idea_move(request, idea_id: int):
    policy.require(request.membership, "board.view")
    found = access.access_idea_by_id(idea_id)
    form = MoveForm(request.POST)
    status = 200
    if not form.is_valid():
        message, status = "That move was not understood: choose a column.", 422
    else:
        try:
            moved = services.idea_move(actor=request.membership, idea=found,
                                       to_state=form.cleaned_data["to_state"],
                                       expected_version=form.cleaned_data["version"])
        except ValidationError as error:
            message = "Not moved: " + " ".join(error.messages)
            status = 409 if isinstance(error, services.StaleIdea) else 422
        except PermissionDenied as error:
            message, status = f"Not moved: {error}", 403
        else:
            title = outside.shown_text(request.membership, moved, "title")
            message = f"\u201c{title}\u201d moved to {moved.get_state_display().lower()}."
    if request.htmx:
        # The board is re-drawn whatever happened: the refusal is announced, not swapped away.
        response = render(request, "improvements/board.html#board", _board_context(
            request, found.team, status_message=message, moved_id=found.pk))
        response.status_code = 422 if status == 409 else status
        return response
    if status == 200:
        messages.success(request, message)
    else:
        messages.error(request, message)
    from django.urls import reverse

    url = reverse("improvements:board", kwargs={"org_slug": request.organisation.slug})
    return redirect(f"{url}?team={found.team_id}")


@require_GET
def library(request):
    query = request.GET.get("q", "")[:100]
    entries = list(selectors.library(query=query)[:100])
    outside.prefetch([*entries, *(c for e in entries for c in e.cycles.all())])
    return render(request, "improvements/library.html", {
        "entries": entries, "query": query, "decision_label": selectors.decision_label,
        "counts": selectors.decision_counts(),
    })

