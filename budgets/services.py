"""Budget rules in one place: indicators, flexibility, change requests, CSV, history."""

import csv
import io
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partnerships import people
from partnerships.models import Membership
from partnerships.notify import notify

from .models import (
    Budget,
    BudgetComment,
    BudgetEvent,
    BudgetLine,
    ChangeMove,
    ChangeRequest,
    FlexibilityAgreement,
    FlexibilityRule,
)

ZERO = Decimal("0")
CENT = Decimal("0.01")
Category = BudgetLine.Category


def money(value: Decimal) -> str:
    return number_format(value, decimal_pos=2, force_grouping=True)


# --- Indicators -------------------------------------------------------------------------------


local_organisation_ids = people.local_organisation_ids  # the rule lives in partnerships


@dataclass
class Indicator:
    key: str
    label: str
    short_label: str
    value: Decimal | None  # percent, one decimal; None when there is nothing to divide by
    numerator: Decimal
    denominator: Decimal
    explanation: str
    benchmark: Decimal | None = None
    benchmark_source: str = ""

    @property
    def below_benchmark(self) -> bool:
        return self.benchmark is not None and self.value is not None and self.value < self.benchmark


def _percent(part: Decimal, whole: Decimal) -> Decimal | None:
    if not whole:
        return None
    return (part * 100 / whole).quantize(Decimal("0.1"))


def total_of(lines: Iterable) -> Decimal:
    return sum((line.amount for line in lines), ZERO)


def indicators(lines: Iterable, local_ids: set[int]) -> list[Indicator]:
    """Every budget indicator, from lines with category, organisation_id and amount."""
    lines = list(lines)
    total = total_of(lines)
    local = [line for line in lines if line.organisation_id in local_ids]
    local_total = total_of(local)
    local_core = total_of(line for line in local if line.category == Category.CORE)
    overhead = [line for line in lines if line.category == Category.OVERHEAD]
    local_overhead = total_of(line for line in overhead if line.organisation_id in local_ids)
    capacity = total_of(line for line in lines if line.category == Category.CAPACITY)
    reserve = total_of(line for line in lines if line.category == Category.RESERVE)
    return [
        Indicator(
            "local_share", _("Share of the budget managed by local partners"), _("Local partners"),
            _percent(local_total, total), local_total, total,
            _("Local partners who manage funds themselves lead the work rather than carry it "
              "out; the tool asks partners to discuss how funds are allocated and why it is "
              "fair."),
            Decimal("25"),
            # xgettext:no-python-format
            _("Grand Bargain (2016): at least 25% of humanitarian funding to local and "
              "national actors as directly as possible."),
        ),
        Indicator(
            "core_support", _("Core / institutional support, as a share of what local partners "
                              "manage"), _("Core support"),
            _percent(local_core, local_total), local_core, local_total,
            _("Core costs (rent, housing, subscriptions, phone, internet) often get a lower "
              "priority than activities; the tool asks whether the budget prioritises enough "
              "institutional support for the local partner."),
        ),
        Indicator(
            "overhead_shared", _("Share of overhead (indirect cost recovery) passed to local "
                                 "partners"), _("Overhead shared"),
            _percent(local_overhead, total_of(overhead)), local_overhead, total_of(overhead),
            _("Overheads keep an organisation running between projects; IASC guidance (2022) "
              "asks intermediaries to provide them to local and national partners."),
            Decimal("50"),
            _("Practice example: CAFOD and Christian Aid split donor indirect cost recovery "
              "50-50 with partners (Development Initiatives for the IASC, 2022)."),
        ),
        Indicator(
            "capacity_share", _("Capacity-strengthening share of the budget"), _("Capacity"),
            _percent(capacity, total), capacity, total,
            _("Capacity building is often given a lower priority than activities, yet "
              "strengthening partners as organisations benefits the joint work."),
        ),
        Indicator(
            "reserve_share", _("Unallocated / flexible reserve"), _("Reserve"),
            _percent(reserve, total), reserve, total,
            _("Flexibility in the use of funds is key to a successful intervention and a "
              "trustworthy partnership; check whether the donor lets you set funds aside."),
        ),
    ]


# --- History ----------------------------------------------------------------------------------


def _current_total(budget) -> Decimal:
    return total_of(BudgetLine.objects.filter(budget=budget).only("amount"))


def record(budget, kind, actor, *, summary="", reason="", total_before=None, total_after=None,
           organisation=None, change_request=None) -> BudgetEvent:
    if total_after is None:
        total_after = _current_total(budget)
    return BudgetEvent.objects.create(
        budget=budget, kind=kind, actor=actor, organisation=organisation,
        change_request=change_request, summary=summary, reason=reason,
        total_before=total_after if total_before is None else total_before,
        total_after=total_after,
    )


