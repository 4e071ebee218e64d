"""What is stored is protected: encrypted at rest, keys rotate, content never in logs or emails."""

import datetime
import logging
import pickle

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse

from feedback import crypto
from feedback.models import Case, CaseEntry
from feedback.services import cases as services
from partnerships.reminders import send_due_reminders

from .conftest import MARKER, submit

pytestmark = pytest.mark.django_db


def raw_case(pk) -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT text, contact, response FROM feedback_case WHERE id = %s", [pk])
        return dict(zip(["text", "contact", "response"], cursor.fetchone(), strict=True))


def test_raw_sql_shows_no_plaintext(fb):
    case, _ = submit(fb, text=f"Secret {MARKER}", contact="+254 799 000 001", contact_consent=True)
    services.case_respond(case_id=case.pk, response=f"Answer {MARKER}", by=fb.local_admin)
    row = raw_case(case.pk)
    assert all(value and MARKER not in value and "+254" not in value for value in row.values())
    case.refresh_from_db()
    assert case.text == f"Secret {MARKER}" and case.contact == "+254 799 000 001"


@pytest.fixture
def salts(settings):
    """Set the salts; each field caches its keys, so they are forgotten at every change."""

    def use(*values):
        settings.SALT_KEY = list(values)
        crypto.forget_keys()

    yield use
    crypto.forget_keys()  # the settings fixture restores the salts after this


def test_key_rotation_reencrypts_and_still_reads(fb, salts):
    salts("old-salt")
    case, _ = submit(fb, text=f"Rotated {MARKER}")
    services.case_note(case_id=case.pk, text="note text", by=fb.local_admin)
    before = raw_case(case.pk)["text"]

    salts("new-salt", "old-salt")  # new first, old still decrypts
    assert Case.objects.get(pk=case.pk).text == f"Rotated {MARKER}"
    assert crypto.reencrypt() >= 2
    after = raw_case(case.pk)["text"]
    assert after != before

    salts("new-salt")  # the old key is gone: rows were rewritten with the new
    assert Case.objects.get(pk=case.pk).text == f"Rotated {MARKER}"
    assert CaseEntry.objects.get(kind="note").text == "note text"
    salts("old-salt")  # and the old key alone no longer reads them
    assert Case.objects.get(pk=case.pk).text != f"Rotated {MARKER}"


def test_a_marker_in_a_case_never_reaches_logs_or_emails(
    client, fb, caplog, django_capture_on_commit_callbacks, settings
):
    settings.FEEDBACK_RATE_LIMIT = 100
    caplog.set_level(logging.DEBUG)  # root: every logger, every level
    # SQL is logged too: its parameters must carry only ciphertext.
    logging.getLogger("django.db.backends").setLevel(logging.DEBUG)
    connection.force_debug_cursor = True
    try:
        with django_capture_on_commit_callbacks(execute=True):
            url = reverse("feedback_public:form", args=[fb.channel.slug])
            for kind, extra in (("complaint", {}), ("question", {"sensitive_category": "sea"})):
                response = client.post(
                    url,
                    {
                        "kind": kind,
                        "text": f"Help {MARKER}",
                        "contact": f"{MARKER}@example.org",
                        "contact_consent": "on",
                        "lang": "en",
                        **extra,
                    },
                )
                assert response.status_code == 200
            # Refused input with the marker is not logged either.
            client.post(url, {"kind": "complaint", "text": MARKER + "x" * 10_001, "lang": "en"})
            sensitive = Case.objects.get(kind="sensitive")
            ordinary = Case.objects.get(kind="complaint")
            client.force_login(fb.local_admin)
            client.get(ordinary.get_absolute_url())
            client.post(
                reverse("feedback:case_action", args=[ordinary.pk]),
                {"action": "respond", "response": f"Reply {MARKER}"},
            )
            client.force_login(fb.international_focal)
            client.get(sensitive.get_absolute_url())
            services.case_add_from_person(case_id=sensitive.pk, text=f"More {MARKER}")
            send_due_reminders(datetime.date.today() + datetime.timedelta(days=40))
    finally:
        connection.force_debug_cursor = False
        logging.getLogger("django.db.backends").setLevel(logging.WARNING)
    assert caplog.records, "nothing was captured: the check would pass vacuously"
    assert any("feedback_case" in r.getMessage() for r in caplog.records)
    for record in caplog.records:
        assert MARKER not in record.getMessage(), record.name
        assert MARKER not in str(record.args or ""), record.name
    assert mail.outbox, "emails were sent"
    from partnerships.models import OutboxEmail

    stored = repr(list(OutboxEmail.objects.values()))
    assert "feedback" in stored and MARKER not in stored
    for message in mail.outbox:
        assert MARKER not in message.subject + message.body
        assert all(MARKER not in str(alt[0]) for alt in message.alternatives)
    sensitive_mails = [m for m in mail.outbox if "sensitive" in m.subject.lower()]
    assert sensitive_mails and all(sensitive.get_absolute_url() in m.body for m in sensitive_mails)


def test_error_reports_never_carry_what_was_posted(rf, fb):
    """If a view ever fails, Django's error report (logs, admin emails) hides the POST."""
    from django.views.debug import SafeExceptionReporterFilter

    from feedback.views import cases, public, setup

    for view in (
        public.public_form,
        public.public_follow_up,
        cases.case_new,
        cases.case_action,
        setup.webhook_receive,
    ):
        request = rf.post("/", {"text": MARKER})
        try:
            view(request, "x")
        except Exception:  # any failure will do: only the request's marking matters here
            pass
        filtered = SafeExceptionReporterFilter().get_post_parameters(request)
        assert MARKER not in str(dict(filtered)), view.__name__


class RecordingCache:
    """The real cache, with what the page cache stores recorded."""

    def __init__(self, real):
        self.real, self.stored = real, []

    def set(self, key, value, *args, **kwargs):
        self.stored.append((key, value))
        return self.real.set(key, value, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.real, name)


@pytest.fixture
def recorded(monkeypatch):
    from django.core.cache import cache

    from partnerships import page_cache

    recording = RecordingCache(cache)
    monkeypatch.setattr(page_cache, "cache", recording)
    return recording


def seen_twice(client, url):
    client.get(url)  # sets the CSRF cookie
    first = client.get(url)
    again = client.get(url)
    assert first.status_code == again.status_code == 200
    assert again.content == first.content
    return again.content.decode()


def test_case_pages_kept_for_a_second_visit_are_kept_encrypted(fb, recorded):
    case, _ = submit(fb, text=f"The pump is broken {MARKER}")
    client = Client()
    client.force_login(fb.local_admin)
    assert MARKER in seen_twice(client, case.get_absolute_url())
    seen_twice(client, reverse("feedback:cases", args=[fb.partnership.pk]))
    kept = [value for key, value in recorded.stored if key.startswith("page:")]
    assert len(kept) == 2
    assert all(MARKER.encode() not in pickle.dumps(value) for value in kept)


def test_a_sealed_case_is_not_kept_and_each_view_is_logged(fb, recorded):
    case, _ = submit(
        fb, kind=Case.Kind.SENSITIVE, sensitive_category="abuse", text=f"Abuse {MARKER}"
    )
    client = Client()
    client.force_login(fb.local_focal)
    url = case.get_absolute_url()
    for _visit in range(3):
        assert MARKER in client.get(url).content.decode()
    assert not [key for key, _value in recorded.stored if key.startswith("page:")]
    assert case.access_log.filter(user=fb.local_focal).count() == 3
