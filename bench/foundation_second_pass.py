"""Time the foundation's second pass at scale: the reminder sources (agreed actions, unsigned
MoUs, renewals), the MoU expiry, the CSV exports and the calendar feed.

Creates, migrates and finally drops its own database (bench_foundation) on whatever
DATABASE_URL names; emails go to an in-memory broker so a running worker never sees them.
Usage: python bench/foundation_second_pass.py [partnerships=5000] [mine=500]
"""

import datetime
import sys
import time

from _scratch import scratch_database  # first: it sets Django up
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from config.celery import app as celery_app  # noqa: E402

ARGS = [int(a) for a in sys.argv[1:]]
COUNT, MINE = (ARGS + [5000, 500][len(ARGS) :])[:2]
TODAY = datetime.date(2027, 6, 1)
ACTIONS_EACH = 5


def create_data():
    from partnerships.models import (
        AgreedAction,
        Membership,
        Mou,
        Organisation,
        Partnership,
        PartnershipMember,
        User,
    )

    international = Organisation.objects.create(
        name="International", country="DK", kind="international_cso"
    )
    locals_ = Organisation.objects.bulk_create(
        Organisation(name=f"Local {i}", country="KE", kind="local_cso", is_local_actor=True)
        for i in range(COUNT)
    )
    users = User.objects.bulk_create(
        User(email=f"admin{i}@example.org", password="!") for i in range(COUNT + 1)
    )
    Membership.objects.bulk_create(
        [
            Membership(user=users[i], organisation=o, role="admin", is_signatory=True)
            for i, o in enumerate(locals_)
        ]
        + [Membership(user=users[-1], organisation=international, role="admin", is_signatory=True)]
    )
    partnerships = Partnership.objects.bulk_create(
        Partnership(
            title=f"Partnership {i}",
            status="active",
            local_needs="needs",
            start_date=datetime.date(2026, 1, 1),
        )
        for i in range(COUNT)
    )
    PartnershipMember.objects.bulk_create(
        [
            PartnershipMember(partnership=p, organisation=locals_[i], role="local_partner")
            for i, p in enumerate(partnerships)
        ]
        # The international organisation (the measured user's) is in MINE of them.
        + [
            PartnershipMember(
                partnership=p, organisation=international, role="international_partner"
            )
            for p in partnerships[:MINE]
        ]
    )
    AgreedAction.objects.bulk_create(
        AgreedAction(
            partnership=p,
            title=f"Action {j}",
            owner_organisation=locals_[i],
            due_date=TODAY + datetime.timedelta(days=(i + j) % 40 - 20),
        )
        for i, p in enumerate(partnerships)
        for j in range(ACTIONS_EACH)
    )
    # MoUs in force; a tenth past their end, a tenth in the renewal window, a tenth awaiting.
    mous = []
    for i, p in enumerate(partnerships):
        kind = i % 10
        end = (
            TODAY - datetime.timedelta(days=3)
            if kind == 0
            else TODAY + datetime.timedelta(days=30)
            if kind == 1
            else TODAY + datetime.timedelta(days=400)
        )
        status = "awaiting" if kind == 2 else "in_force"
        mous.append(
            Mou(
                partnership=p,
                version=1,
                status=status,
                title=f"MoU {i}",
                term_start=datetime.date(2026, 1, 1),
                term_end=end,
                decision_making="d",
                accountability="a",
                transparency="t",
                resources="r",
                communication="c",
                representation="r",
                parties=[{"organisation_id": locals_[i].pk}],
                content_hash="0" * 64,
                sent_at=datetime.datetime(2027, 5, 1, tzinfo=datetime.UTC),
            )
        )
    Mou.objects.bulk_create(mous)
    return users[-1]


def timed(label, function):
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        result = function()
        seconds = time.perf_counter() - start
    print(f"{label}: {seconds:.2f} s, {len(queries)} queries, {result}")
    return result


def main():
    from django.urls import reverse

    from partnerships.models import CalendarFeed, Partnership
    from partnerships.reminders import send_due_reminders
    from partnerships.services.mou_lifecycle import mou_expire_due

    celery_app.conf.broker_url = "memory://"
    celery_app.conf.task_always_eager = False
    with scratch_database("bench_foundation"):
        start = time.perf_counter()
        user = create_data()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(
            f"database: {connection.vendor}; {COUNT} partnerships, "
            f"{COUNT * ACTIONS_EACH} actions in {time.perf_counter() - start:.1f} s"
        )
        timed(
            f"MoU expiry ({COUNT // 10} past their end)", lambda: len(mou_expire_due(today=TODAY))
        )
        timed("MoU expiry again (nothing to do)", lambda: len(mou_expire_due(today=TODAY)))
        timed("reminder sources, first run (steps sent)", lambda: send_due_reminders(TODAY))
        timed("reminder sources, same day again (nothing new)", lambda: send_due_reminders(TODAY))
        client = Client()
        client.force_login(user)
        feed = CalendarFeed.objects.create(user=user)
        one = Partnership.objects.filter(members__organisation__memberships__user=user).first()
        for label, url in [
            (
                f"partnerships CSV ({MINE} partnerships)",
                reverse("partnerships:export_partnerships"),
            ),
            (
                "actions CSV (one partnership)",
                reverse("partnerships:export_actions", args=[one.pk]),
            ),
            (f"calendar feed ({MINE} partnerships)", feed.get_absolute_url()),
        ]:

            def fetch(url=url):
                response = client.get(url)
                body = (
                    b"".join(response.streaming_content) if response.streaming else response.content
                )
                return f"{response.status_code}, {len(body)} bytes"

            timed(label, fetch)


if __name__ == "__main__":
    main()
