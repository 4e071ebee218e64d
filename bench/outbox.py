"""Time the outbox: queueing N emails through notify(), sending them, and a sweep with none
left to send.

Creates, migrates and finally drops its own database (bench_outbox) on whatever DATABASE_URL
names; mail goes to Django's in-memory backend, so what is timed is our side: the rows, the
claims and the rendering in each recipient's language.
Usage: python bench/outbox.py [emails=2000]
"""

import datetime
import sys
import time

from _scratch import scratch_database  # first: it sets Django up
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.utils.translation import gettext_lazy  # noqa: E402

COUNT = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 2000
LANGUAGES = ["en", "fr", "es", "pt", "ar"]


def main():
    from config.celery import app as celery_app
    from partnerships import emails

    # Published to an in-memory broker, so that no running worker sends these rows.
    celery_app.conf.broker_url = "memory://"
    celery_app.conf.task_always_eager = False
    from partnerships.models import OutboxEmail, User
    from partnerships.notify import notify

    users = User.objects.bulk_create(
        User(email=f"person{i}@example.org", language=LANGUAGES[i % len(LANGUAGES)])
        for i in range(COUNT)
    )
    context = {
        "organisation": "Sauti ya Jamii",
        "inviter": "Amina",
        "role": "staff",
        "valid_days": 14,
    }
    with CaptureQueriesContext(connection) as queued:
        started = time.perf_counter()
        notify(
            users,
            message=gettext_lazy("The agreed actions were saved."),
            email_template="emails/invitation",
            email_context=context,
        )
        queue_seconds = time.perf_counter() - started
    pks = list(OutboxEmail.objects.values_list("pk", flat=True))
    with CaptureQueriesContext(connection) as sent_queries:
        started = time.perf_counter()
        sent = sum(
            emails.send_outbox_emails(pks[i : i + emails.SEND_BATCH])
            for i in range(0, len(pks), emails.SEND_BATCH)
        )
        send_seconds = time.perf_counter() - started
    started = time.perf_counter()
    republished = emails.sweep(min_age=datetime.timedelta(0))
    sweep_ms = (time.perf_counter() - started) * 1000
    print(
        f"queue {COUNT} emails with notify(): {queue_seconds * 1000:.0f} ms, {len(queued)} queries"
    )
    print(
        f"send them: {send_seconds:.2f} s ({COUNT / send_seconds:.0f} emails/s, rendered in "
        f"{len(LANGUAGES)} languages), {len(sent_queries) / sent:.1f} queries per email"
    )
    print(f"sweep with nothing pending: {sweep_ms:.1f} ms, {republished} republished")


if __name__ == "__main__" and "--profile" in sys.argv:
    import cProfile

    with (
        scratch_database("bench_outbox"),
        override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"),
    ):
        cProfile.run("main()", sort="cumulative")
elif __name__ == "__main__":
    with (
        scratch_database("bench_outbox"),
        override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"),
    ):
        main()
