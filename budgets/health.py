"""Health indicators and symmetry rows of institutional support and flexibility (budgets)."""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partnerships.health_registry import (
    Measure,
    Unit,
    dimension_records,
    health_indicator,
    local_member_ids,
    percent,
    shared,
    symmetry_row,
)
from partnerships.health_thresholds import DECISION_DAYS
from partnerships.models.reflection import Dimension
from partnerships.spreadsheets import Table

from .models import BudgetEvent, BudgetLine, ChangeRequest
from .services.csv_lines import budget_line_cells
from .services.indicators import budget_indicators, money


@dataclass(frozen=True)
class LineTotal:
    """What `budget_indicators` reads from a line: the sum of a partnership's lines with one
    category and one managing organisation."""

    category: str
    organisation_id: int
    amount: Decimal
    currency: str


def line_totals(ids: list[int]) -> dict[int, list[LineTotal]]:
    """partnership -> its budget lines summed by category, organisation and currency."""
    rows = (
        BudgetLine.objects.filter(budget__partnership_id__in=ids)
        .values("budget__partnership_id", "category", "organisation_id", "budget__currency")
        .annotate(amount=Sum("amount"))
        .order_by()
    )
    found = defaultdict(list)
    for row in rows:
        found[row["budget__partnership_id"]].append(
            LineTotal(
                row["category"], row["organisation_id"], row["amount"], row["budget__currency"]
            )
        )
    return found


MEASURED_KEYS = ("local_share", "overhead_shared")


def _budget_measures(partnerships, key: str) -> dict[int, Measure]:
    """The budgets app's own indicator `key` per partnership; `parts` holds its numerator and
    denominator per currency, which the portfolio adds up (amounts in different currencies
    are never added together there). Both budget indicators come from one reading of the
    lines (health_registry.shared)."""
    ids = tuple(p.pk for p in partnerships)
    return shared(("budgets.measures", ids), lambda: _all_budget_measures(ids))[key]


def _all_budget_measures(ids) -> dict[str, dict[int, Measure]]:
    totals, local_ids = line_totals(list(ids)), local_member_ids(ids)
    found = {key: {} for key in MEASURED_KEYS}
    for pk, lines in totals.items():
        overall = _indicators(lines, local_ids[pk])
        currencies = sorted({line.currency for line in lines})
        # Most budgets have one currency, whose figures are the overall ones.
        per_currency = (
            {currencies[0]: overall}
            if len(currencies) == 1
            else {
                c: _indicators([x for x in lines if x.currency == c], local_ids[pk])
                for c in currencies
            }
        )
        by_currency = {
            key: {c: (i[key].numerator, i[key].denominator) for c, i in per_currency.items()}
            for key in MEASURED_KEYS
        }
        for key in MEASURED_KEYS:
            found[key][pk] = Measure(
                overall[key].value,
                # Lazy: the portfolio adds up the parts of hundreds of budgets and shows none
                # of these texts; formatting the amounts was a tenth of its time.
                _parts_text(tuple(by_currency[key].items())),
                parts=by_currency[key],
            )
    return found


def _describe_parts(parts: tuple) -> str:
    return "; ".join(
        _("%(part)s of %(whole)s %(currency)s")
        % {"part": money(part), "whole": money(whole), "currency": currency}
        for currency, (part, whole) in parts
        if whole
    )


_parts_text = lazy(_describe_parts, str)


def _indicators(lines, local_ids) -> dict:
    return {i.key: i for i in budget_indicators(lines=lines, local_ids=local_ids)}


@health_indicator(
    key="budgets.local_share",
    dimension=Dimension.INSTITUTIONAL,
    label=gettext_lazy("Share of the budget managed by local partners"),
    definition=gettext_lazy(
        "Budget lines managed by local actors as a share of all the partnership's budget "
        "lines. The Grand Bargain (2016) commits to at least 25 per cent of funding to local "
        "and national actors as directly as possible. No data: no budget lines."
    ),
    unit=Unit.PERCENT,
    improve=lambda pk: reverse("budgets:list", args=[pk]),
)
def local_share(partnerships, today):
    return _budget_measures(partnerships, "local_share")


