import datetime
from decimal import Decimal

import pytest

from budgets.models import Budget, BudgetLine
from partnerships.models import Membership, Partnership, PartnershipMember
from tests.factories import (
    InternationalOrganisationFactory,
    MembershipFactory,
    OrganisationFactory,
)


def make_portfolio(count: int, organisation, *, partner=None, role="local_partner"):
    """`count` active partnerships of `organisation` with one international partner, each with
    a budget of two lines (local 300, international 700) and one overdue report each side."""
    partner = partner or InternationalOrganisationFactory()
    partnerships = Partnership.objects.bulk_create(
        Partnership(
            title=f"Portfolio {n:04d}", status=Partnership.Status.ACTIVE, local_needs="Needs."
        )
        for n in range(count)
    )
    PartnershipMember.objects.bulk_create(
        [
            PartnershipMember(partnership=p, organisation=organisation, role=role)
            for p in partnerships
        ]
        + [
            PartnershipMember(partnership=p, organisation=partner, role="international_partner")
            for p in partnerships
        ]
    )
    budgets = Budget.objects.bulk_create(
        Budget(partnership=p, title="Budget", currency="EUR") for p in partnerships
    )
    BudgetLine.objects.bulk_create(
        [
            BudgetLine(
                budget=b,
                category="programme",
                organisation=organisation,
                description="Local",
                amount=Decimal(300),
            )
            for b in budgets
        ]
        + [
            BudgetLine(
                budget=b,
                category="overhead",
                organisation=partner,
                description="Overhead",
                amount=Decimal(700),
            )
            for b in budgets
        ]
    )
    return partnerships


@pytest.fixture
def portfolio_user(db):
    organisation = OrganisationFactory(name="Portfolio Local")
    user = MembershipFactory(organisation=organisation, role=Membership.Role.ADMIN).user
    return user, organisation


TODAY = datetime.date(2026, 8, 15)
