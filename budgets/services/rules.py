"""The agreed flexibility rule and what it lets through (read-only).

A change within the rule applies at once; anything else waits for the other party. The rule
counts each request *and* everything moved without approval since the requester's last
approved baseline (the budget put in use, or the latest change another member approved), so
a large reallocation cannot be split into small requests that each pass, and approving the
other side's request does not reset one's own count. A budget covers one period, so the
baseline is per budget.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from ..models import BudgetEvent, BudgetLine, ChangeMove, ChangeRequest, FlexibilityRule
from .indicators import ZERO, money


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


def rule_state(*, budget, member_org_ids: set[int] | None = None) -> RuleState:
    rule = FlexibilityRule.objects.filter(budget=budget).first()
    if member_org_ids is None:
        member_org_ids = set(budget.partnership.members.values_list("organisation_id", flat=True))
    agreed = set()
    if rule is not None:
        agreed = set(
            rule.agreements.filter(rule_version=rule.version).values_list(
                "organisation_id", flat=True
            )
        )
    return RuleState(rule, agreed, member_org_ids)


@dataclass
class Move:
    from_line: BudgetLine | None
    to_line: BudgetLine | None
    amount: Decimal

    @property
    def from_line_id(self) -> int | None:
        return self.from_line.pk if self.from_line is not None else None

    @property
    def to_line_id(self) -> int | None:
        return self.to_line.pk if self.to_line is not None else None


def line_deltas(moves) -> dict[int, Decimal]:
    """Net change per line id; works on `Move`s and on `ChangeMove` rows."""
    deltas: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for move in moves:
        if move.from_line_id is not None:
            deltas[move.from_line_id] -= move.amount
        if move.to_line_id is not None:
            deltas[move.to_line_id] += move.amount
    return deltas


def moved_since_baseline(*, budget, organisation) -> dict[int, Decimal]:
    """Net change per line from every request applied within the rule since `organisation`'s
    last approved baseline: the budget put in use, or the latest change that another member
    approved. Approving the other side's request is not a baseline for one's own moves.
    Event ids give the order, so two events in one second are never confused."""
    baseline = (
        BudgetEvent.objects.filter(budget=budget)
        .filter(
            Q(kind=BudgetEvent.Kind.ACTIVATED)
            | (Q(kind=BudgetEvent.Kind.APPROVED) & ~Q(organisation=organisation))
        )
        .order_by("-pk")
        .values_list("pk", flat=True)
        .first()
    ) or 0
    applied = ChangeMove.objects.filter(
        change_request__budget=budget,
        change_request__status=ChangeRequest.Status.APPLIED,
        change_request__events__kind=BudgetEvent.Kind.APPLIED,
        change_request__events__pk__gt=baseline,
    ).only("from_line_id", "to_line_id", "amount")
    return dict(line_deltas(applied))


def moves_check(
    *,
    budget,
    moves: list[Move],
    changes_total: bool,
    amounts: dict[int, Decimal],
    changes_terms: bool = False,
) -> None:
    """Refuse a request that could not be applied, saying why. `amounts` are the lines'
    current amounts by id."""
    errors = []
    if not moves and not changes_terms:
        errors.append(_("Say which line the money comes from, which it goes to, and how much."))
    for n, move in enumerate(moves, start=1):
        if move.amount is None or move.amount <= 0:
            errors.append(
                _(
                    "Move %(n)s: the amount must be more than zero; choose the “from” and "
                    "“to” lines to say which way the money moves."
                )
                % {"n": n}
            )
        if move.from_line is None and move.to_line is None:
            errors.append(_("Move %(n)s: choose at least one line.") % {"n": n})
        if move.from_line is not None and move.from_line == move.to_line:
            errors.append(_("Move %(n)s: the money must move to a different line.") % {"n": n})
        for line in (move.from_line, move.to_line):
            if line is not None and line.budget_id != budget.pk:
                errors.append(_("Move %(n)s: that line is not in this budget.") % {"n": n})
        if not changes_total and (move.from_line is None or move.to_line is None):
            errors.append(
                _(
                    "Move %(n)s: a reallocation needs a line to take from and a line "
                    "to give to; tick “changes the total” to add or release funds."
                )
                % {"n": n}
            )
    if errors:
        raise ValidationError(errors)
    for shortfall in line_shortfalls(budget=budget, moves=moves, amounts=amounts):
        errors.append(
            _(
                "“%(line)s” holds %(amount)s %(currency)s; this request would take "
                "%(taken)s from it, which would leave it below zero."
            )
            % {
                **shortfall,
                "amount": money(Decimal(shortfall["amount"])),
                "taken": money(Decimal(shortfall["taken"])),
            }
        )
    if errors:
        raise ValidationError(errors)


def line_shortfalls(*, budget, moves: list[Move], amounts: dict[int, Decimal]) -> list[dict]:
    """The lines the moves would take below zero, as data (see ChangeRequest.lapse_reasons)."""
    lines = {m.from_line.pk: m.from_line for m in moves if m.from_line is not None}
    return [
        {
            "kind": "short",
            "line": lines[line_id].description,
            "amount": str(amounts[line_id]),
            "taken": str(-delta),
            "currency": budget.currency,
        }
        for line_id, delta in line_deltas(moves).items()
        if amounts[line_id] + delta < 0
    ]


def within_rules(
    *,
    state: RuleState,
    moves: list[Move],
    changes_total: bool,
    amounts: dict[int, Decimal],
    moved_before: dict[int, Decimal],
    changes_terms: bool = False,
) -> bool:
    """True when the agreed rule lets the change through without the other party. With both
    thresholds set, both must hold, for this request and for everything moved without
    approval since the baseline (`moved_before`, from `moved_since_baseline`)."""
    if changes_total or changes_terms or not state.in_force:
        return False
    rule = state.rule
    deltas = line_deltas(moves)
    cumulative = {
        line_id: moved_before.get(line_id, ZERO) + deltas.get(line_id, ZERO)
        for line_id in set(deltas) | set(moved_before)
    }
    if rule.amount_threshold is not None:
        if sum((m.amount for m in moves), ZERO) > rule.amount_threshold:
            return False
        if sum((d for d in cumulative.values() if d > 0), ZERO) > rule.amount_threshold:
            return False
    if rule.percent_threshold is not None:
        for line_id in deltas:
            baseline_amount = amounts[line_id] - moved_before.get(line_id, ZERO)
            if abs(cumulative[line_id]) * 100 > rule.percent_threshold * baseline_amount:
                return False
    return True


def describe_moves(*, budget, moves) -> str:
    parts = []
    for move in moves:
        source = move.from_line.description if move.from_line else _("new funds")
        target = move.to_line.description if move.to_line else _("released from the budget")
        parts.append(f"{money(move.amount)} {budget.currency}: {source} → {target}")
    return "; ".join(parts)


def change_request_approver_organisations(change_request, memberships) -> list:
    """The user's organisations that may decide: editors of a member other than the
    requester's. `memberships` are the user's rows in the partnership (access.memberships)."""
    return [
        m.organisation
        for m in memberships
        if m.can_edit and m.organisation_id != change_request.requesting_organisation_id
    ]


def change_request_can_decide(change_request, user, memberships) -> bool:
    return (
        change_request.is_pending
        and user.pk != change_request.requested_by_id
        and bool(change_request_approver_organisations(change_request, memberships))
    )


def change_request_can_withdraw(change_request, memberships) -> bool:
    """The requesting organisation's editors may withdraw a request still waiting."""
    return change_request.is_pending and any(
        m.can_edit and m.organisation_id == change_request.requesting_organisation_id
        for m in memberships
    )
