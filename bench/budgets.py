"""Budget page and change approval timings as a budget grows.

Runs against a scratch test database on whatever DATABASE_URL names (SQLite by default).
Usage: python bench/budgets.py [requests=30]
"""

import statistics
import sys
import time
from decimal import Decimal

from _scratch import scratch_database  # first: it sets Django up
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

REQUESTS = int(sys.argv[1]) if len(sys.argv) > 1 else 30


def main():
    with scratch_database():
        from budgets.models import Budget, BudgetLine, FlexibilityAgreement, FlexibilityRule
        from budgets.services.changes import change_request_create, change_request_decide
        from budgets.services.rules import Move
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
        intl = Organisation.objects.create(name="Intl", country="DK", kind="international_cso")
        local_user = User.objects.create_user("local@example.org", "x")
        intl_user = User.objects.create_user("intl@example.org", "x")
        Membership.objects.create(user=local_user, organisation=local, role="admin")
        Membership.objects.create(user=intl_user, organisation=intl, role="admin")
        partnership = Partnership.objects.create(title="Bench", local_needs="n")
        PartnershipMember.objects.create(
            partnership=partnership, organisation=local, role="local_partner"
        )
        PartnershipMember.objects.create(
            partnership=partnership, organisation=intl, role="international_partner"
        )
        client = Client()
        client.force_login(local_user)
        print(f"{'lines':>6} {'page median ms':>15} {'queries':>8} {'approve median ms':>18}")
        for count in (10, 100, 1000):
            budget = Budget.objects.create(
                partnership=partnership, title=f"B{count}", status="active"
            )
            categories = list(BudgetLine.Category)
            lines = BudgetLine.objects.bulk_create(
                BudgetLine(
                    budget=budget,
                    category=categories[i % len(categories)],
                    organisation=local if i % 2 else intl,
                    description=f"Line {i}",
                    amount=Decimal(100000),
                )
                for i in range(count)
            )
            rule = FlexibilityRule.objects.create(budget=budget, percent_threshold=Decimal("0.1"))
            for org, user in ((local, local_user), (intl, intl_user)):
                FlexibilityAgreement.objects.create(
                    rule=rule, organisation=org, rule_version=1, agreed_by=user
                )
            url = budget.get_absolute_url()
            client.get(url)
            timings = []
            for _ in range(REQUESTS):
                start = time.perf_counter()
                assert client.get(url).status_code == 200
                timings.append((time.perf_counter() - start) * 1000)
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            approvals = []
            for i in range(REQUESTS):
                change = change_request_create(
                    budget=budget,
                    user=local_user,
                    organisation=local,
                    justification="bench",
                    moves=[Move(lines[i % (count - 1)], lines[i % (count - 1) + 1], Decimal(500))],
                )
                start = time.perf_counter()
                change_request_decide(
                    change_request_id=change.pk, user=intl_user, approve=True, comment="ok"
                )
                approvals.append((time.perf_counter() - start) * 1000)
            print(
                f"{count:>6} {statistics.median(timings):>15.1f} {len(queries):>8} "
                f"{statistics.median(approvals):>18.1f}"
            )


if __name__ == "__main__":
    main()
