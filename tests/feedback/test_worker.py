"""Reminders of overdue and sensitive cases through the real sweep task, Redis and a worker."""

import datetime
import time

import pytest
import time_machine
from django.core import mail

from config.celery import app as celery_app
from feedback.models import Case
from partnerships.models import Notification, SentReminder
from partnerships.tasks import reminder_sweep

from .conftest import submit

pytestmark = pytest.mark.worker


def wait_until(condition, timeout=30.0):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the worker")
        time.sleep(0.05)


def test_overdue_and_sensitive_reminders_go_exactly_once_with_a_real_worker(fb, celery_worker):
    celery_app.control.purge()
    received = datetime.datetime(2027, 1, 4, 9, tzinfo=datetime.UTC)
    ordinary, _ = submit(fb, received_at=received)
    Case.objects.filter(pk=ordinary.pk).update(assignee=fb.local_staff)
    sensitive, _ = submit(
        fb,
        kind=Case.Kind.SENSITIVE,
        sensitive_category="sea",
        text="About a guard.",
        received_at=received,
    )
    wait_until(lambda: len(mail.outbox) >= 1)  # the new-case emails, from the worker
    time.sleep(0.5)
    mail.outbox.clear()
    Notification.objects.all().delete()

    with time_machine.travel(datetime.datetime(2027, 1, 12, 7, tzinfo=datetime.UTC)):
        for _ in range(3):  # beat firing twice, a re-run after a crash: still once
            reminder_sweep.delay()
        wait_until(lambda: SentReminder.objects.count() >= 2)
        time.sleep(1.5)  # the other two sweeps run too
    keys = set(SentReminder.objects.values_list("key", flat=True))
    assert keys == {
        f"feedback.case:{ordinary.pk}:acknowledge",
        f"feedback.sensitive:{sensitive.pk}:20270112",
    }
    # One email to the assignee, one to each focal point; none twice.
    wait_until(lambda: len(mail.outbox) >= 3)
    time.sleep(1)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [fb.local_staff.email, fb.local_focal.email, fb.international_focal.email]
    )
    assert all("guard" not in m.body for m in mail.outbox)

    with time_machine.travel(datetime.datetime(2027, 1, 13, 7, tzinfo=datetime.UTC)):
        reminder_sweep.delay()
        wait_until(lambda: SentReminder.objects.count() >= 3)
        time.sleep(1)
    assert SentReminder.objects.filter(key__startswith="feedback.sensitive").count() == 2
    assert SentReminder.objects.filter(key__startswith="feedback.case").count() == 1
