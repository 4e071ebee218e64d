"""Demo content for mutual reporting: a quarterly schedule on each active partnership with a
history that shows on-time, late and missing reports on both sides, an amendment, comments
and read receipts."""

import datetime

from django.utils import timezone

from .models import (
    MutualReport,
    Partnership,
    ReportComment,
    ReportingSchedule,
    ReportRead,
)
from .models.reporting import add_months
from .people import partnership_people
from .services.reporting import report_periods_generate

# Each side reports on its own work: the local partner on the community, the international
# partner on what it does at home (fundraising, advocacy, its own staff), as partners do.
LOCAL_TEXT = {
    "developments": "We recruited a new finance officer and renewed our board.",
    "progress": "Three community meetings held; 120 people took part, 60% of them women.",
    "challenges": "Fuel prices doubled, so field visits were cut by half.",
    "learning": "Meeting in the evening brought more young people.",
    "requests": "Please confirm the second instalment date and share your own staff changes.",
}
INTERNATIONAL_TEXT = {
    "developments": "Our programme officer for East Africa left; Mette Holm now holds the role.",
    "progress": "Two foundations received our joint proposal; one invited a full application.",
    "challenges": "Our main donor cut its budget for 2026 by 15%, so we must find new funds.",
    "learning": "Donors responded better when the local partner presented the results itself.",
    "requests": "Could you send two photos with consent and a quote for the donor report?",
}


def _at(day: datetime.date, hour=10) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=datetime.UTC)


def _editor(organisation):
    editors = partnership_people(only_org_ids=[organisation.pk], editors_only=True)
    return editors[0] if editors else None


def _submit(report, day, user, text):
    for name, value in text.items():
        setattr(report, name, value)
    report.status = MutualReport.Status.SUBMITTED
    report.submitted_at = _at(day)
    report.submitted_by = user
    report.save()


def seed(partnerships):
    today = timezone.localdate()
    quarter_start = datetime.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    first = add_months(quarter_start, -9)
    seeded = []
    for partnership in partnerships:
        if partnership.status != Partnership.Status.ACTIVE:
            continue
        _schedule, created = ReportingSchedule.objects.get_or_create(
            partnership=partnership,
            defaults={
                "interval_months": 3,
                "first_period_start": first,
                "next_period_start": first,
                "due_days": 30,
                "notice_days": 14,
            },
        )
        if created:
            seeded.append(partnership)
    report_periods_generate(today=today)
    for partnership in seeded:
        _seed_history(partnership, today)


def _seed_history(partnership, today: datetime.date) -> None:
    periods = list(partnership.report_periods.order_by("start"))
    members = list(partnership.members.select_related("organisation").order_by("pk"))
    for index, period in enumerate(periods):
        if period.due_date >= today:
            continue
        for member in members:
            report = MutualReport.objects.get(
                period=period, organisation=member.organisation, amends__isnull=True
            )
            _seed_report(report, member, members, index)


def _submitted_on(member, index: int, due: datetime.date) -> datetime.date | None:
    """The local partner is punctual; the international partner is late once and misses one
    report, which the overview shows just as plainly."""
    if member.is_local_partner:
        return due - datetime.timedelta(days=3)
    if index == 0:
        return due + datetime.timedelta(days=12)
    if index == 1:
        return None
    return due - datetime.timedelta(days=1)


def _seed_report(report, member, members, index: int) -> None:
    period = report.period
    author = _editor(member.organisation)
    day = _submitted_on(member, index, period.due_date)
    if day is None:
        return
    _submit(report, day, author, LOCAL_TEXT if member.is_local_partner else INTERNATIONAL_TEXT)
    readers = [_editor(m.organisation) for m in members if m.pk != member.pk]
    ReportRead.objects.bulk_create(
        [ReportRead(report=report, user=u) for u in readers if u],
        ignore_conflicts=True,
    )
    if not (member.is_local_partner and index == 0 and readers and readers[0]):
        return
    question = ReportComment.objects.create(
        report=report,
        author=readers[0],
        organisation=members[1].organisation,
        body="Thank you. How can we help with the fuel costs?",
    )
    ReportComment.objects.create(
        report=report,
        author=author,
        organisation=member.organisation,
        reply_to=question,
        body="A small transport line in the next budget revision would help.",
    )
    amendment = MutualReport.objects.create(
        period=period,
        organisation=member.organisation,
        amends=report,
        **LOCAL_TEXT,
        amendment_reason="Corrected the number of participants.",
        status=MutualReport.Status.SUBMITTED,
        submitted_at=_at(period.due_date + datetime.timedelta(days=2)),
        submitted_by=author,
    )
    MutualReport.objects.filter(pk=amendment.pk).update(
        progress="Three community meetings held; 135 people took part."
    )
