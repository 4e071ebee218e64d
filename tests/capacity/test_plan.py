"""The capacity plan: budget lines of the partnership only, bad input, the one-sided warning,
the indicators."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from capacity.models import CapacityAction
from capacity.services import plan as services
from capacity.services.indicators import indicators
from tests.factories import (
    OrganisationFactory,
    PartnershipFactory,
    PartnershipMemberFactory,
)

from .helpers import capacity_line, small_framework, start_round


@pytest.fixture
def fw(world):
    return small_framework()


@pytest.fixture
def other_line(db):
    """A capacity line of a partnership the world's users have nothing to do with."""
    other = PartnershipFactory(title="Someone else's")
    org = OrganisationFactory(name="Other Local")
    PartnershipMemberFactory(partnership=other, organisation=org)
    return capacity_line(other, org, "Their mentoring", "999")


def _form_data(world, fw, **extra):
    data = {
        "title": "Mentoring on grant reporting",
        "domain": fw.domain["d1"].pk,
        "receiving": world.local_org.pk,
        "providing": world.international_org.pk,
        "kind": "mentoring",
        "days": "4",
        "cost": "1200",
        "due_date": "2026-06-30",
        "status": "planned",
    }
    data.update(extra)
    return data


def _post(client, world, data):
    client.force_login(world.local_admin)
    return client.post(reverse("capacity:action_new", args=[world.partnership.pk]), data)


def test_an_action_funded_by_a_capacity_line_of_this_partnership(client, world, fw):
    line = capacity_line(world.partnership, world.international_org)
    response = _post(client, world, _form_data(world, fw, budget_line=line.pk))
    assert response.status_code == 302
    action = CapacityAction.objects.get()
    assert action.budget_line == line and action.cost == Decimal("1200")


def test_a_budget_line_of_another_partnership_is_refused(client, world, fw, other_line):
    response = _post(client, world, _form_data(world, fw, budget_line=other_line.pk))
    assert response.status_code == 200
    assert "Choose a budget line of this partnership" in response.content.decode()
    assert not CapacityAction.objects.exists()
    with pytest.raises(ValidationError) as error:
        services.action_save(
            partnership=world.partnership,
            user=world.local_admin,
            title="x",
            domain=fw.domain["d1"],
            receiving=world.local_org,
            providing=world.international_org,
            kind="training",
            due_date=datetime.date(2026, 6, 1),
            budget_line=other_line,
        )
    assert "budget_line" in error.value.message_dict
    assert not CapacityAction.objects.exists()


def test_a_line_outside_the_capacity_category_is_refused(world, fw):
    line = capacity_line(world.partnership, world.local_org)
    line.category = "programme"
    line.save()
    with pytest.raises(ValidationError, match="capacity-strengthening category"):
        services.action_save(
            partnership=world.partnership,
            user=world.local_admin,
            title="x",
            domain=fw.domain["d1"],
            receiving=world.local_org,
            providing=world.international_org,
            kind="training",
            due_date=datetime.date(2026, 6, 1),
            budget_line=line,
        )


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("days", "-1", "This cannot be negative."),
        ("cost", "-0.01", "This cannot be negative."),
        ("due_date", "2026-02-28", "cannot be before the assessment round"),
    ],
)
def test_bad_input_is_refused_with_a_clear_error(client, world, fw, field, value, message):
    round_ = start_round(world, fw, datetime.date(2026, 3, 1))
    response = _post(client, world, _form_data(world, fw, round=round_.pk, **{field: value}))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not CapacityAction.objects.exists()


@pytest.mark.parametrize(
    "values",
    [
        {"days": Decimal("-1")},
        {"cost": Decimal("-5")},
        {"due_date": datetime.date(2026, 2, 1)},
    ],
)
def test_the_service_refuses_bad_input_too(world, fw, values):
    round_ = start_round(world, fw, datetime.date(2026, 3, 1))
    base = {
        "title": "x",
        "domain": fw.domain["d1"],
        "receiving": world.local_org,
        "providing": world.international_org,
        "kind": "training",
        "round": round_,
        "due_date": datetime.date(2026, 6, 1),
    }
    with pytest.raises(ValidationError):
        services.action_save(
            partnership=world.partnership, user=world.local_admin, **{**base, **values}
        )
    assert not CapacityAction.objects.exists()


def _action(world, fw, receiving, providing, **extra):
    return services.action_save(
        partnership=world.partnership,
        user=world.local_admin,
        title="Action",
        domain=fw.domain["d1"],
        receiving=receiving,
        providing=providing,
        kind="training",
        due_date=extra.pop("due_date", datetime.date(2026, 6, 1)),
        **extra,
    )


def test_the_plan_warns_when_every_action_strengthens_one_side(client, world, fw):
    client.force_login(world.local_admin)
    url = reverse("capacity:plan", args=[world.partnership.pk])
    _action(world, fw, world.local_org, world.international_org)
    _action(world, fw, world.local_org, world.international_org)
    html = client.get(url).content.decode()
    assert 'id="symmetry-warning"' in html and "local partners only" in html
    # The local partner strengthening the international one lifts the warning.
    reverse_action = _action(world, fw, world.international_org, world.local_org)
    assert 'id="symmetry-warning"' not in client.get(url).content.decode()
    # A cancelled action does not count.
    reverse_action.status = CapacityAction.Status.CANCELLED
    reverse_action.save()
    assert 'id="symmetry-warning"' in client.get(url).content.decode()


