"""Publish Celery tasks so that a user's submission never depends on the broker.

Tasks are named, not imported: services and models publish `"partnerships.tasks.x"` and never
import the tasks module, so tasks may import any service without an import cycle.

Tasks are published only after the surrounding transaction commits (the rows they need exist)
and a broker that is down is logged, not raised: the user's data is already saved, and the
periodic sweeps (the outbox sweep, the reminder sweep) pick up whatever a lost message would
have done.
"""

import logging

from celery import current_app, signature
from django.conf import settings
from django.core.checks import Error
from django.db import transaction

logger = logging.getLogger(__name__)


def _publish(task_name: str, args: tuple, kwargs: dict) -> None:
    try:
        # A registered task honours task_always_eager; an unknown name goes to the broker.
        signature(task_name, args=args, kwargs=kwargs, app=current_app).apply_async()
    except Exception:  # any broker or network failure; the caller's work is already saved
        logger.exception("Could not enqueue %s; it will not run now.", task_name)


def enqueue(task, *args, **kwargs) -> None:
    """Publish `task(*args, **kwargs)` once the current transaction commits. `task` is a name
    ("partnerships.tasks.send_outbox_emails"); a task object is accepted too, but importing one
    into a service is how import cycles start (scripts/check_imports.py refuses them)."""
    task_name = task if isinstance(task, str) else task.name
    transaction.on_commit(lambda: _publish(task_name, args, kwargs))


def visibility_timeout_errors() -> list[Error]:
    """Redis hands an unacknowledged message to another worker after `visibility_timeout`; a
    task scheduled further ahead than that (a retry's countdown) would run twice."""
    if not str(settings.CELERY_BROKER_URL).startswith(("redis://", "rediss://")):
        return []
    timeout = settings.CELERY_BROKER_TRANSPORT_OPTIONS.get("visibility_timeout", 3600)
    if timeout > settings.CELERY_MAX_ETA_SECONDS:
        return []
    return [
        Error(
            f"Redis visibility_timeout ({timeout} s) must exceed the longest task ETA "
            f"({settings.CELERY_MAX_ETA_SECONDS} s), or delayed tasks are delivered twice.",
            hint="Raise CELERY_VISIBILITY_TIMEOUT or lower CELERY_MAX_ETA_SECONDS.",
            id="partnerships.E001",
        )
    ]
