"""The feedback section of the partnership page, in a fixed number of queries."""

from django import template
from django.db.models import Count, Q
from django.utils import timezone

from partnerships.models import Membership

from ..models import Case, Channel

register = template.Library()


@register.simple_tag
def feedback_summary(partnership, user, access=None) -> dict:
    """`access` (partnerships.access), when the page has it, already holds the user's
    memberships in this partnership: the focal-point check then costs no query."""
    channel = (
        Channel.objects.filter(partnership=partnership)
        .only("id", "slug", "web_form_open", "results_public", "partnership_id")
        .first()
    )
    today = timezone.localdate()
    # A template without `access` passes "" (the engine's value for a missing variable).
    if getattr(access, "partnership", None) is not None and access.partnership.pk == partnership.pk:
        is_focal = any(m.is_safeguarding_focal_point for m in access.memberships)
    else:
        is_focal = Membership.objects.filter(
            user=user,
            is_safeguarding_focal_point=True,
            organisation__partnership_memberships__partnership=partnership,
        ).exists()
    # Counts only: who may open which sensitive case is decided on the case pages.
    counts = Case.objects.filter(partnership=partnership).aggregate(
        open=Count("pk", filter=Q(status__in=Case.OPEN_STATUSES) & ~Q(kind=Case.Kind.SENSITIVE)),
        overdue=Count(
            "pk",
            filter=Q(status__in=Case.OPEN_STATUSES, respond_due__lt=today)
            & ~Q(kind=Case.Kind.SENSITIVE),
        ),
        sensitive_new=Count("pk", filter=Q(status=Case.Status.NEW, kind=Case.Kind.SENSITIVE)),
    )
    if not is_focal:
        counts["sensitive_new"] = None
    return {"channel": channel, **counts}
