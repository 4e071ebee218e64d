"""Webhook, poster, dashboard, CSV, consultations and the public results page."""

import json
import time
import uuid

import pytest
from django.urls import reverse
from pypdf import PdfReader

from feedback.models import Adaptation, Case, Channel, ConsultationInput, WebhookNonce
from feedback.services.dashboard import public_counts
from feedback.services.webhook import sign
from partnerships.csv import safe_cell

from .conftest import submit

pytestmark = pytest.mark.django_db


def hook(client, channel, payload, *, secret=None, timestamp=None, nonce=None, headers=True):
    body = json.dumps(payload).encode()
    timestamp = str(int(time.time()) if timestamp is None else timestamp)
    nonce = nonce or uuid.uuid4().hex
    extra = {}
    if headers:
        extra = {
            "HTTP_X_FEEDBACK_TIMESTAMP": timestamp,
            "HTTP_X_FEEDBACK_NONCE": nonce,
            "HTTP_X_FEEDBACK_SIGNATURE": sign(
                secret or channel.webhook_secret, timestamp, nonce, body
            ),
        }
    return client.post(
        reverse("feedback:webhook", args=[channel.slug]),
        body,
        content_type="application/json",
        **extra,
    )


def test_a_signed_message_becomes_a_case(client, fb):
    response = hook(
        client,
        fb.channel,
        {
            "text": "No water since Monday",
            "from": "+2547001",
            "via": "sms",
            "contact_consent": True,
        },
    )
    assert response.status_code == 201
    case = Case.objects.get()
    assert response.json()["reference"] == case.reference
    assert case.via == "sms" and case.contact == "+2547001" and case.text.startswith("No water")
    # Without consent the sender's number is not kept.
    hook(client, fb.channel, {"text": "Thanks", "from": "+2547002"})
    assert Case.objects.get(text__isnull=False, contact__isnull=True).via == "sms"


@pytest.mark.parametrize(
    "how", ["unsigned", "bad signature", "stale", "replayed", "empty", "too long"]
)
def test_the_webhook_refuses_bad_requests_and_saves_nothing(client, fb, how):
    payload = {"text": "hello"}
    if how == "unsigned":
        response = hook(client, fb.channel, payload, headers=False)
        expected = 403
    elif how == "bad signature":
        response = hook(client, fb.channel, payload, secret="guessed")
        expected = 403
    elif how == "stale":
        response = hook(client, fb.channel, payload, timestamp=int(time.time()) - 3600)
        expected = 400
    elif how == "replayed":
        assert hook(client, fb.channel, payload, nonce="n-1").status_code == 201
        Case.objects.all().delete()
        response = hook(client, fb.channel, payload, nonce="n-1")
        expected = 409
    elif how == "empty":
        response = hook(client, fb.channel, {"text": " "})
        expected = 400
    else:
        response = hook(client, fb.channel, {"text": "x" * 10_001})
        expected = 400
    assert response.status_code == expected
    assert Case.objects.count() == 0
    if how != "replayed":
        assert WebhookNonce.objects.count() == 0


def _pdf_text(data: bytes) -> str:
    import io

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_poster_has_the_address_and_arabic_in_arabic(client, fb):
    client.force_login(fb.local_viewer)
    english = client.get(reverse("feedback:poster", args=[fb.partnership.pk, "en"]))
    assert english["Content-Type"] == "application/pdf"
    text = _pdf_text(english.content)
    assert fb.channel.get_public_url() in text.replace("\n", "")
    assert "+254 700 000 111" in text
    arabic = _pdf_text(
        client.get(reverse("feedback:poster", args=[fb.partnership.pk, "ar"])).content
    )
    assert any("\u0600" <= ch <= "\u06ff" for ch in arabic)
    assert fb.channel.slug in arabic
    leaflet = client.get(
        reverse("feedback:poster", args=[fb.partnership.pk, "ar"]), {"format": "leaflet"}
    )
    box = PdfReader(__import__("io").BytesIO(leaflet.content)).pages[0].mediabox
    assert round(float(box.width) / 72 * 25.4) == 148  # A5
    assert any("\u0600" <= ch <= "\u06ff" for ch in _pdf_text(leaflet.content))
    # A language the channel does not use has no poster.
    assert client.get(reverse("feedback:poster", args=[fb.partnership.pk, "fr"])).status_code == 404


def test_the_sensitive_kind_waits_for_a_focal_point_in_every_organisation(client, fb):
    from partnerships.models import Membership

    Membership.objects.filter(user=fb.international_focal).update(is_safeguarding_focal_point=False)
    form = client.get(reverse("feedback_public:form", args=[fb.channel.slug]))
    assert b"Sexual exploitation" not in form.content
    client.force_login(fb.local_admin)
    page = client.get(reverse("feedback:channel", args=[fb.partnership.pk])).content.decode()
    assert "Missing" in page and "Nordic International" in page
    # A sensitive report cannot be slipped in by posting the field anyway.
    client.post(
        reverse("feedback_public:form", args=[fb.channel.slug]),
        {"kind": "complaint", "text": "x", "sensitive_category": "sea", "lang": "en"},
    )
    assert Case.objects.get().kind == "complaint"


