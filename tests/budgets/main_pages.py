"""The budget pages a logged-in user navigates to, for the cross-app browser checks (width,
translation, accessibility). `partnership` is one seeded by `seed_demo`. Only pages every
member may open (the change request form needs an editor, so it is checked in
tests/budgets/test_phone_width.py instead)."""

from django.urls import reverse

from budgets.models import ChangeRequest


def pages(partnership) -> list[tuple[str, str]]:
    found = [("budgets", reverse("budgets:list", args=[partnership.pk]))]
    budget = partnership.budgets.first()
    if budget is None:
        return found
    found.append(("budget", budget.get_absolute_url()))
    requests = ChangeRequest.objects.filter(budget=budget)
    change = requests.filter(status=ChangeRequest.Status.PENDING).first() or requests.first()
    if change is not None:
        change.budget = budget
        found.append(("budget change request", change.get_absolute_url()))
    return found
