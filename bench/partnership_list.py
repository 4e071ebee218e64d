"""Median time and query count of the partnership list for a user with many partnerships.

Runs against a scratch test database on whatever DATABASE_URL names (SQLite by default).
Usage: python bench/partnership_list.py [partnerships=500] [requests=50]
"""

import statistics
import sys
import time

from _scratch import scratch_database  # first: it sets Django up
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

COUNT = int(sys.argv[1]) if len(sys.argv) > 1 else 500
REQUESTS = int(sys.argv[2]) if len(sys.argv) > 2 else 50


def main():
    with scratch_database():
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
        partners = Organisation.objects.bulk_create(
            Organisation(name=f"Partner {i}", country="DK", kind="international_cso")
            for i in range(20)
        )
        user = User.objects.create_user("bench@example.org", "x")
        Membership.objects.create(user=user, organisation=local, role="admin")
        partnerships = Partnership.objects.bulk_create(
            Partnership(title=f"Partnership {i}", local_needs="needs") for i in range(COUNT)
        )
        PartnershipMember.objects.bulk_create(
            [
                PartnershipMember(partnership=p, organisation=local, role="local_partner")
                for p in partnerships
            ]
            + [
                PartnershipMember(
                    partnership=p, organisation=partners[i % 20], role="international_partner"
                )
                for i, p in enumerate(partnerships)
            ]
        )
        client = Client()
        client.force_login(user)
        client.get("/partnerships/")  # warm caches and templates
        timings = []
        for _ in range(REQUESTS):
            start = time.perf_counter()
            response = client.get("/partnerships/")
            timings.append(time.perf_counter() - start)
            assert response.status_code == 200
        with CaptureQueriesContext(connection) as queries:
            client.get("/partnerships/", {"q": "Partnership 1", "status": "exploring"})
        print(f"database: {connection.vendor}")
        print(f"partnerships visible: {COUNT}")
        print(
            f"median list page: {statistics.median(timings) * 1000:.1f} ms "
            f"(p90 {statistics.quantiles(timings, n=10)[-1] * 1000:.1f} ms, "
            f"{REQUESTS} requests)"
        )
        print(f"queries per page (filtered): {len(queries)}")


if __name__ == "__main__":
    main()
