"""Start-up checks: `manage.py check`/`runserver`/`migrate` run them as Django system checks,
and every Celery worker runs them before it consumes anything."""

import sys

from django.core import checks

from .queue import visibility_timeout_errors


@checks.register(checks.Tags.compatibility)
def broker_visibility_timeout(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    return visibility_timeout_errors()


def refuse_to_start_a_misconfigured_worker(**kwargs) -> None:
    """SystemExit, not an exception: Celery logs and ignores exceptions in signal handlers."""
    errors = visibility_timeout_errors()
    if errors:
        sys.exit(f"Refusing to start: {errors[0].msg} {errors[0].hint}")
