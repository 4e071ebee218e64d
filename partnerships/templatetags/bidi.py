"""`{{ name|bdi }}`: a user's text set inside a translated sentence, isolated so that an
English name in an Arabic sentence (or the reverse) keeps its own direction and punctuation."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def bdi(value):
    return format_html("<bdi>{}</bdi>", value) if value not in (None, "") else ""
