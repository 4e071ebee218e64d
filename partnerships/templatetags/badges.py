"""Status badges: one colour per kind of state, the same in every app, each with text that
keeps WCAG AA contrast on its background (Bootstrap's subtle/emphasis pairs), and the state
spelled out so that colour is never the only signal."""

from django import template
from django.utils.html import format_html

register = template.Library()

TONES = {
    # under way, or done as agreed
    "active": "success",
    "in_force": "success",
    "submitted": "success",
    "on_time": "success",
    "applied": "success",
    "approved": "success",
    "signed": "success",
    # waiting for someone
    "pending": "warning",
    "awaiting": "warning",
    "negotiating": "warning",
    "late": "warning",
    "open": "info",
    # early or informational
    "exploring": "info",
    "draft": "secondary",
    "not_due": "light",
    # ended or refused
    "missing": "danger",
    "declined": "danger",
    "closing": "dark",
    "closed": "dark",
    "expired": "dark",
    "superseded": "dark",
    "withdrawn": "dark",
    "lapsed": "dark",
}


@register.simple_tag
def status_badge(status, label, element_id=""):
    tone = TONES.get(str(status), "secondary")
    return format_html(
        '<span class="badge status-badge status-{tone}"{id} data-status="{status}">{label}</span>',
        tone=tone,
        status=status,
        label=label,
        id=format_html(' id="{}"', element_id) if element_id else "",
    )
