"""Template filters for scores: proportions shown as percentages."""

from django import template

register = template.Library()


@register.filter
def pct(value, digits: int = 1) -> str:
    """0.7145 -> "71.5"; None -> an em dash."""
    if value is None or value == "":
        return "\u2014"
    return f"{float(value) * 100:.{int(digits)}f}"


@register.filter
def get(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None
