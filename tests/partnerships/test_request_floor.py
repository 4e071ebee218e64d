"""What every signed-in page pays before its own work (#16): the session from the cache, the
user and their unread-notification count in one query, and pages that still work when the
cache does not answer."""

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from partnerships import sessions
from partnerships.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, user, password):
    """A real login, so the session goes through the configured store and backend."""
    log_in(client, user, password)
    return client


def log_in(client, user, password):
    response = client.post(reverse("login"), {"username": user.email, "password": password})
    assert response.status_code == 302, response.content


def test_settings_use_the_cached_store_and_the_counting_backend(redis_url):
    assert settings.SESSION_ENGINE == "partnerships.sessions"
    assert "partnerships.auth.UserBackend" in settings.AUTHENTICATION_BACKENDS


def test_a_page_reads_the_session_from_the_cache_and_the_count_with_the_user(
    signed_in, user, redis_url
):
    Notification.objects.create(recipient=user, message="One")
    Notification.objects.create(recipient=user, message="Two")
    Notification.objects.create(recipient=user, message="Read", read_at=timezone.now())
    signed_in.get(reverse("profile"))  # the session is now in the cache
    with CaptureQueriesContext(connection) as queries:
        response = signed_in.get(reverse("profile"))
    assert response.status_code == 200
    sql = [q["sql"] for q in queries]
    assert not [s for s in sql if "django_session" in s], sql
    assert not [s for s in sql if 'FROM "partnerships_notification"' in s], sql
    assert b'aria-label="2 unread notifications"' in response.content


class Unreachable:
    """A cache whose server does not answer."""

    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise ConnectionError("cache unreachable")

        return fail


def test_pages_login_and_logout_work_when_the_cache_does_not_answer(
    client, user, password, monkeypatch
):
    monkeypatch.setattr(
        sessions.SessionStore, "__init__", _init_without_cache(sessions.SessionStore.__init__)
    )
    log_in(client, user, password)
    assert client.get(reverse("profile")).status_code == 200
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert Session.objects.filter(session_key=key).exists()
    client.post(reverse("logout"))
    assert not Session.objects.filter(session_key=key).exists()
    assert client.get(reverse("profile")).status_code == 302


def _init_without_cache(original):
    def init(self, session_key=None):
        original(self, session_key)
        self._cache = Unreachable()

    return init


def test_a_cached_session_lives_at_most_a_few_minutes_in_the_cache(signed_in, redis_url):
    signed_in.get(reverse("profile"))
    key = signed_in.cookies[settings.SESSION_COOKIE_NAME].value
    cache_key = cache.make_key(sessions.SessionStore.cache_key_prefix + key)
    ttl = cache._cache.get_client(cache_key).ttl(cache_key)
    assert 0 < ttl <= sessions.CACHE_SECONDS
