import pytest
from django.core import mail
from django.urls import reverse
from django.utils.translation import gettext_lazy

from partnerships.models import Notification
from partnerships.notify import notify

pytestmark = pytest.mark.django_db


def test_notify_creates_in_app_messages_and_emails(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            [world.local_admin, world.international_admin, world.local_admin],
            message=gettext_lazy("Invitations sent to %(org)s."),
            params={"org": "X"},
            url=world.partnership.get_absolute_url(),
            partnership=world.partnership,
            email_template="emails/invitation",
            email_context={"organisation": "X", "inviter": "Y", "role": "staff", "valid_days": 3},
        )
    assert Notification.objects.filter(partnership=world.partnership).count() == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [world.local_admin.email, world.international_admin.email]
    )


def test_the_unread_count_shows_and_clears(client, world):
    Notification.objects.create(
        recipient=world.local_staff, message="Report due", url=world.partnership.get_absolute_url()
    )
    client.force_login(world.local_staff)
    page = client.get(reverse("partnerships:list")).content.decode()
    assert '1 unread notification"' in page
    client.post(reverse("partnerships:notifications_read"))
    page = client.get(reverse("partnerships:list")).content.decode()
    assert "unread notification" not in page


def test_switching_language_is_remembered_for_emails(client, world):
    client.force_login(world.local_staff)
    response = client.post(reverse("set_language"), {"language": "fr", "next": "/partnerships/"})
    assert response.status_code == 302
    world.local_staff.refresh_from_db()
    assert world.local_staff.language == "fr"
    page = client.get(reverse("partnerships:list"))
    assert page.content.decode().startswith("<!doctype html>")
    assert 'lang="fr"' in page.content.decode()