@health_indicator(
    key="budgets.overhead_shared",
    dimension=Dimension.INSTITUTIONAL,
    label=gettext_lazy("Indirect costs passed to local partners"),
    definition=gettext_lazy(
        "Indirect cost recovery (overhead) lines managed by local actors as a share of all "
        "overhead lines; some intermediaries split it 50-50 with their partners. No data: no "
        "overhead in the budget."
    ),
    unit=Unit.PERCENT,
    improve=lambda pk: reverse("budgets:list", args=[pk]),
)
def overhead_shared(partnerships, today):
    return _budget_measures(partnerships, "overhead_shared")


DECIDED = [ChangeRequest.Status.APPROVED, ChangeRequest.Status.DECLINED]


@health_indicator(
    key="budgets.changes_decided_in_week",
    dimension=Dimension.INSTITUTIONAL,
    label=gettext_lazy("Change requests decided within a week"),
    definition=gettext_lazy(
        "Of the change requests that needed the other party's decision (approved, declined, "
        "or still pending after a week), the share decided within seven days. No data: no "
        "such request."
    ),
    unit=Unit.PERCENT,
    improve=lambda pk: reverse("budgets:list", args=[pk]),
)
def changes_decided_in_week(partnerships, today):
    week = datetime.timedelta(days=DECISION_DAYS)
    overdue_from = timezone.make_aware(datetime.datetime.combine(today, datetime.time.min)) - week
    rows = (
        ChangeRequest.objects.filter(budget__partnership_id__in=[p.pk for p in partnerships])
        .filter(
            Q(status__in=DECIDED)
            | Q(status=ChangeRequest.Status.PENDING, created_at__lt=overdue_from)
        )
        .values("budget__partnership_id")
        .annotate(
            counted=Count("pk"),
            in_week=Count(
                "pk", filter=Q(status__in=DECIDED, decided_at__lte=F("created_at") + week)
            ),
        )
        .order_by()
    )
    return {
        row["budget__partnership_id"]: Measure(
            percent(row["in_week"], row["counted"]),
            _("%(n)s of %(all)s decided within a week")
            % {"n": row["in_week"], "all": row["counted"]},
            parts={"": (row["in_week"], row["counted"])},
        )
        for row in rows
    }


@symmetry_row(
    key="budgets.approve",
    dimension=Dimension.INSTITUTIONAL,
    obligation=gettext_lazy("Approve or decline the other's budget changes"),
)
def symmetry_approve(partnership, today):
    rows = (
        BudgetEvent.objects.filter(
            budget__partnership=partnership,
            kind__in=[BudgetEvent.Kind.APPROVED, BudgetEvent.Kind.DECLINED],
            organisation__isnull=False,
        )
        .values_list("organisation_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {org: _("Decided %(n)s change requests") % {"n": n} for org, n in rows}


@symmetry_row(
    key="budgets.request",
    dimension=Dimension.INSTITUTIONAL,
    obligation=gettext_lazy("Ask for budget changes"),
)
def symmetry_request(partnership, today):
    rows = (
        ChangeRequest.objects.filter(budget__partnership=partnership)
        .values_list("requesting_organisation_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {org: _("Asked for %(n)s changes") % {"n": n} for org, n in rows}


# --- Records, for the exports ----------------------------------------------------------------

CATEGORIES = dict(BudgetLine.Category.choices)


@dimension_records(dimension=Dimension.INSTITUTIONAL)
def budget_records(access, today):
    """Every line of every budget, with the cells of the budget's own CSV export (category
    code as the import reads it, then its label for readers)."""
    lines = (
        BudgetLine.objects.filter(budget__partnership=access.partnership)
        .select_related("budget", "organisation")
        .order_by("budget__period_start", "budget_id", "category", "pk")
    )
    rows = []
    for line in lines:
        category, organisation, description, amount = budget_line_cells(line)
        budget = line.budget
        rows.append(
            [
                budget.title,
                budget.version,
                budget.get_status_display(),
                budget.period_start,
                budget.period_end,
                budget.currency,
                category,
                str(CATEGORIES.get(category, category)),
                organisation,
                description,
                amount,
            ]
        )
    return [
        Table(
            _("Budget lines"),
            [
                _("Budget"),
                _("Version"),
                _("Status"),
                _("Period start"),
                _("Period end"),
                _("Currency"),
                _("Category code"),
                _("Category"),
                _("Managed by"),
                _("Description"),
                _("Amount"),
            ],
            rows,
        )
    ]
