"""Creating a budget, editing its details, its lines while a draft, and putting it in use."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Budget, BudgetEvent, BudgetLine
from .history import budget_event_record, budget_total
from .indicators import ZERO, money

# Shared terms: once a budget is in use they change only through an approved change request.
TERMS = ("currency", "period_start", "period_end")


def require_draft(budget: Budget) -> None:
    if not budget.is_draft:
        raise ValidationError(
            _(
                "This budget is in use: its lines change only through change "
                "requests, so that both partners see every reallocation."
            )
        )


@transaction.atomic
def budget_create(
    *,
    partnership,
    user,
    title: str,
    currency: str,
    period_start: datetime.date | None = None,
    period_end: datetime.date | None = None,
) -> Budget:
    budget = Budget.objects.create(
        partnership=partnership,
        title=title,
        currency=currency,
        period_start=period_start,
        period_end=period_end,
    )
    budget_event_record(
        budget=budget,
        kind=BudgetEvent.Kind.CREATED,
        actor=user,
        summary=budget.title,
        total_after=ZERO,
    )
    return budget


@transaction.atomic
def budget_update(
    *,
    budget: Budget,
    user,
    title: str,
    currency: str,
    period_start: datetime.date | None,
    period_end: datetime.date | None,
    reason: str = "",
) -> Budget:
    """Edit a budget's details. A budget in use keeps its currency and period: those are
    shared terms that only an approved change request alters."""
    budget = Budget.objects.select_for_update().get(pk=budget.pk)
    values = {
        "title": title,
        "currency": currency,
        "period_start": period_start,
        "period_end": period_end,
    }
    changed = [name for name, value in values.items() if getattr(budget, name) != value]
    if not budget.is_draft and any(name in TERMS for name in changed):
        raise ValidationError(
            _(
                "This budget is in use: its currency and period change only "
                "through a change request the other party approves."
            )
        )
    if not changed:
        return budget
    for name in changed:
        setattr(budget, name, values[name])
    budget.full_clean()
    budget.save()
    labels = ", ".join(
        str(Budget._meta.get_field(name).verbose_name).capitalize() for name in changed
    )
    budget_event_record(
        budget=budget, kind=BudgetEvent.Kind.EDITED, actor=user, summary=labels, reason=reason
    )
    return budget


@transaction.atomic
def budget_line_save(
    *,
    budget: Budget,
    user,
    line: BudgetLine | None = None,
    category: str,
    organisation,
    description: str,
    amount: Decimal,
    reason: str = "",
) -> BudgetLine:
    """Add a line to a draft budget, or change one of its lines."""
    budget = Budget.objects.select_for_update().get(pk=budget.pk)
    require_draft(budget)
    if amount < 0:
        raise ValidationError(_("An amount cannot be negative."))
    before = budget_total(budget)
    is_new = line is None
    if is_new:
        line = BudgetLine(budget=budget)
    elif line.budget_id != budget.pk:
        raise ValidationError(_("That line is not in this budget."))
    line.category, line.organisation = category, organisation
    line.description, line.amount = description, amount
    line.save()
    budget_event_record(
        budget=budget,
        actor=user,
        kind=BudgetEvent.Kind.LINE_ADDED if is_new else BudgetEvent.Kind.LINE_CHANGED,
        summary=f"{line.get_category_display()} – {line.description} – {line.organisation}: "
        f"{money(line.amount)} {budget.currency}",
        reason=reason,
        total_before=before,
    )
    return line


@transaction.atomic
def budget_activate(*, budget: Budget, user, reason: str = "") -> Budget:
    budget = Budget.objects.select_for_update().get(pk=budget.pk)
    require_draft(budget)
    budget.status = Budget.Status.ACTIVE
    budget.save(update_fields=["status", "updated_at"])
    budget_event_record(budget=budget, kind=BudgetEvent.Kind.ACTIVATED, actor=user, reason=reason)
    return budget
