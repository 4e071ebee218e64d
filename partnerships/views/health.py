"""`/healthz` for load balancers: is this instance able to serve? No login, no HTML.

200 {"status": "ok", ...} when the database, the cache and the Celery broker all answer;
503 naming the failing ones otherwise. Each check is bounded by a short timeout so a dead
dependency makes the probe fail fast instead of hanging.
"""

import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from config.celery import app

logger = logging.getLogger(__name__)
TIMEOUT_SECONDS = 2


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache() -> None:
    key = "healthz:probe"
    cache.set(key, "1", timeout=10)
    if cache.get(key) != "1":
        raise RuntimeError("the cache did not return what was stored")


def check_broker() -> None:
    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, interval_start=0, timeout=TIMEOUT_SECONDS)
        if settings.CELERY_BROKER_URL.startswith(("redis://", "rediss://", "unix://")):
            conn.default_channel.client.ping()


CHECKS = {"database": check_database, "cache": check_cache, "broker": check_broker}


class HealthCheckMiddleware:
    """First in MIDDLEWARE: a load balancer probes by IP over plain HTTP, so /healthz answers
    before the host check (ALLOWED_HOSTS) and the HTTPS redirect would turn it away."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == "/healthz":
            return healthz(request)
        return self.get_response(request)


@never_cache
@require_GET
def healthz(request):
    results, failing = {}, []
    for name, check in CHECKS.items():
        started = time.monotonic()
        try:
            check()
            results[name] = {"ok": True}
        except Exception as error:  # any failure of a dependency is a failed probe
            logger.warning("healthz: %s failed: %s", name, error)
            results[name] = {"ok": False, "error": type(error).__name__}
            failing.append(name)
        results[name]["ms"] = round((time.monotonic() - started) * 1000)
    body = {"status": "ok" if not failing else "fail", "failing": failing, "checks": results}
    return JsonResponse(body, status=503 if failing else 200)
