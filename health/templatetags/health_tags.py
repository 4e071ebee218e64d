from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from partnerships.health_registry import Unit
from partnerships.health_thresholds import Status

register = template.Library()

BADGES = {
    Status.ON_TRACK: "text-bg-success",
    Status.NEEDS_ATTENTION: "text-bg-warning",
    Status.NO_DATA: "text-bg-secondary",
}


@register.filter
def status_badge(status: str) -> str:
    return BADGES.get(status, "text-bg-secondary")


@register.filter
def status_label(status: str) -> str:
    return Status(status).label if status in Status.values else ""


@register.simple_tag
def reading_value(value, unit: str) -> str:
    """An indicator's value as people read it (locale-aware numbers)."""
    if value is None:
        return "—"
    value = Decimal(value)
    if unit == Unit.YES_NO:
        return _("Yes") if value else _("No")
    if unit == Unit.PERCENT:
        return _("%(value)s%%") % {"value": number_format(value, decimal_pos=1)}
    return number_format(value, decimal_pos=0)
