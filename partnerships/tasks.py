import datetime
import smtplib
import zoneinfo

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation

RETRYABLE = (smtplib.SMTPException, OSError)


@shared_task(
    autoretry_for=RETRYABLE, retry_backoff=30, retry_backoff_max=3600, max_retries=8,
    acks_late=True,
)
def send_email(to: list[str], subject: str, text: str, html: str | None = None) -> None:
    message = EmailMultiAlternatives(subject.strip(), text, settings.DEFAULT_FROM_EMAIL, to)
    if html:
        message.attach_alternative(html, "text/html")
    message.send()


def _zone(user):
    try:
        return zoneinfo.ZoneInfo(getattr(user, "timezone", "") or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return datetime.UTC


def render_email(template: str, context: dict, language: str) -> tuple[str, str, str]:
    """Subject, text and HTML of `template` in one language; times in the recipient's zone."""
    with translation.override(language), timezone.override(_zone(context.get("user"))):
        subject = render_to_string(f"{template}_subject.txt", context)
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    return " ".join(subject.split()), text, html


@shared_task(
    autoretry_for=RETRYABLE, retry_backoff=30, retry_backoff_max=3600, max_retries=8,
    acks_late=True,
)
def send_templated_email(user_ids: list[int], template: str, context: dict) -> None:
    """One email per recipient, each in the recipient's own language."""
    context = {"site_url": settings.SITE_URL, **context}
    for user in get_user_model().objects.filter(pk__in=user_ids, is_active=True):
        subject, text, html = render_email(template, {**context, "user": user}, user.language)
        message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [user.email])
        message.attach_alternative(html, "text/html")
        message.send()


@shared_task(acks_late=True)
def reminder_sweep() -> dict:
    """Daily (CELERY_BEAT_SCHEDULE): send every reminder that is owed and not yet sent."""
    from django.utils import timezone

    from .reminders import send_due_reminders
    from .services.reminders import sweep

    result = vars(sweep())
    result["other_reminders"] = send_due_reminders(timezone.localdate())
    return result


@shared_task(
    autoretry_for=RETRYABLE, retry_backoff=30, retry_backoff_max=3600, max_retries=8,
    acks_late=True,
)
def send_reminder_emails(reminder_ids: list[int]) -> int:
    from .services import reminders

    return reminders.send_reminder_emails(reminder_ids)
