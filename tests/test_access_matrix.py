import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.access_matrix import collect

# URLs with parameters that are not partnership data: admin, one-time tokens sent by email.
EXEMPT_PREFIXES = ("admin:",)
EXEMPT = {"password_reset_confirm", "accept_invitation", "set_language"}


def _named_patterns_with_params(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _named_patterns_with_params(pattern, ns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            if pattern.pattern.converters or "<" in str(pattern.pattern):
                yield f"{namespace}{pattern.name}"


@pytest.fixture
def cases(world):
    return collect(world)


def test_every_url_with_an_id_is_in_the_matrix(cases):
    covered = {case.name for case in cases}
    missing = {
        name
        for name in _named_patterns_with_params()
        if name not in covered and name not in EXEMPT and not name.startswith(EXEMPT_PREFIXES)
    }
    assert not missing, f"Add these URLs to tests/<app>/access_cases.py: {sorted(missing)}"


def _request(client, case):
    return getattr(client, case.method)(case.url, case.data)


def test_a_member_reaches_every_case(client, world, cases):
    """Without this the 404s below could come from cases that point at nothing."""
    client.force_login(world.local_admin)
    failures = [
        (case.url, r.status_code)
        for case in cases
        if case.member_ok and (r := _request(client, case)).status_code >= 400
    ]
    assert not failures


def test_an_unrelated_user_gets_404_everywhere(client, world, cases):
    client.force_login(world.outsider)
    failures = [
        (case.method, case.url, r.status_code)
        for case in cases
        if not case.public and (r := _request(client, case)).status_code != 404
    ]
    assert not failures


def test_an_anonymous_user_is_sent_to_log_in(client, world, cases):
    failures = []
    for case in cases:
        if case.public:
            continue
        response = _request(client, case)
        if case.api:
            if response.status_code != 401:
                failures.append((case.method, case.url, response.status_code))
            continue
        if response.status_code != 302 or "/accounts/login/" not in response["Location"]:
            failures.append((case.method, case.url, response.status_code))
    assert not failures


def test_a_viewer_cannot_edit(client, world, cases):
    client.force_login(world.local_viewer)
    edit_cases = [case for case in cases if case.edit]
    assert edit_cases
    failures = [
        (case.method, case.url, r.status_code)
        for case in edit_cases
        if (r := _request(client, case)).status_code != 403
    ]
    assert not failures