_editable_organisations = people.editable_organisations  # the rule lives in partnerships
_people = people.partnership_people


def _notify_budget(users, budget, message, params, *, status, url):
    notify(
        users, message=message, params=params, url=url, partnership=budget.partnership,
        email_template="emails/budget_change",
        email_context={"budget": budget.title, "partnership": budget.partnership.title,
                       "status": status, **{k: str(v) for k, v in params.items()}},
    )


# --- Budget and lines -------------------------------------------------------------------------


@transaction.atomic
def create_budget(partnership, form, user) -> Budget:
    budget = form.save(commit=False)
    budget.partnership = partnership
    budget.save()
    record(budget, BudgetEvent.Kind.CREATED, user, summary=budget.title, total_after=ZERO)
    return budget


@transaction.atomic
def update_budget(form, user, reason="") -> Budget:
    changed = ", ".join(str(form.fields[name].label) for name in form.changed_data)
    budget = form.save()
    if changed:
        record(budget, BudgetEvent.Kind.EDITED, user, summary=changed, reason=reason)
    return budget


def _require_draft(budget):
    if not budget.is_draft:
        raise ValidationError(_("This budget is in use: its lines change only through change "
                                "requests, so that both partners see every reallocation."))


@transaction.atomic
def save_line(budget, form, user, reason="") -> BudgetLine:
    _require_draft(budget)
    before = _current_total(budget)
    is_new = form.instance.pk is None
    line = form.save(commit=False)
    line.budget = budget
    line.save()
    record(
        budget, BudgetEvent.Kind.LINE_ADDED if is_new else BudgetEvent.Kind.LINE_CHANGED, user,
        summary=f"{line.get_category_display()} – {line.description} – {line.organisation}: "
                f"{money(line.amount)} {budget.currency}",
        reason=reason, total_before=before,
    )
    return line


@transaction.atomic
def activate(budget, user, reason="") -> None:
    _require_draft(budget)
    budget.status = Budget.Status.ACTIVE
    budget.save(update_fields=["status", "updated_at"])
    record(budget, BudgetEvent.Kind.ACTIVATED, user, reason=reason)


# --- CSV --------------------------------------------------------------------------------------

CSV_COLUMNS = ["category", "organisation", "description", "amount"]
MAX_IMPORT_ROWS = 5000


def export_csv(budget, lines) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for line in lines:
        writer.writerow([line.category, line.organisation.name, line.description,
                         f"{line.amount:.2f}"])
    return out.getvalue()


def _parse_amount(raw: str) -> tuple[Decimal | None, str | None]:
    raw = raw.strip()
    if not raw:
        return None, _("the amount is missing")
    try:
        amount = Decimal(raw)
    except InvalidOperation:
        return None, _("“%(value)s” is not an amount (use digits and a dot for decimals, no "
                       "thousands separators)") % {"value": raw}
    if not amount.is_finite():
        return None, _("“%(value)s” is not an amount") % {"value": raw}
    if amount < 0:
        return None, _("the amount %(value)s is negative; amounts cannot be below zero") % {
            "value": raw}
    if amount != amount.quantize(CENT):
        return None, _("the amount %(value)s has more than two decimals") % {"value": raw}
    if amount >= Decimal("1e12"):
        return None, _("the amount %(value)s is too large") % {"value": raw}
    return amount, None


