"""Public feedback form throughput and the case list with 10,000 cases.

Runs against a scratch test database on whatever DATABASE_URL names (SQLite by default).
Usage: python bench/feedback.py [posts=200] [requests=30]
"""

import datetime
import gzip
import statistics
import sys
import time
from pathlib import Path

from _scratch import scratch_database  # first: it sets Django up
from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

POSTS = int(sys.argv[1]) if len(sys.argv) > 1 else 200
REQUESTS = int(sys.argv[2]) if len(sys.argv) > 2 else 30
CASES = 10_000


def main():
    settings.FEEDBACK_RATE_LIMIT = 10**9  # measure the form, not the limiter's refusals
    settings.CELERY_TASK_ALWAYS_EAGER = False
    with scratch_database():
        from django.utils import timezone

        from feedback.models import Case, Channel
        from feedback.models.cases import random_code
        from partnerships.models import (
            Membership,
            Organisation,
            Partnership,
            PartnershipMember,
            User,
        )

        local = Organisation.objects.create(
            name="Local", country="KE", kind="local_cso", is_local_actor=True
        )
        user = User.objects.create_user("local@example.org", "x")
        Membership.objects.create(user=user, organisation=local, role="admin")
        partnership = Partnership.objects.create(title="Bench", local_needs="n")
        PartnershipMember.objects.create(
            partnership=partnership, organisation=local, role="local_partner"
        )
        channel = Channel.objects.create(
            partnership=partnership, public_name="Bench", web_form_open=True, rights_text="Rights"
        )
        public = Client()
        url = channel.get_public_url()
        page = public.get(url)
        css = (
            Path(__file__).resolve().parent.parent / "static/css/feedback_public.css"
        ).read_bytes()
        print(
            f"public form page: {len(page.content)} bytes of HTML "
            f"({len(gzip.compress(page.content))} gzipped), stylesheet {len(css)} bytes "
            f"({len(gzip.compress(css))} gzipped), no script, no images"
        )
        start = time.perf_counter()
        for i in range(POSTS):
            response = public.post(url, {"kind": "complaint", "text": f"Message {i}", "lang": "en"})
            assert response.status_code == 200, response.status_code
        elapsed = time.perf_counter() - start
        with CaptureQueriesContext(connection) as queries:
            public.post(url, {"kind": "complaint", "text": "One more", "lang": "en"})
        print(
            f"public form: {POSTS / elapsed:.0f} POSTs per second "
            f"({elapsed / POSTS * 1000:.1f} ms each, {POSTS} posts, "
            f"{len(queries)} queries per post)"
        )

        now = timezone.now()
        statuses = list(Case.Status)
        kinds = list(Case.Kind)
        Case.objects.bulk_create(
            Case(
                partnership=partnership,
                reference=f"FB-{random_code(8)}",
                kind=kinds[i % 4],
                status=statuses[i % len(statuses)],
                via="web",
                text=f"Case {i}",
                received_at=now - datetime.timedelta(minutes=i),
                acknowledge_due=now.date(),
                respond_due=now.date(),
                closed_at=now if statuses[i % len(statuses)] == "closed" else None,
            )
            for i in range(CASES - POSTS)
        )
        client = Client()
        client.force_login(user)
        print(f"{'page':>28} {'median ms':>10} {'queries':>8}")
        for label, path in (
            ("case list (10,000 cases)", f"/partnerships/{partnership.pk}/feedback/"),
            ("case list, open only", f"/partnerships/{partnership.pk}/feedback/?status=open"),
            ("dashboard", f"/partnerships/{partnership.pk}/feedback/dashboard/"),
            ("CSV export", f"/partnerships/{partnership.pk}/feedback/cases.csv"),
        ):
            client.get(path)
            timings = []
            for _ in range(REQUESTS if "CSV" not in label else 5):
                start = time.perf_counter()
                assert client.get(path).status_code == 200
                timings.append((time.perf_counter() - start) * 1000)
            with CaptureQueriesContext(connection) as queries:
                client.get(path)
            print(f"{label:>28} {statistics.median(timings):>10.1f} {len(queries):>8}")


if __name__ == "__main__":
    main()
