import datetime
from collections import Counter

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerships.forms import reporting as reporting_forms
from partnerships.models import (
    MutualReport,
    Notification,
    ReportAttachment,
    ReportingExemption,
    ReportingSchedule,
    ReportPeriod,
    ReportRead,
)
from partnerships.services.reporting import overview, report_periods_generate

from ..broker import unreachable_broker
from .reporting_helpers import make_schedule, report_for

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 5, 10)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def on_today():
    with time_machine.travel(datetime.datetime(2026, 5, 10, 9, 0, tzinfo=datetime.UTC), tick=False):
        yield


def schedule_url(world):
    return reverse("partnerships:reporting_schedule", args=[world.partnership.pk])


def test_periods_are_generated_with_a_report_per_organisation(world):
    make_schedule(world.partnership, datetime.date(2026, 1, 1), today=TODAY)
    periods = list(ReportPeriod.objects.filter(partnership=world.partnership))
    assert [(p.start, p.end, p.due_date) for p in periods] == [
        (datetime.date(2026, 1, 1), datetime.date(2026, 3, 31), datetime.date(2026, 4, 30)),
        (datetime.date(2026, 4, 1), datetime.date(2026, 6, 30), datetime.date(2026, 7, 30)),
    ]
    assert MutualReport.objects.filter(period__in=periods).count() == 4
    # Running generation again creates nothing more until the next period starts.
    assert report_periods_generate(today=TODAY) == 0
    assert report_periods_generate(today=datetime.date(2026, 7, 1)) == 1


def test_creating_a_schedule_through_the_page(client, world, on_today):
    client.force_login(world.local_admin)
    response = client.post(
        schedule_url(world),
        {
            "interval_months": 3,
            "first_period_start": "2026-01-01",
            "due_days": 30,
            "notice_days": 14,
        },
    )
    assert response.status_code == 302
    assert ReportPeriod.objects.filter(partnership=world.partnership).count() == 2


def test_changing_the_schedule_affects_future_periods_only(client, world, on_today):
    make_schedule(world.partnership, datetime.date(2026, 1, 1), today=TODAY)
    before = list(ReportPeriod.objects.values_list("start", "end", "due_date"))
    # Leaving the international partner out needs its own recorded agreement (symmetry).
    ReportingExemption.objects.create(
        partnership=world.partnership,
        organisation=world.international_org,
        reason="Agreed at the annual meeting",
        agreed_by=world.international_admin,
    )
    client.force_login(world.local_admin)
    response = client.post(
        schedule_url(world),
        {
            "interval_months": 1,
            "first_period_start": "2025-06-01",
            "due_days": 10,
            "notice_days": 5,
            "reporting_organisations": [world.local_org.pk],
        },
    )
    assert response.status_code == 302
    # Existing periods keep their dates and their reporters; the start date could not move.
    assert list(ReportPeriod.objects.values_list("start", "end", "due_date")) == before
    assert MutualReport.objects.count() == 4
    schedule = ReportingSchedule.objects.get()
    assert schedule.first_period_start == datetime.date(2026, 1, 1)
    report_periods_generate(today=datetime.date(2026, 8, 15))
    new = list(ReportPeriod.objects.filter(start__gt=datetime.date(2026, 4, 1)))
    assert [(p.start, p.end, p.due_date) for p in new] == [
        (datetime.date(2026, 7, 1), datetime.date(2026, 7, 31), datetime.date(2026, 8, 10)),
        (datetime.date(2026, 8, 1), datetime.date(2026, 8, 31), datetime.date(2026, 9, 10)),
    ]
    assert set(
        MutualReport.objects.filter(period__in=new).values_list("organisation", flat=True)
    ) == {world.local_org.pk}


def test_a_first_period_in_the_far_past_is_refused(client, world, on_today):
    client.force_login(world.local_admin)
    response = client.post(
        schedule_url(world),
        {
            "interval_months": 3,
            "first_period_start": "2020-01-01",
            "due_days": 30,
            "notice_days": 14,
        },
    )
    assert response.status_code == 200
    assert "The first period cannot start before 2025-05-09" in response.content.decode()
    assert not ReportingSchedule.objects.exists()


