"""The capacity plan: actions, the rules they obey, and the one-sided-plan warning."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from budgets.models import BudgetLine
from partnerships.models import PartnershipMember

from ..models import CapacityAction

FIELDS = [
    "title",
    "round",
    "domain",
    "learning_need",
    "receiving",
    "providing",
    "kind",
    "days",
    "cost",
    "budget_line",
    "due_date",
    "status",
    "completed_on",
    "outcome",
]


def local_organisation_ids(partnership) -> set[int]:
    """The same reading of "local" as the budget indicators: the local partner role or a
    locally rooted organisation."""
    return set(
        PartnershipMember.objects.filter(partnership=partnership)
        .filter(Q(role=PartnershipMember.Role.LOCAL_PARTNER) | Q(organisation__is_local_actor=True))
        .values_list("organisation_id", flat=True)
    )


def capacity_lines(partnership):
    """Budget lines an action may draw on: the partnership's own, in the capacity category."""
    return BudgetLine.objects.filter(
        budget__partnership=partnership, category=BudgetLine.Category.CAPACITY
    ).select_related("budget", "organisation")


def validate_action(*, partnership, member_ids: set[int], values: dict) -> None:
    """Every rule an action obeys, for the form and the service alike. Raises a
    ValidationError keyed by field."""
    errors: dict[str, list] = {}

    def add(name, message):
        errors.setdefault(name, []).append(message)

    line = values.get("budget_line")
    if line is not None:
        if line.budget.partnership_id != partnership.pk:
            add("budget_line", _("Choose a budget line of this partnership."))
        elif line.category != BudgetLine.Category.CAPACITY:
            add("budget_line", _("Choose a line in the capacity-strengthening category."))
    for name in ("receiving", "providing"):
        org = values.get(name)
        if org is not None and org.pk not in member_ids:
            add(name, _("Choose a member organisation of this partnership."))
    for name in ("days", "cost"):
        value = values.get(name)
        if value is not None and Decimal(value) < 0:
            add(name, _("This cannot be negative."))
    round_, due = values.get("round"), values.get("due_date")
    if round_ is not None and round_.partnership_id != partnership.pk:
        add("round", _("Choose a round of this partnership."))
    elif round_ is not None and due is not None and due < round_.opened_on:
        add(
            "due_date",
            _("The due date cannot be before the assessment round it follows up (%(date)s).")
            % {"date": round_.opened_on.isoformat()},
        )
    need = values.get("learning_need")
    if need is not None and need.partnership_id != partnership.pk:
        add("learning_need", _("Choose a learning need of this partnership."))
    elif need is not None and not need.shared:
        # The plan is the partnership's; a private need stays private until its owner shares it.
        add(
            "learning_need",
            _("Only a learning need shared with the partnership can be planned for."),
        )
    if values.get("domain") is None and need is None:
        add("domain", _("Link the action to a domain or to a learning need."))
    completed = values.get("completed_on")
    if completed is not None and values.get("status") != CapacityAction.Status.DONE:
        add("completed_on", _("Only a done action has a completion date."))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def action_save(
    *, partnership, user, action: CapacityAction | None = None, **values
) -> CapacityAction:
    member_ids = set(partnership.members.values_list("organisation_id", flat=True))
    values = {name: values.get(name) for name in FIELDS}
    for name, default in (
        ("days", Decimal("0")),
        ("cost", Decimal("0")),
        ("outcome", ""),
        ("status", CapacityAction.Status.PLANNED),
    ):
        if values[name] is None:
            values[name] = default
    if values["status"] == CapacityAction.Status.DONE and values["completed_on"] is None:
        values["completed_on"] = timezone.localdate()
    validate_action(partnership=partnership, member_ids=member_ids, values=values)
    if action is None:
        action = CapacityAction(partnership=partnership, created_by=user)
    for name, value in values.items():
        setattr(action, name, value)
    action.save()
    return action


def one_sided(actions, local_ids: set[int], member_ids: set[int]) -> str | None:
    """'local' or 'international' when every action that is not cancelled strengthens the
    same side of a partnership that has both; None otherwise."""
    receiving = {a.receiving_id for a in actions if a.status != CapacityAction.Status.CANCELLED}
    if not receiving or not (member_ids & local_ids) or not (member_ids - local_ids):
        return None
    if receiving <= local_ids:
        return "local"
    if not receiving & local_ids:
        return "international"
    return None
