from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from partnerships.access import access_for

from ..forms import ActionForm
from ..models import CapacityAction, LearningNeed
from ..services import plan as services
from .common import member_organisations, render_form


def visible_needs(access):
    """Shared needs, and the unshared ones of the user's own organisations."""
    return LearningNeed.objects.filter(partnership=access.partnership).filter(
        Q(shared=True) | Q(organisation_id__in=access.organisation_ids)
    )


@login_required
def plan(request, pk):
    access = access_for(request.user, pk)
    members = member_organisations(access.partnership)
    actions = list(
        CapacityAction.objects.filter(partnership=access.partnership).select_related(
            "receiving", "providing", "domain", "learning_need", "budget_line__budget", "round"
        )
    )
    local_ids = services.local_organisation_ids(access.partnership)
    side = services.one_sided(actions, local_ids, {o.pk for o in members})
    return render(
        request,
        "capacity/plan.html",
        {
            "partnership": access.partnership,
            "access": access,
            "actions": actions,
            "one_sided": side,
            "members": members,
        },
    )


def _action_form(request, access, action=None):
    form = ActionForm(
        request.POST or None,
        instance=action,
        partnership=access.partnership,
        organisations=member_organisations(access.partnership),
        needs=LearningNeed.objects.filter(partnership=access.partnership, shared=True),
    )
    if request.method == "POST" and form.is_valid():
        saved = services.action_save(
            partnership=access.partnership, user=request.user, action=action, **form.cleaned_data
        )
        messages.success(request, _("The action was saved."))
        return redirect(
            reverse("capacity:plan", args=[access.partnership.pk]) + f"#action-{saved.pk}"
        )
    heading = _("Edit the action") if action else _("Add an action to the capacity plan")
    return render_form(
        request, access, form, heading, reverse("capacity:plan", args=[access.partnership.pk])
    )


@login_required
def action_new(request, pk):
    access = access_for(request.user, pk, edit=True)
    return _action_form(request, access)


@login_required
def action_edit(request, pk, action_pk):
    access = access_for(request.user, pk, edit=True)
    action = get_object_or_404(
        CapacityAction.objects.filter(partnership=access.partnership), pk=action_pk
    )
    return _action_form(request, access, action)
