"""Agreed actions, joint interventions, reflection comparison, reporting exemptions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..access import access_for
from ..forms.actions import AgreedActionForm, InterventionForm, ReportingExemptionForm
from ..models import (
    AgreedAction,
    JointIntervention,
    MutualReport,
    PartnershipEvent,
    ReflectionRound,
    ReportingExemption,
)
from ..services import actions as services
from ..services.events import partnership_event_record
from ..services.membership import admin_organisation_ids
from ..services.reflection_compare import previous_round, rounds_compare


def _form_errors(form, error: ValidationError):
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@login_required
def action_list(request, pk):
    access = access_for(request.user, pk)
    actions = AgreedAction.objects.filter(partnership=access.partnership).select_related(
        "owner_organisation", "owner", "reflection_round", "report__period", "intervention"
    )
    status = request.GET.get("status", "open")
    if status in AgreedAction.Status.values:
        actions = actions.filter(status=status)
    return render(
        request,
        "partnerships/actions/list.html",
        {
            "partnership": access.partnership,
            "access": access,
            "actions": actions,
            "status": status,
            "statuses": AgreedAction.Status.choices,
            "sides": services.actions_by_side(access.partnership),
            "today": timezone.localdate(),
        },
    )


@login_required
def action_create(request, pk):
    access = access_for(request.user, pk, edit=True)
    partnership = access.partnership
    round_ = report = None
    source = AgreedAction.Source.OTHER
    suggestions = []
    if round_pk := request.GET.get("round"):
        round_ = get_object_or_404(
            ReflectionRound.objects.filter(partnership=partnership), pk=round_pk
        )
        source, suggestions = (
            AgreedAction.Source.REFLECTION,
            services.suggested_titles(round_.agreed_actions),
        )
    elif report_pk := request.GET.get("report"):
        report = get_object_or_404(
            MutualReport.objects.filter(
                period__partnership=partnership, status=MutualReport.Status.SUBMITTED
            ),
            pk=report_pk,
        )
        source, suggestions = AgreedAction.Source.REPORT, services.suggested_titles(report.requests)
    initial = {"title": request.GET.get("title", "")}
    form = AgreedActionForm(request.POST or None, partnership=partnership, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            action = services.action_create(
                partnership=partnership,
                actor=request.user,
                source=source,
                reflection_round=round_,
                report=report,
                **form.cleaned_data,
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(
                request, _("The action “%(title)s” was added.") % {"title": action.title}
            )
            return redirect("partnerships:actions", partnership.pk)
    return render(
        request,
        "partnerships/actions/form.html",
        {
            "partnership": partnership,
            "form": form,
            "round": round_,
            "report": report,
            "suggestions": suggestions,
            "heading": _("New agreed action"),
        },
    )


@login_required
def action_edit(request, pk, action_pk):
    access = access_for(request.user, pk)
    action = get_object_or_404(
        AgreedAction.objects.filter(partnership=access.partnership), pk=action_pk
    )
    form = AgreedActionForm(
        request.POST or None,
        partnership=access.partnership,
        creating=False,
        initial={
            "title": action.title,
            "owner_organisation": action.owner_organisation_id,
            "owner": action.owner_id,
            "due_date": action.due_date,
            "status": action.status,
            "intervention": action.intervention_id,
            "notes": action.notes,
        },
    )
    if request.method == "POST":
        access.require_edit()
        if form.is_valid():
            try:
                services.action_update(
                    action_id=action.pk, partnership=access.partnership, **form.cleaned_data
                )
            except ValidationError as error:
                _form_errors(form, error)
            else:
                messages.success(request, _("Your changes were saved."))
                return redirect("partnerships:actions", access.partnership.pk)
    return render(
        request,
        "partnerships/actions/form.html",
        {
            "partnership": access.partnership,
            "form": form,
            "action": action,
            "heading": action.title,
            "can_edit": access.can_edit,
        },
    )


@login_required
@require_POST
def action_done(request, pk, action_pk):
    access = access_for(request.user, pk, edit=True)
    action = get_object_or_404(
        AgreedAction.objects.filter(partnership=access.partnership), pk=action_pk
    )
    services.action_mark_done(action_id=action.pk, partnership=access.partnership)
    messages.success(request, _("“%(title)s” is done.") % {"title": action.title})
    return redirect("partnerships:actions", access.partnership.pk)


@login_required
def reflection_compare(request, pk, round_pk):
    access = access_for(request.user, pk)
    round_ = get_object_or_404(
        ReflectionRound.objects.filter(partnership=access.partnership), pk=round_pk
    )
    previous = previous_round(round_)
    comparison = None
    if previous is not None and round_.is_complete and previous.is_complete:
        comparison = rounds_compare(current=round_, previous=previous)
    return render(
        request,
        "partnerships/reflection/compare.html",
        {
            "partnership": access.partnership,
            "round": round_,
            "previous": previous,
            "comparison": comparison,
        },
    )


@login_required
def intervention_list(request, pk):
    access = access_for(request.user, pk)
    form = InterventionForm(request.POST or None)
    if request.method == "POST":
        access.require_edit()
        if form.is_valid():
            intervention = form.save(commit=False)
            intervention.partnership = access.partnership
            intervention.save()
            messages.success(request, _("The joint intervention was added."))
            return redirect("partnerships:interventions", access.partnership.pk)
    return render(
        request,
        "partnerships/interventions/list.html",
        {
            "partnership": access.partnership,
            "access": access,
            "form": form,
            "interventions": access.partnership.interventions.all(),
        },
    )


@login_required
def intervention_edit(request, pk, intervention_pk):
    access = access_for(request.user, pk, edit=True)
    intervention = get_object_or_404(
        JointIntervention.objects.filter(partnership=access.partnership), pk=intervention_pk
    )
    form = InterventionForm(request.POST or None, instance=intervention)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your changes were saved."))
        return redirect("partnerships:interventions", access.partnership.pk)
    return render(
        request,
        "partnerships/interventions/form.html",
        {"partnership": access.partnership, "form": form, "intervention": intervention},
    )


@login_required
def reporting_exemption(request, pk):
    """An organisation's own admin records that it agrees not to report (or withdraws that)."""
    access = access_for(request.user, pk, edit=True)
    partnership = access.partnership
    member_ids = set(partnership.members.values_list("organisation_id", flat=True))
    own = [
        m.organisation
        for m in access.memberships
        if m.organisation_id in member_ids
        and m.organisation_id in admin_organisation_ids(request.user)
    ]
    if not own:
        raise PermissionDenied(_("Only an organisation's own admin can agree to this."))
    organisation = own[0]
    existing = ReportingExemption.objects.filter(
        partnership=partnership, organisation=organisation
    ).first()
    form = ReportingExemptionForm(request.POST or None)
    if request.method == "POST":
        if request.POST.get("withdraw") and existing:
            with transaction.atomic():
                existing.delete()
                partnership_event_record(
                    partnership=partnership,
                    action=PartnershipEvent.Action.EXEMPTION_WITHDRAWN,
                    actor=request.user,
                    organisation_name=organisation.name,
                )
            messages.success(
                request,
                _("%(org)s reports again from the next schedule change.")
                % {"org": organisation.name},
            )
            return redirect("partnerships:reporting", partnership.pk)
        if form.is_valid():
            try:
                with transaction.atomic():
                    ReportingExemption.objects.create(
                        partnership=partnership,
                        organisation=organisation,
                        reason=form.cleaned_data["reason"],
                        agreed_by=request.user,
                    )
                    partnership_event_record(
                        partnership=partnership,
                        action=PartnershipEvent.Action.EXEMPTION,
                        actor=request.user,
                        organisation_name=organisation.name,
                        detail=form.cleaned_data["reason"],
                    )
            except IntegrityError:
                messages.info(request, _("This was already recorded."))
            else:
                messages.success(
                    request,
                    _("Recorded: %(org)s agrees not to report.") % {"org": organisation.name},
                )
            return redirect("partnerships:reporting", partnership.pk)
    return render(
        request,
        "partnerships/reporting/exemption.html",
        {
            "partnership": partnership,
            "organisation": organisation,
            "existing": existing,
            "form": form,
        },
    )
