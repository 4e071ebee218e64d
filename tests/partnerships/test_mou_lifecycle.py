"""The MoU after signing: expired once, signatures and renewal reminded once per step, by the
beat task through a real Redis broker and worker."""

import datetime
import threading
import time

import pytest
import time_machine
from django.core import mail
from django.db import connection

from config.celery import app as celery_app
from partnerships.models import Mou, Notification, SentReminder
from partnerships.reminders import send_due_reminders
from partnerships.services.mou_lifecycle import mou_expire_due
from partnerships.tasks import mou_lifecycle

from .mou_support import make_mou, sign_all

END = datetime.date(2028, 12, 31)  # make_mou's term


def at(day: datetime.date):
    return time_machine.travel(
        datetime.datetime(day.year, day.month, day.day, 6, 30, tzinfo=datetime.UTC), tick=True
    )


def settle(expected_emails: int, timeout=30.0):
    deadline = time.monotonic() + timeout
    while len(mail.outbox) < expected_emails:
        if time.monotonic() > deadline:
            raise AssertionError(f"{len(mail.outbox)} emails of {expected_emails}")
        time.sleep(0.05)
    time.sleep(1.0)  # anything extra would have arrived by now


def _queue_is_empty():
    with celery_app.connection_for_read() as conn:
        return conn.default_channel.client.llen("celery") == 0


@pytest.fixture
def worker(celery_worker):
    celery_app.control.purge()
    return celery_worker


@pytest.mark.worker
def test_renewal_then_expiry_each_happen_once_through_the_worker(world, worker):
    mou = sign_all(make_mou(world.partnership, status="awaiting"), world)
    assert mou.status == Mou.Status.IN_FORCE
    settle(2)  # requests to sign, sent when the MoU went out
    mail.outbox.clear()

    with at(END - datetime.timedelta(days=61)):
        mou_lifecycle.delay()
        time.sleep(2)
    assert not Notification.objects.filter(message__contains="renewal").exists()

    with at(END - datetime.timedelta(days=60)):
        mou_lifecycle.delay()
        mou_lifecycle.delay()
        settle(2)
    renewal = [m for m in mail.outbox if "renewal" in m.subject]
    assert sorted(m.to[0] for m in renewal) == sorted(
        [world.local_admin.email, world.international_admin.email]
    )
    with at(END - datetime.timedelta(days=30)):  # later days of the window: nothing new
        mou_lifecycle.delay()
        time.sleep(2)
    assert len(mail.outbox) == 2

    with at(END):  # the last day of the term: still in force
        mou_lifecycle.delay()
        time.sleep(2)
    assert Mou.objects.get(pk=mou.pk).status == Mou.Status.IN_FORCE

    mail.outbox.clear()
    with at(END + datetime.timedelta(days=1)):
        mou_lifecycle.delay()
        mou_lifecycle.delay()
        settle(3)  # the parties' editors: local admin, local staff, international admin
    assert Mou.objects.get(pk=mou.pk).status == Mou.Status.EXPIRED
    expired = [m for m in mail.outbox if "expired" in m.subject]
    assert sorted(m.to[0] for m in expired) == sorted(
        [world.local_admin.email, world.local_staff.email, world.international_admin.email]
    )
    assert len(mail.outbox) == 3
    assert Notification.objects.filter(message__contains="has expired").count() == 3


@pytest.mark.worker
def test_unsigned_signatories_are_reminded_every_n_days_until_they_sign(world, worker, settings):
    settings.MOU_SIGNATURE_REMINDER_DAYS = 5
    sent = datetime.date(2027, 3, 1)
    with at(sent):
        mou = make_mou(world.partnership, status="awaiting")
        settle(2)  # the first request to sign, sent when the MoU goes out
    mail.outbox.clear()
    with at(sent + datetime.timedelta(days=4)):
        mou_lifecycle.delay()
        time.sleep(2)
    assert not mail.outbox
    with at(sent + datetime.timedelta(days=5)):
        mou_lifecycle.delay()
        mou_lifecycle.delay()
        settle(2)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [world.local_admin.email, world.international_admin.email]
    )
    from partnerships.services import mou as mou_services

    mou_services.mou_sign(
        mou_id=mou.pk,
        user=world.local_admin,
        organisation=world.local_org,
        full_name="A",
        title="B",
        content_hash=mou.content_hash,
    )
    mail.outbox.clear()
    with at(sent + datetime.timedelta(days=10)):
        mou_lifecycle.delay()
        settle(1)
    assert [m.to[0] for m in mail.outbox] == [world.international_admin.email]


@pytest.mark.django_db(transaction=True)
def test_two_expiry_runs_at_once_expire_and_notify_once(world):
    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent transactions (PostgreSQL)")
    mou = sign_all(make_mou(world.partnership, status="awaiting"), world)
    Notification.objects.all().delete()
    results, barrier = [], threading.Barrier(2)

    def run():
        barrier.wait()
        try:
            results.append(mou_expire_due(today=END + datetime.timedelta(days=1)))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [[], [mou.pk]]
    assert Notification.objects.filter(message__contains="has expired").count() == 3
    assert mou_expire_due(today=END + datetime.timedelta(days=2)) == []
    assert not SentReminder.objects.exists()
    assert send_due_reminders(END + datetime.timedelta(days=2)) == 0  # nothing to renew now
