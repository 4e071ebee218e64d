import datetime
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
from partnerships.models import (
    Membership,
    Mou,
    Organisation,
    Partnership,
    PartnershipMember,
    ReportingSchedule,
    User,
)
from partnerships.services import mou as mou_services
from partnerships.services.reporting import report_periods_generate

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


class MouFactory(DjangoModelFactory):
    """A draft MoU whose snapshots (decision matrix, parties) come from its partnership, as
    the MoU services take them; pass status="awaiting" to have it sent for signatures."""

    class Meta:
        model = Mou
        exclude = ["send"]

    partnership = factory.SubFactory(PartnershipFactory)
    version = factory.LazyAttribute(
        lambda o: (
            (Mou.objects.filter(partnership=o.partnership).aggregate(v=Max("version"))["v"] or 0)
            + 1
        )
    )
    title = "MoU between the partners"
    language = "en"
    term_start = datetime.date(2026, 1, 1)
    term_end = datetime.date(2028, 12, 31)
    decision_making = "Strategic choices are made jointly at the annual meeting."
    accountability = "Each partner reports to the other every quarter."
    transparency = "Budgets, salaries and overheads are shared in full."
    resources = "Both partners write proposals together and share the overhead."
    communication = "Monthly calls; the local partner chairs them."
    representation = "The local partner speaks for the partnership in national fora."
    decision_matrix = factory.LazyAttribute(lambda o: mou_services.matrix_snapshot(o.partnership))
    parties = factory.LazyAttribute(lambda o: mou_services.parties_snapshot(o.partnership))

    @classmethod
    def _create(cls, model_class, *args, status=Mou.Status.DRAFT, **kwargs):
        mou = super()._create(model_class, *args, **kwargs)
        if status != Mou.Status.DRAFT:
            mou = mou_services.mou_send_for_signatures(mou_id=mou.pk)
        return mou


class ReportingScheduleFactory(DjangoModelFactory):
    """A quarterly schedule; its periods are generated up to `today` (default: the real one),
    as the daily sweep would have done."""

    class Meta:
        model = ReportingSchedule
        skip_postgeneration_save = True

    partnership = factory.SubFactory(PartnershipFactory)
    interval_months = 3
    first_period_start = datetime.date(2026, 1, 1)
    next_period_start = factory.SelfAttribute("first_period_start")
    due_days = 30
    notice_days = 14

    @factory.post_generation
    def organisations(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.reporting_organisations.set(extracted)

    @factory.post_generation
    def today(obj, create, extracted, **kwargs):
        if create:
            report_periods_generate(today=extracted or datetime.date.today())


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
    return (
        ChangeRequest.objects.filter(budget=request.budget).aggregate(n=Max("number"))["n"] or 0
    ) + 1


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
        BudgetLineFactory, budget=factory.SelfAttribute("..change_request.budget")
    )
    to_line = factory.SubFactory(
        BudgetLineFactory, budget=factory.SelfAttribute("..change_request.budget")
    )
    amount = Decimal("100.00")
