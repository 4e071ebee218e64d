"""/healthz: the database, cache and broker, for load balancers."""

import json

import pytest

from config.celery import app as celery_app

pytestmark = pytest.mark.django_db


def free_port_url() -> str:
    """A Redis URL on a port where nothing listens."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"redis://127.0.0.1:{port}/0"


def test_healthz_is_200_when_everything_answers(client, redis_url, settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url}
    }
    celery_app.conf.broker_url = redis_url
    response = client.get("/healthz")
    assert response.status_code == 200, response.content
    body = json.loads(response.content)
    assert body["status"] == "ok" and body["failing"] == []
    assert set(body["checks"]) == {"database", "cache", "broker"}
    assert response["Cache-Control"].startswith("max-age=0")


def test_healthz_names_what_fails_with_redis_closed(client, settings):
    closed = free_port_url()
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": closed}
    }
    previous = celery_app.conf.broker_url
    celery_app.conf.broker_url = closed
    try:
        response = client.get("/healthz")
    finally:
        celery_app.conf.broker_url = previous
    assert response.status_code == 503
    body = json.loads(response.content)
    assert body["failing"] == ["cache", "broker"]
    assert body["checks"]["database"]["ok"] is True


def test_healthz_needs_no_login_nor_an_allowed_host(client, settings):
    settings.ALLOWED_HOSTS = ["partners.example.org"]
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/healthz", HTTP_HOST="10.1.2.3")
    assert response.status_code in {200, 503}
    assert "checks" in json.loads(response.content)
