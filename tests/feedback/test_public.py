"""The public form and follow-up: anonymous, small, no trace of the visitor, codes hashed."""

import io
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from feedback.models import Case, CaseAttachment
from feedback.services.cases import hash_code

from .conftest import submit

pytestmark = pytest.mark.django_db

IP = "203.0.113.77"
AGENT = "Mozilla/5.0 (Linux; Android 8.1; itel A16) MarkerAgent/9.9"


def form_url(fb):
    return reverse("feedback_public:form", args=[fb.channel.slug])


def follow_url(fb):
    return reverse("feedback_public:follow_up", args=[fb.channel.slug])


def post(client, fb, **data):
    payload = {"kind": "complaint", "text": "The tap at the school leaks.", "lang": "en", **data}
    return client.post(form_url(fb), payload, REMOTE_ADDR=IP, HTTP_USER_AGENT=AGENT)


def test_the_form_works_without_login_and_is_small(client, fb):
    response = client.get(form_url(fb))
    assert response.status_code == 200
    body = response.content
    assert b"<script" not in body and b"bootstrap" not in body
    assert len(body) < 8_000
    assert b"Sexual exploitation or abuse" in body  # every member has a focal point


def test_a_closed_form_is_not_found(client, fb):
    fb.channel.web_form_open = False
    fb.channel.save()
    assert client.get(form_url(fb)).status_code == 404


def test_submission_gives_reference_and_code_and_stores_no_ip_or_agent(client, fb):
    response = post(client, fb)
    assert response.status_code == 200
    case = Case.objects.get()
    code = response.context["code"]
    assert case.reference.encode() in response.content and code.encode() in response.content
    assert len(code.replace("-", "")) >= 10
    assert response["Cache-Control"].startswith("max-age=0")
    assert case.is_anonymous and case.kind == "complaint" and case.via == "web"
    # No column of any row written for the submission holds the address or the agent.
    with connection.cursor() as cursor:
        for table in (
            "feedback_case",
            "feedback_caseentry",
            "partnerships_notification",
            "django_session",
        ):
            cursor.execute(f"SELECT * FROM {table}")
            dump = repr(cursor.fetchall())
            assert IP not in dump and "MarkerAgent" not in dump, table


def test_the_code_is_stored_only_as_a_hash(client, fb):
    response = post(client, fb)
    code = response.context["code"]
    case = Case.objects.get()
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM feedback_case")
        dump = repr(cursor.fetchall())
    assert code not in dump and code.replace("-", "") not in dump
    assert case.follow_up_hash == hash_code(case.reference, code)


def test_contact_details_are_kept_only_with_consent(client, fb):
    post(client, fb, contact="+254 711 222 333")
    assert Case.objects.count() == 0  # refused with a message, not silently dropped
    post(client, fb, contact="+254 711 222 333", contact_consent="on")
    assert Case.objects.get().contact == "+254 711 222 333"


@pytest.mark.parametrize(
    "data, message",
    [
        ({"text": "   "}, b"This field is required"),
        ({"text": "x" * 10_001}, b"at most 10000 characters"),
        ({"kind": "nonsense"}, b"Select a valid choice"),
        ({"kind": ""}, b"Choose what kind of message this is."),
    ],
)
def test_bad_input_is_refused_clearly_and_nothing_is_saved(client, fb, data, message):
    response = post(client, fb, **data)
    assert response.status_code == 400
    assert message in response.content
    assert Case.objects.count() == 0


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(out, "PNG")
    return out.getvalue()


def test_only_images_and_pdfs_by_content_are_accepted(client, fb):
    fake = io.BytesIO(b"MZ\x90\x00 not really a picture")
    fake.name = "photo.jpg"
    response = post(client, fb, attachment=fake)
    assert response.status_code == 400
    assert b"Only a photo (JPEG or PNG) or a PDF" in response.content
    assert Case.objects.count() == 0 and CaseAttachment.objects.count() == 0
    # The text typed is still in the form: nothing the person wrote is lost.
    assert b"The tap at the school leaks." in response.content

    real = io.BytesIO(_png())
    real.name = "../../etc/passwd"
    assert post(client, fb, attachment=real).status_code == 200
    stored = CaseAttachment.objects.get()
    assert stored.content_type == "image/png"
    assert "passwd" not in stored.file.name and stored.file.name.startswith("feedback/")


def test_an_oversized_file_is_refused(client, fb, settings):
    settings.FEEDBACK_UPLOAD_MAX_BYTES = 100
    pdf = io.BytesIO(b"%PDF-1.4\n" + b"0" * 200)
    pdf.name = "big.pdf"
    response = post(client, fb, attachment=pdf)
    assert response.status_code == 400 and b"too large" in response.content
    assert Case.objects.count() == 0


def test_the_honeypot_saves_nothing(client, fb):
    response = post(client, fb, website="http://spam.example")
    assert response.status_code == 200
    assert Case.objects.count() == 0


def test_floods_are_rate_limited(client, fb, settings):
    settings.FEEDBACK_RATE_LIMIT = 3
    statuses = [post(client, fb).status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 429, 429]
    assert Case.objects.count() == 3
    # Another connection is not blocked by this one.
    other = client.post(
        form_url(fb),
        {"kind": "question", "text": "When?", "lang": "en"},
        REMOTE_ADDR="198.51.100.5",
    )
    assert other.status_code == 200