def import_csv(budget, uploaded, user) -> tuple[int, list[str]]:
    """Add the file's lines to a draft budget: all of them, or none and the reasons why."""
    _require_draft(budget)
    try:
        text = uploaded.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        return 0, [_("The file is not UTF-8 text; save it as “CSV UTF-8” and try again.")]
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in CSV_COLUMNS if c not in header]
    if missing:
        return 0, [_("The first row must name the columns %(columns)s; missing: %(missing)s.") % {
            "columns": ", ".join(CSV_COLUMNS), "missing": ", ".join(missing)}]
    reader.fieldnames = header
    categories = {c.value: c.value for c in Category}
    categories.update({str(c.label).lower(): c.value for c in Category})
    organisations = {
        m.organisation.name.lower(): m.organisation
        for m in budget.partnership.members.select_related("organisation")
    }
    lines, errors = [], []
    for row_number, row in enumerate(reader, start=2):
        if row_number - 1 > MAX_IMPORT_ROWS:
            errors.append(_("The file has more than %(n)s rows.") % {"n": MAX_IMPORT_ROWS})
            break
        if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
            continue
        problems = []
        category = categories.get((row.get("category") or "").strip().lower())
        if category is None:
            problems.append(_("unknown category “%(value)s” (use one of %(choices)s)") % {
                "value": row.get("category") or "", "choices": ", ".join(Category.values)})
        organisation = organisations.get((row.get("organisation") or "").strip().lower())
        if organisation is None:
            problems.append(_("“%(value)s” is not a member of this partnership") % {
                "value": row.get("organisation") or ""})
        description = (row.get("description") or "").strip()
        if not description:
            problems.append(_("the description is missing"))
        elif len(description) > 300:
            problems.append(_("the description is longer than 300 characters"))
        amount, problem = _parse_amount(row.get("amount") or "")
        if problem:
            problems.append(problem)
        if problems:
            errors.append(_("Row %(row)s: %(problems)s.") % {
                "row": row_number, "problems": "; ".join(problems)})
        else:
            lines.append(BudgetLine(budget=budget, category=category, organisation=organisation,
                                    description=description, amount=amount))
    if not errors and not lines:
        errors.append(_("The file has no budget lines."))
    if errors:
        return 0, errors
    with transaction.atomic():
        before = _current_total(budget)
        for line in lines:
            line.save()
        record(budget, BudgetEvent.Kind.IMPORTED, user, total_before=before,
               summary=_("%(n)s lines imported from %(file)s") % {
                   "n": len(lines), "file": getattr(uploaded, "name", "CSV")})
    return len(lines), []


# --- Flexibility rules ------------------------------------------------------------------------


@dataclass
class RuleState:
    rule: FlexibilityRule | None
    agreed_org_ids: set[int]
    member_org_ids: set[int]

    @property
    def in_force(self) -> bool:
        return (
            self.rule is not None
            and (self.rule.percent_threshold is not None or self.rule.amount_threshold is not None)
            and self.member_org_ids <= self.agreed_org_ids
        )

    @property
    def waiting_for(self) -> set[int]:
        return self.member_org_ids - self.agreed_org_ids


def rule_state(budget, member_org_ids: set[int] | None = None) -> RuleState:
    rule = FlexibilityRule.objects.filter(budget=budget).first()
    if member_org_ids is None:
        member_org_ids = set(budget.partnership.members.values_list("organisation_id", flat=True))
    agreed = set()
    if rule is not None:
        agreed = set(rule.agreements.filter(rule_version=rule.version)
                     .values_list("organisation_id", flat=True))
    return RuleState(rule, agreed, member_org_ids)


@transaction.atomic
def save_rule(budget, form, user) -> FlexibilityRule:
    rule = form.save(commit=False)
    rule.budget = budget
    if rule.pk:
        rule.version += 1
    rule.save()
    summary = _("Up to %(percent)s%% of a line and up to %(amount)s %(currency)s per request") % {
        "percent": rule.percent_threshold if rule.percent_threshold is not None else "–",
        "amount": money(rule.amount_threshold) if rule.amount_threshold is not None else "–",
        "currency": budget.currency,
    }
    record(budget, BudgetEvent.Kind.RULE_CHANGED, user, summary=summary)
    own = [o.pk for o in _editable_organisations(user, budget.partnership)]
    notify(
        _people(budget.partnership, exclude_org_ids=own, editors_only=True),
        message=gettext_lazy("The flexibility rule of “%(budget)s” changed; it applies once "
                             "every member agrees to it."),
        params={"budget": budget.title}, url=budget.get_absolute_url(),
        partnership=budget.partnership,
    )
    return rule


@transaction.atomic
def agree_rule(budget, user, organisation) -> FlexibilityAgreement:
    rule = FlexibilityRule.objects.select_for_update().get(budget=budget)
    agreement, _created = FlexibilityAgreement.objects.get_or_create(
        rule=rule, organisation=organisation, rule_version=rule.version,
        defaults={"agreed_by": user},
    )
    record(budget, BudgetEvent.Kind.RULE_AGREED, user, organisation=organisation,
           summary=_("%(org)s agreed to version %(v)s of the rule") % {
               "org": organisation, "v": rule.version})
    return agreement


# --- Change requests --------------------------------------------------------------------------


@dataclass
class Move:
    from_line: BudgetLine | None
    to_line: BudgetLine | None
    amount: Decimal


def _deltas(moves) -> dict[int, Decimal]:
    deltas: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for move in moves:
        if move.from_line is not None:
            deltas[move.from_line.pk] -= move.amount
        if move.to_line is not None:
            deltas[move.to_line.pk] += move.amount
    return deltas


