"""Health page, portfolio and exports with 1,000 partnerships, the organisation in 200 of them;
and the monthly snapshot of all 1,000.

Runs against a scratch test database on whatever DATABASE_URL names.
Usage: python bench/health.py [requests=20]
"""

import datetime
import statistics
import sys
import time
from decimal import Decimal

from _scratch import scratch_database  # first: it sets Django up
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

REQUESTS = int(sys.argv[1]) if len(sys.argv) > 1 else 20
PARTNERSHIPS = 1000
OURS = 200


def seed():
    from budgets.models import Budget, BudgetLine
    from partnerships.models import (
        Membership,
        Organisation,
        Partnership,
        PartnershipMember,
        ReflectionResponse,
        ReflectionRound,
        User,
    )

    ours = Organisation.objects.create(name="Ours", country="DK", kind="international_cso")
    locals_ = Organisation.objects.bulk_create(
        Organisation(
            name=f"Local {n}",
            country=["KE", "UG", "ML", "MZ"][n % 4],
            kind="local_cso",
            is_local_actor=True,
        )
        for n in range(50)
    )
    others = Organisation.objects.bulk_create(
        Organisation(name=f"Other {n}", country="ES", kind="international_cso") for n in range(20)
    )
    user = User.objects.create_user("bench@example.org", "x")
    Membership.objects.create(user=user, organisation=ours, role="admin")
    partnerships = Partnership.objects.bulk_create(
        Partnership(title=f"P{n:04d}", status="active", local_needs="n")
        for n in range(PARTNERSHIPS)
    )
    PartnershipMember.objects.bulk_create(
        [
            PartnershipMember(partnership=p, organisation=locals_[n % 50], role="local_partner")
            for n, p in enumerate(partnerships)
        ]
        + [
            PartnershipMember(
                partnership=p,
                organisation=ours if n < OURS else others[n % 20],
                role="international_partner",
            )
            for n, p in enumerate(partnerships)
        ]
    )
    budgets = Budget.objects.bulk_create(
        Budget(partnership=p, title="B", currency="EUR") for p in partnerships
    )
    BudgetLine.objects.bulk_create(
        BudgetLine(
            budget=b, category=category, organisation=org, description="x", amount=Decimal(1000 + n)
        )
        for n, b in enumerate(budgets)
        for category, org in (
            ("programme", locals_[n % 50]),
            ("overhead", ours),
            ("overhead", locals_[n % 50]),
            ("programme", ours),
        )
    )
    rounds = ReflectionRound.objects.bulk_create(
        ReflectionRound(partnership=p, title="R") for p in partnerships[::2]
    )
    ReflectionResponse.objects.bulk_create(
        ReflectionResponse(round=r, organisation_id=r.partnership.members.first().organisation_id)
        for r in rounds[:100]
    )
    return user, ours, partnerships


def timed(client, url, runs):
    times, queries = [], 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(captured)
    return statistics.median(times), queries


def main():
    with scratch_database():
        from health.services import snapshots_take

        start = time.perf_counter()
        user, ours, partnerships = seed()
        print(f"seeded {PARTNERSHIPS} partnerships in {time.perf_counter() - start:.1f} s")
        client = Client()
        client.force_login(user)
        rows = [
            ("health page", reverse("health:partnership", args=[partnerships[0].pk]), REQUESTS),
            ("portfolio (200)", reverse("health:portfolio"), REQUESTS),
            ("portfolio CSV (200)", reverse("health:portfolio_csv"), max(3, REQUESTS // 4)),
            ("portfolio XLSX (200)", reverse("health:portfolio_xlsx"), max(3, REQUESTS // 4)),
            ("API portfolio (200)", reverse("health:api_portfolio"), max(3, REQUESTS // 4)),
        ]
        print(f"{'page':<22} {'median ms':>10} {'queries':>8}")
        for label, url, runs in rows:
            median, queries = timed(client, url, runs)
            print(f"{label:<22} {median:>10.1f} {queries:>8}")
        from health.review_pdf import render_pdf

        for language in ("en", "ar"):
            times = []
            for _ in range(3):
                start = time.perf_counter()
                size = len(
                    render_pdf(partnerships[0], today=datetime.date.today(), language=language)
                )
                times.append((time.perf_counter() - start) * 1000)
            print(
                f"review PDF ({language}): median {statistics.median(times):.0f} ms, "
                f"{size // 1024} KiB"
            )
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            taken = snapshots_take(today=datetime.date.today())
            elapsed = time.perf_counter() - start
        print(f"monthly snapshot: {taken} partnerships in {elapsed:.2f} s, {len(captured)} queries")


if __name__ == "__main__":
    main()
