"""The capacity page's figures, in a fixed number of queries."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum

from budgets.models import Budget, BudgetLine

from ..models import CapacityAction, Domain, TargetGroupActivity
from ..models.target import PARTICIPANT_FIELDS
from .assessment import complete_round_ids, ordered_members, self_domain_means


def percent(part, whole) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"))


@dataclass
class OrganisationFigures:
    organisation: object
    actions_received: int = 0
    actions_provided: int = 0
    days_received: Decimal = Decimal("0")
    cost_received: Decimal = Decimal("0")
    capacity_managed: Decimal = Decimal("0")
    managed: Decimal = Decimal("0")

    @property
    def capacity_share(self) -> Decimal | None:
        """Share of the budget this organisation manages that goes to capacity."""
        return percent(self.capacity_managed, self.managed)


def _budget_figures(partnership, figures: dict) -> tuple:
    """The latest budget and its total; fills what each organisation manages in `figures`."""
    budget = Budget.objects.filter(partnership=partnership).order_by("-period_start", "-pk").first()
    budget_total = Decimal("0")
    if budget is None:
        return None, budget_total
    for row in (
        BudgetLine.objects.filter(budget=budget)
        .values("organisation_id")
        .annotate(total=Sum("amount"), capacity=Sum("amount", filter=Q(category="capacity")))
    ):
        budget_total += row["total"] or 0
        if row["organisation_id"] in figures:
            figures[row["organisation_id"]].managed = row["total"] or Decimal("0")
            figures[row["organisation_id"]].capacity_managed = row["capacity"] or Decimal("0")
    return budget, budget_total


def _domain_change(rounds: list[int], members) -> list:
    """Each domain's self-assessed mean change between the two latest complete rounds."""
    if len(rounds) != 2:
        return []
    means = self_domain_means(rounds)
    latest, previous = rounds
    domain_ids = sorted({d for (_r, _o, d) in means})
    domains = Domain.objects.in_bulk(domain_ids)
    change = []
    for domain_id in sorted(domain_ids, key=lambda pk: (domains[pk].order, pk)):
        cells = []
        for member in members:
            now = means.get((latest, member.organisation_id, domain_id))
            before = means.get((previous, member.organisation_id, domain_id))
            cells.append(round(now - before, 2) if now is not None and before is not None else None)
        change.append((domains[domain_id], cells))
    return change


def indicators(partnership, complete_rounds: list[int] | None = None) -> dict:
    """`complete_rounds`: complete_round_ids(partnership), if the caller has it already."""
    members = ordered_members(partnership)
    figures = {m.organisation_id: OrganisationFigures(m.organisation) for m in members}
    actions = list(
        CapacityAction.objects.filter(partnership=partnership)
        .exclude(status=CapacityAction.Status.CANCELLED)
        .only("receiving_id", "providing_id", "days", "cost", "status", "due_date", "completed_on")
    )
    for action in actions:
        if action.receiving_id in figures:
            row = figures[action.receiving_id]
            row.actions_received += 1
            row.days_received += action.days
            row.cost_received += action.cost
        if action.providing_id in figures:
            figures[action.providing_id].actions_provided += 1
    budget, budget_total = _budget_figures(partnership, figures)
    counts = [f.actions_received for f in figures.values()]
    symmetry = round(min(counts) / max(counts), 2) if counts and max(counts) else None
    done = [a for a in actions if a.status == CapacityAction.Status.DONE]
    on_time = sum(1 for a in done if a.on_time)
    if complete_rounds is None:
        complete_rounds = complete_round_ids(partnership, [m.organisation_id for m in members])
    change = _domain_change(complete_rounds[:2], members)
    people = TargetGroupActivity.objects.filter(partnership=partnership).aggregate(
        activities=Count("pk"),
        with_disability=Sum("with_disability"),
        **{name: Sum(name) for name, _label in PARTICIPANT_FIELDS},
    )
    reached = {name: people[name] or 0 for name, _label in PARTICIPANT_FIELDS}
    return {
        "organisations": list(figures.values()),
        "budget": budget,
        "budget_total": budget_total,
        "symmetry": symmetry,
        "days": sum((a.days for a in actions), Decimal("0")),
        "done": len(done),
        "on_time": on_time,
        "on_time_share": percent(on_time, len(done)),
        "change": change,
        "members": [m.organisation for m in members],
        "target_groups": {
            "activities": people["activities"],
            "reached": reached,
            "total": sum(reached.values()),
            "with_disability": people["with_disability"] or 0,
        },
    }
