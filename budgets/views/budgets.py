from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from partnerships.access import access_for
from partnerships.models import Organisation
from partnerships.page_cache import cached_page

from ..forms import BudgetForm, BudgetLineForm, CommentForm, FlexibilityRuleForm, ImportForm
from ..models import BudgetLine, ChangeMove, ChangeRequest, FlexibilityRule
from ..services import agreements, comments, csv_lines, indicators, lines, rules
from .common import budget_for, editable_org_queryset, show_errors

HISTORY_LIMIT = 100


@login_required
def budget_list(request, pk):
    access = access_for(request.user, pk, edit=request.method == "POST")
    form = BudgetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        budget = lines.budget_create(
            partnership=access.partnership, user=request.user, **form.cleaned_data
        )
        messages.success(request, _("The budget was created. Add its lines next."))
        return redirect(budget)
    return render(
        request,
        "budgets/list.html",
        {
            "partnership": access.partnership,
            "access": access,
            "budgets": access.partnership.budgets.all(),
            "form": form,
        },
    )


@login_required
@cached_page
def budget_detail(request, pk, budget_pk):
    budget, access = budget_for(request, pk, budget_pk)
    members = list(budget.partnership.members.select_related("organisation"))
    member_ids = {m.organisation_id for m in members}
    local_ids = indicators.local_organisation_ids(members)
    order = {value: n for n, value in enumerate(BudgetLine.Category.values)}
    budget_lines = sorted(
        budget.lines.select_related("organisation"),
        key=lambda line: (order[line.category], line.pk),
    )
    values = indicators.budget_indicators(lines=budget_lines, local_ids=local_ids)
    state = rules.rule_state(budget=budget, member_org_ids=member_ids)
    agreements_shown = []
    if state.rule is not None:
        agreements_shown = list(
            state.rule.agreements.filter(rule_version=state.rule.version).select_related(
                "organisation", "agreed_by"
            )
        )
    pending = list(
        budget.change_requests.filter(status=ChangeRequest.Status.PENDING)
        .select_related("requested_by", "requesting_organisation")
        .prefetch_related(
            Prefetch("moves", queryset=ChangeMove.objects.select_related("from_line", "to_line"))
        )
    )
    events = list(
        budget.events.select_related("actor", "organisation", "change_request")[:HISTORY_LIMIT]
    )
    chart = {
        "labels": [str(i.short_label) for i in values],
        "values": [float(i.value) if i.value is not None else None for i in values],
        "benchmarks": [float(i.benchmark) if i.benchmark is not None else None for i in values],
        "valueLabel": _("This budget (%)"),
        "benchmarkLabel": _("Benchmark (%)"),
    }
    agreed_ids = {a.organisation_id for a in agreements_shown}
    can_agree_for = [
        o
        for o in access.editable_organisations
        if state.rule is not None and o.pk not in agreed_ids
    ]
    return render(
        request,
        "budgets/detail.html",
        {
            "budget": budget,
            "partnership": budget.partnership,
            "access": access,
            "members": members,
            "lines": budget_lines,
            "total": indicators.total_of(budget_lines),
            "indicators": values,
            "chart": chart,
            "rule_state": state,
            "agreements": agreements_shown,
            "waiting_for": [
                m.organisation for m in members if m.organisation_id in state.waiting_for
            ],
            "can_agree_for": can_agree_for,
            "pending": pending,
            "events": events,
            "comments": list(budget.comments.select_related("author", "organisation")),
            "comment_form": CommentForm(),
        },
    )


