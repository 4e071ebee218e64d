"""Change requests: asked, applied within the rule, approved or declined by the other party,
withdrawn by the requester, or lapsed when they can no longer apply.

Every write locks the budget row first, so requests of one budget are numbered, checked
against the rule and applied one at a time.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partnerships.people import memberships_in

from ..models import Budget, BudgetEvent, BudgetLine, ChangeMove, ChangeRequest
from .history import budget_event_record, budget_total
from .indicators import ZERO
from .people import editable_organisations, notify_budget_change, partnership_people
from .rules import (
    Move,
    change_request_approver_organisations,
    describe_moves,
    line_deltas,
    line_shortfalls,
    moved_since_baseline,
    moves_check,
    rule_state,
    within_rules,
)


def _locked_budget(budget_id: int) -> Budget:
    return Budget.objects.select_for_update().select_related("partnership").get(pk=budget_id)


def _terms_check(budget: Budget, *, currency: str, period_start, period_end) -> None:
    errors = []
    if currency and (len(currency) != 3 or not currency.isalpha() or not currency.isupper()):
        errors.append(_("Use a three-letter currency code such as EUR or KES."))
    start = period_start or budget.period_start
    end = period_end or budget.period_end
    if start and end and end < start:
        errors.append(_("The period cannot end before it starts."))
    if errors:
        raise ValidationError(errors)


def _terms_summary(change: ChangeRequest, budget: Budget) -> str:
    parts = []
    if change.new_currency:
        parts.append(
            _("currency %(old)s → %(new)s") % {"old": budget.currency, "new": change.new_currency}
        )
    if change.new_period_start or change.new_period_end:
        parts.append(
            _("period %(start)s – %(end)s")
            % {
                "start": change.new_period_start or budget.period_start or "…",
                "end": change.new_period_end or budget.period_end or "…",
            }
        )
    return "; ".join(parts)


def _summary(change: ChangeRequest, budget: Budget, moves) -> str:
    return "; ".join(
        part
        for part in (describe_moves(budget=budget, moves=moves), _terms_summary(change, budget))
        if part
    )


def _apply(change: ChangeRequest, budget: Budget, moves: list[Move]) -> tuple[Decimal, Decimal]:
    """Move the money and change the terms, under row locks, and prove the totals reconcile.
    The caller holds the budget's row lock."""
    lines = {
        line.pk: line
        for line in BudgetLine.objects.select_for_update().filter(budget=budget).order_by("pk")
    }
    before = sum((line.amount for line in lines.values()), ZERO)
    amounts = {pk: line.amount for pk, line in lines.items()}
    moves_check(
        budget=budget,
        moves=moves,
        changes_total=change.changes_total,
        amounts=amounts,
        changes_terms=change.changes_terms,
    )
    for line_id, delta in line_deltas(moves).items():
        line = lines[line_id]
        line.amount += delta
        line.save(update_fields=["amount"])
    after = sum((line.amount for line in lines.values()), ZERO)
    expected = before + sum(
        (
            m.amount if m.from_line is None else -m.amount if m.to_line is None else ZERO
            for m in moves
        ),
        ZERO,
    )
    if after != expected or (not change.changes_total and after != before):
        raise AssertionError("budget totals do not reconcile")  # a bug, never user input
    fields = ["version", "updated_at"]
    for name in ("currency", "period_start", "period_end"):
        value = getattr(change, f"new_{name}")
        if value:
            setattr(budget, name, value)
            fields.append(name)
    budget.version += 1
    budget.save(update_fields=fields)
    return before, after


def _lapse_pending(
    budget: Budget, actor, *, exclude_pk: int | None = None, old_currency: str = ""
) -> list[ChangeRequest]:
    """Mark lapsed, with the reason, every waiting request the budget can no longer honour
    (a line no longer holds what it would take, or its amounts are in a currency the budget
    no longer uses), and tell both sides."""
    amounts = dict(BudgetLine.objects.filter(budget=budget).values_list("pk", "amount"))
    waiting = (
        ChangeRequest.objects.select_for_update()
        .filter(budget=budget, status=ChangeRequest.Status.PENDING)
        .exclude(pk=exclude_pk)
        .order_by("pk")
    )
    lapsed = []
    for change in waiting:
        moves = [
            Move(m.from_line, m.to_line, m.amount)
            for m in change.moves.select_related("from_line", "to_line")
        ]
        if moves and old_currency:
            details = [{"kind": "currency", "old": old_currency, "new": budget.currency}]
        else:
            details = line_shortfalls(budget=budget, moves=moves, amounts=amounts)
        if details:
            _lapse(change, budget, actor, details=details, moves=moves)
            lapsed.append(change)
    return lapsed


def _lapse(change: ChangeRequest, budget: Budget, actor, *, details: list[dict], moves) -> None:
    change.lapse_details = details
    change.save(update_fields=["lapse_details"])
    _close(
        change,
        budget,
        actor,
        status=ChangeRequest.Status.LAPSED,
        kind=BudgetEvent.Kind.LAPSED,
        reason=" ".join(change.lapse_reasons),
        moves=moves,
    )


