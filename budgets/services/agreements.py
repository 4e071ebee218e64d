"""Setting the flexibility rule and each member's agreement to it."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partnerships.notify import notify

from ..models import Budget, BudgetEvent, FlexibilityAgreement, FlexibilityRule
from .history import budget_event_record
from .indicators import money
from .people import editable_organisations, partnership_people


@transaction.atomic
def flexibility_rule_save(
    *, budget: Budget, user, percent_threshold: Decimal | None, amount_threshold: Decimal | None
) -> FlexibilityRule:
    """Set or change the rule; a change is a new version that every member agrees to anew."""
    if percent_threshold is None and amount_threshold is None:
        raise ValidationError(_("Set a percentage, an amount, or both."))
    rule = FlexibilityRule.objects.select_for_update().filter(budget=budget).first()
    if rule is None:
        rule = FlexibilityRule(budget=budget)
    else:
        rule.version += 1
    rule.percent_threshold, rule.amount_threshold = percent_threshold, amount_threshold
    rule.full_clean(exclude=["budget"])
    rule.save()
    summary = _("Up to %(percent)s%% of a line and up to %(amount)s %(currency)s per request") % {
        "percent": rule.percent_threshold if rule.percent_threshold is not None else "–",
        "amount": money(rule.amount_threshold) if rule.amount_threshold is not None else "–",
        "currency": budget.currency,
    }
    budget_event_record(
        budget=budget, kind=BudgetEvent.Kind.RULE_CHANGED, actor=user, summary=summary
    )
    own = [o.pk for o in editable_organisations(user, budget.partnership)]
    notify(
        partnership_people(budget.partnership, exclude_org_ids=own, editors_only=True),
        message=gettext_lazy(
            "The flexibility rule of “%(budget)s” changed; it applies once "
            "every member agrees to it."
        ),
        params={"budget": budget.title},
        url=budget.get_absolute_url(),
        partnership=budget.partnership,
    )
    return rule


@transaction.atomic
def flexibility_rule_agree(*, budget: Budget, user, organisation) -> FlexibilityAgreement:
    """Record `organisation`'s agreement to the current version; only its own editors can."""
    if organisation not in editable_organisations(user, budget.partnership):
        raise ValidationError(_("You can only agree on behalf of your own organisation."))
    rule = FlexibilityRule.objects.select_for_update().get(budget=budget)
    agreement, created = FlexibilityAgreement.objects.get_or_create(
        rule=rule,
        organisation=organisation,
        rule_version=rule.version,
        defaults={"agreed_by": user},
    )
    if created:
        budget_event_record(
            budget=budget,
            kind=BudgetEvent.Kind.RULE_AGREED,
            actor=user,
            organisation=organisation,
            summary=_("%(org)s agreed to version %(v)s of the rule")
            % {"org": organisation, "v": rule.version},
        )
    return agreement
