from django import template

from stepwise.privacy import outside

register = template.Library()


def _membership(context):
    request = context.get("request")
    return getattr(request, "membership", None)


@register.simple_tag(takes_context=True)
def shown(context, obj, name: str, everyone: bool = False) -> str:
    """``{% shown idea "change" %}``: the original for the text's team, else de-identified.

    ``everyone=True`` (reports, exports, anything that may be passed on) always gives the
    de-identified text.
    """
    if obj is None:
        return ""
    return outside.shown_text(None if everyone else _membership(context), obj, name)


@register.inclusion_tag("privacy/outside_disclosure.html", takes_context=True)
def outside_disclosure(context, obj) -> dict:
    """For the person who wrote it: what people outside their team read, and a way to fix it."""
    rows = outside.authored_rows(_membership(context), obj) if obj is not None else []
    if not rows:
        return {"items": []}
    covered = outside.covered_for(obj)
    return {
        "request": context.get("request"),
        "items": [(covered.labels[row.field], row.text) for row in rows],
        "first": rows[0], "noun": covered.noun,
    }
