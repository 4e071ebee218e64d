from django import template

from ..models import OrganisationEvent, PartnershipInvitation
from ..services.actions import actions_by_side

register = template.Library()

RECENT = 30


@register.simple_tag
def organisation_changes(organisation):
    """The organisation's latest recorded changes, in one query."""
    return list(OrganisationEvent.objects.filter(organisation=organisation)[:RECENT])


@register.simple_tag
def partnership_extras(partnership):
    """Actions per side, interventions, pending invitations and the latest membership changes
    for the partnership page: five queries, whatever the partnership holds."""
    return {
        "sides": actions_by_side(partnership),
        "interventions": list(partnership.interventions.all()[:10]),
        "pending": list(
            partnership.invitations.filter(
                status=PartnershipInvitation.Status.PENDING
            ).select_related("organisation")
        ),
        "events": list(partnership.events.all()[:5]),
    }
