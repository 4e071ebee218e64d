from celery import shared_task

from .services import retention


@shared_task(acks_late=True, time_limit=600)
def apply_retention() -> dict:
    """Daily (CELERY_BEAT_SCHEDULE["feedback-retention"])."""
    return retention.apply_retention()
