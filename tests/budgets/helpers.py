"""A worked example budget shared by the budget tests, built with tests/factories.py."""

from decimal import Decimal

from budgets.models import Budget, BudgetLine
from tests.factories import (
    BudgetFactory,
    BudgetLineFactory,
    ChangeMoveFactory,
    ChangeRequestFactory,
    FlexibilityAgreementFactory,
    FlexibilityRuleFactory,
)

C = BudgetLine.Category


def make_budget(world, *, status=Budget.Status.ACTIVE, rule=True, agreed=True) -> Budget:
    """Total 100,000 EUR: local partner manages programme 20,000, core 5,000, overhead 1,000
    and reserve 5,000; the international partner programme 60,000, overhead 3,000 and
    capacity strengthening 6,000. The rule: 10% of a line and 5,000 EUR."""
    budget = BudgetFactory(
        partnership=world.partnership, title="Year one", currency="EUR", status=status
    )
    lines = [
        (C.PROGRAMME, world.local_org, "Local programme", "20000"),
        (C.CORE, world.local_org, "Office rent and internet", "5000"),
        (C.OVERHEAD, world.local_org, "Local overhead", "1000"),
        (C.PROGRAMME, world.international_org, "International programme", "60000"),
        (C.OVERHEAD, world.international_org, "International overhead", "3000"),
        (C.CAPACITY, world.international_org, "Financial management mentoring", "6000"),
        (C.RESERVE, world.local_org, "Flexible reserve", "5000"),
    ]
    budget.line = {
        description: BudgetLineFactory(
            budget=budget,
            category=category,
            organisation=org,
            description=description,
            amount=Decimal(amount),
        )
        for category, org, description, amount in lines
    }
    if rule:
        flex = FlexibilityRuleFactory(
            budget=budget, percent_threshold=Decimal("10"), amount_threshold=Decimal("5000")
        )
        if agreed:
            FlexibilityAgreementFactory(
                rule=flex, organisation=world.local_org, agreed_by=world.local_admin
            )
            FlexibilityAgreementFactory(
                rule=flex, organisation=world.international_org, agreed_by=world.international_admin
            )
    return budget


def make_pending_change(
    world, budget, source="Flexible reserve", target="Local programme", amount="100"
):
    """A stored request from the local partner, waiting for the international partner."""
    change = ChangeRequestFactory(
        budget=budget, requested_by=world.local_admin, requesting_organisation=world.local_org
    )
    ChangeMoveFactory(
        change_request=change,
        from_line=budget.line[source],
        to_line=budget.line[target],
        amount=Decimal(amount),
    )
    return change


def amounts(budget) -> dict[str, Decimal]:
    return dict(budget.lines.values_list("description", "amount"))
