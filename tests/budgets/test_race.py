import threading
import time
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import connection

from budgets.models import BudgetEvent, ChangeRequest
from budgets.services import changes
from budgets.services.rules import Move
from partnerships.models import Membership
from tests.conftest import require
from tests.factories import MembershipFactory

from .helpers import amounts, make_budget


def test_two_racing_approvals_apply_the_change_once(transactional_db, world, monkeypatch):
    require(connection.vendor == "postgresql", "the race needs PostgreSQL row locks")
    budget = make_budget(world)
    change = changes.change_request_create(
        budget=budget,
        user=world.local_admin,
        organisation=world.local_org,
        justification="Scale up locally",
        moves=[
            Move(
                budget.line["International programme"],
                budget.line["Local programme"],
                Decimal("10000"),
            )
        ],
    )
    second_approver = MembershipFactory(
        organisation=world.international_org, role=Membership.Role.STAFF
    ).user

    # Hold the first approval inside its transaction long enough that the second one
    # arrives while it is still running; without the row lock both would apply.
    original_apply = changes._apply

    def slow_apply(*args, **kwargs):
        result = original_apply(*args, **kwargs)
        time.sleep(0.5)
        return result

    monkeypatch.setattr(changes, "_apply", slow_apply)
    barrier = threading.Barrier(2)
    outcomes = []

    def approve(user):
        try:
            barrier.wait()
            changes.change_request_decide(
                change_request_id=change.pk, user=user, approve=True, comment="Yes"
            )
            outcomes.append("applied")
        except ValidationError as error:
            outcomes.append(error.messages[0])
        finally:
            connection.close()

    threads = [
        threading.Thread(target=approve, args=(u,))
        for u in (world.international_admin, second_approver)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == sorted(
        ["applied", "This request has already been decided (Approved and applied)."]
    )
    after = amounts(budget)
    assert after["Local programme"] == Decimal("30000")
    assert after["International programme"] == Decimal("50000")
    assert sum(after.values()) == Decimal("100000")
    assert budget.events.filter(kind=BudgetEvent.Kind.APPROVED).count() == 1
    assert ChangeRequest.objects.get(pk=change.pk).status == ChangeRequest.Status.APPROVED
    budget.refresh_from_db()
    assert budget.version == 2


def test_item4_two_simultaneous_small_requests_are_counted_together(
    transactional_db, world, monkeypatch
):
    """Each request moves 7.5% of a line (the rule allows 10%); sent at the same moment,
    without the budget's row lock both would see nothing moved yet and both would apply."""
    require(connection.vendor == "postgresql", "the race needs PostgreSQL row locks")
    budget = make_budget(world)
    original = changes.within_rules

    def slow_within_rules(**kwargs):
        result = original(**kwargs)
        time.sleep(0.5)  # both requests are inside their transactions at once
        return result

    monkeypatch.setattr(changes, "within_rules", slow_within_rules)
    barrier = threading.Barrier(2)
    statuses = []

    def ask(user, organisation):
        try:
            barrier.wait()
            statuses.append(
                changes.change_request_create(
                    budget=budget,
                    user=user,
                    organisation=organisation,
                    justification="Same time",
                    moves=[
                        Move(
                            budget.line["Local programme"],
                            budget.line["International programme"],
                            Decimal("1500"),
                        )
                    ],
                ).status
            )
        finally:
            connection.close()

    threads = [
        threading.Thread(target=ask, args=args)
        for args in (
            (world.local_admin, world.local_org),
            (world.international_admin, world.international_org),
        )
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(statuses) == [ChangeRequest.Status.APPLIED, ChangeRequest.Status.PENDING]
    assert amounts(budget)["Local programme"] == Decimal("18500")
    assert sorted(ChangeRequest.objects.values_list("number", flat=True)) == [1, 2]


def test_a_withdrawal_racing_an_approval_leaves_exactly_one_outcome(
    transactional_db, world, monkeypatch
):
    require(connection.vendor == "postgresql", "the race needs PostgreSQL row locks")
    budget = make_budget(world)
    change = changes.change_request_create(
        budget=budget,
        user=world.local_admin,
        organisation=world.local_org,
        justification="Scale up locally",
        moves=[
            Move(
                budget.line["International programme"],
                budget.line["Local programme"],
                Decimal("10000"),
            )
        ],
    )
    original_apply = changes._apply

    def slow_apply(*args, **kwargs):
        result = original_apply(*args, **kwargs)
        time.sleep(0.5)
        return result

    monkeypatch.setattr(changes, "_apply", slow_apply)
    barrier = threading.Barrier(2)
    outcomes = []

    def run(action):
        try:
            barrier.wait()
            action()
            outcomes.append("done")
        except ValidationError as error:
            outcomes.append(error.messages[0])
        finally:
            connection.close()

    threads = [
        threading.Thread(
            target=run,
            args=(
                lambda: changes.change_request_decide(
                    change_request_id=change.pk,
                    user=world.international_admin,
                    approve=True,
                    comment="Yes",
                ),
            ),
        ),
        threading.Thread(
            target=run,
            args=(
                lambda: changes.change_request_withdraw(
                    change_request_id=change.pk, user=world.local_admin
                ),
            ),
        ),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    change.refresh_from_db()
    assert outcomes.count("done") == 1
    assert [o for o in outcomes if o != "done"][0].startswith("This request has already been")
    moved = amounts(budget)["Local programme"] == Decimal("30000")
    assert moved == (change.status == ChangeRequest.Status.APPROVED)
    assert change.status in {ChangeRequest.Status.APPROVED, ChangeRequest.Status.WITHDRAWN}
    assert (
        budget.events.filter(
            kind__in=[BudgetEvent.Kind.APPROVED, BudgetEvent.Kind.WITHDRAWN]
        ).count()
        == 1
    )
