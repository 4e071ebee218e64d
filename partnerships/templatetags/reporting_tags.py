from django import template

from ..services.reporting import reports_due_for, summary

register = template.Library()


@register.simple_tag
def reporting_summary(partnership):
    return summary(partnership)


@register.simple_tag
def reports_due(access):
    return reports_due_for(access)
