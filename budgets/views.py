from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from partnerships.access import access_for, scoped
from partnerships.models import Organisation, PartnershipMember

from . import services
from .forms import (
    BudgetForm,
    BudgetLineForm,
    ChangeRequestForm,
    CommentForm,
    DecisionForm,
    FlexibilityRuleForm,
    ImportForm,
    MoveFormSet,
)
from .models import Budget, BudgetLine, ChangeMove, ChangeRequest, FlexibilityRule

HISTORY_LIMIT = 100


def _budget(request, pk, *, edit=False):
    budget = get_object_or_404(
        scoped(Budget.objects.select_related("partnership"), request.user), pk=pk
    )
    access = access_for(request.user, budget.partnership_id, edit=edit)
    return budget, access


def _member_organisations(partnership):
    return Organisation.objects.filter(partnership_memberships__partnership=partnership)


def _editable_orgs(access):
    return [m.organisation for m in access.memberships if m.can_edit]


def _editable_org_queryset(access):
    return Organisation.objects.filter(pk__in=[o.pk for o in _editable_orgs(access)])


def _errors(request, error: ValidationError):
    for message in error.messages:
        messages.error(request, message)


@login_required
def partnership_budgets(request, pk):
    access = access_for(request.user, pk, edit=request.method == "POST")
    form = BudgetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        budget = services.create_budget(access.partnership, form, request.user)
        messages.success(request, _("The budget was created. Add its lines next."))
        return redirect(budget)
    budgets = access.partnership.budgets.all()
    return render(request, "budgets/list.html", {
        "partnership": access.partnership, "access": access, "budgets": budgets, "form": form,
    })


@login_required
def budget_detail(request, pk):
    budget, access = _budget(request, pk)
    members = list(budget.partnership.members.select_related("organisation"))
    member_ids = {m.organisation_id for m in members}
    local_ids = {
        m.organisation_id for m in members
        if m.role == PartnershipMember.Role.LOCAL_PARTNER or m.organisation.is_local_actor
    }
    order = {value: n for n, value in enumerate(BudgetLine.Category.values)}
    lines = sorted(budget.lines.select_related("organisation"),
                   key=lambda line: (order[line.category], line.pk))
    indicators = services.indicators(lines, local_ids)
    state = services.rule_state(budget, member_ids)
    agreements = []
    if state.rule is not None:
        agreements = list(state.rule.agreements.filter(rule_version=state.rule.version)
                          .select_related("organisation", "agreed_by"))
    pending = list(
        budget.change_requests.filter(status=ChangeRequest.Status.PENDING)
        .select_related("requested_by", "requesting_organisation")
        .prefetch_related(Prefetch(
            "moves", queryset=ChangeMove.objects.select_related("from_line", "to_line")))
    )
    events = list(budget.events.select_related("actor", "organisation")[:HISTORY_LIMIT])
    comments = list(budget.comments.select_related("author", "organisation"))
    chart = {
        "labels": [str(i.short_label) for i in indicators],
        "values": [float(i.value) if i.value is not None else None for i in indicators],
        "benchmarks": [float(i.benchmark) if i.benchmark is not None else None
                       for i in indicators],
        "valueLabel": _("This budget (%)"),
        "benchmarkLabel": _("Benchmark (%)"),
    }
    agreed_ids = {a.organisation_id for a in agreements}
    can_agree_for = [o for o in _editable_orgs(access)
                     if state.rule is not None and o.pk not in agreed_ids]
    return render(request, "budgets/detail.html", {
        "budget": budget, "partnership": budget.partnership, "access": access,
        "members": members, "lines": lines, "total": services.total_of(lines),
        "indicators": indicators, "chart": chart, "rule_state": state,
        "agreements": agreements, "waiting_for": [
            m.organisation for m in members if m.organisation_id in state.waiting_for],
        "can_agree_for": can_agree_for, "pending": pending, "events": events,
        "comments": comments, "comment_form": CommentForm(),
    })


@login_required
def budget_edit(request, pk):
    budget, access = _budget(request, pk, edit=True)
    form = BudgetForm(request.POST or None, instance=budget)
    if request.method == "POST" and form.is_valid():
        services.update_budget(form, request.user)
        messages.success(request, _("Your changes were saved."))
        return redirect(budget)
    return render(request, "budgets/form.html", {
        "budget": budget, "form": form, "heading": _("Edit the budget"),
    })


@login_required
@require_POST
def budget_activate(request, pk):
    budget, access = _budget(request, pk, edit=True)
    try:
        services.activate(budget, request.user)
        messages.success(request, _("The budget is in use: changes now go through change "
                                    "requests."))
    except ValidationError as error:
        _errors(request, error)
    return redirect(budget)


def _line_form(request, budget, access, line=None):
    if not budget.is_draft:
        messages.error(request, _("This budget is in use: request a change instead."))
        return redirect(budget)
    form = BudgetLineForm(request.POST or None, instance=line,
                          organisations=_member_organisations(budget.partnership))
    if request.method == "POST" and form.is_valid():
        services.save_line(budget, form, request.user, form.cleaned_data["reason"])
        messages.success(request, _("The line was saved."))
        return redirect(budget)
    return render(request, "budgets/form.html", {
        "budget": budget, "form": form,
        "heading": _("Edit a line") if line else _("Add a line"),
    })


@login_required
def line_add(request, pk):
    budget, access = _budget(request, pk, edit=True)
    return _line_form(request, budget, access)


@login_required
def line_edit(request, pk, line_pk):
    budget, access = _budget(request, pk, edit=True)
    line = get_object_or_404(BudgetLine.objects.filter(budget=budget), pk=line_pk)
    return _line_form(request, budget, access, line)


