"""The visibility section of the partnership page, in a fixed number of queries."""

import unicodedata

from django import template

from partnerships.models import PartnershipMember
from partnerships.queries import counts

from ..models import ForumEvent, ForumRole, PartnershipForum, PartnershipPage, Result

register = template.Library()


@register.simple_tag
def visibility_summary(partnership) -> dict:
    local_members = PartnershipMember.objects.filter(
        PartnershipMember.LOCAL_ACTOR, partnership=partnership
    )
    results = Result.objects.filter(partnership=partnership)
    return {
        **counts(
            results=results,
            published=results.filter(published_at__isnull=False),
            fora=PartnershipForum.objects.filter(partnership=partnership),
            events=ForumEvent.objects.filter(partnership=partnership),
            leadership=ForumRole.objects.filter(
                organisation_id__in=local_members.values("organisation_id"),
                role__in=ForumRole.LEADERSHIP,
            ),
        ),
        "page": PartnershipPage.objects.filter(partnership=partnership)
        .only("pk", "slug", "published_at")
        .first(),
    }


def _strong_direction(char: str) -> str | None:
    kind = unicodedata.bidirectional(char)
    if kind in ("R", "AL"):
        return "rtl"
    if kind == "L":
        return "ltr"
    return None


@register.filter
def text_dir(value) -> str:
    """dir="auto" worked out on the server, for WeasyPrint, which does not support it: the
    direction of the first strongly directional character."""
    for char in str(value or ""):
        if direction := _strong_direction(char):
            return direction
    return "ltr"
