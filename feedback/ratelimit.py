"""Counting requests per client on the shared cache (Redis in production).

The client's address only ever becomes part of a hashed cache key that expires with the window;
it is never written to the database or the logs.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)


def client_key(request) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]


def allow(bucket: str, key: str, *, limit: int | None = None, window: int | None = None) -> bool:
    """Count one hit; False once `limit` hits were counted in the current window."""
    limit = limit or settings.FEEDBACK_RATE_LIMIT
    window = window or settings.FEEDBACK_RATE_WINDOW
    cache_key = f"feedback:rate:{bucket}:{key}"
    try:
        cache.add(cache_key, 0, timeout=window)
        count = cache.incr(cache_key)
    except Exception:  # cache down: take the submission rather than lose it
        logger.warning("Rate-limit cache unavailable for %s; request allowed.", bucket)
        return True
    return count <= limit


def count(bucket: str, key: str) -> int:
    """Hits counted so far in the current window, without counting one more."""
    try:
        return int(cache.get(f"feedback:rate:{bucket}:{key}") or 0)
    except Exception:  # cache down: as in allow(), never block on it
        return 0
