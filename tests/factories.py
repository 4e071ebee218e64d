from decimal import Decimal

import factory
from django.db.models import Max
from factory.django import DjangoModelFactory

from budgets.models import (
    Budget,
    BudgetLine,
    ChangeMove,
    ChangeRequest,
    FlexibilityAgreement,
    FlexibilityRule,
)
from partnerships.models import Membership, Organisation, Partnership, PartnershipMember, User

PASSWORD = "correct-horse-battery"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    full_name = factory.Faker("name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    country = "KE"
    kind = Organisation.Kind.LOCAL_CSO
    is_local_actor = True


class InternationalOrganisationFactory(OrganisationFactory):
    country = "DK"
    kind = Organisation.Kind.INTERNATIONAL_CSO
    is_local_actor = False


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Membership.Role.STAFF


class PartnershipFactory(DjangoModelFactory):
    class Meta:
        model = Partnership

    title = factory.Sequence(lambda n: f"Partnership {n}")
    status = Partnership.Status.ACTIVE
    local_needs = "Needs identified by the community."


class PartnershipMemberFactory(DjangoModelFactory):
    class Meta:
        model = PartnershipMember

    partnership = factory.SubFactory(PartnershipFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = PartnershipMember.Role.LOCAL_PARTNER


# --- Budgets ------------------------------------------------------------------------------


class BudgetFactory(DjangoModelFactory):
    class Meta:
        model = Budget

    partnership = factory.SubFactory(PartnershipFactory)
    title = factory.Sequence(lambda n: f"Budget {n}")
    currency = "EUR"
    status = Budget.Status.ACTIVE


class BudgetLineFactory(DjangoModelFactory):
    class Meta:
        model = BudgetLine

    budget = factory.SubFactory(BudgetFactory)
    category = BudgetLine.Category.PROGRAMME
    organisation = factory.SubFactory(OrganisationFactory)
    description = factory.Sequence(lambda n: f"Line {n}")
    amount = Decimal("1000.00")


class FlexibilityRuleFactory(DjangoModelFactory):
    class Meta:
        model = FlexibilityRule

    budget = factory.SubFactory(BudgetFactory)
    percent_threshold = Decimal("10")
    amount_threshold = Decimal("5000")


class FlexibilityAgreementFactory(DjangoModelFactory):
    class Meta:
        model = FlexibilityAgreement

    rule = factory.SubFactory(FlexibilityRuleFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    rule_version = factory.LazyAttribute(lambda o: o.rule.version)
    agreed_by = factory.SubFactory(UserFactory)


def _next_change_number(request) -> int:
    return (ChangeRequest.objects.filter(budget=request.budget)
            .aggregate(n=Max("number"))["n"] or 0) + 1


class ChangeRequestFactory(DjangoModelFactory):
    """A request as it is stored; to ask through the rules, call the service instead."""

    class Meta:
        model = ChangeRequest

    budget = factory.SubFactory(BudgetFactory)
    number = factory.LazyAttribute(_next_change_number)
    requested_by = factory.SubFactory(UserFactory)
    requesting_organisation = factory.SubFactory(OrganisationFactory)
    justification = "The needs changed."
    status = ChangeRequest.Status.PENDING


class ChangeMoveFactory(DjangoModelFactory):
    class Meta:
        model = ChangeMove

    change_request = factory.SubFactory(ChangeRequestFactory)
    from_line = factory.SubFactory(
        BudgetLineFactory, budget=factory.SelfAttribute("..change_request.budget"))
    to_line = factory.SubFactory(
        BudgetLineFactory, budget=factory.SelfAttribute("..change_request.budget"))
    amount = Decimal("100.00")
