"""Two-step login (TOTP) that an organisation can require of its admins, signatories and
safeguarding focal points."""

import re
import time

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from partnerships.models import Membership
from tests.factories import PASSWORD, MembershipFactory

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def _code(device: TOTPDevice) -> str:
    device.refresh_from_db()
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{code:06d}"


def _log_in(client, user):
    response = client.post(LOGIN, {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return response


@pytest.fixture
def required(world):
    world.local_org.require_two_factor = True
    world.local_org.save()
    return world


def test_nothing_changes_when_the_organisation_does_not_require_it(client, world):
    _log_in(client, world.local_admin)
    assert client.get(world.partnership.get_absolute_url()).status_code == 200


def test_an_admin_sets_up_totp_with_a_qr_code_then_gets_in(client, required):
    world = required
    _log_in(client, world.local_admin)
    page_url = world.partnership.get_absolute_url()
    response = client.get(page_url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor_setup"))
    setup = client.get(response["Location"])
    html = setup.content.decode()
    assert re.search(r'<img src="data:image/svg\+xml;base64,[A-Za-z0-9+/=]+"', html)
    assert "<script>" not in html
    device = TOTPDevice.objects.get(user=world.local_admin, confirmed=False)
    # A wrong code is refused and nothing opens.
    refused = client.post(
        response["Location"],
        {"token": "000000" if _code(device) != "000000" else "111111", "next": page_url},
    )
    assert refused.status_code == 200 and "That code is not right" in refused.content.decode()
    assert client.get(page_url).status_code == 302
    device.throttle_reset()
    done = client.post(response["Location"], {"token": _code(device), "next": page_url})
    assert done.status_code == 302 and done["Location"] == page_url
    assert client.get(page_url).status_code == 200
    device.refresh_from_db()
    assert device.confirmed


def test_the_next_login_asks_for_a_code(client, required):
    world = required
    device = TOTPDevice.objects.create(user=world.local_admin, name="phone", confirmed=True)
    _log_in(client, world.local_admin)
    response = client.get(world.partnership.get_absolute_url())
    assert response["Location"].startswith(reverse("two_factor_verify"))
    ok = client.post(
        reverse("two_factor_verify"), {"token": _code(device), "next": "https://evil.example/"}
    )
    assert ok.status_code == 302 and ok["Location"] == reverse("partnerships:list")
    assert client.get(world.partnership.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("extra", [{"is_signatory": True}, {"is_safeguarding_focal_point": True}])
def test_signatories_and_focal_points_must_too(client, required, extra):
    user = MembershipFactory(
        organisation=required.local_org, role=Membership.Role.STAFF, **extra
    ).user
    _log_in(client, user)
    assert client.get(required.partnership.get_absolute_url()).status_code == 302


def test_other_staff_and_other_organisations_are_not_asked(client, required):
    _log_in(client, required.local_staff)
    assert client.get(required.partnership.get_absolute_url()).status_code == 200
    client.logout()
    _log_in(client, required.international_admin)
    assert client.get(required.partnership.get_absolute_url()).status_code == 200


def test_a_requirement_switched_on_later_applies_within_minutes(client, world, monkeypatch):
    from partnerships import twofactor

    _log_in(client, world.local_admin)
    url = world.partnership.get_absolute_url()
    assert client.get(url).status_code == 200
    world.local_org.require_two_factor = True
    world.local_org.save()
    later = time.time() + twofactor.RECHECK_SECONDS + 1
    monkeypatch.setattr(twofactor.time, "time", lambda: later)
    assert client.get(url).status_code == 302


def test_logout_and_public_pages_stay_reachable_before_the_second_step(client, required):
    _log_in(client, required.local_admin)
    assert client.get("/verify/").status_code == 200
    assert client.post(reverse("logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_the_pages_are_translated(client, required):
    _log_in(client, required.local_admin)
    english = client.get(reverse("two_factor_setup")).content.decode()
    # A logged-in user's language is the one chosen (issue #14), not the browser's guess.
    client.cookies["django_language"] = "fr"
    french = client.get(reverse("two_factor_setup"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Set up two-step login" in english and "Set up two-step login" not in french


def test_an_organisation_admin_requires_it_in_the_app_and_sees_who_has_set_it_up(client, world):
    url = reverse("partnerships:organisation_security", args=[world.local_org.pk])
    TOTPDevice.objects.create(user=world.local_admin, name="phone", confirmed=True)
    client.force_login(world.local_staff)
    assert client.post(url, {"require_two_factor": "on"}).status_code == 403
    client.force_login(world.international_admin)  # a partner's admin: not theirs to decide
    assert client.post(url, {"require_two_factor": "on"}).status_code == 403
    client.force_login(world.local_admin)
    page = client.get(url).content.decode()
    assert world.local_admin.display_name in page and "authenticator app set up" in page
    assert world.local_staff.display_name not in page
    assert client.post(url, {"require_two_factor": "on"}).status_code == 302
    world.local_org.refresh_from_db()
    assert world.local_org.require_two_factor
    assert world.local_org.history.first().history_user == world.local_admin