def test_channel_setup_saves_commitments(client, fb):
    client.force_login(fb.local_admin)
    data = {
        "public_name": "Maji project",
        "languages": ["en", "fr"],
        "web_form_open": "on",
        "acknowledge_days": 5,
        "respond_days": 20,
        "rights_text": "Rights",
        "contact_retention_days": 90,
        "text_retention_days": 365,
    }
    response = client.post(reverse("feedback:channel", args=[fb.partnership.pk]), data)
    assert response.status_code == 302
    channel = Channel.objects.get()
    assert channel.languages == ["en", "fr"] and channel.respond_days == 20
    bad = client.post(
        reverse("feedback:channel", args=[fb.partnership.pk]), {**data, "acknowledge_days": 30}
    )
    assert bad.status_code == 200 and b"cannot take longer" in bad.content


@pytest.mark.parametrize("value", ["=HYPERLINK(1)", "+1", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_csv_cells_that_look_like_formulas_are_escaped(value):
    assert safe_cell(value) == "'" + value
    assert safe_cell("plain") == "plain"


def test_the_export_escapes_and_has_no_personal_data(client, fb):
    case, _ = submit(fb, text="Private words", contact="+254 711", contact_consent=True)
    fb.local_org.name = "=cmd|' /C calc'!A0"
    fb.local_org.save()
    from feedback.services.cases import case_assign

    case_assign(
        case_id=case.pk, organisation_id=fb.local_org.pk, assignee_id=None, by=fb.local_admin
    )
    client.force_login(fb.local_admin)
    body = client.get(reverse("feedback:export", args=[fb.partnership.pk])).content.decode()
    assert "'=cmd" in body and case.reference in body
    assert "Private words" not in body and "+254 711" not in body


def test_dashboard_figures_and_a_fixed_number_of_queries(client, fb, django_assert_max_num_queries):
    for _ in range(3):
        submit(fb)
    client.force_login(fb.local_admin)
    url = reverse("feedback:dashboard", args=[fb.partnership.pk])
    with django_assert_max_num_queries(20):
        first = client.get(url)
    assert first.context["stats"].total == 3
    for _ in range(20):
        submit(fb, kind=Case.Kind.QUESTION)
    with django_assert_max_num_queries(20):
        assert client.get(url).context["stats"].total == 23
    with django_assert_max_num_queries(20):
        client.get(reverse("feedback:cases", args=[fb.partnership.pk]))


def test_public_counts_hide_numbers_under_five(fb):
    for _ in range(5):
        submit(fb, kind=Case.Kind.QUESTION)
    for _ in range(2):
        submit(fb, kind=Case.Kind.COMPLAINT)
    [row] = public_counts(fb.partnership.pk)
    cells = {str(c["kind"]): c for c in row["cells"]}
    assert cells["Question"]["count"] == 5
    assert cells["Complaint"]["count"] is None and not cells["Complaint"]["none"]
    assert cells["Suggestion"]["none"]


def test_you_said_we_did_links_cases_and_inputs_and_shows_publicly(client, fb):
    from feedback.models import Consultation

    case, _ = submit(fb)
    consultation = Consultation.objects.create(
        partnership=fb.partnership, held_on="2026-01-10", place="Hall", method="focus_group"
    )
    item = ConsultationInput.objects.create(consultation=consultation, text="Lower taps")
    client.force_login(fb.local_admin)
    response = client.post(
        reverse("feedback:adaptations", args=[fb.partnership.pk]),
        {
            "what_changed": "Taps are now at child height.",
            "decided_on": "2026-03-01",
            "decided_by": "Joint steering committee",
            "cases": [case.pk],
            "inputs": [item.pk],
        },
    )
    assert response.status_code == 302
    adaptation = Adaptation.objects.get()
    assert list(adaptation.cases.all()) == [case] and list(adaptation.inputs.all()) == [item]
    client.post(
        reverse("feedback:input_use", args=[item.pk]),
        {f"use{item.pk}-use": "not_taken", f"use{item.pk}-reason": ""},
    )
    assert ConsultationInput.objects.get().use == "pending"  # a reason is required
    client.post(
        reverse("feedback:input_use", args=[item.pk]),
        {f"use{item.pk}-use": "adopted", f"use{item.pk}-reason": ""},
    )
    assert ConsultationInput.objects.get().use == "adopted"
    client.logout()
    public = client.get(reverse("feedback_public:results", args=[fb.channel.slug]))
    assert b"Taps are now at child height." in public.content
    assert case.reference.encode() not in public.content
