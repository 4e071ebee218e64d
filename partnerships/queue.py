"""Enqueue Celery tasks so that a user's submission never depends on the broker.

Tasks are published only after the surrounding transaction commits (the row they need exists)
and a broker that is down is logged, not raised: the user's data is already saved, and the
periodic sweeps pick up whatever a lost message would have done.
"""

import logging

from django.db import transaction

logger = logging.getLogger(__name__)


def _publish(task, args, kwargs):
    try:
        task.apply_async(args=args, kwargs=kwargs)
    except Exception:  # any broker or network failure; the caller's work is already saved
        logger.exception("Could not enqueue %s; it will not run now.", task.name)


def enqueue(task, *args, **kwargs) -> None:
    transaction.on_commit(lambda: _publish(task, args, kwargs))
