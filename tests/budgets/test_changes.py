from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from budgets.models import BudgetEvent, BudgetLine, ChangeRequest
from budgets.services import agreements, changes, indicators, rules
from partnerships.models import Notification

from .helpers import amounts, make_budget

pytestmark = pytest.mark.django_db


def _move(budget, source, target, amount):
    return rules.Move(budget.line.get(source), budget.line.get(target), Decimal(amount))


def _request(world, budget, *moves, user=None, org=None, changes_total=False):
    return changes.change_request_create(
        budget=budget,
        user=user or world.local_admin,
        organisation=org or world.local_org,
        justification="The needs changed.",
        moves=list(moves),
        changes_total=changes_total,
    )


def _decide(change_pk, user, *, approve, comment):
    return changes.change_request_decide(
        change_request_id=change_pk, user=user, approve=approve, comment=comment
    )


def _local_share(budget):
    local_ids = indicators.local_organisation_ids(
        budget.partnership.members.select_related("organisation")
    )
    return indicators.budget_indicators(lines=budget.lines.all(), local_ids=local_ids)[0].value


def test_a_request_within_the_rules_applies_at_once_and_tells_the_partners(
    world, django_capture_on_commit_callbacks
):
    budget = make_budget(world)
    # 2,000 is 10% of the 20,000 line and 3.3% of the 60,000 one, and under 5,000
    with django_capture_on_commit_callbacks(execute=True):
        change = _request(
            world, budget, _move(budget, "International programme", "Local programme", "2000")
        )
    assert change.status == ChangeRequest.Status.APPLIED
    after = amounts(budget)
    assert after["Local programme"] == Decimal("22000")
    assert after["International programme"] == Decimal("58000")
    assert sum(after.values()) == Decimal("100000")
    budget.refresh_from_db()
    assert budget.version == 2
    event = budget.events.get(kind=BudgetEvent.Kind.APPLIED)
    assert (event.actor, event.reason) == (world.local_admin, "The needs changed.")
    assert event.total_before == event.total_after == Decimal("100000")
    told = set(Notification.objects.values_list("recipient__email", flat=True))
    assert told == {world.international_admin.email}
    assert [m.to for m in mail.outbox] == [[world.international_admin.email]]
    assert mail.outbox[0].subject == "Budget changed: Year one"
    assert "Sauti Local reallocated funds in the budget “Year one” of Shared work" in (
        mail.outbox[0].body
    )


def test_a_request_above_the_rules_waits_for_the_other_party(world):
    budget = make_budget(world)
    change = _request(
        world, budget, _move(budget, "International programme", "Local programme", "10000")
    )
    assert change.status == ChangeRequest.Status.PENDING
    assert amounts(budget)["Local programme"] == Decimal("20000")
    assert Notification.objects.filter(recipient=world.international_admin).exists()

    for same_side in (world.local_admin, world.local_staff, world.local_viewer, world.outsider):
        with pytest.raises(ValidationError, match="Only the other party"):
            _decide(change.pk, same_side, approve=True, comment="Fine by us")
    assert amounts(budget)["Local programme"] == Decimal("20000")

    _decide(change.pk, world.international_admin, approve=True, comment="Agreed.")
    change.refresh_from_db()
    assert change.status == ChangeRequest.Status.APPROVED
    assert change.decided_by == world.international_admin
    assert amounts(budget)["Local programme"] == Decimal("30000")
    assert _local_share(budget) == Decimal("41.0")
    assert Notification.objects.filter(
        recipient=world.local_admin, message__contains="approved"
    ).exists()
    with pytest.raises(ValidationError, match="already been decided"):
        _decide(change.pk, world.international_admin, approve=True, comment="Again")
    assert amounts(budget)["Local programme"] == Decimal("30000")


def test_the_international_partner_can_ask_too_and_the_local_partner_declines(world):
    budget = make_budget(world)
    change = _request(
        world,
        budget,
        _move(budget, "Local programme", "International programme", "8000"),
        user=world.international_admin,
        org=world.international_org,
    )
    assert change.is_pending
    with pytest.raises(ValidationError, match="comment"):
        _decide(change.pk, world.local_staff, approve=False, comment=" ")
    _decide(change.pk, world.local_staff, approve=False, comment="We need it locally.")
    change.refresh_from_db()
    assert change.status == ChangeRequest.Status.DECLINED
    assert amounts(budget)["Local programme"] == Decimal("20000")
    assert budget.events.filter(
        kind=BudgetEvent.Kind.DECLINED, reason="We need it locally."
    ).exists()


def test_a_small_change_waits_while_the_rule_is_not_agreed_by_both(world):
    budget = make_budget(world, agreed=False)
    agreements.flexibility_rule_agree(
        budget=budget, user=world.local_admin, organisation=world.local_org
    )
    change = _request(
        world, budget, _move(budget, "International programme", "Local programme", "100")
    )
    assert change.is_pending
    agreements.flexibility_rule_agree(
        budget=budget, user=world.international_admin, organisation=world.international_org
    )
    change = _request(
        world, budget, _move(budget, "International programme", "Local programme", "100")
    )
    assert change.status == ChangeRequest.Status.APPLIED


def test_changing_the_rule_asks_everyone_again(world):
    budget = make_budget(world)
    assert rules.rule_state(budget=budget).in_force
    agreements.flexibility_rule_save(
        budget=budget,
        user=world.international_admin,
        percent_threshold=Decimal("20"),
        amount_threshold=None,
    )
    state = rules.rule_state(budget=budget)
    assert not state.in_force
    assert state.waiting_for == {world.local_org.pk, world.international_org.pk}
    assert Notification.objects.filter(
        recipient=world.local_admin, message__contains="flexibility rule"
    ).exists()
    assert not Notification.objects.filter(recipient=world.international_admin).exists()


