"""Reminders owed on feedback cases (see partnerships/reminders.py).

Ordinary cases: one reminder when acknowledging is overdue and one when the response is
overdue, to whoever handles the case. Sensitive cases: every day until a focal point
acknowledges them, with a message that says nothing about the case.
"""

import datetime

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from partnerships.reminders import DueReminder, reminder_source

from . import access as case_access
from .models import Case

ACK_OVERDUE = _("Feedback %(reference)s was due to be acknowledged on %(due)s.")
RESPONSE_OVERDUE = _("Feedback %(reference)s was due to get a response on %(due)s.")
SENSITIVE_WAITING = _("A sensitive report is waiting to be acknowledged.")

S = Case.Status


@reminder_source
def overdue_cases(today: datetime.date) -> list[DueReminder]:
    due = list(
        Case.objects.filter(
            Q(status=S.NEW, acknowledge_due__lt=today)
            | Q(status__in=[S.NEW, S.ACKNOWLEDGED, S.IN_PROGRESS], respond_due__lt=today)
        )
        .exclude(kind=Case.Kind.SENSITIVE)
        .only(
            "id",
            "reference",
            "partnership_id",
            "status",
            "acknowledge_due",
            "respond_due",
            "assignee_id",
            "assigned_organisation_id",
            "kind",
        )
    )
    recipients = case_access.Recipients({case.partnership_id for case in due})
    reminders = []
    for case in due:
        users = tuple(recipients.for_case(case))
        url = case.get_absolute_url()
        if case.status == S.NEW and case.acknowledge_due < today:
            reminders.append(
                DueReminder(
                    key=f"feedback.case:{case.pk}:acknowledge",
                    user_ids=users,
                    message=ACK_OVERDUE,
                    params={"reference": case.reference, "due": case.acknowledge_due.isoformat()},
                    url=url,
                    partnership_id=case.partnership_id,
                )
            )
        if case.respond_due < today:
            reminders.append(
                DueReminder(
                    key=f"feedback.case:{case.pk}:respond",
                    user_ids=users,
                    message=RESPONSE_OVERDUE,
                    params={"reference": case.reference, "due": case.respond_due.isoformat()},
                    url=url,
                    partnership_id=case.partnership_id,
                )
            )
    return reminders


@reminder_source
def unacknowledged_sensitive(today: datetime.date) -> list[DueReminder]:
    cases = list(
        Case.objects.filter(kind=Case.Kind.SENSITIVE, status=S.NEW).only(
            "id", "partnership_id", "kind", "concerns_organisation_id", "shared_with_concerned_at"
        )
    )
    recipients = case_access.Recipients({case.partnership_id for case in cases})
    return [
        DueReminder(
            key=f"feedback.sensitive:{case.pk}:{today:%Y%m%d}",
            user_ids=tuple(recipients.for_case(case)),
            message=SENSITIVE_WAITING,
            url=case.get_absolute_url(),
            partnership_id=case.partnership_id,
        )
        for case in cases
    ]
