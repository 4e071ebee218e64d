"""A real, unreachable broker for tests: publishing really connects to a closed port."""

from contextlib import contextmanager

from config.celery import app as celery_app

CLOSED_PORT_URL = "redis://127.0.0.1:9/0"


def reset_broker_pools() -> None:
    # The app caches its pools; forget them (without closing kombu's shared ones) so that the
    # next publish connects to the URL configured now.
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@contextmanager
def unreachable_broker():
    """Publishing fails as it does when Redis is down; eager mode is off for the duration."""
    saved = celery_app.conf.broker_url, celery_app.conf.task_always_eager
    celery_app.conf.broker_url = CLOSED_PORT_URL
    celery_app.conf.task_always_eager = False
    reset_broker_pools()
    try:
        yield
    finally:
        celery_app.conf.broker_url, celery_app.conf.task_always_eager = saved
        reset_broker_pools()
