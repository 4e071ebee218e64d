import datetime

from django.core.files.base import ContentFile
from django.urls import reverse

from partnerships.models import MutualReport, ReportAttachment
from tests.access_matrix import AccessCase
from tests.factories import ReportingScheduleFactory


def make_schedule(
    partnership,
    first_period_start,
    *,
    today=None,
    interval_months=3,
    due_days=30,
    notice_days=14,
    organisations=(),
):
    return ReportingScheduleFactory(
        partnership=partnership,
        first_period_start=first_period_start,
        interval_months=interval_months,
        due_days=due_days,
        notice_days=notice_days,
        organisations=organisations,
        today=today,
    )


def report_for(world, organisation, index=0) -> MutualReport:
    return MutualReport.objects.filter(
        period__partnership=world.partnership,
        organisation=organisation,
        amends__isnull=True,
    ).order_by("period__start")[index]


def access_cases(world):
    p = world.partnership
    today = datetime.date.today()
    make_schedule(p, today - datetime.timedelta(days=100), interval_months=3)
    report = report_for(world, world.local_org, 0)
    second = report_for(world, world.local_org, 1)
    attachment = ReportAttachment.objects.create(
        report=second,
        file=ContentFile(b"plain text", name="notes.txt"),
        name="notes.txt",
        size=10,
    )

    def url(name, *args):
        return reverse(f"partnerships:{name}", args=[p.pk, *args])

    return [
        AccessCase("partnerships:reporting", url("reporting")),
        AccessCase("partnerships:reporting_schedule", url("reporting_schedule"), edit=True),
        AccessCase(
            "partnerships:reporting_schedule",
            url("reporting_schedule"),
            edit=True,
            method="post",
            data={"interval_months": 1},
            member_ok=False,
        ),
        AccessCase("partnerships:report", url("report", report.pk)),
        AccessCase("partnerships:report_edit", url("report_edit", report.pk), edit=True),
        AccessCase(
            "partnerships:report_edit",
            url("report_edit", report.pk),
            edit=True,
            method="post",
            data={"progress": "taken over"},
            member_ok=False,
        ),
        AccessCase(
            "partnerships:report_submit", url("report_submit", report.pk), edit=True, method="post"
        ),
        AccessCase(
            "partnerships:report_amend", url("report_amend", report.pk), edit=True, method="post"
        ),
        AccessCase(
            "partnerships:report_comment",
            url("report_comment", report.pk),
            edit=True,
            method="post",
            data={"body": "A question"},
        ),
        AccessCase("partnerships:report_attachment", url("report_attachment", attachment.pk)),
        AccessCase(
            "partnerships:report_attachment_delete",
            url("report_attachment_delete", attachment.pk),
            edit=True,
            method="post",
        ),
    ]
