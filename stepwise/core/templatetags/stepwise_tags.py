from django import template
from django.urls import reverse

register = template.Library()


@register.simple_tag(takes_context=True)
def orgurl(context, name: str, **kwargs) -> str:
    """``{% orgurl 'app:view' pk=1 %}`` — reverse a URL inside the active organisation."""
    return reverse(name, kwargs={"org_slug": context["request"].organisation.slug, **kwargs})


@register.inclusion_tag("core/includes/note_outcomes.html", takes_context=True)
def note_outcomes(context, note) -> dict:
    """``{% note_outcomes note %}`` — what became of a learning note (see core.note_outcomes)."""
    from stepwise.core.note_outcomes import outcomes_for

    return {"note_outcomes": outcomes_for(note=note, viewer=context["request"].user)}
