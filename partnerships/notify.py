from collections.abc import Iterable

from django.conf import settings
from django.utils import translation

from .models import Notification, Partnership
from .queue import enqueue
from .tasks import send_templated_email


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
    recipient's language. The email is rendered by the worker, also in the recipient's language;
    `email_context` must be JSON-serialisable.
    """
    users = list({u.pk: u for u in users}.values())
    params = params or {}
    notifications = []
    for user in users:
        with translation.override(user.language):
            text = str(message) % params
        notifications.append(
            Notification(recipient=user, partnership=partnership, message=text[:300], url=url)
        )
    Notification.objects.bulk_create(notifications)
    if email_template and users:
        context = {"url": f"{settings.SITE_URL}{url}" if url else "", **(email_context or {})}
        enqueue(send_templated_email, [u.pk for u in users], email_template, context)
    return notifications
