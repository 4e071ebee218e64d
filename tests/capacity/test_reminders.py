"""Capacity actions due and overdue: each step once, through a real worker, in each
recipient's language."""

import datetime
import time
from collections import Counter

import pytest
import time_machine
from django.core import mail

from capacity.models import CapacityAction
from capacity.reminders import capacity_actions_due, owed_step
from config.celery import app as celery_app
from partnerships.models import Notification, SentReminder
from partnerships.reminders import send_due_reminders
from partnerships.tasks import reminder_sweep

from .helpers import small_framework

DUE = datetime.date(2026, 6, 30)


def test_the_steps():
    day = datetime.timedelta(days=1)
    assert owed_step(DUE, DUE - 8 * day) is None
    assert owed_step(DUE, DUE - 7 * day) == "before"
    assert owed_step(DUE, DUE - day) == "before"
    assert owed_step(DUE, DUE) == "due"
    assert owed_step(DUE, DUE + day) == "overdue:0"
    assert owed_step(DUE, DUE + 7 * day) == "overdue:0"
    assert owed_step(DUE, DUE + 8 * day) == "overdue:1"
    assert owed_step(DUE, DUE + 28 * day) == "overdue:3"
    assert owed_step(DUE, DUE + 29 * day) is None


def _action(world, **extra):
    fw = small_framework()
    return CapacityAction.objects.create(
        partnership=world.partnership,
        title="Mentoring on audits",
        domain=fw.domain["d1"],
        receiving=world.local_org,
        providing=world.international_org,
        kind="mentoring",
        due_date=extra.pop("due_date", DUE),
        **extra,
    )


def test_done_and_cancelled_actions_owe_nothing(world):
    _action(world, status=CapacityAction.Status.DONE)
    _action(world, status=CapacityAction.Status.CANCELLED)
    assert capacity_actions_due(DUE) == []
    open_action = _action(world)
    [owed] = capacity_actions_due(DUE)
    assert owed.key == f"capacity.action:{open_action.pk}:20260630:due"
    # Editors of both organisations; never the viewer.
    assert set(owed.user_ids) == {
        world.local_admin.pk,
        world.local_staff.pk,
        world.international_admin.pk,
    }


def test_a_rescheduled_action_is_reminded_for_its_new_date(
    world, django_capture_on_commit_callbacks
):
    action = _action(world)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_due_reminders(DUE) == 1
        action.due_date = DUE + datetime.timedelta(days=14)
        action.save()
        assert send_due_reminders(action.due_date) == 1
        assert send_due_reminders(action.due_date) == 0


def _wait(condition, timeout=30.0):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the worker")
        time.sleep(0.05)


@pytest.mark.worker
def test_due_and_overdue_reminders_once_each_with_a_real_worker(world, celery_worker):
    celery_app.control.purge()
    world.international_admin.language = "fr"
    world.international_admin.save()
    action = _action(world)
    # The beat task through the worker, twice on the due date: one reminder step.
    with time_machine.travel(datetime.datetime(2026, 6, 30, 6, 0, tzinfo=datetime.UTC)):
        reminder_sweep.delay()
        reminder_sweep.delay()
        _wait(lambda: len(mail.outbox) >= 3)
    time.sleep(1)  # anything extra would have arrived by now
    assert Counter(m.to[0] for m in mail.outbox) == {
        world.local_admin.email: 1,
        world.local_staff.email: 1,
        world.international_admin.email: 1,
    }
    by_recipient = {m.to[0]: m for m in mail.outbox}
    english = by_recipient[world.local_admin.email]
    french = by_recipient[world.international_admin.email]
    assert "is due today" in english.subject and "Mentoring on audits" in english.subject
    assert "is due today" not in french.subject and "Mentoring on audits" in french.subject
    assert f"/capacity/{world.partnership.pk}/plan/" in english.body
    note = Notification.objects.get(recipient=world.international_admin)
    assert "Mentoring on audits" in note.message and "due today" not in note.message

    # A week later, overdue: one more step, then nothing more that day.
    mail.outbox.clear()
    send_due_reminders(DUE + datetime.timedelta(days=1))
    send_due_reminders(DUE + datetime.timedelta(days=1))
    _wait(lambda: len(mail.outbox) >= 3)
    time.sleep(1)
    assert len(mail.outbox) == 3 and all(
        "not done yet" in m.subject or m.to == [world.international_admin.email]
        for m in mail.outbox
    )
    assert SentReminder.objects.filter(key__startswith=f"capacity.action:{action.pk}:").count() == 2