def check_moves(budget, moves: list[Move], changes_total: bool,
                amounts: dict[int, Decimal]) -> None:
    """Refuse a request that could not be applied, saying why. `amounts` are the lines'
    current amounts by id."""
    errors = []
    if not moves:
        errors.append(_("Say which line the money comes from, which it goes to, and how much."))
    for n, move in enumerate(moves, start=1):
        if move.amount is None or move.amount <= 0:
            errors.append(_("Move %(n)s: the amount must be more than zero; choose the “from” and "
                            "“to” lines to say which way the money moves.") % {"n": n})
        if move.from_line is None and move.to_line is None:
            errors.append(_("Move %(n)s: choose at least one line.") % {"n": n})
        if move.from_line is not None and move.from_line == move.to_line:
            errors.append(_("Move %(n)s: the money must move to a different line.") % {"n": n})
        for line in (move.from_line, move.to_line):
            if line is not None and line.budget_id != budget.pk:
                errors.append(_("Move %(n)s: that line is not in this budget.") % {"n": n})
        if not changes_total and (move.from_line is None or move.to_line is None):
            errors.append(_("Move %(n)s: a reallocation needs a line to take from and a line "
                            "to give to; tick “changes the total” to add or release funds.")
                          % {"n": n})
    if errors:
        raise ValidationError(errors)
    lines = {m.from_line.pk: m.from_line for m in moves if m.from_line is not None}
    for line_id, delta in _deltas(moves).items():
        current = amounts[line_id]
        if current + delta < 0:
            line = lines[line_id]
            errors.append(_("“%(line)s” holds %(amount)s %(currency)s; this request would take "
                            "%(taken)s from it, which would leave it below zero.") % {
                "line": line.description, "amount": money(current), "currency": budget.currency,
                "taken": money(-delta)})
    if errors:
        raise ValidationError(errors)


def within_rules(state: RuleState, moves: list[Move], changes_total: bool,
                 amounts: dict[int, Decimal]) -> bool:
    """True when the agreed rule lets the change through without the other party.
    With both thresholds set, both must hold."""
    if changes_total or not state.in_force:
        return False
    rule = state.rule
    if rule.amount_threshold is not None:
        if sum((m.amount for m in moves), ZERO) > rule.amount_threshold:
            return False
    if rule.percent_threshold is not None:
        for line_id, delta in _deltas(moves).items():
            if abs(delta) * 100 > rule.percent_threshold * amounts[line_id]:
                return False
    return True


def describe(change_request, moves=None) -> str:
    moves = moves if moves is not None else change_request.moves.all()
    currency = change_request.budget.currency
    parts = []
    for move in moves:
        source = move.from_line.description if move.from_line else _("new funds")
        target = move.to_line.description if move.to_line else _("released from the budget")
        parts.append(f"{money(move.amount)} {currency}: {source} → {target}")
    return "; ".join(parts)


def _apply(change_request, moves) -> tuple[Decimal, Decimal]:
    """Move the money, under row locks, and prove the totals reconcile."""
    budget = Budget.objects.select_for_update().get(pk=change_request.budget_id)
    lines = {
        line.pk: line
        for line in BudgetLine.objects.select_for_update().filter(budget=budget).order_by("pk")
    }
    before = total_of(lines.values())
    amounts = {pk: line.amount for pk, line in lines.items()}
    check_moves(budget, moves, change_request.changes_total, amounts)
    for line_id, delta in _deltas(moves).items():
        line = lines[line_id]
        line.amount += delta
        line.save(update_fields=["amount"])
    after = total_of(lines.values())
    expected = before + sum(
        (m.amount if m.from_line is None else -m.amount if m.to_line is None else ZERO
         for m in moves), ZERO)
    if after != expected or (not change_request.changes_total and after != before):
        raise AssertionError("budget totals do not reconcile")  # a bug, never user input
    budget.version += 1
    budget.save(update_fields=["version", "updated_at"])
    return before, after


