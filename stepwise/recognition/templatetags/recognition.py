from django import template
from django.utils import timezone

from stepwise.learning.selectors import can_see_note
from stepwise.recognition import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def idea_thanks(context, idea) -> dict:
    user = context["request"].user
    count, mine = selectors.thanks_summary(user=user, idea=idea)
    own = idea.author_id == user.pk or any(o.pk == user.pk for o in idea.owners.all())
    return {"count": count, "mine": mine, "own": own}


@register.simple_tag(takes_context=True)
def cycle_thanks(context, cycle) -> dict:
    user = context["request"].user
    count, mine = selectors.thanks_summary(user=user, cycle=cycle)
    return {"count": count, "mine": mine, "own": cycle.created_by_id == user.pk}


@register.inclusion_tag("recognition/highlight.html#team_highlight", takes_context=True)
def team_highlight(context, team) -> dict:
    """Last month's learning from success on a team's board; the note is named only to those
    who may read it."""
    request = context["request"]
    if team is None:
        return {"found": None}
    now = timezone.now()
    last_month = selectors.previous_month(selectors.month_of(now))
    found = selectors.highlight_for(team=team, month=last_month,
                                    today=timezone.localdate(now, selectors.LONDON))
    visible = found is not None and can_see_note(membership=request.membership, note=found.note)
    return {"found": found, "visible": visible, "team": team, "request": request}
