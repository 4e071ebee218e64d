import pytest
from django.core.management import call_command

from budgets import services
from budgets.models import Budget, ChangeRequest

pytestmark = pytest.mark.django_db


def test_the_demo_seeds_budgets_that_reconcile(client):
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    budgets = list(Budget.objects.all())
    assert budgets
    for budget in budgets:
        # a reallocation moved money without changing the total of the drafted lines
        assert budget.events.order_by("pk").last().total_after == services.total_of(
            budget.lines.all())
        assert services.rule_state(budget).in_force
    assert ChangeRequest.objects.filter(status="pending").count() == len(budgets)