def request_change(budget, user, organisation, justification, moves: list[Move],
                   changes_total=False) -> ChangeRequest:
    if budget.is_draft:
        raise ValidationError(_("This budget is still a draft: edit its lines directly, or put "
                                "it in use first."))
    if organisation not in _editable_organisations(user, budget.partnership):
        raise ValidationError(_("You can only ask on behalf of your own organisation."))
    if not (justification or "").strip():
        raise ValidationError(_("Explain why the change is needed."))
    with transaction.atomic():
        state = rule_state(budget)
        amounts = dict(BudgetLine.objects.filter(budget=budget).values_list("pk", "amount"))
        check_moves(budget, moves, changes_total, amounts)
        immediate = within_rules(state, moves, changes_total, amounts)
        change = ChangeRequest.objects.create(
            budget=budget, requested_by=user, requesting_organisation=organisation,
            justification=justification.strip(), changes_total=changes_total,
        )
        saved = ChangeMove.objects.bulk_create(
            ChangeMove(change_request=change, from_line=m.from_line, to_line=m.to_line,
                       amount=m.amount) for m in moves
        )
        summary = describe(change, saved)
        url = change.get_absolute_url()
        if immediate:
            before, after = _apply(change, moves)
            change.status = ChangeRequest.Status.APPLIED
            change.decided_at = timezone.now()
            change.save(update_fields=["status", "decided_at"])
            record(budget, BudgetEvent.Kind.APPLIED, user, organisation=organisation,
                   change_request=change, summary=summary, reason=change.justification,
                   total_before=before, total_after=after)
            _notify_budget(
                _people(budget.partnership, exclude_org_ids=[organisation.pk]), budget,
                gettext_lazy("%(org)s reallocated funds in “%(budget)s” within the agreed rules."),
                {"org": organisation.name, "budget": budget.title}, status="applied", url=url,
            )
        else:
            total = sum(amounts.values(), ZERO)
            record(budget, BudgetEvent.Kind.REQUESTED, user, organisation=organisation,
                   change_request=change, summary=summary, reason=change.justification,
                   total_before=total, total_after=total)
            _notify_budget(
                _people(budget.partnership, exclude_org_ids=[organisation.pk], editors_only=True),
                budget,
                gettext_lazy("%(org)s asks you to approve a change to “%(budget)s”."),
                {"org": organisation.name, "budget": budget.title}, status="pending", url=url,
            )
    return change


def approver_organisations(change_request, memberships) -> list:
    """The user's organisations that may decide: editors of a member other than the
    requester's. `memberships` are the user's rows in the partnership (access.memberships)."""
    return [
        m.organisation for m in memberships
        if m.can_edit and m.organisation_id != change_request.requesting_organisation_id
    ]


def can_decide(change_request, user, memberships) -> bool:
    return (
        change_request.is_pending and user.pk != change_request.requested_by_id
        and bool(approver_organisations(change_request, memberships))
    )


def decide(change_request_id, user, *, approve: bool, comment: str) -> ChangeRequest:
    """Approve (and apply) or decline. The row lock makes a second, racing decision see the
    first one's result instead of applying the change twice."""
    with transaction.atomic():
        change = ChangeRequest.objects.select_for_update().select_related(
            "budget__partnership", "requesting_organisation").get(pk=change_request_id)
        memberships = list(Membership.objects.filter(
            user=user, organisation__partnership_memberships__partnership=change.budget.partnership,
        ).select_related("organisation"))
        if not change.is_pending:
            raise ValidationError(_("This request has already been decided (%(status)s).") % {
                "status": change.get_status_display()})
        organisations = approver_organisations(change, memberships)
        if not organisations or user.pk == change.requested_by_id:
            raise ValidationError(_("Only the other party can approve or decline this request."))
        if not (comment or "").strip():
            raise ValidationError(_("Add a comment so the requester knows why."))
        moves = [Move(m.from_line, m.to_line, m.amount)
                 for m in change.moves.select_related("from_line", "to_line")]
        budget = change.budget
        if approve:
            before, after = _apply(change, moves)
            change.status = ChangeRequest.Status.APPROVED
            kind = BudgetEvent.Kind.APPROVED
        else:
            before = after = _current_total(budget)
            change.status = ChangeRequest.Status.DECLINED
            kind = BudgetEvent.Kind.DECLINED
        change.decided_by = user
        change.decided_at = timezone.now()
        change.decision_comment = comment.strip()
        change.save(update_fields=["status", "decided_by", "decided_at", "decision_comment"])
        record(budget, kind, user, organisation=organisations[0], change_request=change,
               summary=describe(change, moves), reason=change.decision_comment,
               total_before=before, total_after=after)
        message = (gettext_lazy("%(org)s approved your change to “%(budget)s”.") if approve
                   else gettext_lazy("%(org)s declined your change to “%(budget)s”."))
        _notify_budget(
            _people(budget.partnership, only_org_ids=[change.requesting_organisation_id]),
            budget, message, {"org": organisations[0].name, "budget": budget.title},
            status=change.status, url=change.get_absolute_url(),
        )
    return change


# --- Discussion -------------------------------------------------------------------------------


def add_comment(budget, user, body, organisation=None) -> BudgetComment:
    if not (body or "").strip():
        raise ValidationError(_("Write something first."))
    return BudgetComment.objects.create(budget=budget, author=user, organisation=organisation,
                                        body=body.strip())