def _close(
    change: ChangeRequest,
    budget: Budget,
    actor,
    *,
    status,
    kind,
    reason: str,
    moves,
    decided_by=None,
    organisation=None,
) -> None:
    change.status = status
    change.decided_by = decided_by
    change.decided_at = timezone.now()
    change.decision_comment = reason
    change.save(update_fields=["status", "decided_by", "decided_at", "decision_comment"])
    budget_event_record(
        budget=budget,
        kind=kind,
        actor=actor,
        organisation=organisation,
        change_request=change,
        summary=_summary(change, budget, moves),
        reason=reason,
    )
    params = {"n": change.number, "budget": budget.title}
    if status == ChangeRequest.Status.LAPSED:
        # Both sides: the requester learns why, the other side that it no longer waits.
        recipients = partnership_people(budget.partnership, editors_only=True)
        message = gettext_lazy(
            "Change request #%(n)s of “%(budget)s” lapsed: it can no longer apply."
        )
    else:
        recipients = partnership_people(
            budget.partnership,
            editors_only=True,
            exclude_org_ids=[change.requesting_organisation_id],
        )
        message = gettext_lazy("%(org)s withdrew change request #%(n)s of “%(budget)s”.")
        params["org"] = change.requesting_organisation.name
    notify_budget_change(
        [u for u in recipients if u.pk != actor.pk],
        budget=budget,
        message=message,
        params=params,
        status=status,
        url=change.get_absolute_url(),
    )


def change_request_create(
    *,
    budget: Budget,
    user,
    organisation,
    justification: str,
    moves: list[Move],
    changes_total: bool = False,
    new_currency: str = "",
    new_period_start: datetime.date | None = None,
    new_period_end: datetime.date | None = None,
) -> ChangeRequest:
    """Ask for a change on behalf of one of the user's organisations. Within the agreed
    rule it applies at once and the partners are told; otherwise it waits for them."""
    if budget.is_draft:
        raise ValidationError(
            _("This budget is still a draft: edit its lines directly, or put it in use first.")
        )
    if organisation not in editable_organisations(user, budget.partnership):
        raise ValidationError(_("You can only ask on behalf of your own organisation."))
    if not (justification or "").strip():
        raise ValidationError(_("Explain why the change is needed."))
    new_currency = (new_currency or "").strip().upper()
    with transaction.atomic():
        budget = _locked_budget(budget.pk)
        new_currency = "" if new_currency == budget.currency else new_currency
        new_period_start = None if new_period_start == budget.period_start else new_period_start
        new_period_end = None if new_period_end == budget.period_end else new_period_end
        changes_terms = bool(new_currency or new_period_start or new_period_end)
        _terms_check(
            budget, currency=new_currency, period_start=new_period_start, period_end=new_period_end
        )
        state = rule_state(budget=budget)
        amounts = dict(BudgetLine.objects.filter(budget=budget).values_list("pk", "amount"))
        moves_check(
            budget=budget,
            moves=moves,
            changes_total=changes_total,
            amounts=amounts,
            changes_terms=changes_terms,
        )
        immediate = within_rules(
            state=state,
            moves=moves,
            changes_total=changes_total,
            amounts=amounts,
            moved_before=moved_since_baseline(budget=budget, organisation=organisation),
            changes_terms=changes_terms,
        )
        number = (
            ChangeRequest.objects.filter(budget=budget).aggregate(n=Max("number"))["n"] or 0
        ) + 1
        change = ChangeRequest.objects.create(
            budget=budget,
            number=number,
            requested_by=user,
            requesting_organisation=organisation,
            justification=justification.strip(),
            changes_total=changes_total,
            new_currency=new_currency,
            new_period_start=new_period_start,
            new_period_end=new_period_end,
        )
        ChangeMove.objects.bulk_create(
            ChangeMove(
                change_request=change, from_line=m.from_line, to_line=m.to_line, amount=m.amount
            )
            for m in moves
        )
        summary = _summary(change, budget, moves)
        url = change.get_absolute_url()
        params = {"org": organisation.name, "budget": budget.title}
        if immediate:
            before, after = _apply(change, budget, moves)
            change.status = ChangeRequest.Status.APPLIED
            change.decided_at = timezone.now()
            change.save(update_fields=["status", "decided_at"])
            budget_event_record(
                budget=budget,
                kind=BudgetEvent.Kind.APPLIED,
                actor=user,
                organisation=organisation,
                change_request=change,
                summary=summary,
                reason=change.justification,
                total_before=before,
                total_after=after,
            )
            notify_budget_change(
                partnership_people(budget.partnership, exclude_org_ids=[organisation.pk]),
                budget=budget,
                params=params,
                status="applied",
                url=url,
                message=gettext_lazy(
                    "%(org)s reallocated funds in “%(budget)s” within the agreed rules."
                ),
            )
            _lapse_pending(budget, user, exclude_pk=change.pk)
        else:
            total = sum(amounts.values(), ZERO)
            budget_event_record(
                budget=budget,
                kind=BudgetEvent.Kind.REQUESTED,
                actor=user,
                organisation=organisation,
                change_request=change,
                summary=summary,
                reason=change.justification,
                total_before=total,
                total_after=total,
            )
            notify_budget_change(
                partnership_people(
                    budget.partnership, exclude_org_ids=[organisation.pk], editors_only=True
                ),
                budget=budget,
                params=params,
                status="pending",
                url=url,
                message=gettext_lazy("%(org)s asks you to approve a change to “%(budget)s”."),
            )
    return change