@login_required
def budget_edit(request, pk, budget_pk):
    budget, access = budget_for(request, pk, budget_pk, edit=True)
    form = BudgetForm(request.POST or None, instance=budget)
    if request.method == "POST" and form.is_valid():
        try:
            lines.budget_update(budget=budget, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your changes were saved."))
            return redirect(budget)
    return render(
        request,
        "budgets/form.html",
        {
            "budget": budget,
            "form": form,
            "heading": _("Edit the budget"),
        },
    )


@login_required
@require_POST
def budget_activate(request, pk, budget_pk):
    budget, access = budget_for(request, pk, budget_pk, edit=True)
    try:
        lines.budget_activate(budget=budget, user=request.user)
        messages.success(
            request, _("The budget is in use: changes now go through change requests.")
        )
    except ValidationError as error:
        show_errors(request, error)
    return redirect(budget)


def _line_form(request, budget, line=None):
    if not budget.is_draft:
        messages.error(request, _("This budget is in use: request a change instead."))
        return redirect(budget)
    organisations = Organisation.objects.filter(
        partnership_memberships__partnership=budget.partnership
    )
    form = BudgetLineForm(request.POST or None, instance=line, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            lines.budget_line_save(
                budget=budget,
                user=request.user,
                line=line,
                category=data["category"],
                organisation=data["organisation"],
                description=data["description"],
                amount=data["amount"],
                reason=data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The line was saved."))
            return redirect(budget)
    return render(
        request,
        "budgets/form.html",
        {
            "budget": budget,
            "form": form,
            "heading": _("Edit a line") if line else _("Add a line"),
        },
    )


@login_required
def line_add(request, pk, budget_pk):
    budget, access = budget_for(request, pk, budget_pk, edit=True)
    return _line_form(request, budget)


@login_required
def line_edit(request, pk, budget_pk, line_pk):
    budget, access = budget_for(request, pk, budget_pk, edit=True)
    line = get_object_or_404(BudgetLine.objects.filter(budget=budget), pk=line_pk)
    return _line_form(request, budget, line)


@login_required
def lines_import(request, pk, budget_pk):
    budget, access = budget_for(request, pk, budget_pk, edit=True)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            count, errors = csv_lines.budget_lines_import_csv(
                budget=budget,
                user=request.user,
                text=form.text,
                file_name=form.cleaned_data["file"].name,
            )
        except ValidationError as error:
            errors = error.messages
        else:
            if not errors:
                messages.success(request, _("%(n)s lines were imported.") % {"n": count})
                return redirect(budget)
    return render(
        request,
        "budgets/import.html",
        {
            "budget": budget,
            "form": form,
            "errors": errors,
        },
        status=400 if errors else 200,
    )


@login_required
def lines_export(request, pk, budget_pk):
    budget, access = budget_for(request, pk, budget_pk)
    text = csv_lines.budget_lines_export_csv(lines=budget.lines.select_related("organisation"))
    response = HttpResponse(text, content_type="text/csv")
    name = slugify(budget.title) or "budget"
    response["Content-Disposition"] = f'attachment; filename="{name}-v{budget.version}.csv"'
    return response


@login_required
def rule_edit(request, pk, budget_pk):
    budget, access = budget_for(request, pk, budget_pk, edit=True)
    rule = FlexibilityRule.objects.filter(budget=budget).first()
    form = FlexibilityRuleForm(request.POST or None, instance=rule)
    if request.method == "POST" and form.is_valid():
        agreements.flexibility_rule_save(
            budget=budget,
            user=request.user,
            percent_threshold=form.cleaned_data["percent_threshold"],
            amount_threshold=form.cleaned_data["amount_threshold"],
        )
        messages.success(
            request, _("The rule was saved. Every member must now agree to it before it applies.")
        )
        return redirect(budget)
    return render(
        request,
        "budgets/form.html",
        {
            "budget": budget,
            "form": form,
            "heading": _("Flexibility rule"),
            "intro": _(
                "Decide together when each side has to ask the other before changing the "
                "budget. Smaller reallocations go through at once; larger ones wait for the "
                "other party."
            ),
        },
    )


@login_required
@require_POST
def rule_agree(request, pk, budget_pk):
    budget, access = budget_for(request, pk, budget_pk, edit=True)
    organisation = get_object_or_404(
        editable_org_queryset(access), pk=request.POST.get("organisation")
    )
    try:
        agreements.flexibility_rule_agree(
            budget=budget, user=request.user, organisation=organisation
        )
    except FlexibilityRule.DoesNotExist:
        messages.error(request, _("There is no rule to agree to yet."))
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("Your agreement was recorded."))
    return redirect(budget)


@login_required
@require_POST
def comment_add(request, pk, budget_pk):
    budget, access = budget_for(request, pk, budget_pk, edit=True)
    form = CommentForm(request.POST)
    if form.is_valid():
        organisations = access.editable_organisations
        comments.budget_comment_add(
            budget=budget,
            user=request.user,
            body=form.cleaned_data["body"],
            organisation=organisations[0] if organisations else None,
        )
        messages.success(request, _("Your comment was added."))
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect(f"{budget.get_absolute_url()}#discussion")
