"""Reminders that any dimension app can owe, each step sent exactly once.

An app declares what is owed in `<app>/reminders.py` with a function decorated by
`@reminder_source`: given today's date it returns `DueReminder`s, each with a key that names
one step of one reminder (e.g. ``capacity.action:42:overdue:1``). The daily sweep
(`partnerships.tasks.reminder_sweep`) inserts the keys under a unique constraint with
ON CONFLICT DO NOTHING RETURNING and notifies only for the keys its own insert created, so two
sweeps at once, or a sweep re-run after a crash, never remind twice. A source only says what is
owed today; it never has to remember what it already sent.

The message is a lazily translated string with %(name)s placeholders; it is rendered in each
recipient's language in the app and, by `emails/reminder`, in the email. `params` and
`email_context` must be JSON-serialisable (format dates as text).
"""

import datetime
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, transaction
from django.utils import translation
from django.utils.module_loading import autodiscover_modules

from .emails import outbox_row, queue_emails
from .models import Notification, SentReminder, User
from .notify import notification_row

logger = logging.getLogger(__name__)

Source = Callable[[datetime.date], Iterable["DueReminder"]]
_sources: list[Source] = []
BATCH = 500


@dataclass(frozen=True)
class DueReminder:
    key: str
    user_ids: tuple[int, ...]
    message: object  # gettext_lazy("... %(name)s ...")
    params: dict = field(default_factory=dict)
    url: str = ""
    partnership_id: int | None = None
    # None: in-app only. Sensitive content must never be put in an email: use a message that
    # says only that something needs attention, and the link.
    email_template: str | None = "emails/reminder"
    email_context: dict = field(default_factory=dict)


def reminder_source(source: Source) -> Source:
    if source not in _sources:
        _sources.append(source)
    return source


def sources() -> list[Source]:
    autodiscover_modules("reminders")
    return list(_sources)


def _insert_keys(rows: list[DueReminder]) -> set[str]:
    """Only the keys this call created come back (PostgreSQL and SQLite 3.35+)."""
    table = connection.ops.quote_name(SentReminder._meta.db_table)
    values = ", ".join(["(%s, %s, CURRENT_TIMESTAMP)"] * len(rows))
    sql = (
        f"INSERT INTO {table} (key, partnership_id, created_at) VALUES {values}"
        " ON CONFLICT (key) DO NOTHING RETURNING key"
    )
    params = [value for row in rows for value in (row.key, row.partnership_id)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {key for (key,) in cursor.fetchall()}


def _msgid(message) -> str:
    with translation.override(None):
        return str(message)


def _notify_batch(reminders: list[DueReminder], users: dict[int, User]) -> None:
    """notify() for many reminders at once: one insert of notifications, one of emails.
    Each message is translated once per language, not once per recipient."""
    texts: dict[tuple[str, str], str] = {}
    notifications, emails = [], []
    for reminder in reminders:
        msgid = _msgid(reminder.message)
        context = {
            "url": f"{settings.SITE_URL}{reminder.url}" if reminder.url else "",
            "message": msgid,
            "params": reminder.params,
            **reminder.email_context,
        }
        for user in (users[pk] for pk in reminder.user_ids if pk in users):
            if (msgid, user.language) not in texts:
                with translation.override(user.language):
                    texts[msgid, user.language] = str(reminder.message)
            notifications.append(
                notification_row(
                    recipient_id=user.pk,
                    partnership_id=reminder.partnership_id,
                    text=texts[msgid, user.language] % reminder.params,
                    url=reminder.url,
                )
            )
            if reminder.email_template:
                emails.append(
                    outbox_row(
                        to=user.email,
                        user=user,
                        language=user.language,
                        template=reminder.email_template,
                        context=context,
                    )
                )
    Notification.objects.bulk_create(notifications)
    if emails:
        queue_emails(emails)


def send_due_reminders(today: datetime.date) -> int:
    """Notify for every reminder step owed today and not sent before; returns how many."""
    owed: dict[str, DueReminder] = {}
    for source in sources():
        for reminder in source(today):
            owed.setdefault(reminder.key, reminder)
    due = list(owed.values())
    sent = 0
    for start in range(0, len(due), BATCH):
        batch = due[start : start + BATCH]
        with transaction.atomic():
            created = _insert_keys(batch)
            fresh = [r for r in batch if r.key in created]
            user_ids = {pk for r in fresh for pk in r.user_ids}
            users = User.objects.filter(pk__in=user_ids, is_active=True).in_bulk()
            _notify_batch(fresh, users)
        sent += len(created)
    logger.info("Sent %s reminder steps of %s owed on %s", sent, len(due), today)
    return sent