@login_required
def lines_import(request, pk):
    budget, access = _budget(request, pk, edit=True)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            count, errors = services.import_csv(budget, form.cleaned_data["file"], request.user)
        except ValidationError as error:
            errors = error.messages
        else:
            if not errors:
                messages.success(request, _("%(n)s lines were imported.") % {"n": count})
                return redirect(budget)
    return render(request, "budgets/import.html", {
        "budget": budget, "form": form, "errors": errors,
    }, status=400 if errors else 200)


@login_required
def lines_export(request, pk):
    budget, access = _budget(request, pk)
    lines = budget.lines.select_related("organisation")
    response = HttpResponse(services.export_csv(budget, lines), content_type="text/csv")
    name = slugify(budget.title) or "budget"
    response["Content-Disposition"] = f'attachment; filename="{name}-v{budget.version}.csv"'
    return response


@login_required
def rule_edit(request, pk):
    budget, access = _budget(request, pk, edit=True)
    rule = FlexibilityRule.objects.filter(budget=budget).first()
    form = FlexibilityRuleForm(request.POST or None, instance=rule)
    if request.method == "POST" and form.is_valid():
        services.save_rule(budget, form, request.user)
        messages.success(request, _("The rule was saved. Every member must now agree to it "
                                    "before it applies."))
        return redirect(budget)
    return render(request, "budgets/form.html", {
        "budget": budget, "form": form, "heading": _("Flexibility rule"),
        "intro": _("Decide together when each side has to ask the other before changing the "
                   "budget. Smaller reallocations go through at once; larger ones wait for the "
                   "other party."),
    })


@login_required
@require_POST
def rule_agree(request, pk):
    budget, access = _budget(request, pk, edit=True)
    organisation = get_object_or_404(_editable_org_queryset(access),
                                     pk=request.POST.get("organisation"))
    try:
        services.agree_rule(budget, request.user, organisation)
    except FlexibilityRule.DoesNotExist:
        messages.error(request, _("There is no rule to agree to yet."))
    else:
        messages.success(request, _("Your agreement was recorded."))
    return redirect(budget)


@login_required
def change_new(request, pk):
    budget, access = _budget(request, pk, edit=True)
    lines = budget.lines.select_related("organisation")
    editable = _editable_orgs(access)
    form = ChangeRequestForm(request.POST or None)
    form.fields["organisation"].queryset = _editable_org_queryset(access)
    if len(editable) == 1:
        form.fields["organisation"].initial = editable[0]
    formset = MoveFormSet(request.POST or None, prefix="moves", form_kwargs={"lines": lines})
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        moves = [
            services.Move(f.cleaned_data.get("from_line"), f.cleaned_data.get("to_line"),
                          f.cleaned_data.get("amount"))
            for f in formset if f.cleaned_data and not f.is_blank
        ]
        try:
            change = services.request_change(
                budget, request.user, form.cleaned_data["organisation"],
                form.cleaned_data["justification"], moves, form.cleaned_data["changes_total"],
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            if change.status == ChangeRequest.Status.APPLIED:
                messages.success(request, _("The change was within the agreed rules and has "
                                            "been applied. The partners were told."))
            else:
                messages.info(request, _("The change is above the agreed rules: it waits for "
                                         "the other party to approve it."))
            return redirect(budget)
    return render(request, "budgets/change_form.html", {
        "budget": budget, "form": form, "formset": formset,
        "rule_state": services.rule_state(budget),
    })


def _change(budget, change_pk):
    return get_object_or_404(
        ChangeRequest.objects.filter(budget=budget).select_related(
            "requested_by", "requesting_organisation", "decided_by"),
        pk=change_pk,
    )


@login_required
def change_detail(request, pk, change_pk):
    budget, access = _budget(request, pk)
    change = _change(budget, change_pk)
    moves = change.moves.select_related("from_line__organisation", "to_line__organisation")
    return render(request, "budgets/change_detail.html", {
        "budget": budget, "change": change, "moves": moves,
        "can_decide": services.can_decide(change, request.user, access.memberships),
        "form": DecisionForm(),
    })


@login_required
@require_POST
def change_decide(request, pk, change_pk):
    budget, access = _budget(request, pk, edit=True)
    change = _change(budget, change_pk)
    if not services.can_decide(change, request.user, access.memberships) and change.is_pending:
        raise PermissionDenied(_("Only the other party can approve or decline this request."))
    form = DecisionForm(request.POST)
    if form.is_valid():
        approve = request.POST.get("decision") == "approve"
        try:
            services.decide(change.pk, request.user, approve=approve,
                            comment=form.cleaned_data["comment"])
        except ValidationError as error:
            _errors(request, error)
            return redirect(change)
        messages.success(request, _("The change was approved and applied.") if approve
                         else _("The change was declined."))
        return redirect(budget)
    moves = change.moves.select_related("from_line__organisation", "to_line__organisation")
    return render(request, "budgets/change_detail.html", {
        "budget": budget, "change": change, "moves": moves, "can_decide": True, "form": form,
    }, status=400)


@login_required
@require_POST
def comment_add(request, pk):
    budget, access = _budget(request, pk, edit=True)
    form = CommentForm(request.POST)
    if form.is_valid():
        organisations = _editable_orgs(access)
        services.add_comment(budget, request.user, form.cleaned_data["body"],
                             organisations[0] if organisations else None)
        messages.success(request, _("Your comment was added."))
    else:
        messages.error(request, " ".join(form.errors["body"]))
    return redirect(f"{budget.get_absolute_url()}#discussion")
