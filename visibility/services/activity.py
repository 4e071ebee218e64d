from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Communication, EventAttendance, ForumEvent, Introduction


@transaction.atomic
def event_save(
    *,
    partnership,
    user,
    title: str,
    date,
    forum=None,
    contribution: str = "",
    represented_joint_work: bool = True,
    attendance: dict,
    event=None,
) -> ForumEvent:
    """`attendance` maps each attending member organisation to who came from it."""
    attendance = {org: people.strip() for org, people in attendance.items() if people.strip()}
    if attendance and date > timezone.localdate():
        raise ValidationError(
            _(
                "Nobody can have attended an event that is still to come: "
                "leave attendance empty or check the date."
            )
        )
    member_ids = set(partnership.members.values_list("organisation_id", flat=True))
    if any(org.pk not in member_ids for org in attendance):
        raise ValidationError(_("Only members of the partnership are logged here."))
    event = event or ForumEvent(partnership=partnership, created_by=user)
    event.title, event.date, event.forum = title, date, forum
    event.contribution, event.represented_joint_work = contribution, represented_joint_work
    event.save()
    event.attendances.all().delete()
    EventAttendance.objects.bulk_create(
        EventAttendance(event=event, organisation=org, people=people)
        for org, people in attendance.items()
    )
    return event


def communication_create(
    *, partnership, kind: str, title: str, date, url: str = "", published_by=None, named: list
) -> Communication:
    member_ids = set(partnership.members.values_list("organisation_id", flat=True))
    communication = Communication.objects.create(
        partnership=partnership,
        kind=kind,
        title=title,
        date=date,
        url=url,
        published_by=published_by,
    )
    communication.named_organisations.set([o for o in named if o.pk in member_ids])
    return communication


def introduction_create(
    *,
    partnership,
    introduced_by,
    introduced,
    introduced_to: str,
    target_kind: str,
    date,
    outcome: str,
    notes: str = "",
) -> Introduction:
    if introduced_by.pk == introduced.pk:
        raise ValidationError(_("An organisation cannot introduce itself."))
    if date > timezone.localdate():
        raise ValidationError(_("Log an introduction once it has happened."))
    return Introduction.objects.create(
        partnership=partnership,
        introduced_by=introduced_by,
        introduced=introduced,
        introduced_to=introduced_to,
        target_kind=target_kind,
        date=date,
        outcome=outcome,
        notes=notes,
    )
