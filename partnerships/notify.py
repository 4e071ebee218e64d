from collections.abc import Iterable

from django.conf import settings
from django.utils import translation

from .emails import outbox_row, queue_emails
from .models import Notification, Partnership


def notification_row(
    *, recipient_id: int, partnership_id: int | None, text: str, url: str = ""
) -> Notification:
    """The one place an in-app notification row is built (notify() and the reminder sweep)."""
    return Notification(
        recipient_id=recipient_id, partnership_id=partnership_id, message=text[:300], url=url
    )


def notify(
    users: Iterable,
    *,
    message,
    params: dict | None = None,
    url: str = "",
    partnership: Partnership | None = None,
    email_template: str | None = None,
    email_context: dict | None = None,
) -> list[Notification]:
    """Tell users something in the app and, with `email_template`, by email.

    `message` is a lazily translated string with %(name)s placeholders, rendered in each
    recipient's language. The emails are written to the outbox in the caller's transaction and
    rendered by the worker, also in the recipient's language; `email_context` must be
    JSON-serialisable.
    """
    users = list({u.pk: u for u in users}.values())
    params = params or {}
    notifications = []
    for user in users:
        with translation.override(user.language):
            text = str(message) % params
        notifications.append(
            notification_row(
                recipient_id=user.pk,
                partnership_id=partnership.pk if partnership else None,
                text=text,
                url=url,
            )
        )
    Notification.objects.bulk_create(notifications)
    if email_template and users:
        context = {"url": f"{settings.SITE_URL}{url}" if url else "", **(email_context or {})}
        queue_emails(
            outbox_row(
                to=user.email,
                user=user,
                language=user.language,
                template=email_template,
                context=context,
            )
            for user in users
            if user.is_active
        )
    return notifications
