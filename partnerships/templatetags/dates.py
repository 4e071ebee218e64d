"""Template filters for partnerships.dates: `{{ value|day }}`, `{{ value|when }}`,
`{{ value|ago }}` (the exact moment in its title, for whoever hovers)."""

from django import template
from django.utils.html import format_html

from .. import dates

register = template.Library()


@register.filter
def day(value):
    return dates.local_date(value)


@register.filter
def when(value):
    return dates.local_datetime(value)


@register.filter
def ago(value):
    if not value:
        return ""
    return format_html(
        '<time datetime="{}" title="{}">{}</time>',
        value.isoformat(),
        dates.local_datetime(value),
        dates.time_ago(value),
    )
