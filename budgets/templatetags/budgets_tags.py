from collections import defaultdict

from django import template
from django.db.models import Count

from budgets.models import Budget, BudgetLine, ChangeRequest
from budgets.services.indicators import budget_indicators, local_organisation_ids, total_of
from partnerships.people import members_of

register = template.Library()

SUMMARY_LIMIT = 3


@register.simple_tag
def budget_summary(partnership) -> list[dict]:
    """The partnership's latest budgets with total, local share and pending requests, in a
    fixed number of queries whatever the number of lines or members."""
    budgets = list(Budget.objects.filter(partnership=partnership)[:SUMMARY_LIMIT])
    if not budgets:
        return []
    ids = [b.pk for b in budgets]
    lines = defaultdict(list)
    for line in BudgetLine.objects.filter(budget_id__in=ids).only(
        "budget_id", "category", "organisation_id", "amount"
    ):
        lines[line.budget_id].append(line)
    local_ids = local_organisation_ids(members_of(partnership))
    pending = dict(
        ChangeRequest.objects.filter(budget_id__in=ids, status=ChangeRequest.Status.PENDING)
        .values_list("budget_id")
        .annotate(n=Count("pk"))
        .values_list("budget_id", "n")
    )
    summary = []
    for budget in budgets:
        indicators = {
            i.key: i for i in budget_indicators(lines=lines[budget.pk], local_ids=local_ids)
        }
        summary.append(
            {
                "budget": budget,
                "total": total_of(lines[budget.pk]),
                "local_share": indicators["local_share"],
                "core_support": indicators["core_support"],
                "pending": pending.get(budget.pk, 0),
            }
        )
    return summary
