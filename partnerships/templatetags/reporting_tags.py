from django import template

from ..services.reporting import summary

register = template.Library()


@register.simple_tag
def reporting_summary(partnership):
    return summary(partnership)
