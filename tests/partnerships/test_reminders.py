"""Reminders through a real Redis broker and a real Celery worker."""

import datetime
import threading
import time
from collections import Counter

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.utils import timezone

from config.celery import app as celery_app
from partnerships.models import MutualReport, Notification, OutboxEmail, Reminder, ReminderEmail
from partnerships.services.reminders import owed_reminder, sweep
from partnerships.tasks import reminder_sweep

from .reporting_helpers import make_schedule, report_for

pytestmark = pytest.mark.worker

# Q1 2026 runs to 31 March; with 30 days to report it is due on 30 April, notice from 16 April.
FIRST = datetime.date(2026, 1, 1)
DUE = datetime.date(2026, 4, 30)


def wait_until(condition, timeout=30.0):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the worker")
        time.sleep(0.05)


def wait_for_emails(count, timeout=30.0):
    wait_until(
        lambda: (
            len(mail.outbox) >= count
            and not ReminderEmail.objects.filter(sent_at__isnull=True, skipped=False).exists()
        ),
        timeout,
    )
    time.sleep(0.5)  # anything extra would have arrived by now
    return mail.outbox


def recipients(outbox):
    return Counter(message.to[0] for message in outbox)


@pytest.fixture
def worker(celery_worker):
    celery_app.control.purge()  # messages left over from another run point at other rows
    return celery_worker


def test_the_rules():
    due, remind_from = DUE, DUE - datetime.timedelta(days=14)
    assert owed_reminder(due, remind_from, remind_from - datetime.timedelta(days=1)) is None
    assert owed_reminder(due, remind_from, remind_from) == ("before", 0)
    assert owed_reminder(due, remind_from, due) == ("due", 0)
    assert owed_reminder(due, remind_from, due + datetime.timedelta(days=1)) == ("overdue", 0)
    assert owed_reminder(due, remind_from, due + datetime.timedelta(days=7)) == ("overdue", 0)
    assert owed_reminder(due, remind_from, due + datetime.timedelta(days=8)) == ("overdue", 1)
    assert owed_reminder(due, remind_from, due + datetime.timedelta(days=22)) == ("overdue", 3)
    assert owed_reminder(due, remind_from, due + datetime.timedelta(days=29)) is None


def test_two_sweeps_at_once_send_one_email_per_recipient(world, worker):
    make_schedule(world.partnership, FIRST, today=DUE)
    barrier = threading.Barrier(2)
    results, errors = [], []

    def run():
        try:
            barrier.wait()
            results.append(sweep(today=DUE))
        except Exception as exc:  # surfaced below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(r.reminders for r in results) == [0, 2]  # one sweep won each reminder

    outbox = wait_for_emails(3)
    assert recipients(outbox) == {
        world.local_admin.email: 1,
        world.local_staff.email: 1,
        world.international_admin.email: 1,
    }
    assert world.local_viewer.email not in recipients(outbox)
    message = next(m for m in outbox if m.to == [world.international_admin.email])
    assert "due today" in message.subject.lower() or "Due today" in message.subject
    report = report_for(world, world.international_org)
    assert f"/reports/{report.pk}/" in message.body
    assert f"/reports/{report.pk}/" in message.alternatives[0][0]
    assert (
        Notification.objects.filter(
            recipient=world.local_staff, message__contains="due today"
        ).count()
        == 1
    )

    # The beat task through the worker, twice more on the same day: nothing new.
    with time_machine.travel(datetime.datetime(2026, 4, 30, 6, 0, tzinfo=datetime.UTC)):
        reminder_sweep.delay()
        reminder_sweep.delay()
        wait_until(lambda: _queue_is_empty())
    time.sleep(1)
    assert len(mail.outbox) == 3
    assert Reminder.objects.count() == 2


def _queue_is_empty():
    with celery_app.connection_for_read() as conn:
        return conn.default_channel.client.llen("celery") == 0


