"""The daily reminder sweep.

Exactly-once comes from the database: each reminder is a row unique on (period, organisation,
kind, sequence). The sweep inserts the reminders it thinks are owed with ON CONFLICT DO NOTHING
RETURNING, and notifies and emails only for the rows its own insert returned, so two sweeps
running at once, or a sweep re-run after a crash, cannot send the same reminder twice. Each
batch costs a fixed number of queries, whatever number of reports it holds.
"""

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from ..dates import local_date, period_label
from ..emails import outbox_row, queue_emails, render_email
from ..models import MutualReport, Notification, Partnership, Reminder, ReminderEmail
from ..models.reporting import (
    LAST_REMINDER_AFTER_DUE_DAYS,
    OVERDUE_INTERVAL_DAYS,
    OVERDUE_REMINDER_CAP,
)
from ..notify import notification_row
from ..people import people_memberships
from ..queue import enqueue
from .reporting import report_periods_generate

logger = logging.getLogger(__name__)

SEND_TASK = "partnerships.tasks.send_reminder_emails"
SWEEP_BATCH = 1000
REQUEUE_AFTER = datetime.timedelta(hours=1)
REQUEUE_WITHIN = datetime.timedelta(days=7)

MESSAGES = {
    Reminder.Kind.BEFORE: gettext_lazy(
        "The report of %(organisation)s for %(period)s is due on %(due)s."
    ),
    Reminder.Kind.DUE: gettext_lazy("The report of %(organisation)s for %(period)s is due today."),
    Reminder.Kind.OVERDUE: gettext_lazy(
        "The report of %(organisation)s for %(period)s is overdue since %(due)s."
    ),
}


def owed_reminder(
    due: datetime.date, remind_from: datetime.date, today: datetime.date
) -> tuple[str, int] | None:
    """The one reminder that applies today. A sweep that was missed does not send a burst of
    stale reminders: the next sweep sends the one that applies on its day."""
    if today < remind_from:
        return None
    if today < due:
        return Reminder.Kind.BEFORE, 0
    if today == due:
        return Reminder.Kind.DUE, 0
    sequence = ((today - due).days - 1) // OVERDUE_INTERVAL_DAYS
    if sequence >= OVERDUE_REMINDER_CAP:
        return None
    return Reminder.Kind.OVERDUE, sequence


@dataclass
class SweepResult:
    periods: int = 0
    reminders: int = 0
    emails: int = 0
    batches: int = 0
    requeued: int = 0


def _insert_reminders(rows: list[tuple]) -> list[tuple]:
    """INSERT ... ON CONFLICT DO NOTHING RETURNING: only the rows this call created come back.
    PostgreSQL and SQLite (3.35+) both speak this."""
    if not rows:
        return []
    table = connection.ops.quote_name(Reminder._meta.db_table)
    values = ", ".join(["(%s, %s, %s, %s, %s, %s)"] * len(rows))
    sql = (
        f"INSERT INTO {table} (period_id, organisation_id, report_id, kind, sequence, created_at)"
        f" VALUES {values}"
        " ON CONFLICT (period_id, organisation_id, kind, sequence) DO NOTHING"
        " RETURNING id, report_id, kind, sequence"
    )
    params = [value for row in rows for value in row]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _remind_batch(batch: list[dict], today: datetime.date, result: SweepResult) -> None:
    now = timezone.now()
    by_report = {row["pk"]: row for row in batch}
    rows = []
    for row in batch:
        owed = owed_reminder(row["period__due_date"], row["period__remind_from"], today)
        if owed:
            rows.append(
                (row["period_id"], row["organisation_id"], row["pk"], owed[0], owed[1], now)
            )
    with transaction.atomic():
        created = _insert_reminders(rows)
        if not created:
            return
        organisation_ids = {
            by_report[report_id]["organisation_id"] for _id, report_id, _kind, _seq in created
        }
        staff = list(
            people_memberships(
                organisation_ids=organisation_ids,
                editors_only=True,
            ).values_list("organisation_id", "user_id", "user__language")
        )
        staff_of: dict[int, list[tuple[int, str]]] = {}
        for organisation_id, user_id, language in staff:
            staff_of.setdefault(organisation_id, []).append((user_id, language))
        notifications, emails = [], []
        texts = {}  # (kind, language) → message; switching language per recipient is slow
        params = {}  # (report, language) → the message's values
        for reminder_id, report_id, kind, _sequence in created:
            row = by_report[report_id]
            url = reverse("partnerships:report", args=[row["period__partnership_id"], report_id])
            for user_id, language in staff_of.get(row["organisation_id"], []):
                if (kind, language) not in texts:
                    with translation.override(language):
                        texts[kind, language] = str(MESSAGES[kind])
                if (report_id, language) not in params:
                    # Dates in the recipient's language, as the message around them.
                    with translation.override(language):
                        params[report_id, language] = {
                            "organisation": row["organisation__name"],
                            "period": period_label(row["period__start"], row["period__end"]),
                            "due": local_date(row["period__due_date"]),
                        }
                message = texts[kind, language] % params[report_id, language]
                notifications.append(
                    notification_row(
                        recipient_id=user_id,
                        partnership_id=row["period__partnership_id"],
                        text=message,
                        url=url,
                    )
                )
                emails.append(ReminderEmail(reminder_id=reminder_id, user_id=user_id))
        Notification.objects.bulk_create(notifications)
        ReminderEmail.objects.bulk_create(emails)
        if emails:
            enqueue(SEND_TASK, [c[0] for c in created])
    result.reminders += len(created)
    result.emails += len(emails)


