"""Celery tasks of partnership health: thin wrappers around services."""

from celery import shared_task
from django.utils import timezone

from . import services


@shared_task(acks_late=True)
def snapshot_month() -> int:
    """Daily (CELERY_BEAT_SCHEDULE): this month's snapshot of every partnership that has
    none yet. Daily rather than on the 1st so a missed run is made up the next day."""
    return services.snapshots_take(today=timezone.localdate())
