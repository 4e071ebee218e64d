import json

import pytest
from django.urls import Resolver404, resolve, reverse

from health.api import OPENAPI
from tests.budgets.helpers import make_budget
from tests.factories import PartnershipFactory, PartnershipMemberFactory

pytestmark = pytest.mark.django_db


def test_api_returns_the_partnership_health(client, world):
    make_budget(world)
    client.force_login(world.local_staff)
    data = client.get(reverse("health:api_partnership", args=[world.partnership.pk])).json()
    assert [d["key"] for d in data["dimensions"]][0] == "foundation"
    by_key = {i["key"]: i for d in data["dimensions"] for i in d["indicators"]}
    assert by_key["budgets.local_share"]["value"] == 31.0
    assert by_key["budgets.local_share"]["status"] == "on_track"
    assert by_key["foundation.reflection_done"]["status"] == "no_data"


def test_api_is_404_for_another_organisations_partnership(client, world):
    other = PartnershipFactory()
    PartnershipMemberFactory(partnership=other)
    client.force_login(world.local_admin)
    assert client.get(reverse("health:api_partnership", args=[other.pk])).status_code == 404
    client.force_login(world.outsider)
    response = client.get(reverse("health:api_partnership", args=[world.partnership.pk]))
    assert response.status_code == 404


def test_api_asks_anonymous_callers_to_authenticate_in_json(client, world):
    response = client.get(reverse("health:api_portfolio"))
    assert response.status_code == 401 and response.json()["detail"]


def test_portfolio_api_lists_only_the_organisations_partnerships(client, world):
    PartnershipMemberFactory(partnership=PartnershipFactory())
    client.force_login(world.local_admin)
    data = client.get(reverse("health:api_portfolio")).json()
    assert [p["id"] for p in data["partnerships"]] == [world.partnership.pk]
    assert data["organisation"]["id"] == world.local_org.pk


def _required_fields_present(schema, value, components):
    if "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[1]]
    if schema.get("type") == "object" and isinstance(value, dict):
        missing = set(schema.get("required", [])) - set(value)
        assert not missing, missing
        for name, sub in schema.get("properties", {}).items():
            if name in value:
                _required_fields_present(sub, value[name], components)
    if schema.get("type") == "array":
        for item in value:
            _required_fields_present(schema["items"], item, components)


def test_openapi_document_loads_and_describes_the_api(client, world):
    response = client.get(reverse("health:api_openapi"))
    document = json.loads(b"".join(response.streaming_content))
    assert document == json.loads(OPENAPI.read_text())
    assert document["openapi"].startswith("3.")
    for path in document["paths"]:
        try:
            resolve(path.replace("{id}", "1"))
        except Resolver404:
            pytest.fail(f"{path} is not served")
    make_budget(world)
    client.force_login(world.local_admin)
    components = document["components"]["schemas"]
    _required_fields_present(
        {"$ref": "#/components/schemas/PartnershipHealth"},
        client.get(reverse("health:api_partnership", args=[world.partnership.pk])).json(),
        components,
    )
    _required_fields_present(
        {"$ref": "#/components/schemas/Portfolio"},
        client.get(reverse("health:api_portfolio")).json(),
        components,
    )
