"""Signed-in pages kept whole in the cache for the session that saw them, until anything is
written anywhere.

Issue #16: a partnership page made 4 to 33 queries where a bare Django page makes one, and
most of its time went to the ORM, not to PostgreSQL. A page seen again by the same person
with nothing changed in between now costs one query (the user) and two cache reads.

Why it stays correct:
- Every entry's key holds the site version, and any statement that writes (INSERT, UPDATE,
  DELETE, through the ORM, a queryset's update(), bulk_create or raw SQL; in the web process,
  a Celery worker, the admin or a shell) replaces the version: right after it in autocommit,
  after the commit inside a transaction. Watching the SQL rather than model signals is what
  catches the writes that signals never see. A reader on the connection that wrote (a test's
  transaction) gets a new version before it reads.
- The key holds the session, the CSRF cookie, the user, host, path and query, language, time
  zone and local date: an entry is served only to the browser that rendered it,
  with forms whose CSRF token that browser's cookie accepts, and never across a day's change
  of "overdue". Removing a member, deactivating a user or ending a session is a write.
- A page that writes when shown (an access log, a "read" mark) changes the version itself and
  is not stored, so its write happens on every visit. Nor is a response with messages for
  the person or with cookies.
- Entries last TIMEOUT seconds at most, the bound on staleness if Redis missed a version
  change while unreachable. When Redis does not answer, pages are rendered as before.

Feedback cases are kept encrypted (cached_page(encrypted=True)); a sealed case is never kept,
because showing it writes its access log.
"""

import base64
import hashlib
import logging
import re
import time
import uuid
from functools import lru_cache, partial, wraps

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import connections, transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

VERSION_KEY = "page-cache:version"
TIMEOUT = 300
_READS = (
    "SELECT",
    "SAVEPOINT",
    "RELEASE",
    "ROLLBACK",
    "BEGIN",
    "COMMIT",
    "SET",
    "SHOW",
    "EXPLAIN",
    "PRAGMA",
)
_CTE_WRITE = re.compile(r"\b(INSERT|UPDATE|DELETE)\b", re.IGNORECASE)


def is_write(sql: str) -> bool:
    """Anything but a known read counts as a write: a statement wrongly taken for a write
    costs a cache miss, one wrongly taken for a read would serve a stale page."""
    head = sql.lstrip()[:9].upper()
    if head.startswith("WITH"):
        return bool(_CTE_WRITE.search(sql))
    return not head.startswith(_READS)


# After a failed version change, writes in this process skip Redis for this long: a Redis that
# stops answering would otherwise cost each statement of a sweep its socket timeout. The change
# they skipped is made at the first write or page read after the pause.
RETRY_AFTER = 10.0
_unreachable_until = 0.0
_missed = False


def bump() -> None:
    global _unreachable_until, _missed
    if time.monotonic() < _unreachable_until:
        _missed = True
        return
    try:
        cache.set(VERSION_KEY, uuid.uuid4().hex, None)
        _missed = False
    except Exception:  # noqa: BLE001 - a write must not fail because Redis is away
        _unreachable_until, _missed = time.monotonic() + RETRY_AFTER, True
        logger.warning("Page cache unreachable; entries expire within %s s", TIMEOUT)


def _writes(connection) -> int:
    return getattr(connection, "page_cache_writes", 0)


