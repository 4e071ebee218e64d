"""The demo shows what the health page can say: every status, and more than one in each
dimension, computed by the health services over the seeded partnerships."""

import io
from collections import defaultdict

import pytest
from django.core.management import call_command
from django.utils import timezone

from health import services
from partnerships.health_registry import DIMENSION_ORDER
from partnerships.health_thresholds import Status
from partnerships.models import Partnership

pytestmark = pytest.mark.django_db


def test_the_demo_partnerships_show_every_status_and_two_in_each_dimension():
    call_command("seed_demo", stdout=io.StringIO())
    partnerships = list(Partnership.objects.order_by("pk"))
    assert len(partnerships) >= 5
    today = timezone.localdate()
    by_status = defaultdict(list)
    by_dimension = defaultdict(set)
    for partnership in partnerships:
        for dimension in services.partnership_health(partnership, today=today):
            for reading in dimension.readings:
                by_status[reading.status].append(reading.indicator.key)
                by_dimension[dimension.dimension].add(reading.status)
    for status in Status.values:
        assert by_status[status], f"no demo indicator is “{Status(status).label}”"
    assert set(by_dimension) == set(DIMENSION_ORDER)
    for dimension, statuses in by_dimension.items():
        assert len(statuses) >= 2, f"{dimension} shows only {statuses}"
