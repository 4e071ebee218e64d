"""The budget's history: who did what, when and why, with the total before and after."""

from decimal import Decimal

from ..models import BudgetEvent, BudgetLine
from .indicators import total_of


def budget_total(budget) -> Decimal:
    return total_of(BudgetLine.objects.filter(budget=budget).only("amount"))


def budget_event_record(
    *,
    budget,
    kind,
    actor,
    organisation=None,
    change_request=None,
    summary: str = "",
    reason: str = "",
    total_before: Decimal | None = None,
    total_after: Decimal | None = None,
) -> BudgetEvent:
    """Record one event; totals default to the budget's current total (nothing moved)."""
    if total_after is None:
        total_after = budget_total(budget)
    return BudgetEvent.objects.create(
        budget=budget,
        kind=kind,
        actor=actor,
        organisation=organisation,
        change_request=change_request,
        summary=summary,
        reason=reason,
        total_before=total_after if total_before is None else total_before,
        total_after=total_after,
    )
