"""A worked example budget shared by the budget tests."""

from decimal import Decimal

from budgets.models import Budget, BudgetLine, FlexibilityAgreement, FlexibilityRule

C = BudgetLine.Category


def make_budget(world, *, status=Budget.Status.ACTIVE, rule=True, agreed=True) -> Budget:
    """Total 100,000 EUR: local partner manages programme 20,000, core 5,000, overhead 1,000
    and reserve 5,000; the international partner programme 60,000, overhead 3,000 and
    capacity strengthening 6,000."""
    budget = Budget.objects.create(partnership=world.partnership, title="Year one",
                                   currency="EUR", status=status)
    lines = [
        (C.PROGRAMME, world.local_org, "Local programme", "20000"),
        (C.CORE, world.local_org, "Office rent and internet", "5000"),
        (C.OVERHEAD, world.local_org, "Local overhead", "1000"),
        (C.PROGRAMME, world.international_org, "International programme", "60000"),
        (C.OVERHEAD, world.international_org, "International overhead", "3000"),
        (C.CAPACITY, world.international_org, "Financial management mentoring", "6000"),
        (C.RESERVE, world.local_org, "Flexible reserve", "5000"),
    ]
    budget.line = {}
    for category, org, description, amount in lines:
        budget.line[description] = BudgetLine.objects.create(
            budget=budget, category=category, organisation=org, description=description,
            amount=Decimal(amount),
        )
    if rule:
        flex = FlexibilityRule.objects.create(
            budget=budget, percent_threshold=Decimal("10"), amount_threshold=Decimal("5000")
        )
        if agreed:
            FlexibilityAgreement.objects.create(rule=flex, organisation=world.local_org,
                                                rule_version=1, agreed_by=world.local_admin)
            FlexibilityAgreement.objects.create(rule=flex, organisation=world.international_org,
                                                rule_version=1,
                                                agreed_by=world.international_admin)
    return budget


def amounts(budget) -> dict[str, Decimal]:
    return dict(budget.lines.values_list("description", "amount"))
