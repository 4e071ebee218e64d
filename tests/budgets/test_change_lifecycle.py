"""#14: a request can be withdrawn by its requester, lapses when it can no longer apply, and
is numbered within its budget; the form starts with one move row and adds more."""

import re
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from budgets.models import BudgetEvent, ChangeRequest
from budgets.services import changes
from budgets.services.rules import Move
from partnerships.models import Notification

from .helpers import amounts, make_budget

pytestmark = pytest.mark.django_db


def _ask(world, budget, source, target, amount, *, international=False):
    user, org = (
        (world.international_admin, world.international_org)
        if international
        else (world.local_admin, world.local_org)
    )
    return changes.change_request_create(
        budget=budget,
        user=user,
        organisation=org,
        justification="Needs changed",
        moves=[Move(budget.line[source], budget.line[target], Decimal(amount))],
    )


def _told(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).values_list("message", flat=True))


def test_the_requester_withdraws_a_pending_request_and_the_other_side_is_told(
    world, django_capture_on_commit_callbacks
):
    budget = make_budget(world)
    change = _ask(world, budget, "International programme", "Local programme", "10000")
    Notification.objects.all().delete()
    with pytest.raises(ValidationError, match="Only the organisation that asked"):
        changes.change_request_withdraw(change_request_id=change.pk, user=world.international_admin)
    # Another editor of the requesting organisation may withdraw it too.
    with django_capture_on_commit_callbacks(execute=True):
        changes.change_request_withdraw(
            change_request_id=change.pk, user=world.local_staff, reason="The county paid for it."
        )
    change.refresh_from_db()
    assert change.status == ChangeRequest.Status.WITHDRAWN
    assert (change.decided_by, change.decision_comment) == (
        world.local_staff,
        "The county paid for it.",
    )
    assert budget.events.filter(kind=BudgetEvent.Kind.WITHDRAWN, change_request=change).exists()
    assert _told(world.international_admin) == [
        "Sauti Local withdrew change request #1 of “Year one”."
    ]
    assert _told(world.local_admin) == []
    withdrawn = [m for m in mail.outbox if m.subject == "Budget change request closed: Year one"]
    assert [m.to for m in withdrawn] == [[world.international_admin.email]]
    assert "Sauti Local withdrew change request #1 to the budget “Year one”" in (withdrawn[0].body)
    with pytest.raises(ValidationError, match="already been decided"):
        changes.change_request_decide(
            change_request_id=change.pk, user=world.international_admin, approve=True, comment="ok"
        )
    assert amounts(budget)["Local programme"] == Decimal("20000")


def test_withdrawing_through_the_page(client, world):
    budget = make_budget(world)
    change = _ask(world, budget, "International programme", "Local programme", "10000")
    client.force_login(world.international_admin)
    assert "withdraw-form" not in client.get(change.get_absolute_url()).content.decode()
    url = reverse("budgets:change_withdraw", args=[budget.partnership_id, budget.pk, change.pk])
    assert client.post(url, {"reason": ""}).status_code == 403
    client.force_login(world.local_admin)
    assert "withdraw-form" in client.get(change.get_absolute_url()).content.decode()
    assert client.post(url, {"reason": "Not needed"}).status_code == 302
    change.refresh_from_db()
    assert change.status == ChangeRequest.Status.WITHDRAWN
    page = client.get(change.get_absolute_url()).content.decode()
    assert "Withdrawn by the requester" in page and "withdraw-form" not in page


def test_a_request_that_can_no_longer_apply_lapses_with_the_reason(client, world):
    budget = make_budget(world)
    waiting = _ask(world, budget, "Flexible reserve", "Local programme", "5000", international=True)
    Notification.objects.all().delete()
    # The reserve is spent on something else, within the rule: the waiting request lapses.
    _ask(world, budget, "Flexible reserve", "Office rent and internet", "500")
    waiting.refresh_from_db()
    assert waiting.status == ChangeRequest.Status.LAPSED
    assert waiting.decision_comment == (
        "“Flexible reserve” holds 4,500.00 EUR; this request would take 5,000.00 from it, "
        "which would leave it below zero."
    )
    event = budget.events.get(kind=BudgetEvent.Kind.LAPSED)
    assert event.change_request == waiting and event.reason == waiting.decision_comment
    lapsed = "Change request #1 of “Year one” lapsed: it can no longer apply."
    assert lapsed in _told(world.international_admin)  # the requester
    assert lapsed not in _told(world.local_admin)  # who made the change that emptied it
    assert lapsed in _told(world.local_staff)  # the side that was asked to decide
    client.force_login(world.international_admin)
    page = client.get(waiting.get_absolute_url()).content.decode()
    assert 'id="lapse-reason"' in page and "holds 4,500.00 EUR" in page
    assert 'value="approve"' not in page
    # Each reader sees the reason in their own language, whoever's action made it lapse.
    client.cookies["django_language"] = "fr"
    with translation.override("en"):  # the request switches this thread to French
        page = client.get(waiting.get_absolute_url()).content.decode()
    assert "Flexible reserve\xa0» contient 4" in page and "holds" not in page


def test_numbers_count_per_budget(client, world):
    first, second = make_budget(world), make_budget(world)
    numbers = [
        _ask(world, budget, "International programme", "Local programme", "9000").number
        for budget in (first, second, first, second, first)
    ]
    assert numbers == [1, 1, 2, 2, 3]
    assert str(ChangeRequest.objects.get(budget=first, number=2)) == "Change request #2"
    client.force_login(world.local_admin)
    page = client.get(first.get_absolute_url()).content.decode()
    assert "#2 from Sauti Local" in page and "#1 from Sauti Local" in page


def test_the_change_form_opens_with_one_row_and_adds_rows_without_javascript(client, world):
    budget = make_budget(world)
    client.force_login(world.local_admin)
    url = reverse("budgets:change_new", args=[budget.partnership_id, budget.pk])
    page = client.get(url).content.decode()
    assert 'name="moves-TOTAL_FORMS" value="1"' in page
    assert len(re.findall(r'<fieldset class="[^"]*move-row', page)) == 1 + 1  # + the template
    assert 'id="add-move"' in page and "js/budget_moves.js" in page
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", page) == []
    page = client.post(
        url,
        {
            "organisation": world.local_org.pk,
            "justification": "Kept as typed",
            "moves-TOTAL_FORMS": "1",
            "moves-INITIAL_FORMS": "0",
            "moves-0-from_line": budget.line["Local programme"].pk,
            "moves-0-amount": "12",
            "add_row": "1",
        },
    ).content.decode()
    assert 'name="moves-TOTAL_FORMS" value="2"' in page
    assert "Kept as typed" in page
    assert 'name="moves-0-amount" value="12"' in page
    assert "This field is required" not in page and "alert-danger" not in page
    assert not ChangeRequest.objects.exists()


def test_the_change_form_costs_the_same_queries_with_one_row_or_ten(client, world):
    budget = make_budget(world)
    client.force_login(world.local_admin)
    url = reverse("budgets:change_new", args=[budget.partnership_id, budget.pk])

    def queries(rows):
        data = {
            "organisation": world.local_org.pk,
            "justification": "x",
            "add_row": "1",
            "moves-TOTAL_FORMS": str(rows - 1),
            "moves-INITIAL_FORMS": "0",
        }
        with CaptureQueriesContext(connection) as captured:
            page = client.post(url, data).content.decode()
        assert f'name="moves-TOTAL_FORMS" value="{rows}"' in page
        return len(captured)

    assert queries(2) == queries(10)
