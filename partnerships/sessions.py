"""Sessions read from Redis and written through to the database.

Django's cached_db store saves a database query on every page. This one also keeps working when
Redis does not answer: a page then reads its session from the database, as it did before, and
a logout still ends the session there. A session whose cache entry could not be removed (Redis
was unreachable at logout) can outlive its database row in the cache for at most
CACHE_SECONDS, because no entry is kept longer than that.
"""

import logging

from django.contrib.sessions.backends.cached_db import SessionStore as CachedDBStore

logger = logging.getLogger(__name__)
CACHE_SECONDS = 300


class SessionStore(CachedDBStore):
    def load(self):
        try:
            data = self._cache.get(self.cache_key)
        except Exception:  # noqa: BLE001 - any cache failure: the database has the session
            logger.warning("Session cache unreachable on read; using the database")
            data = None
        if data is not None:
            return data
        stored = self._get_session_from_db()
        if not stored:
            return {}
        data = self.decode(stored.session_data)
        self._cache_set(data, self.get_expiry_age(expiry=stored.expire_date))
        return data

    def exists(self, session_key):
        # Asked for each new session key: the database alone answers it exactly.
        return super(CachedDBStore, self).exists(session_key)

    def save(self, must_create=False):
        # The database row first (DBStore.save), then the cache, as cached_db does.
        super(CachedDBStore, self).save(must_create)
        self._cache_set(self._session, self.get_expiry_age())

    def delete(self, session_key=None):
        super(CachedDBStore, self).delete(session_key)
        session_key = session_key or self.session_key
        if session_key is None:
            return
        try:
            self._cache.delete(self.cache_key_prefix + session_key)
        except Exception:  # noqa: BLE001
            logger.error("Session cache unreachable on delete; its entry expires on its own")

    def _cache_set(self, data, expiry_age):
        try:
            self._cache.set(self.cache_key, data, min(expiry_age, CACHE_SECONDS))
        except Exception:  # noqa: BLE001
            logger.warning("Session cache unreachable on write; the database has the session")
