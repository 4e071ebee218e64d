import os
import time
import uuid
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend


class FileThenHangBackend(BaseEmailBackend):
    """Delivers each message as a file in $OUTBOX_TEST_DIR; with $OUTBOX_TEST_HANG set it then
    hangs, as an SMTP server that accepted the message but never answered does, until the
    worker is killed."""

    def send_messages(self, messages):
        directory = Path(os.environ["OUTBOX_TEST_DIR"])
        for message in messages:
            (directory / f"{uuid.uuid4().hex}.eml").write_bytes(message.message().as_bytes())
            if os.environ.get("OUTBOX_TEST_HANG"):
                time.sleep(600)
        return len(messages)
