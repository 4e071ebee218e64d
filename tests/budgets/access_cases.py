from django.urls import reverse

from budgets.models import Budget
from tests.access_matrix import AccessCase

from .helpers import make_budget, make_pending_change


def cases(world):
    p = world.partnership
    budget = make_budget(world, status=Budget.Status.DRAFT)
    line = budget.line["Local programme"]
    change = make_pending_change(world, budget)
    b = budget.pk

    def url(name, *args):
        return reverse(f"budgets:{name}", args=[p.pk, b, *args])

    return [
        AccessCase("budgets:list", reverse("budgets:list", args=[p.pk])),
        AccessCase(
            "budgets:list",
            reverse("budgets:list", args=[p.pk]),
            edit=True,
            method="post",
            data={"title": "Taken", "currency": "EUR"},
            member_ok=False,
        ),
        AccessCase("budgets:detail", url("detail")),
        AccessCase("budgets:edit", url("edit"), edit=True),
        AccessCase(
            "budgets:edit",
            url("edit"),
            edit=True,
            method="post",
            data={"title": "Taken", "currency": "EUR"},
            member_ok=False,
        ),
        AccessCase("budgets:activate", url("activate"), edit=True, method="post", member_ok=False),
        AccessCase("budgets:line_add", url("line_add"), edit=True),
        AccessCase("budgets:line_edit", url("line_edit", line.pk), edit=True),
        AccessCase(
            "budgets:line_edit",
            url("line_edit", line.pk),
            edit=True,
            method="post",
            data={
                "category": "programme",
                "organisation": world.local_org.pk,
                "description": "x",
                "amount": "1",
            },
            member_ok=False,
        ),
        AccessCase("budgets:import", url("import"), edit=True),
        AccessCase("budgets:export", url("export")),
        AccessCase("budgets:rule", url("rule"), edit=True),
        AccessCase(
            "budgets:rule_agree",
            url("rule_agree"),
            edit=True,
            method="post",
            data={"organisation": world.local_org.pk},
            member_ok=False,
        ),
        AccessCase("budgets:change_new", url("change_new"), edit=True),
        AccessCase("budgets:change_detail", url("change_detail", change.pk)),
        AccessCase(
            "budgets:change_decide",
            url("change_decide", change.pk),
            edit=True,
            method="post",
            data={"decision": "approve", "comment": "ok"},
            member_ok=False,
        ),
        AccessCase(
            "budgets:change_withdraw",
            url("change_withdraw", change.pk),
            edit=True,
            method="post",
            data={"reason": "no longer needed"},
            member_ok=False,
        ),
        AccessCase(
            "budgets:comment",
            url("comment"),
            edit=True,
            method="post",
            data={"body": "hello"},
            member_ok=False,
        ),
        # The addresses from before budgets were nested redirect, to members only.
        AccessCase(
            "budgets_legacy:partnership", reverse("budgets_legacy:partnership", args=[p.pk])
        ),
        AccessCase("budgets_legacy:budget", reverse("budgets_legacy:budget", args=[b])),
        AccessCase(
            "budgets_legacy:budget_page",
            reverse("budgets_legacy:budget_page", args=[b, f"changes/{change.pk}/"]),
        ),
    ]
