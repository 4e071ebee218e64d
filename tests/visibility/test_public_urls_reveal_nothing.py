"""Public URLs of what did not opt in answer 404 to everyone, members included."""

import pytest

from tests.access_matrix import AccessCase

from .access_cases import cases

pytestmark = pytest.mark.django_db


def _public_cases(world) -> list[AccessCase]:
    return [case for case in cases(world) if case.public]


def test_public_urls_of_unpublished_things_are_404_for_anonymous_and_members(client, world):
    public_cases = _public_cases(world)
    assert len(public_cases) == 5
    for case in public_cases:
        assert client.get(case.url).status_code == 404, case.url
    client.force_login(world.local_admin)
    for case in public_cases:
        assert client.get(case.url).status_code == 404, case.url