def _locked_change(change_request_id: int) -> tuple[ChangeRequest, Budget]:
    budget_id = ChangeRequest.objects.values_list("budget_id", flat=True).get(pk=change_request_id)
    budget = _locked_budget(budget_id)
    change = (
        ChangeRequest.objects.select_for_update()
        .select_related("requesting_organisation")
        .get(pk=change_request_id)
    )
    change.budget = budget
    return change, budget


def change_request_decide(
    *, change_request_id: int, user, approve: bool, comment: str
) -> ChangeRequest:
    """Approve (and apply) or decline. The row locks make a second, racing decision see the
    first one's result instead of applying the change twice. A request that can no longer
    apply lapses, with the reason, instead of failing."""
    with transaction.atomic():
        change, budget = _locked_change(change_request_id)
        memberships = list(memberships_in(user, budget.partnership))
        if not change.is_pending:
            raise ValidationError(
                _("This request has already been decided (%(status)s).")
                % {"status": change.get_status_display()}
            )
        organisations = change_request_approver_organisations(change, memberships)
        if not organisations or user.pk == change.requested_by_id:
            raise ValidationError(_("Only the other party can approve or decline this request."))
        if not (comment or "").strip():
            raise ValidationError(_("Add a comment so the requester knows why."))
        moves = [
            Move(m.from_line, m.to_line, m.amount)
            for m in change.moves.select_related("from_line", "to_line")
        ]
        if approve:
            amounts = dict(BudgetLine.objects.filter(budget=budget).values_list("pk", "amount"))
            details = line_shortfalls(budget=budget, moves=moves, amounts=amounts)
            if details:
                _lapse(change, budget, user, details=details, moves=moves)
                return change
        summary = _summary(change, budget, moves)  # before the terms change
        old_currency = budget.currency
        if approve:
            before, after = _apply(change, budget, moves)
            change.status = ChangeRequest.Status.APPROVED
            kind = BudgetEvent.Kind.APPROVED
        else:
            before = after = budget_total(budget)
            change.status = ChangeRequest.Status.DECLINED
            kind = BudgetEvent.Kind.DECLINED
        change.decided_by = user
        change.decided_at = timezone.now()
        change.decision_comment = comment.strip()
        change.save(update_fields=["status", "decided_by", "decided_at", "decision_comment"])
        budget_event_record(
            budget=budget,
            kind=kind,
            actor=user,
            organisation=organisations[0],
            change_request=change,
            summary=summary,
            reason=change.decision_comment,
            total_before=before,
            total_after=after,
        )
        message = (
            gettext_lazy("%(org)s approved your change to “%(budget)s”.")
            if approve
            else gettext_lazy("%(org)s declined your change to “%(budget)s”.")
        )
        notify_budget_change(
            partnership_people(
                budget.partnership, only_org_ids=[change.requesting_organisation_id]
            ),
            budget=budget,
            message=message,
            params={"org": organisations[0].name, "budget": budget.title},
            status=change.status,
            url=change.get_absolute_url(),
        )
        if approve:
            _lapse_pending(
                budget,
                user,
                exclude_pk=change.pk,
                old_currency=old_currency if budget.currency != old_currency else "",
            )
    return change


def change_request_withdraw(*, change_request_id: int, user, reason: str = "") -> ChangeRequest:
    """The requesting organisation takes back a request still waiting; the other side, who
    was asked to decide, is told."""
    with transaction.atomic():
        change, budget = _locked_change(change_request_id)
        if not change.is_pending:
            raise ValidationError(
                _("This request has already been decided (%(status)s).")
                % {"status": change.get_status_display()}
            )
        organisation = change.requesting_organisation
        if organisation not in editable_organisations(user, budget.partnership):
            raise ValidationError(_("Only the organisation that asked can withdraw this request."))
        moves = list(change.moves.select_related("from_line", "to_line"))
        _close(
            change,
            budget,
            user,
            status=ChangeRequest.Status.WITHDRAWN,
            kind=BudgetEvent.Kind.WITHDRAWN,
            reason=(reason or "").strip(),
            moves=moves,
            decided_by=user,
            organisation=organisation,
        )
    return change
