import pytest
from django.core.management import call_command

from budgets.models import Budget, ChangeRequest
from budgets.services.indicators import total_of
from budgets.services.rules import rule_state

pytestmark = pytest.mark.django_db


def test_the_demo_seeds_budgets_that_reconcile(client):
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    budgets = list(Budget.objects.all())
    assert budgets
    for budget in budgets:
        # a reallocation moved money without changing the total of the drafted lines
        assert budget.events.order_by("pk").last().total_after == total_of(
            budget.lines.all())
        assert rule_state(budget=budget).in_force
    assert ChangeRequest.objects.filter(status="pending").count() == len(budgets)
