"""Agreed actions: from a reflection's agreed actions, a report's requests, or added directly."""

import datetime
import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import AgreedAction, Membership, Partnership
from ..people import members_of

Status = AgreedAction.Status


def _check(partnership: Partnership, *, owner_organisation, owner, due_date, intervention):
    errors = {}
    member_ids = set(partnership.members.values_list("organisation_id", flat=True))
    if owner_organisation is None or owner_organisation.pk not in member_ids:
        errors["owner_organisation"] = _("Choose one of the partnership's member organisations.")
    elif (
        owner is not None
        and not Membership.objects.filter(user=owner, organisation=owner_organisation).exists()
    ):
        errors["owner"] = _("%(person)s does not work for %(org)s.") % {
            "person": owner.display_name,
            "org": owner_organisation.name,
        }
    if partnership.start_date and due_date < partnership.start_date:
        errors["due_date"] = _(
            "The due date cannot be before the partnership starts (%(date)s)."
        ) % {"date": partnership.start_date.isoformat()}
    if intervention is not None and intervention.partnership_id != partnership.pk:
        errors["intervention"] = _("Choose one of this partnership's joint interventions.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def action_create(
    *,
    partnership: Partnership,
    actor,
    title: str,
    owner_organisation,
    due_date: datetime.date,
    owner=None,
    notes: str = "",
    source: str = AgreedAction.Source.OTHER,
    reflection_round=None,
    report=None,
    intervention=None,
) -> AgreedAction:
    _check(
        partnership,
        owner_organisation=owner_organisation,
        owner=owner,
        due_date=due_date,
        intervention=intervention,
    )
    if reflection_round is not None and reflection_round.partnership_id != partnership.pk:
        raise PermissionDenied
    if report is not None and report.period.partnership_id != partnership.pk:
        raise PermissionDenied
    action = AgreedAction(
        partnership=partnership,
        title=title.strip(),
        notes=notes,
        source=source,
        reflection_round=reflection_round,
        report=report,
        owner_organisation=owner_organisation,
        owner=owner,
        due_date=due_date,
        intervention=intervention,
        created_by=actor,
    )
    action.full_clean()
    action.save()
    return action


@transaction.atomic
def action_update(
    *,
    action_id: int,
    partnership: Partnership,
    title: str,
    owner_organisation,
    due_date: datetime.date,
    status: str,
    owner=None,
    notes: str = "",
    intervention=None,
) -> AgreedAction:
    action = AgreedAction.objects.select_for_update().get(pk=action_id, partnership=partnership)
    if status not in Status.values:
        raise ValidationError({"status": _("Unknown status.")})
    _check(
        partnership,
        owner_organisation=owner_organisation,
        owner=owner,
        due_date=due_date,
        intervention=intervention,
    )
    if status != Status.OPEN and action.status == Status.OPEN:
        action.closed_at = timezone.now()
    elif status == Status.OPEN:
        action.closed_at = None
    action.title, action.notes, action.status = title.strip(), notes, status
    action.owner_organisation, action.owner, action.due_date = owner_organisation, owner, due_date
    action.intervention = intervention
    action.full_clean()
    action.save()
    return action


@transaction.atomic
def action_mark_done(*, action_id: int, partnership: Partnership) -> AgreedAction:
    action = AgreedAction.objects.select_for_update().get(pk=action_id, partnership=partnership)
    if action.status == Status.OPEN:
        action.status = Status.DONE
        action.closed_at = timezone.now()
        action.save(update_fields=["status", "closed_at"])
    return action


BULLET = re.compile(r"^\s*(?:[-•*–]|\(?\d{1,3}[.)]|[a-z][.)])\s+", re.IGNORECASE)


def suggested_titles(text: str) -> list[str]:
    """One suggested action per non-empty line of agreed actions or requests, without the
    bullet or number it was typed with."""
    lines = (BULLET.sub("", line).strip() for line in text.splitlines())
    return [line[:300] for line in lines if line][:20]


def actions_by_side(partnership: Partnership, today: datetime.date | None = None) -> list[dict]:
    """Open and overdue actions per member organisation, in one query."""
    today = today or timezone.localdate()
    counts = {
        row["owner_organisation_id"]: row
        for row in AgreedAction.objects.filter(partnership=partnership)
        .values("owner_organisation_id")
        .annotate(
            open=Count("pk", filter=Q(status=Status.OPEN)),
            overdue=Count("pk", filter=Q(status=Status.OPEN, due_date__lt=today)),
            done=Count("pk", filter=Q(status=Status.DONE)),
        )
    }
    members = members_of(partnership)
    return [
        {
            "organisation": m.organisation,
            "open": counts.get(m.organisation_id, {}).get("open", 0),
            "overdue": counts.get(m.organisation_id, {}).get("overdue", 0),
            "done": counts.get(m.organisation_id, {}).get("done", 0),
        }
        for m in members
    ]
