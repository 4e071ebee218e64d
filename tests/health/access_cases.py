from django.urls import reverse

from partnerships.health_registry import records_dimensions
from tests.access_matrix import AccessCase


def cases(world):
    p = world.partnership
    return [
        AccessCase("health:partnership", reverse("health:partnership", args=[p.pk])),
        AccessCase("health:review_pdf", reverse("health:review_pdf", args=[p.pk])),
        AccessCase("health:iati", reverse("health:iati", args=[p.pk])),
        *[
            AccessCase(name, reverse(name, args=[p.pk, dimension]))
            for name in ("health:records_csv", "health:records_xlsx")
            for dimension in records_dimensions()
        ],
        AccessCase(
            "health:api_partnership", reverse("health:api_partnership", args=[p.pk]), api=True
        ),
    ]
