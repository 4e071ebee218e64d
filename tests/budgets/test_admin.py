"""The budgets admin keeps the rules the app keeps (#8)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from budgets.models import Budget, BudgetLine, ChangeRequest, FlexibilityAgreement
from budgets.services.rules import rule_state
from tests.factories import UserFactory

from .helpers import amounts, make_budget, make_pending_change

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def _change_url(model, obj):
    return reverse(f"admin:budgets_{model}_change", args=[obj.pk])


def _budget_post(budget, lines, **overrides):
    """The budget change form as the admin page posts it, lines inline."""
    data = {
        "title": budget.title,
        "currency": budget.currency,
        "period_start": "",
        "period_end": "",
        "partnership": budget.partnership_id,
        "lines-TOTAL_FORMS": str(len(lines)),
        "lines-INITIAL_FORMS": str(len(lines)),
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "1000",
    }
    for n, line in enumerate(lines):
        data.update(
            {
                f"lines-{n}-id": line.pk,
                f"lines-{n}-budget": budget.pk,
                f"lines-{n}-category": line.category,
                f"lines-{n}-organisation": line.organisation_id,
                f"lines-{n}-description": line.description,
                f"lines-{n}-amount": "1",
            }
        )
    data.update(overrides)
    return data


def test_admin_lines_of_a_budget_in_use_are_read_only(admin_client, world):
    budget = make_budget(world)
    lines = list(budget.lines.order_by("pk"))
    page = admin_client.get(_change_url("budget", budget)).content.decode()
    assert 'name="lines-0-amount"' not in page
    assert 'name="currency"' not in page and 'name="status"' not in page
    admin_client.post(
        _change_url("budget", budget), _budget_post(budget, lines, currency="USD", title="Renamed")
    )
    budget.refresh_from_db()
    assert budget.currency == "EUR"
    assert budget.title == "Renamed"
    assert amounts(budget)["Local programme"] == Decimal("20000")
    assert (
        admin_client.post(
            reverse("admin:budgets_budget_delete", args=[budget.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert Budget.objects.filter(pk=budget.pk).exists()


def test_admin_lines_of_a_draft_can_still_be_edited(admin_client, world):
    budget = make_budget(world, status=Budget.Status.DRAFT)
    lines = list(budget.lines.order_by("pk"))
    page = admin_client.get(_change_url("budget", budget)).content.decode()
    assert 'name="lines-0-amount"' in page
    response = admin_client.post(_change_url("budget", budget), _budget_post(budget, lines))
    assert response.status_code == 302
    assert set(BudgetLine.objects.filter(budget=budget).values_list("amount", flat=True)) == {
        Decimal("1")
    }


def test_admin_change_request_status_and_decision_are_read_only(admin_client, world):
    budget = make_budget(world)
    change = make_pending_change(world, budget)
    page = admin_client.get(_change_url("changerequest", change)).content.decode()
    for field in ("status", "decided_by", "decided_at", "decision_comment", "number"):
        assert f'name="{field}"' not in page
    admin_client.post(
        _change_url("changerequest", change),
        {
            "justification": "Typo fixed",
            "status": "approved",
            "decision_comment": "ok",
            "moves-TOTAL_FORMS": "0",
            "moves-INITIAL_FORMS": "0",
        },
    )
    change.refresh_from_db()
    assert change.status == ChangeRequest.Status.PENDING
    assert change.decision_comment == ""
    assert amounts(budget)["Local programme"] == Decimal("20000")
    assert admin_client.get(reverse("admin:budgets_changerequest_add")).status_code == 403


def test_admin_adds_no_agreement_on_an_organisations_behalf(admin_client, world):
    budget = make_budget(world, agreed=False)
    rule = budget.flexibility_rule
    page = admin_client.get(_change_url("flexibilityrule", rule)).content.decode()
    assert 'name="agreements-0-organisation"' not in page
    assert 'name="agreements-__prefix__-organisation"' not in page
    admin_client.post(
        _change_url("flexibilityrule", rule),
        {
            "percent_threshold": "10",
            "amount_threshold": "5000",
            "agreements-TOTAL_FORMS": "1",
            "agreements-INITIAL_FORMS": "0",
            "agreements-0-organisation": world.local_org.pk,
            "agreements-0-rule_version": "1",
            "agreements-0-agreed_by": world.local_admin.pk,
        },
    )
    assert not FlexibilityAgreement.objects.exists()


def test_admin_changing_the_rule_asks_every_member_again(admin_client, world):
    budget = make_budget(world)
    rule = budget.flexibility_rule
    assert rule_state(budget=budget).in_force
    response = admin_client.post(
        _change_url("flexibilityrule", rule),
        {
            "percent_threshold": "50",
            "amount_threshold": "",
            "agreements-TOTAL_FORMS": "2",
            "agreements-INITIAL_FORMS": "2",
        },
    )
    assert response.status_code == 302
    rule.refresh_from_db()
    assert (rule.percent_threshold, rule.version) == (Decimal("50"), 2)
    assert not rule_state(budget=budget).in_force
    assert budget.events.filter(kind="rule_changed").exists()
