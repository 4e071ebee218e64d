"""Celery tasks: thin wrappers that call services. Nothing imports this module; code publishes
tasks by name through `partnerships.queue.enqueue`."""

import smtplib

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from . import emails
from .reminders import send_due_reminders
from .services import reminders
from .services.mou_documents import mou_document_render
from .services.mou_lifecycle import mou_expire_due

RETRYABLE = (smtplib.SMTPException, OSError)
# Retries wait at most CELERY_MAX_ETA_SECONDS: Redis's visibility_timeout must exceed it
# (checked at start-up, see queue.visibility_timeout_errors).
RETRY = {
    "autoretry_for": RETRYABLE,
    "retry_backoff": 30,
    "retry_backoff_max": settings.CELERY_MAX_ETA_SECONDS,
    "max_retries": 8,
    "acks_late": True,
}


@shared_task(**RETRY)
def send_outbox_emails(pks: list[int]) -> int:
    return emails.send_outbox_emails(pks)


@shared_task(acks_late=True)
def outbox_sweep() -> int:
    """Every few minutes (CELERY_BEAT_SCHEDULE): publish emails whose first publish was lost."""
    return emails.sweep()


@shared_task(acks_late=True)
def reminder_sweep() -> dict:
    """Daily (CELERY_BEAT_SCHEDULE): send every reminder that is owed and not yet sent."""
    result = vars(reminders.sweep())
    result["other_reminders"] = send_due_reminders(timezone.localdate())
    return result


@shared_task(**RETRY)
def send_reminder_emails(reminder_ids: list[int]) -> int:
    return reminders.send_reminder_emails(reminder_ids)


@shared_task(acks_late=True)
def mou_lifecycle() -> dict:
    """Daily (CELERY_BEAT_SCHEDULE): expire MoUs past their term, then send what is owed
    (signature and renewal reminders come from partnerships/reminder_sources.py)."""
    today = timezone.localdate()
    return {"expired": mou_expire_due(today=today), "reminders": send_due_reminders(today)}


@shared_task(
    acks_late=True,
    # Celery's limits stop a render in the prefork pool; the service's own time_limit() also
    # stops one in the solo pool of `make run`. The web never waits for a render.
    soft_time_limit=settings.PDF_RENDER_TIME_LIMIT + 5,
    time_limit=settings.PDF_RENDER_TIME_LIMIT + 20,
)
def render_mou_document(document_id: int) -> str:
    return mou_document_render(document_id=document_id)
