"""What the foundation owes as reminders, through the registry (partnerships/reminders.py):
agreed actions coming due or overdue, signatures not given, MoUs to renew. Each source says
only what is owed today; the registry's unique keys make each step go out once."""

import datetime
from collections import defaultdict

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy

from .models import AgreedAction, Membership, Mou, MouSignature, Partnership
from .reminders import DueReminder, reminder_source

ACTION_NOTICE_DAYS = 7
ACTION_OVERDUE_INTERVAL_DAYS = 7
ACTION_OVERDUE_CAP = 3
RENEWAL_NOTICE_DAYS = 60
SIGNATURE_REMINDER_CAP = 3


def signature_reminder_days() -> int:
    return getattr(settings, "MOU_SIGNATURE_REMINDER_DAYS", 7)


def action_step(due: datetime.date, today: datetime.date) -> str | None:
    """The one step of an action's reminder that applies today, if any."""
    days = (today - due).days
    if -ACTION_NOTICE_DAYS <= days < 0:
        return "soon"
    if days == 0:
        return "due"
    if days > 0:
        sequence = (days - 1) // ACTION_OVERDUE_INTERVAL_DAYS
        return f"overdue:{sequence}" if sequence < ACTION_OVERDUE_CAP else None
    return None


ACTION_MESSAGES = {
    "soon": gettext_lazy("The agreed action “%(title)s” is due on %(due)s."),
    "due": gettext_lazy("The agreed action “%(title)s” is due today."),
    "overdue": gettext_lazy("The agreed action “%(title)s” is overdue since %(due)s."),
}


def _editors_by_organisation(organisation_ids) -> dict[int, list[int]]:
    editors = defaultdict(list)
    for organisation_id, user_id in Membership.objects.filter(
        organisation_id__in=organisation_ids,
        role__in=Membership.EDITOR_ROLES,
        user__is_active=True,
    ).values_list("organisation_id", "user_id"):
        editors[organisation_id].append(user_id)
    return editors


@reminder_source
def agreed_actions(today: datetime.date):
    last = ACTION_OVERDUE_INTERVAL_DAYS * ACTION_OVERDUE_CAP
    actions = list(
        AgreedAction.objects.filter(
            status=AgreedAction.Status.OPEN,
            due_date__range=(
                today - datetime.timedelta(days=last),
                today + datetime.timedelta(days=ACTION_NOTICE_DAYS),
            ),
        )
        .exclude(partnership__status=Partnership.Status.CLOSED)
        .values("pk", "title", "due_date", "owner_id", "owner_organisation_id", "partnership_id")
    )
    editors = _editors_by_organisation({a["owner_organisation_id"] for a in actions})
    for action in actions:
        step = action_step(action["due_date"], today)
        if step is None:
            continue
        users = (
            (action["owner_id"],)
            if action["owner_id"]
            else tuple(editors[action["owner_organisation_id"]])
        )
        # The due date is in the key: a rescheduled action is reminded again.
        yield DueReminder(
            key=f"partnerships.action:{action['pk']}:{action['due_date']:%Y%m%d}:{step}",
            user_ids=users,
            message=ACTION_MESSAGES[step.split(":")[0]],
            params={"title": action["title"], "due": action["due_date"].isoformat()},
            url=reverse("partnerships:actions", args=[action["partnership_id"]]),
            partnership_id=action["partnership_id"],
        )


@reminder_source
def unsigned_mous(today: datetime.date):
    every = signature_reminder_days()
    mous = list(
        Mou.objects.filter(
            status=Mou.Status.AWAITING_SIGNATURES,
            sent_at__isnull=False,
            sent_at__date__lte=today - datetime.timedelta(days=every),
        ).only("pk", "partnership_id", "title", "parties", "sent_at", "version")
    )
    if not mous:
        return
    signed = set(MouSignature.objects.filter(mou__in=mous).values_list("mou_id", "organisation_id"))
    party_ids = {pk for mou in mous for pk in mou.party_ids}
    signatories = defaultdict(list)
    for organisation_id, user_id in Membership.objects.filter(
        organisation_id__in=party_ids,
        is_signatory=True,
        user__is_active=True,
    ).values_list("organisation_id", "user_id"):
        signatories[organisation_id].append(user_id)
    for mou in mous:
        step = (today - mou.sent_at.date()).days // every - 1
        if step >= SIGNATURE_REMINDER_CAP:
            continue
        for organisation_id in mou.party_ids:
            if (mou.pk, organisation_id) in signed:
                continue
            yield DueReminder(
                key=f"partnerships.mou_sign:{mou.pk}:{organisation_id}:{step}",
                user_ids=tuple(signatories[organisation_id]),
                message=gettext_lazy(
                    "The MoU “%(title)s” has been waiting for your signature since %(sent)s."
                ),
                params={"title": mou.title, "sent": mou.sent_at.date().isoformat()},
                url=mou.get_absolute_url(),
                partnership_id=mou.partnership_id,
            )


@reminder_source
def mou_renewals(today: datetime.date):
    mous = list(
        Mou.objects.filter(
            Q(status=Mou.Status.IN_FORCE),
            term_end__gte=today,
            term_end__lte=today + datetime.timedelta(days=RENEWAL_NOTICE_DAYS),
        )
        .exclude(partnership__status=Partnership.Status.CLOSED)
        .only("pk", "partnership_id", "title", "parties", "term_end")
    )
    if not mous:
        return
    admins = defaultdict(list)
    for organisation_id, user_id in Membership.objects.filter(
        organisation_id__in={pk for mou in mous for pk in mou.party_ids},
        role=Membership.Role.ADMIN,
        user__is_active=True,
    ).values_list("organisation_id", "user_id"):
        admins[organisation_id].append(user_id)
    for mou in mous:
        yield DueReminder(
            key=f"partnerships.mou_renewal:{mou.pk}:{mou.term_end:%Y%m%d}",
            user_ids=tuple(uid for pk in mou.party_ids for uid in admins[pk]),
            message=gettext_lazy(
                "The MoU “%(title)s” ends on %(date)s: it is time to agree its renewal."
            ),
            params={"title": mou.title, "date": mou.term_end.isoformat()},
            url=mou.get_absolute_url(),
            partnership_id=mou.partnership_id,
        )
