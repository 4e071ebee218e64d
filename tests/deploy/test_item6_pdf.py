"""Issue 9, item 6: a PDF can no longer take the site down."""

import time

import pytest
from django.urls import reverse

from partnerships.models import DecisionArea, Mou, MouDocument
from partnerships.models.decisions import MATRIX_NOTES_MAX_LENGTH
from partnerships.models.mou import SECTION_MAX_LENGTH
from partnerships.services import mou_documents, mou_pdf
from tests.partnerships.mou_support import SECTION_TEXT, make_mou, sign_all
from tests.partnerships.pdf_support import download_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def render_calls(monkeypatch):
    calls = []
    real = mou_pdf.render_pdf

    def counting(mou, signatures=None, fetcher=None):
        calls.append(mou.pk)
        return real(mou, signatures, fetcher)

    monkeypatch.setattr(mou_pdf, "render_pdf", counting)
    return calls


def _mou_form(**overrides):
    return {
        "title": "Capped",
        "language": "en",
        "term_start": "2026-01-01",
        "term_end": "2027-12-31",
        **SECTION_TEXT,
        **overrides,
    }


def test_item6_the_mou_form_refuses_a_section_over_the_cap(client, world):
    client.force_login(world.local_admin)
    url = reverse("partnerships:mou_create", args=[world.partnership.pk])
    response = client.post(url, _mou_form(accountability="x" * (SECTION_MAX_LENGTH + 1)))
    assert response.status_code == 200
    assert f"at most {SECTION_MAX_LENGTH:,}".replace(",", "") in (
        response.content.decode().replace(",", "").replace("\u202f", "")
    )
    assert not Mou.objects.exists()
    assert f'maxlength="{SECTION_MAX_LENGTH}"' in client.get(url).content.decode()
    response = client.post(
        url, _mou_form(accountability=("word " * SECTION_MAX_LENGTH)[:SECTION_MAX_LENGTH])
    )
    assert response.status_code == 302 and Mou.objects.count() == 1


@pytest.mark.parametrize(
    "text, message",
    [
        ("line\r\n" * 250, "At most 200 lines (this has 250)."),
        ("x" * 61, "A word or link can be at most 60 characters long; add spaces."),
    ],
)
def test_item6_text_shaped_to_slow_the_pdf_is_refused(client, world, text, message):
    client.force_login(world.local_admin)
    url = reverse("partnerships:mou_create", args=[world.partnership.pk])
    response = client.post(url, _mou_form(communication=text))
    assert response.status_code == 200 and message in response.content.decode()
    assert not Mou.objects.exists()


def test_item6_the_model_refuses_oversized_text_whatever_the_path(world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        make_mou(world.partnership, resources="y" * (SECTION_MAX_LENGTH + 1))
    with pytest.raises(ValidationError):
        DecisionArea.objects.create(
            partnership=world.partnership,
            area="hiring",
            decider="joint",
            notes="z" * (MATRIX_NOTES_MAX_LENGTH + 1),
        )


def test_item6_decision_notes_are_capped_in_the_form(client, world):
    client.force_login(world.local_admin)
    response = client.post(
        reverse("partnerships:decisions_edit", args=[world.partnership.pk]),
        {"decider_strategy": "joint", "notes_strategy": "n" * (MATRIX_NOTES_MAX_LENGTH + 1)},
    )
    assert response.status_code == 200
    assert not DecisionArea.objects.filter(area="strategy", decider="joint").exists()


def test_item6_asking_for_a_pdf_never_renders_in_the_web_request(
    client, world, render_calls, django_capture_on_commit_callbacks
):
    mou = make_mou(world.partnership, status="awaiting")
    client.force_login(world.local_viewer)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = client.get(reverse("partnerships:mou_pdf", args=[world.partnership.pk, mou.pk]))
    # The request only queued the work: nothing was rendered while it held the web worker.
    assert render_calls == [] and len(queued) == 1
    assert response.status_code == 302
    status = client.get(response["Location"])
    page = status.content.decode()
    assert '<meta http-equiv="refresh" content="2">' in page
    assert 'data-state="pending"' in page and "<script>" not in page
    # The worker's turn (eager here): then the page offers the file.
    queued[0]()
    assert render_calls == [mou.pk]
    page = client.get(response["Location"]).content.decode()
    assert 'id="pdf-download"' in page and "http-equiv" not in page


def test_item6_an_in_force_pdf_is_rendered_once_and_stored(
    client, world, render_calls, django_capture_on_commit_callbacks
):
    mou = sign_all(make_mou(world.partnership, status="awaiting"), world)
    client.force_login(world.local_viewer)
    first = download_pdf(client, mou, django_capture_on_commit_callbacks)
    client.force_login(world.international_admin)
    second = download_pdf(client, mou, django_capture_on_commit_callbacks)
    assert first == second and render_calls == [mou.pk]
    document = MouDocument.objects.get(mou=mou)
    assert document.final and document.state == "done" and len(document.sha256) == 64


def test_item6_a_render_over_its_time_limit_fails_cleanly_and_can_be_retried(
    client, world, monkeypatch, django_capture_on_commit_callbacks
):
    mou = make_mou(world.partnership, status="awaiting")
    document = MouDocument.objects.create(mou=mou, render_key=mou_documents.render_key(mou, []))

    def slow(*args, **kwargs):
        time.sleep(5)

    monkeypatch.setattr(mou_pdf, "render_pdf", slow)
    started = time.monotonic()
    state = mou_documents.mou_document_render(document_id=document.pk, seconds=0.5)
    assert state == "failed" and time.monotonic() - started < 4
    document.refresh_from_db()
    assert document.error == MouDocument.Error.TIMEOUT
    client.force_login(world.local_staff)
    url = reverse("partnerships:mou_pdf_status", args=[world.partnership.pk, mou.pk, document.pk])
    page = client.get(url).content.decode()
    assert "Preparing the PDF took too long." in page and "http-equiv" not in page
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("partnerships:mou_pdf_retry", args=[world.partnership.pk, mou.pk, document.pk])
        )
    document.refresh_from_db()
    assert document.state == "done" and document.attempts == 2


def test_item6_a_lost_request_is_queued_again(client, world, django_capture_on_commit_callbacks):
    """Nothing lost: a request whose message the broker never delivered is asked again."""
    import datetime

    from django.utils import timezone

    mou = make_mou(world.partnership, status="awaiting")
    document = MouDocument.objects.create(
        mou=mou,
        render_key=mou_documents.render_key(mou, []),
        requested_at=timezone.now() - datetime.timedelta(minutes=5),
    )
    client.force_login(world.local_staff)
    with django_capture_on_commit_callbacks(execute=True) as queued:
        client.get(
            reverse("partnerships:mou_pdf_status", args=[world.partnership.pk, mou.pk, document.pk])
        )
    assert len(queued) == 1
    document.refresh_from_db()
    assert document.state == "done"


@pytest.mark.worker
def test_item6_a_real_worker_renders_while_the_web_answers_at_once(client, world, celery_worker):
    mou = sign_all(make_mou(world.partnership, status="awaiting"), world)
    client.force_login(world.local_viewer)
    url = reverse("partnerships:mou_pdf", args=[world.partnership.pk, mou.pk])
    response = client.get(url)
    assert response.status_code == 302
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        page = client.get(response["Location"]).content.decode()
        if 'id="pdf-download"' in page:
            break
        assert 'data-state="failed"' not in page
        time.sleep(0.5)
    else:
        pytest.fail("the worker did not render the PDF within 90 s")
    download = client.get(url)
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")
