from django import template
from django.urls import reverse

register = template.Library()


@register.simple_tag(takes_context=True)
def orgurl(context, name: str, **kwargs) -> str:
    """``{% orgurl 'app:view' pk=1 %}`` — reverse a URL inside the active organisation."""
    return reverse(name, kwargs={"org_slug": context["request"].organisation.slug, **kwargs})
