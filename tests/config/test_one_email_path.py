"""Every email goes through the outbox (partnerships/emails.py): no other module of the project
builds or sends one, so none can vanish when Redis is down (#9 item 5)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ["config", "partnerships", "budgets", "capacity", "feedback", "visibility"]
SENDING = re.compile(
    r"\b(send_mail|send_mass_mail|mail_admins|mail_managers|EmailMessage|"
    r"EmailMultiAlternatives|get_connection)\b"
)


def test_only_the_outbox_sends_email():
    offenders = []
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if path == ROOT / "partnerships/emails.py" or "migrations" in path.parts:
                continue
            text = path.read_text()
            # Django's PasswordResetForm.send_mail is overridden to write to the outbox.
            text = text.replace("def send_mail(", "")
            offenders += [f"{path.relative_to(ROOT)}: {m}" for m in SENDING.findall(text)]
    assert offenders == []
