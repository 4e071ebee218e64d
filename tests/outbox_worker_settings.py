"""Settings of the Celery worker that tests/partnerships/test_outbox.py runs as a separate
process and kills: the test settings, with an email backend that can hang after delivering."""

from config.test_settings import *  # noqa: F403

EMAIL_BACKEND = "tests.outbox_backends.FileThenHangBackend"
