"""The visibility section of the partnership page, in a fixed number of queries."""

import unicodedata

from django import template
from django.db.models import Count, Q

from partnerships.models import PartnershipMember

from ..models import ForumEvent, ForumRole, PartnershipForum, PartnershipPage, Result

register = template.Library()


@register.simple_tag
def visibility_summary(partnership) -> dict:
    results = Result.objects.filter(partnership=partnership).aggregate(
        total=Count("pk"), published=Count("pk", filter=Q(published_at__isnull=False))
    )
    local_members = PartnershipMember.objects.filter(partnership=partnership).filter(
        Q(role=PartnershipMember.Role.LOCAL_PARTNER) | Q(organisation__is_local_actor=True)
    )
    return {
        "results": results["total"],
        "published": results["published"],
        "fora": PartnershipForum.objects.filter(partnership=partnership).count(),
        "events": ForumEvent.objects.filter(partnership=partnership).count(),
        "leadership": ForumRole.objects.filter(
            organisation_id__in=local_members.values("organisation_id"),
            role__in=ForumRole.LEADERSHIP,
        ).count(),
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