def test_one_sided_rule():
    class A:
        def __init__(self, receiving_id, status="planned"):
            self.receiving_id, self.status = receiving_id, status

    local, intl = {1}, {1, 2}
    assert services.one_sided([], local, intl) is None
    assert services.one_sided([A(1), A(1)], local, intl) == "local"
    assert services.one_sided([A(2)], local, intl) == "international"
    assert services.one_sided([A(1), A(2)], local, intl) is None
    assert services.one_sided([A(1), A(2, "cancelled")], local, intl) == "local"
    assert services.one_sided([A(1)], local, {1}) is None  # nobody on the other side


def test_indicators_by_hand(world, fw):
    """Local partner receives two actions (3 + 2 days, 1000 + 500), provides one (1 day, 0) to
    the international partner; one of the two done actions was on time. The latest budget:
    local manages 20,000 of which 2,000 capacity (10%), international 10,000 of which 4,000
    capacity (40%)."""
    local, intl = world.local_org, world.international_org
    _action(
        world,
        fw,
        local,
        intl,
        days=Decimal("3"),
        cost=Decimal("1000"),
        status="done",
        completed_on=datetime.date(2026, 5, 30),
    )
    _action(
        world,
        fw,
        local,
        intl,
        days=Decimal("2"),
        cost=Decimal("500"),
        status="done",
        completed_on=datetime.date(2026, 6, 2),
    )
    _action(world, fw, intl, local, days=Decimal("1"))
    _action(world, fw, intl, local, days=Decimal("9"), status="cancelled")
    capacity_line(world.partnership, local, "Local capacity", "2000")
    capacity_line(world.partnership, intl, "Intl capacity", "4000")
    from budgets.models import BudgetLine

    budget = world.partnership.budgets.get()
    BudgetLine.objects.create(
        budget=budget,
        category="programme",
        organisation=local,
        description="p",
        amount=Decimal("18000"),
    )
    BudgetLine.objects.create(
        budget=budget,
        category="programme",
        organisation=intl,
        description="p",
        amount=Decimal("6000"),
    )
    figures = indicators(world.partnership)
    rows = {row.organisation: row for row in figures["organisations"]}
    assert (
        rows[local].actions_received,
        rows[local].days_received,
        rows[local].cost_received,
        rows[local].actions_provided,
    ) == (2, 5, 1500, 1)
    assert (rows[intl].actions_received, rows[intl].actions_provided) == (1, 2)
    assert rows[local].capacity_share == Decimal("10.0")
    assert rows[intl].capacity_share == Decimal("40.0")
    assert figures["symmetry"] == 0.5  # 1 action for the international ÷ 2 for the local
    assert figures["days"] == Decimal("6")  # the cancelled action does not count
    assert (figures["done"], figures["on_time"], figures["on_time_share"]) == (
        2,
        1,
        Decimal("50.0"),
    )


def test_a_private_learning_need_stays_private(client, world, fw):
    from capacity.models import LearningNeed

    private = LearningNeed.objects.create(
        partnership=world.partnership,
        organisation=world.local_org,
        person=world.local_staff,
        need="PRIVATE-NEED",
    )
    shared = LearningNeed.objects.create(
        partnership=world.partnership,
        organisation=world.local_org,
        person=world.local_staff,
        need="SHARED-NEED",
        shared=True,
    )
    needs_url = reverse("capacity:needs", args=[world.partnership.pk])
    client.force_login(world.local_viewer)  # same organisation
    assert "PRIVATE-NEED" in client.get(needs_url).content.decode()
    client.force_login(world.international_admin)
    html = client.get(needs_url).content.decode()
    assert "SHARED-NEED" in html and "PRIVATE-NEED" not in html
    edit = reverse("capacity:need_edit", args=[world.partnership.pk, private.pk])
    assert client.get(edit).status_code == 404
    # Nor can it be put on the shared plan, where everyone would read it.
    form = client.get(reverse("capacity:action_new", args=[world.partnership.pk]))
    assert "PRIVATE-NEED" not in form.content.decode()
    with pytest.raises(ValidationError, match="shared with the partnership"):
        services.action_save(
            partnership=world.partnership,
            user=world.local_admin,
            title="x",
            learning_need=private,
            receiving=world.local_org,
            providing=world.international_org,
            kind="coaching",
            due_date=datetime.date(2026, 6, 1),
        )
    assert (
        services.action_save(
            partnership=world.partnership,
            user=world.local_admin,
            title="x",
            learning_need=shared,
            receiving=world.local_org,
            providing=world.international_org,
            kind="coaching",
            due_date=datetime.date(2026, 6, 1),
        ).learning_need
        == shared
    )


def test_only_the_owner_edits_a_learning_need(client, world):
    from capacity.models import LearningNeed

    need = LearningNeed.objects.create(
        partnership=world.partnership,
        organisation=world.local_org,
        person=world.local_admin,
        need="Mine",
        shared=True,
    )
    url = reverse("capacity:need_edit", args=[world.partnership.pk, need.pk])
    client.force_login(world.local_staff)
    assert client.get(url).status_code == 403
    client.force_login(world.international_admin)
    assert client.get(url).status_code == 403
    client.force_login(world.local_admin)
    assert client.get(url).status_code == 200
