"""The health pages a logged-in user navigates to, for the cross-app browser checks."""

from django.urls import reverse


def pages(partnership) -> list[tuple[str, str]]:
    local = partnership.members.filter(role="local_partner").first()
    portfolio = reverse("health:portfolio")
    if local is not None:
        portfolio += f"?organisation={local.organisation_id}"
    return [
        ("partnership health", reverse("health:partnership", args=[partnership.pk])),
        ("portfolio", portfolio),
    ]
