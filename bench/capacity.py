"""The capacity results page for a round with 5 organisations × 60 items, every organisation
assessing itself and each partner (25 assessments, 1,500 scores), with a previous round to
compare with.

Runs against a scratch test database on whatever DATABASE_URL names.
Usage: python bench/capacity.py [requests=30]
"""

import datetime
import statistics
import sys
import time

from _scratch import scratch_database  # first: it sets Django up
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

REQUESTS = int(sys.argv[1]) if len(sys.argv) > 1 else 30
ORGANISATIONS = 5
DOMAINS, ITEMS_PER_DOMAIN = 10, 6


def main():
    with scratch_database():
        from capacity.models import Assessment, Domain, Framework, Item, Level, Score
        from capacity.services import assessment as services
        from partnerships.models import (
            Membership,
            Organisation,
            Partnership,
            PartnershipMember,
            User,
        )

        partnership = Partnership.objects.create(title="Bench", local_needs="n")
        orgs, users = [], []
        for n in range(ORGANISATIONS):
            org = Organisation.objects.create(
                name=f"Org {n}",
                country="KE",
                kind="local_cso" if n < 3 else "international_cso",
                is_local_actor=n < 3,
            )
            user = User.objects.create_user(f"u{n}@example.org", "x")
            Membership.objects.create(user=user, organisation=org, role="admin")
            PartnershipMember.objects.create(
                partnership=partnership,
                organisation=org,
                role="local_partner" if n < 3 else "international_partner",
            )
            orgs.append(org)
            users.append(user)
        framework = Framework.objects.create(name="Bench framework")
        for value in (1, 2, 3, 4):
            Level.objects.create(framework=framework, value=value, name=str(value), descriptor="d")
        for d in range(DOMAINS):
            domain = Domain.objects.create(
                framework=framework, code=f"d{d}", name=f"Domain {d}", order=d
            )
            Item.objects.bulk_create(
                Item(domain=domain, text=f"Item {d}.{i}", order=i) for i in range(ITEMS_PER_DOMAIN)
            )
        rounds = []
        for year in (2025, 2026):
            round_ = services.round_start(
                partnership=partnership,
                framework=framework,
                title=f"Round {year}",
                opened_on=datetime.date(year, 1, 1),
                user=users[0],
            )
            items = list(round_.items.all())
            for a, assessor in enumerate(orgs):
                for s, subject in enumerate(orgs):
                    assessment = Assessment.objects.create(
                        round=round_,
                        assessor=assessor,
                        subject=subject,
                        status=Assessment.Status.SUBMITTED,
                    )
                    Score.objects.bulk_create(
                        Score(
                            assessment=assessment,
                            item=item,
                            score=1 + (a + s + i + year) % 4,
                            comment="c",
                        )
                        for i, item in enumerate(items)
                    )
            rounds.append(round_)
        latest = rounds[-1]
        assert latest.is_complete
        client = Client()
        client.force_login(users[0])
        url = latest.get_absolute_url()
        assert client.get(url).status_code == 200
        timings = []
        for _ in range(REQUESTS):
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        scores = Score.objects.filter(assessment__round=latest).count()
        print(
            f"results page, {ORGANISATIONS} organisations × {DOMAINS * ITEMS_PER_DOMAIN} items "
            f"({scores} scores, previous round compared):"
        )
        print(
            f"  median {statistics.median(timings):.1f} ms over {REQUESTS} requests, "
            f"min {min(timings):.1f} ms, max {max(timings):.1f} ms, {len(queries)} queries, "
            f"{len(response.content) // 1024} KiB of HTML"
        )


if __name__ == "__main__":
    main()
