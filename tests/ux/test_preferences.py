"""A user's language and time zone: stored on the account, used on every device and in
emails; the browser's language only a first guess. Dates and times in one readable format."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from partnerships.dates import local_datetime, time_ago
from partnerships.models import Notification


def test_the_stored_language_wins_over_the_browser_on_a_new_device(client, world):
    world.local_admin.language = "fr"
    world.local_admin.save(update_fields=["language"])
    client.force_login(world.local_admin)
    # A new phone: no language cookie, a browser set to Arabic.
    response = client.get(reverse("partnerships:list"), HTTP_ACCEPT_LANGUAGE="ar")
    assert response["Content-Language"] == "fr"
    assert '<html lang="fr" dir="ltr">' in response.content.decode()


def test_the_browser_language_is_the_first_guess_for_visitors(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="ar")
    assert '<html lang="ar" dir="rtl">' in response.content.decode()


def test_switching_language_updates_the_account_and_every_device(client, world):
    client.force_login(world.local_staff)
    client.post(reverse("set_language"), {"language": "pt", "next": "/"})
    world.local_staff.refresh_from_db()
    assert world.local_staff.language == "pt"
    other_device = client.__class__()
    other_device.force_login(world.local_staff)
    assert other_device.get(reverse("partnerships:list"))["Content-Language"] == "pt"


def test_the_profile_sets_language_and_time_zone(client, world):
    client.force_login(world.local_admin)
    response = client.post(
        reverse("profile"),
        {"full_name": "Amina W.", "language": "es", "timezone": "Africa/Nairobi"},
    )
    assert response.status_code == 302
    world.local_admin.refresh_from_db()
    assert (world.local_admin.language, world.local_admin.timezone) == ("es", "Africa/Nairobi")
    assert response.cookies["django_language"].value == "es"
    page = client.get(reverse("profile")).content.decode()
    assert "Su perfil" in page
    refused = client.post(
        reverse("profile"), {"full_name": "x", "language": "es", "timezone": "Mars/Olympus"}
    )
    assert refused.status_code == 200
    world.local_admin.refresh_from_db()
    assert world.local_admin.timezone == "Africa/Nairobi"


def test_times_are_shown_in_the_users_zone_with_its_name(client, world):
    world.local_admin.timezone = "Africa/Nairobi"
    world.local_admin.save(update_fields=["timezone"])
    client.force_login(world.local_admin)
    moment = datetime.datetime(2026, 1, 12, 7, 30, tzinfo=datetime.UTC)
    Notification.objects.filter(recipient=world.local_admin).delete()
    notification = Notification.objects.create(recipient=world.local_admin, message="hello")
    Notification.objects.filter(pk=notification.pk).update(created_at=moment)
    page = client.get(reverse("partnerships:notifications")).content.decode()
    # 07:30 UTC is 10:30 in Nairobi; the full moment is in the title, in the user's zone.
    assert "Jan. 12, 2026, 10:30 a.m. EAT" in page


def test_one_date_format_never_numbers_only():
    moment = datetime.datetime(2026, 1, 12, 9, 5, tzinfo=datetime.UTC)
    with translation.override("fr"), timezone.override(datetime.UTC):
        assert local_datetime(moment) == "12 janvier 2026, 09:05 UTC"
    with translation.override("en"), timezone.override(datetime.UTC):
        text = local_datetime(moment)
        assert text == "Jan. 12, 2026, 9:05 a.m. UTC"
        # A sentence ending with the time gets one full stop, not "a.m..".
        assert not (text + ".").endswith("..")


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [
        (0, "just now"),
        (59, "just now"),
        (60, "1 minute ago"),
        (3 * 3600 + 5, "3 hours ago"),
    ],
)
def test_time_ago_says_just_now_instead_of_zero_minutes(seconds, expected):
    now = timezone.now()
    with translation.override("en"):
        said = time_ago(now - datetime.timedelta(seconds=seconds), now)
        assert said.replace("\xa0", " ") == expected


def test_emails_go_out_in_the_recipients_language(world, django_capture_on_commit_callbacks):
    from partnerships.notify import notify

    world.international_admin.language = "fr"
    world.international_admin.save(update_fields=["language"])
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        notify(
            [world.international_admin],
            message=translation.gettext_lazy("Late"),
            email_template="emails/report_submitted",
            email_context={
                "organisation": "Sauti",
                "period": "Q1",
                "partnership": "P",
                "amendment": False,
            },
        )
    assert Notification.objects.get(recipient=world.international_admin).message == "En retard"
    assert mail.outbox[0].subject.startswith("Sauti")
    assert mail.outbox[0].subject != "Sauti submitted its report for P"  # French, not English


def test_emails_show_times_in_the_recipients_zone(world, monkeypatch):
    from partnerships import emails

    seen = []

    def render(name, context):
        seen.append(timezone.get_current_timezone_name())
        return "x"

    monkeypatch.setattr(emails, "render_to_string", render)
    monkeypatch.setattr(emails, "render_text", render)
    world.local_admin.timezone = "Asia/Amman"
    emails.render_email("emails/report_submitted", {"user": world.local_admin}, "ar")
    assert seen == ["Asia/Amman"] * 3
