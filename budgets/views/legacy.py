"""Budget addresses from before they were nested under their partnership keep working."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse

from partnerships.access import access_for, scoped

from ..models import Budget


def _moved(request, url):
    if request.GET:
        url = f"{url}?{request.GET.urlencode()}"
    response = HttpResponsePermanentRedirect(url)
    if request.method not in ("GET", "HEAD"):
        response.status_code = 308  # the form's POST is repeated at the new address
    return response


@login_required
def old_partnership_budgets(request, pk):
    access = access_for(request.user, pk)
    return _moved(request, reverse("budgets:list", args=[access.partnership.pk]))


@login_required
def old_budget_url(request, budget_pk, rest=""):
    budget = get_object_or_404(
        scoped(Budget.objects.only("pk", "partnership_id"), request.user), pk=budget_pk
    )
    base = reverse("budgets:detail", args=[budget.partnership_id, budget.pk])
    return _moved(request, base + rest)
