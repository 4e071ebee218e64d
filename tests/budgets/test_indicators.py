from decimal import Decimal

import pytest
from django.utils import translation

from budgets.models import BudgetLine
from budgets.services.indicators import budget_indicators, local_organisation_ids
from partnerships.models import PartnershipMember
from tests.factories import OrganisationFactory, PartnershipMemberFactory

from .helpers import make_budget

pytestmark = pytest.mark.django_db


def _values(budget):
    local_ids = local_organisation_ids(budget.partnership.members.select_related("organisation"))
    return {i.key: i for i in budget_indicators(lines=budget.lines.all(), local_ids=local_ids)}


def test_the_worked_example(world):
    values = _values(make_budget(world))
    # local: 20,000 + 5,000 + 1,000 + 5,000 = 31,000 of 100,000
    assert values["local_share"].value == Decimal("31.0")
    assert values["local_share"].numerator == Decimal("31000")
    assert values["local_share"].benchmark == Decimal("25")
    assert not values["local_share"].below_benchmark
    # local core 5,000 of the 31,000 local partners manage = 16.129...%
    assert values["core_support"].value == Decimal("16.1")
    # overhead: 1,000 of 4,000 goes to the local partner, below the 50-50 example
    assert values["overhead_shared"].value == Decimal("25.0")
    assert values["overhead_shared"].below_benchmark
    assert values["capacity_share"].value == Decimal("6.0")
    assert values["reserve_share"].value == Decimal("5.0")
    assert all(i.explanation for i in values.values())


def test_a_national_actor_in_a_consortium_role_counts_as_local(world):
    budget = make_budget(world)
    national = OrganisationFactory(is_local_actor=True)
    PartnershipMemberFactory(
        partnership=world.partnership,
        organisation=national,
        role=PartnershipMember.Role.CONSORTIUM_MEMBER,
    )
    BudgetLine.objects.create(
        budget=budget,
        category=BudgetLine.Category.PROGRAMME,
        organisation=national,
        description="National",
        amount=25000,
    )
    # (31,000 + 25,000) / 125,000
    assert _values(budget)["local_share"].value == Decimal("44.8")


def test_an_empty_budget_has_no_values_rather_than_a_division_error(world):
    values = _values(
        make_budget(world, rule=False).__class__.objects.create(
            partnership=world.partnership, title="Empty"
        )
    )
    assert all(i.value is None for i in values.values())


def test_indicator_texts_follow_the_active_language_though_translated_once():
    """The texts are translated once a catalogue (#16); each language still gets its own."""

    def label():
        return budget_indicators(lines=[], local_ids=set())[0].label

    with translation.override("en"):
        english = label()
    with translation.override("fr"):
        french = label()
    with translation.override("en"):
        again = label()
    assert english == "Share of the budget managed by local partners" == again
    assert french == "Part du budget gérée par les partenaires locaux"
