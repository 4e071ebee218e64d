"""Personal API tokens for the health API: made and revoked by their user on a page, stored as
a hash, accepted by the API views only, and seeing exactly what the user sees."""

import datetime
import hashlib
import json

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from health.api import OPENAPI
from partnerships.models import ApiToken, Membership
from partnerships.models.reflection import Dimension
from partnerships.services.api_tokens import MAX_ACTIVE, api_token_create
from tests.budgets.helpers import make_budget
from tests.factories import (
    MembershipFactory,
    PartnershipFactory,
    PartnershipMemberFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def bearer(secret: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def api_url(world) -> str:
    return reverse("health:api_partnership", args=[world.partnership.pk])


@pytest.fixture
def token(world):
    """(token, secret) of the local partner's staff member."""
    return api_token_create(user=world.local_staff, name="Staff feed 7")


def test_a_token_is_created_on_the_page_shown_once_and_stored_as_a_hash(client, world):
    client.force_login(world.local_staff)
    page = reverse("partnerships:api_tokens")
    response = client.post(page, {"name": "Board dashboard"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    secret = response.context["secret"]
    assert secret.startswith("llp_") and len(secret) > 40
    assert secret in response.content.decode()
    stored = ApiToken.objects.get(user=world.local_staff)
    assert stored.name == "Board dashboard" and stored.last_used_at is None
    assert stored.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in json.dumps(list(ApiToken.objects.values()), default=str)
    again = client.get(page).content.decode()
    assert secret not in again
    assert "Board dashboard" in again and "Never" in again


def test_a_valid_token_reads_its_partnership_as_its_user_would(client, world, token):
    make_budget(world)
    api_token, secret = token
    by_token = client.get(api_url(world), **bearer(secret))
    assert by_token.status_code == 200
    assert by_token.json()["id"] == world.partnership.pk
    api_token.refresh_from_db()
    assert api_token.last_used_at is not None
    client.force_login(world.local_staff)
    assert client.get(api_url(world)).json() == by_token.json()
    client.logout()
    portfolio = client.get(reverse("health:api_portfolio"), **bearer(secret)).json()
    assert [p["id"] for p in portfolio["partnerships"]] == [world.partnership.pk]


def test_a_token_speaks_its_users_language(client, world, token):
    world.local_staff.language = "fr"
    world.local_staff.save()
    data = client.get(api_url(world), **bearer(token[1])).json()
    with translation.override("fr"):
        french = str(Dimension.FOUNDATION.label)
    with translation.override("en"):
        assert french != str(Dimension.FOUNDATION.label)
    assert data["dimensions"][0]["label"] == french


def test_a_token_gets_404_for_another_organisations_partnership(client, world, token):
    other = PartnershipFactory()
    PartnershipMemberFactory(partnership=other)
    response = client.get(reverse("health:api_partnership", args=[other.pk]), **bearer(token[1]))
    assert response.status_code == 404
    outsider_token = api_token_create(user=world.outsider, name="Nosy")[1]
    assert client.get(api_url(world), **bearer(outsider_token)).status_code == 404
    response = client.get(
        reverse("health:api_portfolio"),
        {"organisation": world.international_org.pk},
        **bearer(token[1]),
    )
    assert response.status_code == 404


def _assert_401(response):
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"]
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_revoked_or_wrong_token_gets_401_in_json(client, world, token):
    api_token, secret = token
    assert client.get(api_url(world), **bearer(secret)).status_code == 200
    for wrong in [secret[:-1] + ("A" if secret[-1] != "A" else "B"), "llp_", "", "x" * 500]:
        _assert_401(client.get(api_url(world), **bearer(wrong)))
    _assert_401(client.get(api_url(world), HTTP_AUTHORIZATION=f"Basic {secret}"))
    client.force_login(world.local_staff)
    client.post(reverse("partnerships:api_token_revoke", args=[api_token.pk]))
    api_token.refresh_from_db()
    assert api_token.revoked_at is not None
    client.logout()
    _assert_401(client.get(api_url(world), **bearer(secret)))
    _assert_401(client.get(reverse("health:api_portfolio"), **bearer(secret)))
    # A wrong token is refused even alongside a valid session.
    client.force_login(world.local_staff)
    _assert_401(client.get(api_url(world), **bearer(secret)))


def test_a_token_stops_working_when_its_user_is_deactivated(client, world, token):
    world.local_staff.is_active = False
    world.local_staff.save()
    _assert_401(client.get(api_url(world), **bearer(token[1])))


def test_a_token_does_not_open_html_pages_or_downloads(client, world, token):
    secret = token[1]
    for page in [
        reverse("health:partnership", args=[world.partnership.pk]),
        reverse("health:records_csv", args=[world.partnership.pk, "foundation"]),
        reverse("health:portfolio"),
        reverse("partnerships:api_tokens"),
    ]:
        response = client.get(page, **bearer(secret))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], page


def test_only_its_owner_revokes_a_token(client, world, token):
    api_token, secret = token
    colleague = MembershipFactory(organisation=world.local_org, role=Membership.Role.ADMIN).user
    client.force_login(colleague)
    response = client.post(reverse("partnerships:api_token_revoke", args=[api_token.pk]))
    assert response.status_code == 404
    assert (
        client.get(reverse("partnerships:api_token_revoke", args=[api_token.pk])).status_code == 405
    )
    api_token.refresh_from_db()
    assert api_token.revoked_at is None
    assert "Staff feed 7" not in client.get(reverse("partnerships:api_tokens")).content.decode()


def test_the_number_of_tokens_in_use_is_capped(client, world):
    for n in range(MAX_ACTIVE):
        api_token_create(user=world.local_staff, name=f"Token {n}")
    client.force_login(world.local_staff)
    response = client.post(reverse("partnerships:api_tokens"), {"name": "One more"})
    assert response.context["secret"] is None
    assert ApiToken.objects.filter(user=world.local_staff).count() == MAX_ACTIVE


def test_last_used_is_written_at_most_once_a_minute(client, world, token):
    api_token, secret = token
    client.get(api_url(world), **bearer(secret))
    api_token.refresh_from_db()
    first = api_token.last_used_at
    client.get(api_url(world), **bearer(secret))
    api_token.refresh_from_db()
    assert api_token.last_used_at == first
    ApiToken.objects.filter(pk=api_token.pk).update(
        last_used_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    client.get(api_url(world), **bearer(secret))
    api_token.refresh_from_db()
    assert api_token.last_used_at > timezone.now() - datetime.timedelta(minutes=1)


def test_openapi_declares_the_session_and_the_bearer_token():
    document = json.loads(OPENAPI.read_text())
    schemes = document["components"]["securitySchemes"]
    assert schemes["session"] == {
        **schemes["session"],
        "type": "apiKey",
        "in": "cookie",
        "name": "sessionid",
    }
    assert schemes["bearer"]["type"] == "http" and schemes["bearer"]["scheme"] == "bearer"
    # Either one suffices: two alternatives, not one requirement naming both.
    assert {"session": []} in document["security"] and {"bearer": []} in document["security"]
    for path in document["paths"].values():
        assert "401" in path["get"]["responses"]


def test_admin_lists_and_revokes_tokens_without_showing_or_setting_the_secret(client, world, token):
    api_token, secret = token
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    changelist = reverse("admin:partnerships_apitoken_changelist")
    listing = client.get(changelist).content.decode()
    assert "Staff feed 7" in listing
    change = client.get(reverse("admin:partnerships_apitoken_change", args=[api_token.pk]))
    body = change.content.decode()
    assert change.status_code == 200
    assert secret not in body and api_token.token_hash not in body
    assert 'name="token_hash"' not in body and 'name="name"' not in body
    assert client.get(reverse("admin:partnerships_apitoken_add")).status_code == 403
    client.post(
        changelist,
        {"action": "revoke", "_selected_action": [api_token.pk]},
    )
    api_token.refresh_from_db()
    assert api_token.revoked_at is not None
    client.logout()
    _assert_401(client.get(api_url(world), **bearer(secret)))
