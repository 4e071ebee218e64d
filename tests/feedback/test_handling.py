"""Statuses, closing rules, deadlines, reminders and retention."""

import datetime
import os

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from feedback.models import Case, CaseAttachment
from feedback.reminders import overdue_cases, unacknowledged_sensitive
from feedback.services import cases as services
from feedback.services.retention import apply_retention
from partnerships.models import Notification
from partnerships.reminders import send_due_reminders

from .conftest import submit

pytestmark = pytest.mark.django_db
S = Case.Status


def test_deadlines_come_from_the_channels_commitments(fb):
    fb.channel.acknowledge_days, fb.channel.respond_days = 3, 14
    fb.channel.save()
    received = datetime.datetime(2027, 5, 10, 9, tzinfo=datetime.UTC)
    case, _ = submit(fb, received_at=received)
    assert case.acknowledge_due == datetime.date(2027, 5, 13)
    assert case.respond_due == datetime.date(2027, 5, 24)


def test_the_status_moves_one_allowed_step_at_a_time(fb):
    case, _ = submit(fb)
    with pytest.raises(ValidationError):
        services.case_move(case_id=case.pk, status=S.IN_PROGRESS, by=fb.local_admin)
    services.case_move(case_id=case.pk, status=S.ACKNOWLEDGED, by=fb.local_admin)
    services.case_move(case_id=case.pk, status=S.IN_PROGRESS, by=fb.local_admin)
    with pytest.raises(ValidationError, match="response"):
        services.case_move(case_id=case.pk, status=S.RESPONDED, by=fb.local_admin)
    services.case_respond(case_id=case.pk, response="Fixed.", by=fb.local_admin)
    services.case_move(case_id=case.pk, status=S.CLOSED, by=fb.local_admin)
    case.refresh_from_db()
    assert case.status == S.CLOSED and case.closed_at and case.acknowledged_at
    assert list(case.entries.filter(kind="status").values_list("status", flat=True)) == [
        S.ACKNOWLEDGED,
        S.IN_PROGRESS,
        S.RESPONDED,
        S.CLOSED,
    ]
    with pytest.raises(ValidationError):
        services.case_move(case_id=case.pk, status=S.IN_PROGRESS, by=fb.local_admin)


def _to_referred(fb, case):
    services.case_move(case_id=case.pk, status=S.ACKNOWLEDGED, by=fb.local_admin)
    services.case_refer(
        case_id=case.pk,
        referred_to="District health office",
        with_personal_data=False,
        by=fb.local_admin,
    )


def test_a_case_with_contact_cannot_close_without_a_response(fb):
    case, _ = submit(fb, contact="+254 700 1", contact_consent=True)
    _to_referred(fb, case)
    with pytest.raises(ValidationError, match="response"):
        services.case_move(case_id=case.pk, status=S.CLOSED, by=fb.local_admin)
    services.case_respond(case_id=case.pk, response="Referred to the district.", by=fb.local_admin)
    services.case_move(case_id=case.pk, status=S.CLOSED, by=fb.local_admin)


def test_an_anonymous_case_whose_code_was_used_needs_a_response(fb):
    case, code = submit(fb)
    _to_referred(fb, case)
    assert services.case_by_code(channel=fb.channel, reference=case.reference, code=code)
    with pytest.raises(ValidationError, match="response"):
        services.case_move(case_id=case.pk, status=S.CLOSED, by=fb.local_admin)


def test_an_anonymous_case_with_an_unused_code_may_close_without_a_response(fb):
    case, _ = submit(fb)
    _to_referred(fb, case)
    services.case_move(case_id=case.pk, status=S.CLOSED, by=fb.local_admin)
    assert Case.objects.get(pk=case.pk).status == S.CLOSED


def test_personal_data_travel_with_a_referral_only_with_consent(fb):
    case, _ = submit(fb, contact="+254 700 2", contact_consent=True)
    services.case_move(case_id=case.pk, status=S.ACKNOWLEDGED, by=fb.local_admin)
    with pytest.raises(ValidationError, match="did not agree"):
        services.case_refer(
            case_id=case.pk, referred_to="UNHCR", with_personal_data=True, by=fb.local_admin
        )
    consenting, _ = submit(fb, contact="+254 700 3", contact_consent=True, referral_consent=True)
    services.case_move(case_id=consenting.pk, status=S.ACKNOWLEDGED, by=fb.local_admin)
    services.case_refer(
        case_id=consenting.pk, referred_to="UNHCR", with_personal_data=True, by=fb.local_admin
    )
    assert Case.objects.get(pk=consenting.pk).referred_with_personal_data


