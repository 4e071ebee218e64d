"""Shared builders for the capacity tests."""

import datetime
import importlib
from decimal import Decimal

from django.apps import apps

from budgets.models import Budget, BudgetLine
from capacity.models import Domain, Framework, Item, Level
from capacity.services import assessment as services

OPENED = datetime.date(2026, 3, 1)


def ensure_framework() -> Framework:
    """The framework migration 0002 seeds; a transactional test (live server, worker) flushes
    it, so seed it again if it is gone."""
    framework = Framework.objects.filter(domains__code="governance").first()
    if framework is None:
        importlib.import_module("capacity.migrations.0002_seed_framework").seed(apps, None)
        framework = Framework.objects.get(domains__code="governance")
    return framework


def small_framework() -> Framework:
    """Two domains for everyone (items a, b | c) and one about international partners (d)."""
    framework = Framework.objects.create(name="Worked example")
    for value in (1, 2, 3, 4):
        Level.objects.create(
            framework=framework, value=value, name=f"L{value}", descriptor=f"Level {value}"
        )
    d1 = Domain.objects.create(framework=framework, code="d1", name="Finance", order=1)
    d2 = Domain.objects.create(framework=framework, code="d2", name="People", order=2)
    d3 = Domain.objects.create(
        framework=framework,
        code="d3",
        name="As a partner",
        order=3,
        applies_to=Domain.AppliesTo.INTERNATIONAL,
    )
    framework.item = {
        "a": Item.objects.create(domain=d1, text="Item a", order=1),
        "b": Item.objects.create(domain=d1, text="Item b", order=2),
        "c": Item.objects.create(domain=d2, text="Item c", order=1),
        "d": Item.objects.create(domain=d3, text="Item d", order=1),
    }
    framework.domain = {"d1": d1, "d2": d2, "d3": d3}
    return framework


def start_round(world, framework, opened_on=OPENED, title="Baseline"):
    return services.round_start(
        partnership=world.partnership,
        framework=framework,
        title=title,
        opened_on=opened_on,
        user=world.local_admin,
    )


def score(round_, assessor, subject, user, values: dict, *, submit=True):
    """values: {item: score or None}."""
    return services.assessment_save(
        round_id=round_.pk,
        assessor_id=assessor.pk,
        subject_id=subject.pk,
        user=user,
        scores={item.pk: (value, "", "") for item, value in values.items()},
        submit=submit,
    )


def capacity_line(
    partnership, organisation, description="Mentoring on finance", amount="6000"
) -> BudgetLine:
    budget = Budget.objects.filter(partnership=partnership).first() or Budget.objects.create(
        partnership=partnership, title="Year one", currency="EUR"
    )
    return BudgetLine.objects.create(
        budget=budget,
        category=BudgetLine.Category.CAPACITY,
        organisation=organisation,
        description=description,
        amount=Decimal(amount),
    )
