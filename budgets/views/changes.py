from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..forms import (
    MAX_MOVES,
    ChangeRequestForm,
    DecisionForm,
    MoveFormSet,
    WithdrawForm,
    move_lines,
)
from ..models import ChangeRequest
from ..services import changes, rules
from .common import budget_for, editable_org_queryset, show_errors

MOVE_FIELDS = ("from_line", "to_line", "amount")


def _with_one_more_row(request, access, lines):
    """The form as posted plus an empty move row, without validating it: the no-JS way to
    add a row (the page's script adds rows in place instead)."""
    form = ChangeRequestForm(
        initial={
            name: request.POST.get(name)
            for name in ChangeRequestForm.base_fields
            if name != "changes_total"
        }
        | {"changes_total": bool(request.POST.get("changes_total"))}
    )
    try:
        total = int(request.POST.get("moves-TOTAL_FORMS", 1))
    except ValueError:
        total = 1
    rows = [
        {name: request.POST.get(f"moves-{n}-{name}") or None for name in MOVE_FIELDS}
        for n in range(min(total, MAX_MOVES - 1))
    ]
    formset = MoveFormSet(prefix="moves", initial=rows, form_kwargs={"lines": lines})
    return form, formset


@login_required
def change_new(request, pk, budget_pk):
    budget, access = budget_for(request, pk, budget_pk, edit=True)
    lines = move_lines(budget)
    if request.method == "POST" and "add_row" in request.POST:
        form, formset = _with_one_more_row(request, access, lines)
    else:
        form = ChangeRequestForm(request.POST or None)
        formset = MoveFormSet(request.POST or None, prefix="moves", form_kwargs={"lines": lines})
    editable = access.editable_organisations
    form.fields["organisation"].queryset = editable_org_queryset(access)
    if len(editable) == 1:
        form.fields["organisation"].initial = editable[0]
    if (
        request.method == "POST"
        and "add_row" not in request.POST
        and form.is_valid()
        and formset.is_valid()
    ):
        data = form.cleaned_data
        moves = [
            rules.Move(
                f.cleaned_data.get("from_line"),
                f.cleaned_data.get("to_line"),
                f.cleaned_data.get("amount"),
            )
            for f in formset
            if f.cleaned_data and not f.is_blank
        ]
        try:
            change = changes.change_request_create(
                budget=budget,
                user=request.user,
                organisation=data["organisation"],
                justification=data["justification"],
                moves=moves,
                changes_total=data["changes_total"],
                new_currency=data["new_currency"],
                new_period_start=data["new_period_start"],
                new_period_end=data["new_period_end"],
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            if change.status == ChangeRequest.Status.APPLIED:
                messages.success(
                    request,
                    _(
                        "The change was within the agreed rules and has "
                        "been applied. The partners were told."
                    ),
                )
            else:
                messages.info(
                    request,
                    _(
                        "The change is above the agreed rules: it waits for "
                        "the other party to approve it."
                    ),
                )
            return redirect(budget)
    return render(
        request,
        "budgets/change_form.html",
        {
            "budget": budget,
            "form": form,
            "formset": formset,
            "max_moves": MAX_MOVES,
            "rule_state": rules.rule_state(budget=budget),
        },
    )


def _change(budget, change_pk) -> ChangeRequest:
    change = get_object_or_404(
        ChangeRequest.objects.filter(budget=budget).select_related(
            "requested_by", "requesting_organisation", "decided_by"
        ),
        pk=change_pk,
    )
    change.budget = budget
    return change


def _detail(request, budget, access, change, *, form=None, withdraw_form=None, status=200):
    moves = change.moves.select_related("from_line__organisation", "to_line__organisation")
    return render(
        request,
        "budgets/change_detail.html",
        {
            "budget": budget,
            "change": change,
            "moves": moves,
            "can_decide": rules.change_request_can_decide(change, request.user, access.memberships),
            "can_withdraw": rules.change_request_can_withdraw(change, access.memberships),
            "form": form or DecisionForm(),
            "withdraw_form": withdraw_form or WithdrawForm(),
        },
        status=status,
    )


@login_required
def change_detail(request, pk, budget_pk, change_pk):
    budget, access = budget_for(request, pk, budget_pk)
    return _detail(request, budget, access, _change(budget, change_pk))


@login_required
@require_POST
def change_decide(request, pk, budget_pk, change_pk):
    budget, access = budget_for(request, pk, budget_pk, edit=True)
    change = _change(budget, change_pk)
    if change.is_pending and not rules.change_request_can_decide(
        change, request.user, access.memberships
    ):
        raise PermissionDenied(_("Only the other party can approve or decline this request."))
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _detail(request, budget, access, change, form=form, status=400)
    approve = request.POST.get("decision") == "approve"
    try:
        change = changes.change_request_decide(
            change_request_id=change.pk,
            user=request.user,
            approve=approve,
            comment=form.cleaned_data["comment"],
        )
    except ValidationError as error:
        show_errors(request, error)
        return redirect(change)
    if change.status == ChangeRequest.Status.LAPSED:
        messages.warning(
            request,
            _("This request can no longer apply and has lapsed: %(reason)s")
            % {"reason": " ".join(change.lapse_reasons)},
        )
        return redirect(change)
    messages.success(
        request,
        _("The change was approved and applied.") if approve else _("The change was declined."),
    )
    return redirect(budget)


@login_required
@require_POST
def change_withdraw(request, pk, budget_pk, change_pk):
    budget, access = budget_for(request, pk, budget_pk, edit=True)
    change = _change(budget, change_pk)
    if change.is_pending and not rules.change_request_can_withdraw(change, access.memberships):
        raise PermissionDenied(_("Only the organisation that asked can withdraw this request."))
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        return _detail(request, budget, access, change, withdraw_form=form, status=400)
    try:
        changes.change_request_withdraw(
            change_request_id=change.pk, user=request.user, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        show_errors(request, error)
        return redirect(change)
    messages.success(request, _("The request was withdrawn; the other party was told."))
    return redirect(budget)
