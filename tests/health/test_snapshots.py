import datetime

import pytest
from django.db import IntegrityError

from config.celery import app
from health.models import HealthSnapshot
from health.services import snapshots_take
from tests.budgets.helpers import make_budget

pytestmark = pytest.mark.django_db


def test_the_snapshot_task_run_twice_in_a_month_stores_one_row(world):
    make_budget(world)
    assert snapshots_take(today=datetime.date(2026, 8, 1)) == 1
    assert snapshots_take(today=datetime.date(2026, 8, 20)) == 0
    snapshot = HealthSnapshot.objects.get(partnership=world.partnership)
    assert snapshot.month == datetime.date(2026, 8, 1)
    assert snapshot.readings["budgets.local_share"] == {"value": "31.0", "status": "on_track"}
    assert snapshots_take(today=datetime.date(2026, 9, 2)) == 1
    assert HealthSnapshot.objects.count() == 2


def test_the_constraint_refuses_a_second_row_for_the_same_month(world):
    HealthSnapshot.objects.create(partnership=world.partnership, month="2026-08-01")
    with pytest.raises(IntegrityError):
        HealthSnapshot.objects.create(partnership=world.partnership, month="2026-08-01")


def test_the_beat_task_is_registered_by_name_and_takes_the_snapshot(world, settings):
    app.tasks["health.tasks.snapshot_month"].delay()  # eager in tests
    assert HealthSnapshot.objects.filter(partnership=world.partnership).count() == 1
    assert "health.tasks.snapshot_month" in {
        entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()
    }
