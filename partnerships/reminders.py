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

from django.db import connection, transaction
from django.utils import translation
from django.utils.module_loading import autodiscover_modules

from .models import Partnership, SentReminder, User
from .notify import notify

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
    sql = (f"INSERT INTO {table} (key, partnership_id, created_at) VALUES {values}"
           " ON CONFLICT (key) DO NOTHING RETURNING key")
    params = [value for row in rows for value in (row.key, row.partnership_id)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {key for (key,) in cursor.fetchall()}


def _msgid(message) -> str:
    with translation.override(None):
        return str(message)


def send_due_reminders(today: datetime.date) -> int:
    """Notify for every reminder step owed today and not sent before; returns how many."""
    owed: dict[str, DueReminder] = {}
    for source in sources():
        for reminder in source(today):
            owed.setdefault(reminder.key, reminder)
    due = list(owed.values())
    sent = 0
    for start in range(0, len(due), BATCH):
        batch = due[start:start + BATCH]
        with transaction.atomic():
            created = _insert_keys(batch)
            fresh = [r for r in batch if r.key in created]
            user_ids = {pk for r in fresh for pk in r.user_ids}
            users = User.objects.filter(pk__in=user_ids, is_active=True).in_bulk()
            partnerships = Partnership.objects.in_bulk({r.partnership_id for r in fresh} - {None})
            for reminder in fresh:
                recipients = [users[pk] for pk in reminder.user_ids if pk in users]
                if not recipients:
                    continue
                context = {"message": _msgid(reminder.message), "params": reminder.params,
                           **reminder.email_context}
                notify(recipients, message=reminder.message, params=reminder.params,
                       url=reminder.url,
                       partnership=partnerships.get(reminder.partnership_id),
                       email_template=reminder.email_template, email_context=context)
        sent += len(created)
    logger.info("Sent %s reminder steps of %s owed on %s", sent, len(due), today)
    return sent
