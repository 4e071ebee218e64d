from celery import shared_task


@shared_task(acks_late=True, time_limit=600)
def apply_retention() -> dict:
    """Daily (CELERY_BEAT_SCHEDULE["feedback-retention"])."""
    from .services.retention import apply_retention as run

    return run()
