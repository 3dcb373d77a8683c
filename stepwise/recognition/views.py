from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from stepwise.core import policy
from stepwise.improvements.access import access_cycle_by_id, access_idea_by_id
from stepwise.recognition import selectors, services
from stepwise.recognition.access import access_team_note_by_id
from stepwise.recognition.templatetags.recognition import cycle_thanks, idea_thanks


def _idea_page(request, idea, anchor=""):
    return redirect(idea.get_absolute_url() + anchor)


def _respond(request, idea, *, cycle=None, error: ValidationError | None = None, done: str):
    if request.htmx:
        context = {"request": request, "idea": idea, "status": (
            " ".join(error.messages) if error else done)}
        if cycle is None:
            context["thanks"] = idea_thanks(context, idea)
            return render(request, "improvements/idea.html#idea_thanks", context)
        context.update(cycle=cycle, cthanks=cycle_thanks(context, cycle))
        return render(request, "improvements/idea.html#cycle_thanks", context)
    if error is not None:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return _idea_page(request, idea, f"#cycle-{cycle.pk}" if cycle else "#thanks")


@require_POST
def idea_thank(request, idea_id: int):
    idea = access_idea_by_id(idea_id)
    try:
        services.idea_thank(membership=request.membership, idea=idea)
    except ValidationError as error:
        return _respond(request, idea, error=error, done="")
    return _respond(request, idea, done="Your thanks has been passed on.")


@require_POST
def idea_unthank(request, idea_id: int):
    idea = access_idea_by_id(idea_id)
    services.idea_unthank(membership=request.membership, idea=idea)
    return _respond(request, idea, done="Your thanks has been taken back.")


@require_POST
def cycle_thank(request, idea_id: int, cycle_id: int):
    idea = access_idea_by_id(idea_id)
    cycle = access_cycle_by_id(idea, cycle_id)
    try:
        services.cycle_thank(membership=request.membership, cycle=cycle)
    except ValidationError as error:
        return _respond(request, idea, cycle=cycle, error=error, done="")
    return _respond(request, idea, cycle=cycle, done="Your thanks has been passed on.")


@require_POST
def cycle_unthank(request, idea_id: int, cycle_id: int):
    idea = access_idea_by_id(idea_id)
    cycle = access_cycle_by_id(idea, cycle_id)
    services.cycle_unthank(membership=request.membership, cycle=cycle)
    return _respond(request, idea, cycle=cycle, done="Your thanks has been taken back.")


@require_GET
def highlight(request):
    team = request.membership.team
    now = timezone.now()
    month = selectors.month_of(now)
    context = {"team": team, "month": month}
    if team is not None:
        today = timezone.localdate(now, selectors.LONDON)
        counts = selectors.nomination_counts(team=team, month=month)
        context.update(
            candidates=[(note, counts.get(note.pk, 0)) for note in
                        selectors.success_candidates(team=team, month=month)],
            mine=selectors.my_nomination(team=team, month=month, user=request.user),
            chosen=selectors.highlight_for(team=team, month=month, today=today),
            last=selectors.highlight_for(team=team, month=selectors.previous_month(month),
                                         today=today),
            can_confirm=policy.can(request.membership, "highlight.confirm"),
        )
    return render(request, "recognition/highlight.html", context)


def _highlight_page(request):
    return redirect("recognition:highlight", org_slug=request.organisation.slug)


@require_POST
def nominate(request, note_id: int):
    note = access_team_note_by_id(request.membership, note_id)
    try:
        services.success_nominate(membership=request.membership, note=note)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Your nomination is counted.")
    return _highlight_page(request)


@require_POST
def confirm(request, note_id: int):
    note = access_team_note_by_id(request.membership, note_id)
    try:
        services.highlight_confirm(membership=request.membership, note=note)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Confirmed: this is your team's learning from success "
                                  "this month.")
    return _highlight_page(request)