def test_a_submitted_report_gets_no_more_reminders(world, worker):
    make_schedule(world.partnership, FIRST, today=DUE)
    sweep(today=DUE - datetime.timedelta(days=3))  # "before" to both organisations
    wait_for_emails(3)
    local = report_for(world, world.local_org)
    MutualReport.objects.filter(pk=local.pk).update(status="submitted", submitted_at=timezone.now())
    for day in range(0, 30):
        sweep(today=DUE + datetime.timedelta(days=day))
    by_org = Counter(Reminder.objects.values_list("organisation_id", "kind"))
    assert by_org == {
        (world.local_org.pk, "before"): 1,
        (world.international_org.pk, "before"): 1,
        (world.international_org.pk, "due"): 1,
        (world.international_org.pk, "overdue"): 4,
    }
    outbox = wait_for_emails(2 + 6)
    assert recipients(outbox) == {
        world.local_admin.email: 1,
        world.local_staff.email: 1,
        world.international_admin.email: 6,
    }


def test_a_report_submitted_after_the_sweep_is_not_emailed(world, worker, monkeypatch):
    from partnerships.services import reminders

    make_schedule(world.partnership, FIRST, today=DUE)
    held = []
    # Hold the email task back so that the report is submitted before the worker gets it.
    monkeypatch.setattr(reminders, "enqueue", lambda task, *args: held.append((task, args)))
    sweep(today=DUE)
    local = report_for(world, world.local_org)
    MutualReport.objects.filter(pk=local.pk).update(status="submitted", submitted_at=timezone.now())
    [(task_name, args)] = held
    celery_app.send_task(task_name, args=args)
    wait_until(
        lambda: not ReminderEmail.objects.filter(sent_at__isnull=True, skipped=False).exists()
    )
    wait_until(lambda: not OutboxEmail.objects.exclude(status="sent").exists())
    time.sleep(0.5)
    assert recipients(mail.outbox) == {world.international_admin.email: 1}
    assert ReminderEmail.objects.filter(skipped=True).count() == 2


def test_an_overdue_report_gets_its_overdue_reminder_from_the_beat_task(world, worker):
    world.international_admin.language = "fr"
    world.international_admin.save()
    make_schedule(world.partnership, FIRST, today=DUE)
    with time_machine.travel(datetime.datetime(2026, 5, 1, 6, 0, tzinfo=datetime.UTC)):
        reminder_sweep.delay()
        outbox = wait_for_emails(3)
    assert set(Reminder.objects.values_list("kind", "sequence")) == {("overdue", 0)}
    assert Reminder.objects.count() == 2
    # Each email is rendered in its recipient's language: subject and date format.
    by_recipient = {m.to[0]: m for m in outbox}
    assert by_recipient[world.local_staff.email].subject.startswith("Overdue:")
    assert by_recipient[world.international_admin.email].subject.startswith("En retard")
    assert "30 avril 2026" in by_recipient[world.international_admin.email].body
    assert "April 30, 2026" in by_recipient[world.local_staff.email].body
    report = report_for(world, world.local_org)
    assert f"/reports/{report.pk}/" in by_recipient[world.local_staff.email].body
    assert recipients(outbox) == {
        world.local_admin.email: 1,
        world.local_staff.email: 1,
        world.international_admin.email: 1,
    }


def test_a_year_of_a_quarterly_schedule(world, worker):
    """Daily sweeps from 1 Jan to 31 Dec 2027. Per organisation and period the rules give one
    reminder before, one on the due date and four overdue ones (day 1, 8, 15, 22). Q1, Q2 and
    Q3 are due within the year (30 Apr, 30 Jul, 30 Oct); Q4 is due on 30 Jan 2028, its first
    reminder on 16 Jan 2028. The international partner submits Q2 on time, so gets none for it.
    """
    start = datetime.datetime(2027, 1, 1, 6, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False) as traveller:
        make_schedule(world.partnership, datetime.date(2027, 1, 1), today=datetime.date(2027, 1, 1))
        for day in range(365):
            now = start + datetime.timedelta(days=day)
            traveller.move_to(now)
            if now.date() == datetime.date(2027, 7, 10):
                q2 = report_for(world, world.international_org, 1)
                MutualReport.objects.filter(pk=q2.pk).update(status="submitted", submitted_at=now)
            sweep()
        assert Counter(Reminder.objects.values_list("kind", flat=True)) == {
            "before": 5,
            "due": 5,
            "overdue": 20,
        }
        assert Counter(Reminder.objects.values_list("organisation_id", flat=True)) == {
            world.local_org.pk: 18,
            world.international_org.pk: 12,
        }
        outbox = wait_for_emails(18 * 2 + 12)
    assert recipients(outbox) == {
        world.local_admin.email: 18,
        world.local_staff.email: 18,
        world.international_admin.email: 12,
    }
