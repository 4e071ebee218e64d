"""The reminder registry any dimension app plugs into (partnerships/reminders.py)."""

import datetime
import threading

import pytest
from django.core import mail
from django.db import connection
from django.utils.translation import gettext_lazy as _

from partnerships import reminders
from partnerships.models import Notification, SentReminder
from partnerships.reminders import DueReminder, send_due_reminders

TODAY = datetime.date(2027, 3, 1)
MESSAGE = _("The report of %(organisation)s for %(period)s is due today.")


@pytest.fixture
def owed(world, monkeypatch):
    """A source that owes one step to the local partner's editors every day it is asked."""
    steps = []

    def source(today):
        return [
            DueReminder(
                key=f"test.thing:{world.partnership.pk}:{today:%Y%m%d}",
                user_ids=(world.local_admin.pk, world.local_staff.pk),
                message=MESSAGE,
                params={"organisation": "Sauti", "period": "Q1"},
                url=world.partnership.get_absolute_url(),
                partnership_id=world.partnership.pk,
            )
        ] + steps

    monkeypatch.setattr(reminders, "_sources", [source])
    return steps


def test_each_step_is_sent_once_however_often_the_sweep_runs(
    world, owed, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert send_due_reminders(TODAY) == 1
        assert send_due_reminders(TODAY) == 0
    assert Notification.objects.filter(partnership=world.partnership).count() == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [world.local_admin.email, world.local_staff.email]
    )
    # The next day is a new step.
    assert send_due_reminders(TODAY + datetime.timedelta(days=1)) == 1


def test_message_and_email_are_in_the_recipients_language(
    world, owed, django_capture_on_commit_callbacks
):
    world.local_staff.language = "fr"
    world.local_staff.save()
    with django_capture_on_commit_callbacks(execute=True):
        send_due_reminders(TODAY)
    french = next(m for m in mail.outbox if m.to == [world.local_staff.email])
    english = next(m for m in mail.outbox if m.to == [world.local_admin.email])
    assert "due today" in english.subject
    assert "due today" not in french.subject and "Sauti" in french.subject
    assert "Sauti" in french.body
    note = Notification.objects.get(recipient=world.local_staff)
    assert "due today" not in note.message and "Sauti" in note.message


@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_once_send_each_step_once(world, owed):
    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent transactions (PostgreSQL)")
    sent = []
    barrier = threading.Barrier(2)

    def run():
        barrier.wait()
        try:
            sent.append(send_due_reminders(TODAY))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(sent) == [0, 1]
    assert SentReminder.objects.count() == 1
    assert Notification.objects.count() == 2
