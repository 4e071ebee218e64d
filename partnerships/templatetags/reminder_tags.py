from django import template
from django.utils.translation import gettext

register = template.Library()


@register.simple_tag
def translated_message(message: str, params: dict | None = None) -> str:
    """A reminder's message, translated into the language the email is rendered in."""
    return gettext(message) % (params or {})