def test_overdue_reminders_go_once_per_step(fb, django_capture_on_commit_callbacks):
    received = datetime.datetime(2027, 1, 4, 9, tzinfo=datetime.UTC)
    case, _ = submit(fb, received_at=received)
    services.case_assign(
        case_id=case.pk,
        organisation_id=fb.local_org.pk,
        assignee_id=fb.local_staff.pk,
        by=fb.local_admin,
    )
    Notification.objects.all().delete()
    on_time = datetime.date(2027, 1, 11)
    assert [r.key for r in overdue_cases(on_time)] == []
    late = datetime.date(2027, 1, 12)
    assert [r.key for r in overdue_cases(late)] == [f"feedback.case:{case.pk}:acknowledge"]
    with django_capture_on_commit_callbacks(execute=True):
        assert send_due_reminders(late) == 1
        assert send_due_reminders(late + datetime.timedelta(days=1)) == 0
        assert send_due_reminders(datetime.date(2027, 2, 4)) == 1  # the response is late now
        assert send_due_reminders(datetime.date(2027, 2, 5)) == 0
    assert Notification.objects.filter(recipient=fb.local_staff).count() == 2
    assert [m.to for m in mail.outbox] == [[fb.local_staff.email]] * 2


def test_sensitive_cases_remind_every_day_until_acknowledged_without_content(
    fb, django_capture_on_commit_callbacks
):
    case, _ = submit(
        fb,
        kind=Case.Kind.SENSITIVE,
        sensitive_category="sea",
        concerns_organisation_id=fb.local_org.pk,
        text="About a driver.",
    )
    day = timezone.localdate()
    due = unacknowledged_sensitive(day)
    assert [r.key for r in due] == [f"feedback.sensitive:{case.pk}:{day:%Y%m%d}"]
    # The case is about the local organisation: only the other member's focal point is told.
    assert due[0].user_ids == (fb.international_focal.pk,)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        for offset in range(3):
            send_due_reminders(day + datetime.timedelta(days=offset))
            send_due_reminders(day + datetime.timedelta(days=offset))
    assert len(mail.outbox) == 3
    assert all("driver" not in m.body and case.get_absolute_url() in m.body for m in mail.outbox)
    services.case_move(case_id=case.pk, status=S.ACKNOWLEDGED, by=fb.international_focal)
    assert unacknowledged_sensitive(day + datetime.timedelta(days=4)) == []


def test_retention_erases_contact_then_text_after_closing(fb, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    fb.channel.contact_retention_days, fb.channel.text_retention_days = 90, 365
    fb.channel.save()
    pdf = SimpleUploadedFile("x.pdf", b"%PDF-1.4\n%%EOF", content_type="application/pdf")
    with time_machine.travel(datetime.datetime(2027, 1, 1, 12, tzinfo=datetime.UTC), tick=False):
        case, _ = submit(fb, contact="+254 700 9", contact_consent=True, attachment=pdf)
        services.case_respond(case_id=case.pk, response="Done.", by=fb.local_admin)
        services.case_move(case_id=case.pk, status=S.CLOSED, by=fb.local_admin)
        still_open, _ = submit(fb, contact="+254 700 8", contact_consent=True)
    stored = CaseAttachment.objects.get().file.path

    with time_machine.travel(datetime.datetime(2027, 3, 31, 12, tzinfo=datetime.UTC)):
        assert apply_retention() == {"contact_erased": 0, "text_erased": 0}
    with time_machine.travel(datetime.datetime(2027, 4, 2, 12, tzinfo=datetime.UTC)):
        assert apply_retention() == {"contact_erased": 1, "text_erased": 0}
    case.refresh_from_db()
    assert case.contact is None and case.contact_erased_at and case.text
    with time_machine.travel(datetime.datetime(2028, 1, 2, 12, tzinfo=datetime.UTC)):
        assert apply_retention() == {"contact_erased": 0, "text_erased": 1}
    case.refresh_from_db()
    assert case.text is None and case.response is None and case.text_erased_at
    assert not CaseAttachment.objects.exists()
    assert not os.path.exists(stored)
    still_open.refresh_from_db()
    assert still_open.contact == "+254 700 8"  # open cases keep everything


def test_retention_runs_from_celery_beat(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["feedback-retention"]
    assert entry["task"] == "feedback.tasks.apply_retention"
    from feedback.tasks import apply_retention as task

    assert task.name == entry["task"]


def test_owed_reminders_take_a_fixed_number_of_queries(fb, django_assert_num_queries):
    received = datetime.datetime(2027, 1, 4, 9, tzinfo=datetime.UTC)
    for _ in range(3):
        submit(fb, received_at=received)
        submit(fb, kind=Case.Kind.SENSITIVE, sensitive_category="fraud", received_at=received)
    late = datetime.date(2027, 3, 1)
    with django_assert_num_queries(2):
        assert len(overdue_cases(late)) == 6
    with django_assert_num_queries(2):
        assert len(unacknowledged_sensitive(late)) == 3
    for _ in range(20):
        submit(fb, received_at=received)
        submit(fb, kind=Case.Kind.SENSITIVE, sensitive_category="fraud", received_at=received)
    with django_assert_num_queries(2):
        assert len(overdue_cases(late)) == 46
    with django_assert_num_queries(2):
        assert len(unacknowledged_sensitive(late)) == 23
