"""Demo budgets: one per partnership that has started, with a rule both sides agreed, a change
applied within it, one waiting for the other party, and a discussion."""

from datetime import date
from decimal import Decimal

from django.utils import timezone

from partnerships.models import Membership, Partnership, PartnershipMember

from .models import (
    Budget,
    BudgetComment,
    BudgetEvent,
    BudgetLine,
    ChangeMove,
    ChangeRequest,
    FlexibilityAgreement,
    FlexibilityRule,
)
from .services.history import budget_event_record
from .services.indicators import total_of
from .services.rules import describe_moves

C = BudgetLine.Category
STARTED = {
    Partnership.Status.NEGOTIATING,
    Partnership.Status.ACTIVE,
    Partnership.Status.CLOSING,
    Partnership.Status.CLOSED,
}

# (category, managed by the local partner?, description, amount)
LINES = [
    (C.PROGRAMME, True, "Community activities", "42000"),
    (C.STAFF, True, "Project coordinator and field officers", "18000"),
    (C.CORE, True, "Office rent, utilities and internet", "6000"),
    (C.OVERHEAD, True, "Indirect cost recovery (local partner)", "3500"),
    (C.PROGRAMME, False, "Technical advice and monitoring", "22000"),
    (C.CAPACITY, False, "Peer learning on financial management", "5000"),
    (C.OVERHEAD, False, "Indirect cost recovery (international partner)", "3500"),
    (C.RESERVE, True, "Unallocated reserve for emerging needs", "4000"),
]


def _person(organisation):
    membership = (
        Membership.objects.filter(organisation=organisation, role__in=Membership.EDITOR_ROLES)
        .select_related("user")
        .order_by("role", "pk")
        .first()
    )
    return membership.user if membership else None


def seed(partnerships):
    for n, partnership in enumerate(p for p in partnerships if p.status in STARTED):
        members = {
            m.role: m.organisation for m in partnership.members.select_related("organisation")
        }
        local = members.get(PartnershipMember.Role.LOCAL_PARTNER)
        international = members.get(PartnershipMember.Role.INTERNATIONAL_PARTNER)
        local_user, international_user = _person(local), _person(international)
        if not (local and international and local_user and international_user):
            continue
        year = (partnership.start_date or date.today()).year
        budget = Budget.objects.create(
            partnership=partnership,
            title=f"Budget {year}",
            currency=("EUR", "USD", "KES")[n % 3],
            period_start=date(year, 1, 1),
            period_end=date(year, 12, 31),
        )
        budget_event_record(
            budget=budget,
            kind=BudgetEvent.Kind.CREATED,
            actor=international_user,
            total_after=Decimal(0),
        )
        lines = {}
        scale = Decimal(1 + n)
        for category, by_local, description, amount in LINES:
            lines[description] = BudgetLine.objects.create(
                budget=budget,
                category=category,
                description=description,
                organisation=local if by_local else international,
                # the international share grows from one partnership to the next so that the
                # demo shows indicators on both sides of the benchmarks
                amount=(
                    Decimal(amount) * scale * (1 if by_local else Decimal("1.6") ** n)
                ).quantize(Decimal("1")),
            )
        budget_event_record(
            budget=budget,
            kind=BudgetEvent.Kind.IMPORTED,
            actor=local_user,
            total_before=Decimal(0),
            summary=f"{len(LINES)} lines drafted together",
        )
        budget.status = Budget.Status.ACTIVE
        budget.save(update_fields=["status"])
        budget_event_record(
            budget=budget,
            kind=BudgetEvent.Kind.ACTIVATED,
            actor=international_user,
            reason="Agreed at the inception workshop.",
        )
        rule = FlexibilityRule.objects.create(
            budget=budget, percent_threshold=Decimal("10"), amount_threshold=Decimal("2000") * scale
        )
        for org, user in ((local, local_user), (international, international_user)):
            FlexibilityAgreement.objects.create(
                rule=rule, organisation=org, rule_version=1, agreed_by=user
            )
            budget_event_record(
                budget=budget,
                kind=BudgetEvent.Kind.RULE_AGREED,
                actor=user,
                organisation=org,
                summary=f"{org} agreed to version 1 of the rule",
            )

        _change(
            budget,
            lines,
            scale,
            "Community activities",
            "Unallocated reserve for emerging needs",
            "1500",
            ChangeRequest.Status.APPLIED,
            "Two activities cost less than planned.",
            local_user,
            local,
        )
        _change(
            budget,
            lines,
            scale,
            "Technical advice and monitoring",
            "Office rent, utilities and internet",
            "4000",
            ChangeRequest.Status.PENDING,
            "Rent went up; the monitoring visits can be done by the local team.",
            local_user,
            local,
        )
        BudgetComment.objects.create(
            budget=budget,
            author=local_user,
            organisation=local,
            body="Is the share for core costs enough to keep our office open after the project?",
        )
        BudgetComment.objects.create(
            budget=budget,
            author=international_user,
            organisation=international,
            body="Fair point. Let us look at moving part of our overhead to you at the review.",
        )


def _change(budget, lines, scale, source, target, amount, status, why, user, org):
    amount = Decimal(amount) * scale
    number = budget.change_requests.count() + 1
    request = ChangeRequest.objects.create(
        budget=budget,
        number=number,
        requested_by=user,
        requesting_organisation=org,
        justification=why,
        status=status,
        decided_at=timezone.now() if status != ChangeRequest.Status.PENDING else None,
    )
    move = ChangeMove.objects.create(
        change_request=request, from_line=lines[source], to_line=lines[target], amount=amount
    )
    total = total_of(budget.lines.all())
    if status == ChangeRequest.Status.APPLIED:
        for line, delta in ((lines[source], -amount), (lines[target], amount)):
            line.amount += delta
            line.save(update_fields=["amount"])
        budget.version += 1
        budget.save(update_fields=["version"])
    kind = (
        BudgetEvent.Kind.APPLIED
        if status == ChangeRequest.Status.APPLIED
        else BudgetEvent.Kind.REQUESTED
    )
    budget_event_record(
        budget=budget,
        kind=kind,
        actor=user,
        organisation=org,
        change_request=request,
        summary=describe_moves(budget=budget, moves=[move]),
        reason=why,
        total_before=total,
        total_after=total,
    )