def sweep(today: datetime.date | None = None, *, batch_size: int = SWEEP_BATCH) -> SweepResult:
    today = today or timezone.localdate()
    result = SweepResult()
    result.periods = report_periods_generate(today=today)
    candidates = MutualReport.objects.filter(
        amends__isnull=True,
        status=MutualReport.Status.DRAFT,
        period__remind_from__lte=today,
        period__due_date__gte=today - datetime.timedelta(days=LAST_REMINDER_AFTER_DUE_DAYS),
    ).exclude(period__partnership__status=Partnership.Status.CLOSED)
    last_pk = 0
    while True:
        # Keyset pagination: each batch is one indexed range read, however far the sweep is.
        batch = list(
            candidates.filter(pk__gt=last_pk)
            .order_by("pk")
            .values(
                "pk",
                "organisation_id",
                "organisation__name",
                "period_id",
                "period__start",
                "period__end",
                "period__due_date",
                "period__remind_from",
                "period__partnership_id",
            )[:batch_size]
        )
        if not batch:
            break
        last_pk = batch[-1]["pk"]
        result.batches += 1
        _remind_batch(batch, today, result)
    result.requeued = requeue_unsent()
    logger.info("Reminder sweep on %s: %s", today, result)
    return result


def requeue_unsent(*, batch_size: int = SWEEP_BATCH) -> int:
    """Publish again the emails of reminders whose task was lost (the broker was down when the
    sweep committed, or the message expired). Recent ones are left alone: their task may
    simply not have run yet; old ones are no longer worth sending."""
    now = timezone.now()
    reminder_ids = list(
        ReminderEmail.objects.filter(
            sent_at__isnull=True,
            skipped=False,
            reminder__created_at__lt=now - REQUEUE_AFTER,
            reminder__created_at__gte=now - REQUEUE_WITHIN,
        )
        .values_list("reminder_id", flat=True)
        .distinct()
        .order_by("reminder_id")
    )
    for start in range(0, len(reminder_ids), batch_size):
        enqueue(SEND_TASK, reminder_ids[start : start + batch_size])
    return len(reminder_ids)


def send_reminder_emails(reminder_ids: list[int]) -> int:
    """Hand each copy not handed over yet to the outbox, in the transaction that marks it, so
    a retried or duplicated task cannot queue it twice; the outbox sends it once."""
    pending = (
        ReminderEmail.objects.filter(
            reminder_id__in=reminder_ids,
            sent_at__isnull=True,
            skipped=False,
            user__is_active=True,
        )
        .select_related("user", "reminder__organisation", "reminder__report__period__partnership")
        .order_by("pk")
    )
    queued = 0
    for copy in pending:
        with transaction.atomic():
            # Claim the copy: a requeued task running at the same time skips it.
            claimed = list(
                ReminderEmail.objects.select_for_update(skip_locked=True)
                .filter(pk=copy.pk, sent_at__isnull=True, skipped=False)
                .values_list("pk", flat=True)
            )
            if claimed and _queue_copy(copy):
                queued += 1
    return queued


def _queue_copy(copy: ReminderEmail) -> bool:
    report = copy.reminder.report
    if report.is_submitted:
        # Submitted after the sweep: the reminder no longer applies.
        ReminderEmail.objects.filter(pk=copy.pk).update(skipped=True)
        return False
    period = report.period
    context = {
        "site_url": settings.SITE_URL,
        "user": copy.user,
        "kind": copy.reminder.kind,
        "organisation": copy.reminder.organisation.name,
        "partnership": period.partnership.title,
        "period": str(period),
        "due": period.due_date,
        "url": f"{settings.SITE_URL}{report.get_absolute_url()}",
    }
    # Rendered now, in the recipient's language: the due date prints as a localised date.
    subject, text, html = render_email("emails/report_reminder", context, copy.user.language)
    queue_emails(
        [
            outbox_row(
                to=copy.user.email,
                user=copy.user,
                language=copy.user.language,
                subject=subject,
                text=text,
                html=html,
            )
        ]
    )
    ReminderEmail.objects.filter(pk=copy.pk).update(sent_at=timezone.now())
    return True
