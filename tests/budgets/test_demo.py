import pytest
from django.core.management import call_command

from budgets.models import Budget, ChangeRequest
from budgets.services.indicators import total_of
from budgets.services.rules import rule_state
from partnerships.models import Membership

from .main_pages import pages

pytestmark = pytest.mark.django_db


def test_the_demo_seeds_budgets_that_reconcile(client):
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    budgets = list(Budget.objects.all())
    assert budgets
    for budget in budgets:
        # a reallocation moved money without changing the total of the drafted lines
        assert budget.events.order_by("pk").last().total_after == total_of(budget.lines.all())
        assert rule_state(budget=budget).in_force
    assert ChangeRequest.objects.filter(status="pending").count() == len(budgets)
    # The main pages the cross-app browser checks open exist for every demo budget, and each
    # one numbers its requests from #1.
    for budget in budgets:
        assert sorted(budget.change_requests.values_list("number", flat=True)) == [1, 2]
        member = Membership.objects.filter(
            organisation__partnership_memberships__partnership=budget.partnership
        ).first()
        client.force_login(member.user)
        labels = []
        for label, url in pages(budget.partnership):
            assert client.get(url).status_code == 200, url
            labels.append(label)
        assert labels == ["budgets", "budget", "budget change request"]
