"""Capacity actions owe reminders before, on and after their due date.

Steps: one a week before ("before"), one on the due date ("due"), then one a week while
overdue, four at most ("overdue:0" to "overdue:3"). The due date is part of each key, so a
rescheduled action is reminded again for its new date. Recipients: the editors of both the
organisation that provides the action and the one it strengthens.
"""

import datetime
from collections import defaultdict

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from partnerships.models import Membership
from partnerships.reminders import DueReminder, reminder_source

from .models import CapacityAction

NOTICE_DAYS = 7
OVERDUE_EVERY = 7
OVERDUE_STEPS = 4

MESSAGES = {
    "before": _("Capacity action “%(title)s” (%(partnership)s) is due on %(due)s."),
    "due": _("Capacity action “%(title)s” (%(partnership)s) is due today."),
    "overdue": _(
        "Capacity action “%(title)s” (%(partnership)s) was due on %(due)s and is not done yet."
    ),
}


def owed_step(due: datetime.date, today: datetime.date) -> str | None:
    days = (today - due).days
    if -NOTICE_DAYS <= days < 0:
        return "before"
    if days == 0:
        return "due"
    if 0 < days <= OVERDUE_EVERY * OVERDUE_STEPS:
        return f"overdue:{(days - 1) // OVERDUE_EVERY}"
    return None


@reminder_source
def capacity_actions_due(today: datetime.date) -> list[DueReminder]:
    window_start = today - datetime.timedelta(days=OVERDUE_EVERY * OVERDUE_STEPS)
    window_end = today + datetime.timedelta(days=NOTICE_DAYS)
    actions = list(
        CapacityAction.objects.filter(
            status__in=CapacityAction.OPEN_STATUSES,
            due_date__range=(window_start, window_end),
        )
        .select_related("partnership")
        .only("pk", "title", "due_date", "receiving_id", "providing_id", "partnership__title")
    )
    if not actions:
        return []
    org_ids = {a.receiving_id for a in actions} | {a.providing_id for a in actions}
    editors = defaultdict(set)
    for org_id, user_id in Membership.objects.filter(
        organisation_id__in=org_ids, role__in=Membership.EDITOR_ROLES, user__is_active=True
    ).values_list("organisation_id", "user_id"):
        editors[org_id].add(user_id)
    owed = []
    for action in actions:
        step = owed_step(action.due_date, today)
        if step is None:
            continue
        users = tuple(sorted(editors[action.receiving_id] | editors[action.providing_id]))
        if not users:
            continue
        owed.append(
            DueReminder(
                key=f"capacity.action:{action.pk}:{action.due_date:%Y%m%d}:{step}",
                user_ids=users,
                message=MESSAGES[step.split(":")[0]],
                # ISO dates read the same in every recipient's language.
                params={
                    "title": action.title,
                    "partnership": action.partnership.title,
                    "due": action.due_date.isoformat(),
                },
                url=reverse("capacity:plan", args=[action.partnership_id]) + f"#action-{action.pk}",
                partnership_id=action.partnership_id,
            )
        )
    return owed
