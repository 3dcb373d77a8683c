from django import template
from django.utils.html import format_html

from stepwise.engagement.definitions import DEFINITIONS

register = template.Library()


@register.simple_tag
def how_counted(key: str):
    """The GOV.UK details component with the figure's written definition."""
    definition = DEFINITIONS[key]
    return format_html(
        '<details class="govuk-details govuk-!-margin-bottom-4">'
        '<summary class="govuk-details__summary"><span class="govuk-details__summary-text">'
        'How is this counted?<span class="govuk-visually-hidden"> {}</span></span></summary>'
        '<div class="govuk-details__text">{}</div></details>',
        definition.label, definition.how)
