"""#9 item 4: the flexibility rule cannot be split around, and the shared terms of a budget in
use (currency, period, total) change only through a request the other party approves."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from budgets.models import BudgetEvent, ChangeRequest
from budgets.services import changes, lines
from budgets.services.rules import Move

from .helpers import amounts, make_budget

pytestmark = pytest.mark.django_db


def _ask(world, budget, source, target, amount, *, international=False, **terms):
    user, org = (
        (world.international_admin, world.international_org)
        if international
        else (world.local_admin, world.local_org)
    )
    moves = [Move(budget.line[source], budget.line[target], Decimal(amount))] if source else []
    return changes.change_request_create(
        budget=budget,
        user=user,
        organisation=org,
        justification="Small adjustment",
        moves=moves,
        **terms,
    )


def _approve(change, user):
    return changes.change_request_decide(
        change_request_id=change.pk, user=user, approve=True, comment="Agreed"
    )


def test_item4_eight_small_requests_cannot_move_35_percent_of_a_line_without_approval(world):
    budget = make_budget(world)  # rule: 10% of a line, 5,000 EUR
    # Each request takes 875 (4.4%) of the local partner's 20,000 programme line: each one is
    # within the rule, eight of them would move 35% of the line to the other partner.
    results = [
        _ask(
            world, budget, "Local programme", "International programme", "875", international=True
        ).status
        for _ in range(8)
    ]
    assert results[:2] == [ChangeRequest.Status.APPLIED] * 2
    assert results[2:] == [ChangeRequest.Status.PENDING] * 6
    assert amounts(budget)["Local programme"] == Decimal("18250")  # 8.75% moved, not 35%


def test_item4_an_approved_change_starts_a_new_baseline(world):
    budget = make_budget(world)
    for _ in range(2):
        _ask(world, budget, "Local programme", "International programme", "875", international=True)
    waiting = _ask(
        world, budget, "Local programme", "International programme", "875", international=True
    )
    assert waiting.is_pending
    _approve(waiting, world.local_admin)
    # The local partner saw the budget as it stands and approved: small moves count afresh.
    after = _ask(
        world, budget, "Local programme", "International programme", "875", international=True
    )
    assert after.status == ChangeRequest.Status.APPLIED
    assert amounts(budget)["Local programme"] == Decimal("16500")


def test_item4_approving_the_other_sides_request_does_not_reset_your_own_count(world):
    budget = make_budget(world)
    for _ in range(2):  # the local partner moves 8.75% of its 20,000 programme line
        _ask(world, budget, "Local programme", "International programme", "875")
    theirs = _ask(
        world,
        budget,
        "International overhead",
        "Financial management mentoring",
        "3000",
        international=True,
    )
    assert theirs.is_pending
    _approve(theirs, world.local_admin)
    # Approving the other side's request is no sign-off of one's own earlier moves.
    again = _ask(world, budget, "Local programme", "International programme", "875")
    assert again.is_pending


def test_item4_the_amount_limit_counts_everything_moved_since_the_baseline(world):
    budget = make_budget(world)
    budget.flexibility_rule.percent_threshold = None  # amount limit only: 5,000 EUR
    budget.flexibility_rule.save()
    statuses = [
        _ask(world, budget, "International programme", "Local programme", "2000").status
        for _ in range(3)
    ]
    assert statuses == [
        ChangeRequest.Status.APPLIED,
        ChangeRequest.Status.APPLIED,
        ChangeRequest.Status.PENDING,
    ]
    # Moving money back and forth is not moving more: the net change is what counts.
    back = _ask(world, budget, "Local programme", "International programme", "2000")
    assert back.status == ChangeRequest.Status.APPLIED


def test_item4_currency_and_period_of_a_budget_in_use_change_only_through_approval(client, world):
    budget = make_budget(world)
    with pytest.raises(ValidationError, match="change request"):
        lines.budget_update(
            budget=budget,
            user=world.local_admin,
            title=budget.title,
            currency="USD",
            period_start=None,
            period_end=None,
        )
    client.force_login(world.local_admin)
    client.post(
        reverse("budgets:edit", args=[budget.partnership_id, budget.pk]),
        {"title": "Year one", "currency": "USD", "period_start": "2027-01-01"},
    )
    budget.refresh_from_db()
    assert (budget.currency, budget.period_start) == ("EUR", None)

    # A change of terms always waits for the other party, however small.
    change = _ask(world, budget, None, None, "0", new_currency="usd")
    assert change.is_pending and change.new_currency == "USD"
    budget.refresh_from_db()
    assert budget.currency == "EUR"
    _approve(change, world.international_admin)
    budget.refresh_from_db()
    assert budget.currency == "USD"
    assert "currency EUR → USD" in budget.events.get(kind=BudgetEvent.Kind.APPROVED).summary


def test_requests_in_the_old_currency_lapse_when_the_currency_changes(world):
    budget = make_budget(world)
    in_euros = _ask(world, budget, "International programme", "Local programme", "9000")
    to_usd = _ask(world, budget, None, None, "0", new_currency="USD", international=True)
    _approve(to_usd, world.local_admin)
    in_euros.refresh_from_db()
    assert in_euros.status == ChangeRequest.Status.LAPSED
    assert in_euros.decision_comment == (
        "The budget's currency changed from EUR to USD; ask again in the new currency."
    )


def test_item4_a_request_that_changes_the_total_always_waits(world):
    budget = make_budget(world)
    change = changes.change_request_create(
        budget=budget,
        user=world.local_admin,
        organisation=world.local_org,
        justification="Donor top-up",
        changes_total=True,
        moves=[Move(None, budget.line["Local programme"], Decimal("1"))],
    )
    assert change.is_pending
    assert sum(amounts(budget).values()) == Decimal("100000")
