"""Every email the app sends goes through the outbox (`OutboxEmail`).

Code that wants an email writes rows with `queue_email(s)` inside its own transaction; after the
commit a task is published by name to send them; if the broker is down the rows wait, and the
beat sweep (`sweep`) publishes whatever is still pending. Sending claims each row with a
conditional UPDATE first, so a redelivered task or a second sweep never sends it twice.
"""

import datetime
import logging
import zoneinfo
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import OutboxEmail
from .plain_text import render_text
from .queue import enqueue

logger = logging.getLogger(__name__)

SEND_TASK = "partnerships.tasks.send_outbox_emails"
SEND_BATCH = 200
Status = OutboxEmail.Status


def _zone(user):
    """The recipient's own time zone, for the times an email shows."""
    try:
        return zoneinfo.ZoneInfo(getattr(user, "timezone", "") or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return datetime.UTC


def render_email(template: str, context: dict, language: str) -> tuple[str, str, str]:
    """Subject, text and HTML of `template` (three files) in one language; times in the
    recipient's (`context["user"]`) time zone."""
    # Subject and text are plain text: rendered without HTML escaping ("Women's", not
    # "Women&#x27;s"); the HTML part is escaped as usual.
    with translation.override(language), timezone.override(_zone(context.get("user"))):
        subject = render_text(f"{template}_subject.txt", context)
        text = render_text(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    return " ".join(subject.split()), text, html


def outbox_row(
    *,
    to: str,
    user=None,
    language: str = "en",
    template: str = "",
    context: dict | None = None,
    subject: str = "",
    text: str = "",
    html: str = "",
    sensitive: bool = False,
) -> OutboxEmail:
    """An unsaved row: either `template` + JSON `context`, or a rendered subject/text/html."""
    if not template and not (subject and text):
        raise ValueError("An outbox email needs a template or a rendered subject and text.")
    return OutboxEmail(
        to=to,
        user=user,
        language=language or "en",
        template=template,
        context=context or {},
        subject=" ".join(subject.split())[:300],
        text=text,
        html=html or "",
        sensitive=sensitive,
    )


def queue_emails(rows: Iterable[OutboxEmail]) -> list[OutboxEmail]:
    """Save the rows in the caller's transaction and send them once it commits."""
    rows = OutboxEmail.objects.bulk_create(list(rows))
    dispatch([row.pk for row in rows])
    return rows


def queue_email(**fields) -> OutboxEmail:
    return queue_emails([outbox_row(**fields)])[0]


def dispatch(pks: list[int]) -> None:
    for start in range(0, len(pks), SEND_BATCH):
        enqueue(SEND_TASK, pks[start : start + SEND_BATCH])


def _message(row: OutboxEmail, connection) -> EmailMultiAlternatives:
    subject, text, html = row.subject, row.text, row.html
    if row.template:
        context = {"site_url": settings.SITE_URL, **row.context, "user": row.user}
        subject, text, html = render_email(row.template, context, row.language)
    message = EmailMultiAlternatives(
        subject,
        text,
        settings.DEFAULT_FROM_EMAIL,
        [row.to],
        connection=connection,
        headers={"Message-ID": row.message_id},
    )
    if html:
        message.attach_alternative(html, "text/html")
    return message


def _claim(row: OutboxEmail) -> bool:
    """Pending → sending, committed before the mail server is contacted: whoever wins this
    UPDATE is the only one who ever sends the row."""
    return bool(
        OutboxEmail.objects.filter(pk=row.pk, status=Status.PENDING).update(
            status=Status.SENDING, claimed_at=timezone.now(), attempts=F("attempts") + 1
        )
    )


def send_outbox_emails(pks: list[int]) -> int:
    """Send the pending rows among `pks`; called by the task. A failure puts the row back to
    pending and raises, so the task retries from the first row not yet sent."""
    rows = list(
        OutboxEmail.objects.filter(pk__in=pks, status=Status.PENDING)
        .select_related("user")
        .order_by("pk")
    )
    if not rows:
        return 0  # a redelivered or duplicate task: do not even open a connection
    sent = 0
    with get_connection() as connection:
        for row in rows:
            if row.user is not None and not row.user.is_active:
                OutboxEmail.objects.filter(pk=row.pk, status=Status.PENDING).update(
                    status=Status.SKIPPED
                )
                continue
            message = _message(row, connection)
            if not _claim(row):
                continue  # another delivery of this task got there first
            try:
                message.send()
            except Exception as error:
                OutboxEmail.objects.filter(pk=row.pk).update(
                    status=Status.PENDING, last_error=repr(error)[:2000]
                )
                raise
            done = {"status": Status.SENT, "sent_at": timezone.now(), "last_error": ""}
            if row.sensitive:
                done.update(text="", html="")
            OutboxEmail.objects.filter(pk=row.pk).update(**done)
            sent += 1
    return sent


def sweep(*, min_age: datetime.timedelta | None = None) -> int:
    """Publish again every pending row older than `min_age` (its first publish was lost or
    failed); report rows stuck in `sending`, whose worker died mid-send."""
    if min_age is None:
        min_age = datetime.timedelta(seconds=settings.OUTBOX_SWEEP_MIN_AGE)
    now = timezone.now()
    pending = list(
        OutboxEmail.objects.filter(
            status=Status.PENDING,
            created_at__lte=now - min_age,
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    dispatch(pending)
    stuck = OutboxEmail.objects.filter(
        status=Status.SENDING,
        claimed_at__lt=now - datetime.timedelta(seconds=settings.OUTBOX_STUCK_AFTER),
    ).count()
    if stuck:
        logger.warning(
            "%s outgoing emails were being sent when their worker stopped; they may "
            "or may not have been delivered. Check and resend them in the admin.",
            stuck,
        )
    return len(pending)