def test_each_threshold_must_hold_when_both_are_set(world):
    budget = make_budget(world)
    # 5,500 is under 10% of the 60,000 line but over the 5,000 amount
    change = _request(
        world, budget, _move(budget, "International programme", "Flexible reserve", "5500")
    )
    assert change.is_pending


def test_negative_amounts_are_refused_with_a_clear_message(world):
    budget = make_budget(world)
    with pytest.raises(ValidationError, match="must be more than zero"):
        _request(world, budget, _move(budget, "Local programme", "Flexible reserve", "-500"))
    assert not ChangeRequest.objects.exists()
    with pytest.raises(IntegrityError), transaction.atomic():
        BudgetLine.objects.filter(pk=budget.line["Local programme"].pk).update(amount=-1)


def test_moving_more_than_a_line_holds_is_refused(world):
    budget = make_budget(world)
    with pytest.raises(ValidationError) as error:
        _request(world, budget, _move(budget, "Flexible reserve", "Local programme", "6000"))
    assert error.value.messages == [
        "“Flexible reserve” holds 5,000.00 EUR; this request would take 6,000.00 from it, "
        "which would leave it below zero."
    ]
    assert not ChangeRequest.objects.exists()
    assert amounts(budget)["Flexible reserve"] == Decimal("5000")


def test_a_line_emptied_while_a_request_waited_is_not_taken_below_zero(world):
    budget = make_budget(world)
    waiting = _request(
        world,
        budget,
        _move(budget, "Flexible reserve", "Local programme", "5000"),
        user=world.international_admin,
        org=world.international_org,
    )
    _decide(
        _request(
            world, budget, _move(budget, "Flexible reserve", "International programme", "4000")
        ).pk,
        world.international_admin,
        approve=True,
        comment="ok",
    )
    # The waiting request lapsed (#14) the moment the line stopped holding what it takes.
    with pytest.raises(ValidationError, match="already been decided"):
        _decide(waiting.pk, world.local_admin, approve=True, comment="ok")
    waiting.refresh_from_db()
    assert waiting.status == ChangeRequest.Status.LAPSED
    assert "below zero" in waiting.decision_comment
    assert amounts(budget)["Flexible reserve"] == Decimal("1000")
    assert sum(amounts(budget).values()) == Decimal("100000")


def test_a_reallocation_never_changes_the_total_unless_it_says_so(world):
    budget = make_budget(world)
    with pytest.raises(ValidationError, match="changes the total"):
        _request(world, budget, rules.Move(None, budget.line["Local programme"], Decimal("100")))
    change = _request(
        world,
        budget,
        rules.Move(None, budget.line["Local programme"], Decimal("100")),
        changes_total=True,
    )
    assert change.is_pending  # new money always needs the other party
    _decide(change.pk, world.international_admin, approve=True, comment="Donor agreed")
    event = budget.events.get(kind=BudgetEvent.Kind.APPROVED)
    assert (event.total_before, event.total_after) == (Decimal("100000"), Decimal("100100"))
    assert sum(amounts(budget).values()) == Decimal("100100")


def test_the_change_form_refuses_a_negative_amount(client, world):
    budget = make_budget(world)
    client.force_login(world.local_admin)
    response = client.post(
        reverse("budgets:change_new", args=[budget.partnership_id, budget.pk]),
        {
            "organisation": world.local_org.pk,
            "justification": "x",
            "moves-TOTAL_FORMS": "3",
            "moves-INITIAL_FORMS": "0",
            "moves-0-from_line": budget.line["Local programme"].pk,
            "moves-0-to_line": budget.line["Flexible reserve"].pk,
            "moves-0-amount": "-5",
        },
    )
    assert response.status_code == 200
    assert "The amount must be more than zero" in response.content.decode()
    assert "Agreed rule:" in response.content.decode()
    assert not ChangeRequest.objects.exists()


def test_the_line_form_refuses_a_negative_amount(client, world):
    budget = make_budget(world, status="draft")
    client.force_login(world.local_admin)
    response = client.post(
        reverse("budgets:line_add", args=[budget.partnership_id, budget.pk]),
        {
            "category": "programme",
            "organisation": world.local_org.pk,
            "description": "Negative",
            "amount": "-1",
        },
    )
    assert response.status_code == 200
    assert not BudgetLine.objects.filter(description="Negative").exists()
    assert "An amount cannot be negative." in response.content.decode()


def test_request_and_approval_through_the_pages(client, world):
    budget = make_budget(world)
    client.force_login(world.local_admin)
    response = client.post(
        reverse("budgets:change_new", args=[budget.partnership_id, budget.pk]),
        {
            "organisation": world.local_org.pk,
            "justification": "Community asked for more.",
            "moves-TOTAL_FORMS": "3",
            "moves-INITIAL_FORMS": "0",
            "moves-0-from_line": budget.line["International programme"].pk,
            "moves-0-to_line": budget.line["Local programme"].pk,
            "moves-0-amount": "10000",
        },
    )
    assert response.status_code == 302
    change = ChangeRequest.objects.get()
    assert change.is_pending
    decide_url = reverse(
        "budgets:change_decide", args=[budget.partnership_id, budget.pk, change.pk]
    )
    assert client.post(decide_url, {"decision": "approve", "comment": "x"}).status_code == 403
    client.force_login(world.international_admin)
    page = client.get(change.get_absolute_url()).content.decode()
    assert 'value="approve"' in page
    assert client.post(decide_url, {"decision": "approve", "comment": "Yes"}).status_code == 302
    assert amounts(budget)["Local programme"] == Decimal("30000")