def test_a_zero_interval_is_refused(client, world, on_today):
    client.force_login(world.local_admin)
    response = client.post(
        schedule_url(world),
        {
            "interval_months": 0,
            "first_period_start": "2026-01-01",
            "due_days": 30,
            "notice_days": 14,
        },
    )
    assert response.status_code == 200
    assert "The interval between reports must be at least one month." in (response.content.decode())
    assert not ReportingSchedule.objects.exists()


def _edit(client, world, report, data, files=None):
    url = reverse("partnerships:report_edit", args=[world.partnership.pk, report.pk])
    return client.post(url, {**data, **(files or {})})


def test_draft_submit_read_only_and_amendment(client, world, on_today):
    make_schedule(world.partnership, datetime.date(2026, 1, 1), today=TODAY)
    report = report_for(world, world.local_org)
    client.force_login(world.local_staff)
    assert _edit(client, world, report, {"progress": "Draft progress"}).status_code == 302
    report.refresh_from_db()
    assert report.status == "draft" and report.progress == "Draft progress"
    response = _edit(client, world, report, {"progress": "Final progress", "submit": "1"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.is_submitted and report.progress == "Final progress"
    assert report.submitted_by == world.local_staff
    assert Notification.objects.filter(recipient=world.international_admin).exists()

    # Read-only once submitted: the edit page redirects and a POST changes nothing.
    _edit(client, world, report, {"progress": "Sneaky change"})
    report.refresh_from_db()
    assert report.progress == "Final progress"

    response = client.post(
        reverse("partnerships:report_amend", args=[world.partnership.pk, report.pk])
    )
    amendment = MutualReport.objects.get(amends=report)
    assert response["Location"].endswith(f"/reports/{amendment.pk}/edit/")
    assert amendment.progress == "Final progress"
    _edit(
        client,
        world,
        amendment,
        {"progress": "Corrected", "amendment_reason": "Typo", "submit": "1"},
    )
    amendment.refresh_from_db()
    report.refresh_from_db()
    assert amendment.is_submitted and amendment.progress == "Corrected"
    assert report.progress == "Final progress"  # the original is kept as submitted
    page = client.get(report.get_absolute_url()).content.decode()
    assert "Amendment 1" in page


def test_only_the_reporting_organisation_writes_its_report(client, world, on_today):
    make_schedule(world.partnership, datetime.date(2026, 1, 1), today=TODAY)
    report = report_for(world, world.local_org)
    client.force_login(world.international_admin)
    assert _edit(client, world, report, {"progress": "Not ours"}).status_code == 403


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("big.pdf", b"%PDF-1.4 " + b"x" * 2048, "attachments can be at most"),
        ("tool.exe", b"MZ\x90\x00", "is not an accepted type"),
        ("fake.pdf", b"MZ\x90\x00 not a pdf", "does not look like a .pdf file"),
    ],
)
def test_a_refused_attachment_keeps_the_draft(
    client, world, on_today, monkeypatch, name, content, message
):
    monkeypatch.setattr(reporting_forms, "ATTACHMENT_MAX_BYTES", 1024)
    make_schedule(world.partnership, datetime.date(2026, 1, 1), today=TODAY)
    report = report_for(world, world.local_org)
    client.force_login(world.local_staff)
    response = _edit(
        client,
        world,
        report,
        {"challenges": "Kept text"},
        {"attachment": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "Your draft was saved, but the attachment was refused." in page
    report.refresh_from_db()
    assert report.challenges == "Kept text" and report.status == "draft"
    assert not ReportAttachment.objects.exists()


def test_an_accepted_attachment_can_be_downloaded_by_partners(client, world, on_today):
    make_schedule(world.partnership, datetime.date(2026, 1, 1), today=TODAY)
    report = report_for(world, world.local_org)
    client.force_login(world.local_staff)
    response = _edit(
        client,
        world,
        report,
        {"progress": "With a file"},
        {"attachment": SimpleUploadedFile("results.pdf", b"%PDF-1.7 results")},
    )
    assert response.status_code == 302
    attachment = ReportAttachment.objects.get()
    url = reverse("partnerships:report_attachment", args=[world.partnership.pk, attachment.pk])
    client.force_login(world.international_admin)
    assert client.get(url).status_code == 404  # a draft's files are the authors' alone
    client.force_login(world.local_staff)
    client.post(reverse("partnerships:report_submit", args=[world.partnership.pk, report.pk]))
    client.force_login(world.international_admin)
    download = client.get(url)
    assert b"".join(download.streaming_content) == b"%PDF-1.7 results"


def test_a_draft_cannot_be_commented(client, world, on_today):
    make_schedule(world.partnership, datetime.date(2026, 1, 1), today=TODAY)
    report = report_for(world, world.local_org)
    client.force_login(world.international_admin)
    response = client.post(
        reverse("partnerships:report_comment", args=[world.partnership.pk, report.pk]),
        {"body": "Too early"},
    )
    assert response.status_code == 403 and not report.comments.exists()


def test_comments_and_read_receipts(client, world, on_today):
    make_schedule(world.partnership, datetime.date(2026, 1, 1), today=TODAY)
    report = report_for(world, world.local_org)
    client.force_login(world.local_admin)
    _edit(client, world, report, {"progress": "Done", "submit": "1"})
    assert not ReportRead.objects.exists()  # the author's own reading is no receipt

    client.force_login(world.international_admin)
    client.get(report.get_absolute_url())
    client.get(report.get_absolute_url())
    assert list(ReportRead.objects.values_list("user", flat=True)) == [world.international_admin.pk]
    client.post(
        reverse("partnerships:report_comment", args=[world.partnership.pk, report.pk]),
        {"body": "How did the training go?"},
    )
    assert Notification.objects.filter(
        recipient=world.local_admin, message__contains="commented"
    ).exists()

    client.force_login(world.local_admin)
    page = client.get(report.get_absolute_url()).content.decode()
    assert "Read by partners" in page and world.international_admin.display_name in page
    question = report.comments.get()
    client.post(
        reverse("partnerships:report_comment", args=[world.partnership.pk, report.pk]),
        {"body": "Very well", "reply_to": question.pk},
    )
    assert report.comments.get(reply_to=question).body == "Very well"
    assert Notification.objects.filter(
        recipient=world.international_admin, message__contains="commented"
    ).exists()


def test_the_overview_judges_every_partner_the_same_way(client, world):
    make_schedule(world.partnership, datetime.date(2026, 1, 1), today=TODAY)
    q1_local = report_for(world, world.local_org)
    q1_international = report_for(world, world.international_org)
    MutualReport.objects.filter(pk=q1_local.pk).update(
        status="submitted", submitted_at=datetime.datetime(2026, 4, 20, tzinfo=datetime.UTC)
    )
    MutualReport.objects.filter(pk=q1_international.pk).update(
        status="submitted", submitted_at=datetime.datetime(2026, 5, 5, tzinfo=datetime.UTC)
    )
    data = overview(world.partnership, today=datetime.date(2026, 8, 1))
    states = [[cell.state for cell in row.cells] for row in data.rows]
    assert states == [["missing", "missing"], ["on_time", "late"]]
    figures = {
        p["organisation"].pk: (p["on_time"], p["late"], p["missing"]) for p in data.punctuality
    }
    assert figures == {world.local_org.pk: (1, 0, 1), world.international_org.pk: (0, 1, 1)}

    client.force_login(world.local_viewer)
    page = client.get(reverse("partnerships:reporting", args=[world.partnership.pk]))
    assert page.status_code == 200
    assert 'data-state="on_time"' in page.content.decode()


def test_the_detail_page_summary_costs_fixed_queries(client, world):
    make_schedule(world.partnership, datetime.date(2026, 1, 1), today=TODAY)
    client.force_login(world.local_admin)
    url = world.partnership.get_absolute_url()
    with CaptureQueriesContext(connection) as few:
        page = client.get(url)
    assert "Reports and timeline" in page.content.decode()
    report_periods_generate(today=datetime.date(2027, 12, 1))
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(few) == len(many)


def test_submitting_works_when_the_broker_is_down(
    client, world, on_today, caplog, django_capture_on_commit_callbacks
):
    """A real publish to a closed port: the report is saved and the user told it went well."""
    make_schedule(world.partnership, datetime.date(2026, 1, 1), today=TODAY)
    report = report_for(world, world.local_org)
    client.force_login(world.local_staff)
    with unreachable_broker(), django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = _edit(client, world, report, {"progress": "Saved anyway", "submit": "1"})
    assert callbacks  # an email really was to be published, and publishing failed
    assert "Could not enqueue partnerships.tasks.send_outbox_emails" in caplog.text
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.is_submitted and report.progress == "Saved anyway"
    page = client.get(response["Location"]).content.decode()
    assert "The report was submitted to your partners." in page


def test_the_sweep_costs_the_same_queries_for_one_or_many_partnerships(world):
    from partnerships.services.reminders import sweep

    from ..factories import MembershipFactory, PartnershipFactory, PartnershipMemberFactory

    make_schedule(world.partnership, datetime.date(2026, 1, 1), today=TODAY)
    due = datetime.date(2026, 4, 30)
    with CaptureQueriesContext(connection) as one:
        first = sweep(today=due)
    for _ in range(5):
        partnership = PartnershipFactory()
        member = PartnershipMemberFactory(partnership=partnership)
        MembershipFactory(organisation=member.organisation)
        make_schedule(partnership, datetime.date(2026, 1, 1), today=TODAY)
    with CaptureQueriesContext(connection) as six:
        second = sweep(today=due)
    assert (first.reminders, second.reminders) == (2, 5)
    assert len(one) == len(six)


def test_demo_seeding(world):
    from partnerships.demo_reporting import seed

    seed([world.partnership])
    seed([world.partnership])  # a second run adds nothing and does not fail
    assert ReportingSchedule.objects.count() == 1
    data = overview(world.partnership)
    states = {cell.state for row in data.rows for cell in row.cells}
    assert {"on_time", "late", "missing"} <= states
    assert MutualReport.objects.filter(amends__isnull=False).count() == 1


def test_the_beat_schedule_runs_the_sweep_daily_at_the_reminder_hour(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["reminder-sweep"]
    assert entry["task"] == "partnerships.tasks.reminder_sweep"
    assert entry["schedule"].hour == {settings.REMINDER_HOUR}
    assert entry["schedule"].minute == {0}
    from config.celery import app

    assert entry["task"] in app.tasks


def test_emails_lost_with_the_broker_go_out_at_the_next_sweep(
    world, monkeypatch, django_capture_on_commit_callbacks
):
    from django.core import mail

    from partnerships.models import ReminderEmail
    from partnerships.services import reminders

    make_schedule(world.partnership, datetime.date(2026, 1, 1), today=TODAY)
    due = datetime.date(2026, 4, 30)
    real_enqueue = reminders.enqueue
    monkeypatch.setattr(reminders, "enqueue", lambda task, *args: None)  # the publish is lost
    with time_machine.travel(datetime.datetime(2026, 4, 30, 6, 0, tzinfo=datetime.UTC)):
        reminders.sweep(today=due)
    assert mail.outbox == [] and ReminderEmail.objects.filter(sent_at=None).count() == 3
    monkeypatch.setattr(reminders, "enqueue", real_enqueue)
    with (
        time_machine.travel(datetime.datetime(2026, 5, 1, 6, 0, tzinfo=datetime.UTC)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        result = reminders.sweep(today=due + datetime.timedelta(days=1))
    assert result.requeued == 2  # the two reminders of the day before
    assert not ReminderEmail.objects.filter(sent_at=None).exists()
    subjects = Counter(m.subject.split(":")[0] for m in mail.outbox)
    assert subjects == {"Due today": 3, "Overdue": 3}