def test_the_person_returns_with_the_code_reads_the_response_and_adds(client, fb):
    case, code = submit(fb)
    case.response = "We repaired it on Monday."
    case.status = Case.Status.RESPONDED
    case.save()
    response = client.post(
        follow_url(fb), {"reference": case.reference.lower(), "code": code.lower()}
    )
    assert response.status_code == 200
    assert b"We repaired it on Monday." in response.content
    response = client.post(
        follow_url(fb), {"reference": case.reference, "code": code, "text": "It leaks again."}
    )
    assert response.status_code == 200 and b"your information was added" in response.content
    case.refresh_from_db()
    assert case.status == Case.Status.IN_PROGRESS and case.follow_up_used_at
    assert case.entries.filter(kind="from_person").get().text == "It leaks again."


def test_a_wrong_or_guessed_code_is_a_404_and_repeated_tries_are_limited(client, fb, settings):
    settings.FEEDBACK_RATE_LIMIT = 4
    case, code = submit(fb)
    wrong = "A" * 12
    statuses = [
        client.post(follow_url(fb), {"reference": case.reference, "code": wrong}).status_code
        for _ in range(4)
    ]
    assert statuses == [404] * 4
    # Rate-limited now, even with the right code.
    assert (
        client.post(follow_url(fb), {"reference": case.reference, "code": code}).status_code == 429
    )
    case.refresh_from_db()
    assert case.follow_up_used_at is None


def test_a_code_does_not_open_another_partnerships_case(client, fb):
    from feedback.models import Channel
    from tests.factories import PartnershipFactory

    other = PartnershipFactory()
    other_channel = Channel.objects.create(
        partnership=other, public_name="Other", web_form_open=True, rights_text="x"
    )
    case, code = submit(fb)
    url = reverse("feedback_public:follow_up", args=[other_channel.slug])
    assert client.post(url, {"reference": case.reference, "code": code}).status_code == 404


def test_the_form_is_served_in_arabic_right_to_left(client, fb):
    response = client.get(form_url(fb) + "?lang=ar")
    assert b'dir="rtl"' in response.content and b'lang="ar"' in response.content
    # A language the channel does not offer falls back to its first language.
    assert b'lang="en"' in client.get(form_url(fb) + "?lang=pt").content


def test_guessing_at_one_case_from_many_connections_is_stopped(client, fb, settings):
    settings.FEEDBACK_RATE_LIMIT = 3
    case, code = submit(fb)
    for n in range(3):
        response = client.post(
            follow_url(fb),
            {"reference": case.reference, "code": "B" * 12},
            REMOTE_ADDR=f"198.51.100.{n}",
        )
        assert response.status_code == 404
    response = client.post(
        follow_url(fb), {"reference": case.reference, "code": code}, REMOTE_ADDR="198.51.100.99"
    )
    assert response.status_code == 429


def test_a_submission_is_saved_when_redis_and_the_broker_are_down(
    client, fb, monkeypatch, django_capture_on_commit_callbacks
):
    from django.core.cache.backends.redis import RedisCache

    from feedback import ratelimit
    from partnerships import queue
    from partnerships.models import Notification, OutboxEmail

    monkeypatch.setattr(
        ratelimit, "cache", RedisCache("redis://127.0.0.1:1/0", {})
    )  # nothing listens there

    def broker_down(*args, **kwargs):
        raise ConnectionError("broker down")

    monkeypatch.setattr(queue, "signature", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, fb)
    assert response.status_code == 200 and response.context["code"]
    case = Case.objects.get()
    assert Notification.objects.filter(url=case.get_absolute_url()).exists()
    # The emails wait in the outbox for its sweep.
    assert OutboxEmail.objects.filter(status="pending").exists()


def test_a_report_of_abuse_needs_only_what_it_is_about(client, fb):
    response = post(client, fb, kind="", sensitive_category="sea")
    assert response.status_code == 200
    assert Case.objects.get().kind == "sensitive"


def csrf_token_of(response) -> str:
    return re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', response.content)[1].decode()


def test_the_form_seen_again_costs_no_query_and_each_visitor_posts_with_their_own_token(fb):
    url = form_url(fb) + "?lang=ar"
    first_visitor, second_visitor = (
        Client(enforce_csrf_checks=True),
        Client(enforce_csrf_checks=True),
    )
    first = first_visitor.get(url)
    with CaptureQueriesContext(connection) as queries:
        again = second_visitor.get(url)
    assert len(queries) == 0
    assert again.status_code == 200
    assert b'dir="rtl"' in again.content and again["Content-Language"] == "ar"
    assert csrf_token_of(again) != csrf_token_of(first)
    for visitor, page in ((first_visitor, first), (second_visitor, again)):
        data = {"kind": "complaint", "text": "The tap leaks.", "lang": "ar"}
        response = visitor.post(url, {**data, "csrfmiddlewaretoken": csrf_token_of(page)})
        assert response.status_code == 200
    assert Case.objects.filter(partnership=fb.partnership).count() == 2


def test_the_form_kept_in_one_language_is_not_served_in_another(fb):
    Client().get(form_url(fb) + "?lang=ar")
    assert b'dir="rtl"' in Client().get(form_url(fb) + "?lang=ar").content
    english = Client().get(form_url(fb))
    assert b'dir="ltr"' in english.content and english["Content-Language"] == "en"


def test_a_form_closed_after_it_was_seen_is_not_found_at_once(client, fb):
    client.get(form_url(fb))
    assert client.get(form_url(fb)).status_code == 200
    fb.channel.web_form_open = False
    fb.channel.save()
    assert client.get(form_url(fb)).status_code == 404
