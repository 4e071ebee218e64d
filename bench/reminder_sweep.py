"""Time the daily reminder sweep over 10,000 partnerships whose reports are all due.

Creates, migrates and finally drops its own database (bench_reminders) on whatever
DATABASE_URL names; PostgreSQL is the point. Emails are published to an in-memory broker so
that a running worker never sees these rows.
Usage: python bench/reminder_sweep.py [partnerships=10000] [batch=1000]
"""

import datetime
import os
import sys
import time

from _scratch import scratch_database  # first: it sets Django up
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from config.celery import app as celery_app  # noqa: E402

COUNT = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
BATCH = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
INTERNATIONALS = 50
FIRST = datetime.date(2026, 1, 1)
DUE = datetime.date(2026, 4, 30)  # Q1 ends 31 March, reports due 30 days later


def create_data():
    from partnerships.models import (
        Membership,
        Organisation,
        Partnership,
        PartnershipMember,
        ReportingSchedule,
        User,
    )

    internationals = Organisation.objects.bulk_create(
        Organisation(name=f"International {i}", country="DK", kind="international_cso")
        for i in range(INTERNATIONALS)
    )
    locals_ = Organisation.objects.bulk_create(
        Organisation(name=f"Local {i}", country="KE", kind="local_cso", is_local_actor=True)
        for i in range(COUNT)
    )
    organisations = internationals + locals_
    users = User.objects.bulk_create(
        User(email=f"staff{i}@example.org", password="!", language=("en", "fr", "es")[i % 3])
        for i in range(len(organisations))
    )
    Membership.objects.bulk_create(
        Membership(user=u, organisation=o, role="staff")
        for u, o in zip(users, organisations, strict=True)
    )
    partnerships = Partnership.objects.bulk_create(
        Partnership(title=f"Partnership {i}", status="active", local_needs="needs")
        for i in range(COUNT)
    )
    PartnershipMember.objects.bulk_create(
        [
            PartnershipMember(partnership=p, organisation=locals_[i], role="local_partner")
            for i, p in enumerate(partnerships)
        ]
        + [
            PartnershipMember(
                partnership=p,
                organisation=internationals[i % INTERNATIONALS],
                role="international_partner",
            )
            for i, p in enumerate(partnerships)
        ]
    )
    ReportingSchedule.objects.bulk_create(
        ReportingSchedule(
            partnership=p,
            interval_months=3,
            first_period_start=FIRST,
            next_period_start=FIRST,
            due_days=30,
            notice_days=14,
        )
        for p in partnerships
    )


def analyze():
    # Fresh bulk-loaded tables have no statistics yet; a live database has autovacuum's.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def timed(label, function):
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        result = function()
        seconds = time.perf_counter() - start
    print(f"{label}: {seconds:.2f} s, {len(queries)} queries, {result}")
    if os.environ.get("BENCH_SLOWEST"):
        slowest = sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[:4]
        in_db = sum(float(q["time"]) for q in queries.captured_queries)
        print(f"  {in_db:.2f} s in the database; slowest:")
        for query in slowest:
            print(f"  {query['time']} s  {query['sql'][:300]}")
    return result


def main():
    from partnerships.models import Notification, Reminder, ReminderEmail
    from partnerships.services.reminders import sweep
    from partnerships.services.reporting import report_periods_generate

    celery_app.conf.broker_url = "memory://"
    celery_app.conf.task_always_eager = False
    with scratch_database("bench_reminders"):
        start = time.perf_counter()
        create_data()
        print(
            f"database: {connection.vendor}; {COUNT} partnerships created in "
            f"{time.perf_counter() - start:.1f} s"
        )
        analyze()
        timed(
            "period generation (Q1 and Q2 for every schedule)",
            lambda: report_periods_generate(today=DUE),
        )
        analyze()
        result = timed(
            f"sweep on the due date (batch {BATCH})", lambda: sweep(today=DUE, batch_size=BATCH)
        )
        print(
            f"  reminders {Reminder.objects.count()}, emails queued "
            f"{ReminderEmail.objects.count()}, notifications {Notification.objects.count()}, "
            f"batches {result.batches}"
        )
        timed("second sweep the same day (nothing new)", lambda: sweep(today=DUE, batch_size=BATCH))


if __name__ == "__main__":
    main()
