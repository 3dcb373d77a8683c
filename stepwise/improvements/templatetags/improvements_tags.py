from django import template

from stepwise.improvements.selectors import decision_label

register = template.Library()


@register.filter
def decision(idea) -> str:
    return decision_label(idea)
