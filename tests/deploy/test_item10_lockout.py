"""Issue 9, item 10: lock-out by account with a cool-off, a translated page with the time
left, client addresses through the configured proxies, email in any case."""

import datetime

import pytest
import time_machine
from axes.models import AccessAttempt
from django.urls import reverse

from partnerships.models import Invitation, Membership
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


@pytest.fixture
def limit(settings):
    settings.AXES_FAILURE_LIMIT = 3
    return 3


def _fail(client, email, ip="198.51.100.1", **extra):
    return client.post(LOGIN, {"username": email, "password": "wrong"}, REMOTE_ADDR=ip, **extra)


def test_item10_the_email_at_login_is_case_insensitive(client, world):
    user = world.local_staff
    response = client.post(LOGIN, {"username": f"  {user.email.upper()} ", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_item10_the_admin_login_is_case_insensitive_too(client, world):
    world.local_admin.is_staff = True
    world.local_admin.is_superuser = True
    world.local_admin.save()
    response = client.post(
        "/admin/login/",
        {"username": world.local_admin.email.title(), "password": PASSWORD, "next": "/admin/"},
    )
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_item10_lockout_is_per_account_whatever_the_address(client, world, limit):
    email = world.local_staff.email
    for n in range(limit):
        # A different address and a different case each time: still one account.
        _fail(client, email.upper() if n % 2 else email, ip=f"203.0.113.{n + 1}")
    response = client.post(
        LOGIN, {"username": email, "password": PASSWORD}, REMOTE_ADDR="192.0.2.200"
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # Another account behind the same addresses is not affected.
    other = client.post(
        LOGIN,
        {"username": world.local_admin.email, "password": PASSWORD},
        REMOTE_ADDR="203.0.113.1",
    )
    assert other.status_code == 302


def test_item10_the_lockout_page_is_translated_in_the_layout_with_the_time_left(
    client, world, limit
):
    email = world.local_staff.email
    start = datetime.datetime(2026, 6, 1, 9, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        for _ in range(limit):
            _fail(client, email)
    with time_machine.travel(start + datetime.timedelta(minutes=4), tick=False):
        response = _fail(client, email, HTTP_ACCEPT_LANGUAGE="en")
        page = response.content.decode()
        assert response.status_code == 429
        assert 'class="navbar' in page  # the site's layout
        assert "Too many attempts" in page
        # 15 minutes from the last failed attempt, which this one was.
        assert "Try again in 15 minutes." in page
    with time_machine.travel(start + datetime.timedelta(minutes=10), tick=False):
        page = client.get(LOGIN, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
        response = _fail(client, email, HTTP_ACCEPT_LANGUAGE="fr")
        page = response.content.decode()
        assert response.status_code == 429
        assert "Too many attempts" not in page and "15" in page


def test_item10_the_account_is_free_again_after_the_cool_off(client, world, limit):
    email = world.local_staff.email
    start = datetime.datetime(2026, 6, 1, 9, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        for _ in range(limit):
            _fail(client, email)
    with time_machine.travel(start + datetime.timedelta(minutes=16), tick=False):
        response = client.post(LOGIN, {"username": email, "password": PASSWORD})
        assert response.status_code == 302


def test_item10_the_client_address_comes_through_the_configured_proxies(client, world, settings):
    settings.AXES_IPWARE_PROXY_COUNT = 1
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    _fail(client, world.local_staff.email, ip="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 8.8.4.4")
    assert AccessAttempt.objects.get().ip_address == "8.8.4.4"


def test_item10_the_proxy_count_is_read_from_the_environment():
    import subprocess
    import sys

    from .conftest import ROOT

    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.AXES_IPWARE_PROXY_COUNT, s.AXES_LOCKOUT_PARAMETERS)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "AXES_IPWARE_PROXY_COUNT": "2",
            "PATH": "/usr/bin:/bin",
            "VAR_DIR": "/tmp/axes-check-var",
        },
    )
    assert result.stdout.strip() == "2 ['username']", result.stderr


def test_item10_invitations_are_stored_in_lower_case_and_matched_in_any_case(client, world):
    invitation = Invitation.objects.create(
        organisation=world.international_org,
        email=" New.Person@Example.ORG ",
        role=Membership.Role.STAFF,
    )
    assert invitation.email == "new.person@example.org"
    existing = Invitation.objects.create(
        organisation=world.international_org, email=world.local_staff.email.upper()
    )
    client.force_login(world.local_staff)
    response = client.get(reverse("accept_invitation", args=[existing.token]))
    assert response.status_code == 200  # recognised as this account's invitation
