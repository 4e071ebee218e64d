import re
import time

import pytest
from django.core import mail
from django.urls import reverse

from config.celery import app as celery_app
from partnerships.models import OutboxEmail

from ..broker import unreachable_broker


def _wait_for_mail(count=1, timeout=20):
    deadline = time.monotonic() + timeout
    while len(mail.outbox) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    return mail.outbox


@pytest.mark.worker
def test_a_real_worker_sends_the_reset_email_through_redis(client, world, celery_worker):
    assert celery_app.conf.broker_url.startswith("redis://")
    assert not celery_app.conf.task_always_eager
    response = client.post(reverse("password_reset"), {"email": world.local_staff.email})
    assert response.status_code == 302

    outbox = _wait_for_mail()
    assert len(outbox) == 1
    message = outbox[0]
    assert message.to == [world.local_staff.email]
    link = re.search(r"https?://\S+/accounts/reset/\S+/", message.body).group(0)
    assert message.alternatives and link in message.alternatives[0][0]
    # The link is a password: the outbox does not keep it once it is sent.
    deadline = time.monotonic() + 10  # the worker marks the row sent just after sending
    while OutboxEmail.objects.get(to=world.local_staff.email).status != "sent":
        assert time.monotonic() < deadline
        time.sleep(0.05)
    row = OutboxEmail.objects.get(to=world.local_staff.email)
    assert link not in row.text + row.html

    response = client.get(link, follow=True)
    assert "new_password1" in response.content.decode()


def test_an_unknown_address_gets_the_same_answer_and_no_email(client, db):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == [] and not OutboxEmail.objects.exists()


def test_the_request_succeeds_when_the_broker_is_down(
    client, world, caplog, django_capture_on_commit_callbacks
):
    """A real publish to a closed port: the email waits in the outbox for the sweep."""
    with unreachable_broker(), django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(reverse("password_reset"), {"email": world.local_staff.email})
    assert response.status_code == 302
    assert callbacks and "Could not enqueue partnerships.tasks.send_outbox_emails" in caplog.text
    assert mail.outbox == []
    assert OutboxEmail.objects.get(to=world.local_staff.email).status == "pending"
