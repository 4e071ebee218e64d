"""Demo health history: three earlier monthly snapshots per partnership, so the trend shows.
Called last by seed_demo, after every dimension app has seeded its records."""

import datetime
from decimal import Decimal

from django.utils import timezone

from partnerships.health_registry import readings_for
from partnerships.health_thresholds import status_for

from .models import HealthSnapshot
from .services import month_of

# Earlier months read a little worse, as a partnership that is improving would.
DRIFT = [Decimal("0.6"), Decimal("0.8"), Decimal("0.9")]


def _earlier(key: str, value, factor: Decimal) -> dict:
    if value is None:
        return {"value": None, "status": status_for(key, None)}
    earlier = (Decimal(value) * factor).quantize(Decimal("0.1"))
    return {"value": str(earlier), "status": status_for(key, earlier)}


def seed(partnerships):
    today = timezone.localdate()
    readings = readings_for(partnerships, today=today)
    month = month_of(today)
    rows = []
    for back, factor in zip((3, 2, 1), DRIFT, strict=True):
        day = month
        for _ in range(back):
            day = month_of(day - datetime.timedelta(days=1))
        for p in partnerships:
            rows.append(
                HealthSnapshot(
                    partnership=p,
                    month=day,
                    readings={
                        r.indicator.key: _earlier(r.indicator.key, r.value, factor)
                        for r in readings[p.pk]
                        if r.indicator.unit != "points"
                    },
                )
            )
    HealthSnapshot.objects.bulk_create(rows, ignore_conflicts=True)
