"""Staff intake, sealed attachments, the partnership section and settings."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from feedback.models import Case, CaseAttachment, SensitiveAccess
from feedback.services import cases as services

from .conftest import submit

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def test_staff_enter_offline_feedback_and_get_a_code_to_pass_on(client, fb):
    client.force_login(fb.local_staff)
    response = client.post(
        reverse("feedback:case_new", args=[fb.partnership.pk]),
        {
            "via": "box",
            "received_on": "2026-11-20",
            "kind": "suggestion",
            "language": "fr",
            "text": "Mettre une lampe près du puits.",
        },
    )
    assert response.status_code == 200
    case = Case.objects.get()
    assert case.via == "box" and case.entered_by == fb.local_staff and case.language == "fr"
    assert case.received_at.date().isoformat() == "2026-11-20"
    code = response.context["code"]
    assert case.follow_up_hash == services.hash_code(case.reference, code)
    assert b"Open the case" in response.content


def test_staff_entering_a_sensitive_report_cannot_then_open_it(client, fb):
    client.force_login(fb.local_staff)
    response = client.post(
        reverse("feedback:case_new", args=[fb.partnership.pk]),
        {
            "via": "phone",
            "received_on": "2026-11-20",
            "kind": "sensitive",
            "sensitive_category": "sea",
            "language": "en",
            "text": "Reported on the hotline.",
        },
    )
    assert b"only the safeguarding focal points" in response.content
    case = Case.objects.get()
    assert client.get(case.get_absolute_url()).status_code == 404


def test_an_attachment_of_a_sensitive_case_is_as_sealed_as_the_case(client, fb, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    case, _ = submit(fb, kind=Case.Kind.SENSITIVE, sensitive_category="sea")
    item = CaseAttachment(case=case, content_type="application/pdf", size=9)
    item.file.save("x", ContentFile(b"%PDF-1.4\n"), save=True)
    url = item.get_absolute_url()
    for user in (fb.local_admin, fb.local_staff, fb.superuser, fb.outsider):
        client.force_login(user)
        assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302
    # Media files are not served at a guessable address either: only through this view.
    assert not item.file.name.endswith(".pdf")
    client.force_login(fb.local_focal)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert (
        SensitiveAccess.objects.filter(case=case, user=fb.local_focal, action="attachment").count()
        == 1
    )


def test_the_partnership_section_takes_a_fixed_number_of_queries(
    client, fb, django_assert_num_queries
):
    from django.template import Context, Template

    template = Template(
        "{% load feedback_tags %}{% feedback_summary p u as fb %}"
        "{{ fb.open }}/{{ fb.overdue }}/{{ fb.sensitive_new }}"
    )
    submit(fb)
    with django_assert_num_queries(3):
        first = template.render(Context({"p": fb.partnership, "u": fb.local_focal}))
    for _ in range(10):
        submit(fb)
    submit(fb, kind=Case.Kind.SENSITIVE, sensitive_category="fraud")
    with django_assert_num_queries(3):
        later = template.render(Context({"p": fb.partnership, "u": fb.local_focal}))
    assert first == "1/0/0"
    assert later == "11/0/1"
    assert template.render(Context({"p": fb.partnership, "u": fb.local_staff})) == "11/0/None"
    client.force_login(fb.local_admin)
    page = client.get(fb.partnership.get_absolute_url())
    assert b"feedback-section" in page.content and b"11 open cases" in page.content


def test_the_case_page_takes_a_fixed_number_of_queries(client, fb, django_assert_max_num_queries):
    case, _ = submit(fb)
    client.force_login(fb.local_admin)
    for n in range(12):
        services.case_note(case_id=case.pk, text=f"note {n}", by=fb.local_staff)
    with django_assert_max_num_queries(22):
        assert client.get(case.get_absolute_url()).status_code == 200


def test_production_refuses_to_start_without_encryption_keys():
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"FIELD_ENCRYPTION_KEYS", "DATABASE_URL", "REDIS_URL", "DEBUG"}
    }
    env.update(DEBUG="0", SECRET_KEY="x" * 50, ALLOWED_HOSTS="example.org")
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "FIELD_ENCRYPTION_KEYS must be set" in result.stderr
