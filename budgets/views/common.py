from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404

from partnerships.access import PartnershipAccess, access_for
from partnerships.models import Organisation

from ..models import Budget


def budget_for(request, pk, budget_pk, *, edit=False) -> tuple[Budget, PartnershipAccess]:
    """The budget of partnership `pk`, fetched as every app fetches partnership data."""
    access = access_for(request.user, pk, edit=edit)
    budget = get_object_or_404(Budget.objects.filter(partnership=access.partnership), pk=budget_pk)
    budget.partnership = access.partnership
    return budget, access


def editable_org_queryset(access):
    return Organisation.objects.filter(pk__in=[o.pk for o in access.editable_organisations])


def show_errors(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)
