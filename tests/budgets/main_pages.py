"""The budgets' main pages, for the width, translation and accessibility checks."""

from django.urls import reverse

from budgets.models import Budget, ChangeRequest


def pages(partnership):
    result = [("budgets", reverse("budgets:partnership", args=[partnership.pk]))]
    budget = Budget.objects.filter(partnership=partnership).first()
    if budget is None:
        return result
    result += [
        ("budget", budget.get_absolute_url()),
        ("flexibility rule", reverse("budgets:rule", args=[budget.pk])),
        ("request a change", reverse("budgets:change_new", args=[budget.pk])),
    ]
    if change := ChangeRequest.objects.filter(budget=budget).order_by("-pk").first():
        result.append(("change request", change.get_absolute_url()))
    return result
