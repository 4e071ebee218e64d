from django.urls import reverse

from tests.access_matrix import AccessCase


def cases(world):
    p = world.partnership
    return [
        AccessCase("health:partnership", reverse("health:partnership", args=[p.pk])),
        AccessCase("health:review_pdf", reverse("health:review_pdf", args=[p.pk])),
        AccessCase("health:iati", reverse("health:iati", args=[p.pk])),
        AccessCase(
            "health:api_partnership", reverse("health:api_partnership", args=[p.pk]), api=True
        ),
    ]