def watch_writes(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if is_write(sql):
        connection = context["connection"]
        connection.page_cache_writes = _writes(connection) + 1
        if not connection.in_atomic_block:
            bump()
        elif not any(entry[1] is bump for entry in connection.run_on_commit):
            transaction.on_commit(bump, using=connection.alias, robust=True)
    return result


def install(sender, connection, **kwargs) -> None:
    """connection_created: watch each database connection once."""
    if watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(watch_writes)


def current_version() -> str:
    if _missed:
        bump()
    for connection in connections.all(initialized_only=True):
        # Writes not yet committed on this connection are visible to this reader only: they
        # need a version of their own (after the commit they get another one).
        if connection.in_atomic_block and _writes(connection) != getattr(
            connection, "page_cache_seen", 0
        ):
            connection.page_cache_seen = _writes(connection)
            bump()
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(VERSION_KEY)
    return version


def page_key(request, version: str) -> str | None:
    session_key = request.session.session_key
    csrf_cookie = request.COOKIES.get(settings.CSRF_COOKIE_NAME)
    if not session_key or not csrf_cookie or len(messages.get_messages(request)):
        return None
    parts = (
        version,
        session_key,
        csrf_cookie,
        str(request.user.pk),
        request.get_host(),
        request.get_full_path(),
        get_language() or "",
        timezone.get_current_timezone_name(),
        timezone.localdate().isoformat(),
    )
    return "page:" + hashlib.sha256("\x00".join(parts).encode()).hexdigest()


def _all_writes() -> int:
    return sum(_writes(connection) for connection in connections.all(initialized_only=True))


@lru_cache(maxsize=4)
def _fernet(secret_key: str) -> Fernet:
    digest = hashlib.sha256(b"page-cache\x00" + secret_key.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def _stored(response, encrypted: bool) -> tuple:
    body = response.content
    if encrypted:
        body = _fernet(settings.SECRET_KEY).encrypt(body)
    return (response["Content-Type"], encrypted, body)


def _served(stored) -> HttpResponse | None:
    content_type, encrypted, body = stored
    if encrypted:
        try:
            body = _fernet(settings.SECRET_KEY).decrypt(body)
        except InvalidToken:  # a changed SECRET_KEY: render again
            return None
    return HttpResponse(body, content_type=content_type)


def cached_page(view=None, *, encrypted=False):
    """For a signed-in GET page that shows the same thing to the same session until something
    is written. Goes under login_required. encrypted=True for pages with what people reported
    (feedback cases): the entry is kept encrypted with a key derived from SECRET_KEY, as their
    text is in the database."""
    if view is None:
        return partial(cached_page, encrypted=encrypted)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not settings.PAGE_CACHE or request.method != "GET" or not request.user.is_authenticated:
            return view(request, *args, **kwargs)
        try:
            key = page_key(request, current_version())
            stored = cache.get(key) if key else None
        except Exception:  # noqa: BLE001 - no cache: render as before
            logger.warning("Page cache unreachable on read; rendering")
            key = stored = None
        if stored is not None and (response := _served(stored)) is not None:
            return response
        writes_before = _all_writes()
        response = view(request, *args, **kwargs)
        if (
            key
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            # A page that wrote (a sealed case's access log) changed the version: its entry
            # could never be read, so it is not kept at all.
            and _all_writes() == writes_before
        ):
            try:
                cache.set(key, _stored(response, encrypted), TIMEOUT)
            except Exception:  # noqa: BLE001
                logger.warning("Page cache unreachable on write")
        return response

    return wrapper


def public_key(*parts: str) -> str | None:
    """A key for a page that is the same for every visitor (but for its CSRF token), under the
    same site version and local date as the signed-in pages; None when the cache is off or
    unreachable."""
    if not settings.PAGE_CACHE:
        return None
    try:
        version = current_version()
    except Exception:  # noqa: BLE001
        logger.warning("Page cache unreachable on read; rendering")
        return None
    raw = "\x00".join((version, timezone.localdate().isoformat(), *parts))
    return "public-page:" + hashlib.sha256(raw.encode()).hexdigest()


def public_get(key: str | None):
    if key is None:
        return None
    try:
        return cache.get(key)
    except Exception:  # noqa: BLE001
        logger.warning("Page cache unreachable on read; rendering")
        return None


def public_set(key: str | None, value) -> None:
    """Kept unless something was written since the key was made (its version is then gone)."""
    if key is None:
        return
    try:
        cache.set(key, value, TIMEOUT)
    except Exception:  # noqa: BLE001
        logger.warning("Page cache unreachable on write")
