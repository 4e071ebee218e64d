"""Summaries for the partnership detail page; a fixed number of queries each."""

from django import template

from ..models import Mou, ReflectionRound
from ..models.reflection import round_is_complete
from ..people import members_of

register = template.Library()


@register.simple_tag
def mou_summary(partnership):
    current = list(
        Mou.objects.filter(
            partnership=partnership,
            status__in=[Mou.Status.IN_FORCE, Mou.Status.DRAFT, Mou.Status.AWAITING_SIGNATURES],
        )
        .order_by("-version")
        .only("pk", "partnership_id", "version", "status", "title", "term_end")
    )
    return {
        "in_force": next((m for m in current if m.status == Mou.Status.IN_FORCE), None),
        "open": next((m for m in current if m.status != Mou.Status.IN_FORCE), None),
    }


@register.simple_tag
def reflection_summary(partnership):
    latest = ReflectionRound.objects.filter(partnership=partnership).first()
    if latest is None:
        return {"latest": None}
    members = {m.organisation_id for m in members_of(partnership)}
    answered = latest.answered_organisation_ids()
    return {
        "latest": latest,
        "answered": len(members & answered),
        "members": len(members),
        "complete": round_is_complete(members, answered),
    }
