"""Pages of the visibility app for the cross-app browser check (width, translation, a11y)."""

from django.urls import reverse

from partnerships.models import PartnershipMember
from visibility.models import PartnershipPage, PublicProfile, Result


def pages(partnership) -> list[tuple[str, str]]:
    pk = partnership.pk
    result = Result.objects.filter(partnership=partnership).order_by("pk").first()
    local = (
        PartnershipMember.objects.filter(
            partnership=partnership, role=PartnershipMember.Role.LOCAL_PARTNER
        )
        .values_list("organisation_id", flat=True)
        .first()
    )
    found = [
        ("Visibility", reverse("visibility:partnership", args=[pk])),
        ("Share a result", reverse("visibility:result_add", args=[pk])),
        ("Log an event", reverse("visibility:event_add", args=[pk])),
        ("Add a forum", reverse("visibility:forum_add", args=[pk])),
        ("Public page settings", reverse("visibility:page_settings", args=[pk])),
    ]
    if result:
        found.append(("Result", result.get_absolute_url()))
    if local:
        found.append(("Organisation visibility", reverse("visibility:organisation", args=[local])))
    return found


def public_pages(partnership) -> list[tuple[str, str]]:
    found = []
    page = PartnershipPage.objects.filter(
        partnership=partnership, published_at__isnull=False
    ).first()
    if page:
        found.append(("Public results page", page.get_absolute_url()))
    for profile in PublicProfile.objects.filter(
        is_public=True, organisation__partnership_memberships__partnership=partnership
    ):
        found.append((f"Public profile: {profile.organisation.name}", profile.get_absolute_url()))
    return found
