import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from budgets.models import Budget, BudgetComment, BudgetLine

from .helpers import make_budget, make_pending_change

pytestmark = pytest.mark.django_db


def _budget_with_lines(world, count):
    budget = make_budget(world)
    BudgetLine.objects.bulk_create(
        BudgetLine(
            budget=budget,
            category=BudgetLine.Category.PROGRAMME,
            organisation=world.local_org if n % 2 else world.international_org,
            description=f"Activity {n}",
            amount=Decimal(100 + n),
        )
        for n in range(count - 7)
    )
    for _n in range(3):
        make_pending_change(world, budget, "Local programme", "Flexible reserve", "10")
    BudgetComment.objects.create(budget=budget, author=world.local_admin, body="Is it fair?")
    return budget


@pytest.mark.parametrize("count", [7, 60])
def test_the_budget_page_query_count_does_not_grow_with_lines(
    client, world, django_assert_max_num_queries, count
):
    budget = _budget_with_lines(world, count)
    client.force_login(world.local_admin)
    # session, user, budget, access (partnership + memberships), members, lines, rule,
    # agreements, agreements shown, pending requests + moves, events, comments, unread count
    with django_assert_max_num_queries(15):
        response = client.get(budget.get_absolute_url())
    assert response.status_code == 200
    assert len(response.context["lines"]) == count


def test_the_budget_page_shows_indicators_benchmarks_and_a_chart_without_inline_script(
    client, world
):
    budget = make_budget(world)
    client.force_login(world.local_viewer)
    page = client.get(budget.get_absolute_url()).content.decode()
    assert re.search(r'id="indicator-local_share"[^>]*>31.0%<', page)
    assert "Grand Bargain" in page
    assert 'id="indicator-data" type="application/json"' in page
    assert "vendor/chartjs/chart.umd.js" in page and "js/budgets.js" in page
    scripts = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", page)
    assert scripts == []
    assert "100,000.00 EUR" in page
    assert "Request a change" not in page  # a viewer cannot ask


def test_the_partnership_page_summarises_budgets_in_a_fixed_number_of_queries(client, world):
    client.force_login(world.local_admin)
    url = world.partnership.get_absolute_url()

    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        return len(captured), response.content.decode()

    none_queries, page = queries()
    assert "No budget yet." in page
    _budget_with_lines(world, 7)
    few, page = queries()
    assert "31.0%" in page and "3 changes awaiting a decision" in page
    Budget.objects.create(partnership=world.partnership, title="Year two")
    _budget_with_lines(world, 60)
    many, _page = queries()
    assert few == many
    assert few <= none_queries + 3


def test_members_discuss_the_budget(client, world):
    budget = make_budget(world)
    client.force_login(world.international_admin)
    response = client.post(
        reverse("budgets:comment", args=[budget.partnership_id, budget.pk]),
        {"body": "Should core costs be higher?"},
    )
    assert response.status_code == 302
    client.force_login(world.local_admin)
    page = client.get(budget.get_absolute_url()).content.decode()
    assert "Should core costs be higher?" in page
    assert world.international_org.name in page


def test_a_member_creates_a_budget_adds_a_line_and_puts_it_in_use(client, world):
    client.force_login(world.local_staff)
    response = client.post(
        reverse("budgets:list", args=[world.partnership.pk]), {"title": "2027", "currency": "kes"}
    )
    budget = Budget.objects.get(title="2027")
    assert response["Location"] == budget.get_absolute_url()
    assert budget.currency == "KES"
    client.post(
        reverse("budgets:edit", args=[budget.partnership_id, budget.pk]),
        {"title": "2027", "currency": "USD", "period_start": "2027-01-01"},
    )
    assert budget.events.get(kind="edited").summary == "Currency, Period start"
    response = client.post(
        reverse("budgets:line_add", args=[budget.partnership_id, budget.pk]),
        {
            "category": "core",
            "organisation": world.local_org.pk,
            "description": "Rent",
            "amount": "1500.25",
            "reason": "Office move",
        },
    )
    assert response.status_code == 302
    assert budget.events.filter(kind="line_added", reason="Office move").exists()
    client.post(reverse("budgets:activate", args=[budget.partnership_id, budget.pk]))
    budget.refresh_from_db()
    assert not budget.is_draft
    response = client.get(reverse("budgets:line_add", args=[budget.partnership_id, budget.pk]))
    assert response.status_code == 302  # lines now change through requests only


def test_both_sides_record_their_agreement_to_the_rule(client, world):
    budget = make_budget(world, agreed=False)
    client.force_login(world.local_admin)
    client.post(
        reverse("budgets:rule_agree", args=[budget.partnership_id, budget.pk]),
        {"organisation": world.local_org.pk},
    )
    # nobody agrees on behalf of an organisation they do not belong to
    response = client.post(
        reverse("budgets:rule_agree", args=[budget.partnership_id, budget.pk]),
        {"organisation": world.international_org.pk},
    )
    assert response.status_code == 404
    page = client.get(budget.get_absolute_url()).content.decode()
    assert "waiting for Nordic International" in page
    client.force_login(world.international_admin)
    client.post(
        reverse("budgets:rule_agree", args=[budget.partnership_id, budget.pk]),
        {"organisation": world.international_org.pk},
    )
    page = client.get(budget.get_absolute_url()).content.decode()
    assert "Agreed by every member: the rule applies." in page
