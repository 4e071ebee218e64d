"""Issue 9, item 7 (and issue 13's verification): a signed MoU's PDF prints only its
snapshot, and anyone can check a PDF or a hash against the signed versions."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from partnerships.models import MouDocument
from partnerships.services.mou_pdf import render_pdf
from tests.partnerships.mou_support import make_mou, sign_all
from tests.partnerships.pdf_support import download_pdf
from tests.partnerships.test_mou_pdf import pdf_text

pytestmark = pytest.mark.django_db

VERIFY = "/verify/"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def signed(world):
    return sign_all(make_mou(world.partnership, status="awaiting"), world)


def _rename_everything(world):
    world.partnership.title = "Renamed partnership"
    world.partnership.save()
    world.local_org.name = "Renamed Local"
    world.local_org.save()
    world.international_org.name = "Renamed International"
    world.international_org.save()


def test_item7_renaming_does_not_change_what_a_signed_mou_prints(world, signed):
    before = pdf_text(render_pdf(signed))
    assert "Shared work" in before and "Sauti Local" in before
    _rename_everything(world)
    signed.refresh_from_db()
    after = pdf_text(render_pdf(signed))
    for name in ("Renamed partnership", "Renamed Local", "Renamed International"):
        assert name not in after
    assert "Shared work" in after and "Sauti Local" in after and "Nordic International" in after
    assert after == before


def test_item7_the_stored_pdf_is_the_same_bytes_after_a_rename(
    client, world, signed, django_capture_on_commit_callbacks
):
    client.force_login(world.local_viewer)
    first = download_pdf(client, signed, django_capture_on_commit_callbacks)
    _rename_everything(world)
    assert download_pdf(client, signed, django_capture_on_commit_callbacks) == first


def test_item7_the_verification_page_is_public_and_translated(client):
    response = client.get(VERIFY)
    assert response.status_code == 200
    assert "Verify a signed MoU" in response.content.decode()
    response = client.get(VERIFY, HTTP_ACCEPT_LANGUAGE="fr")
    assert "Verify a signed MoU" not in response.content.decode()


def test_item7_the_real_pdf_is_accepted_and_one_changed_byte_is_rejected(
    client, world, signed, django_capture_on_commit_callbacks
):
    client.force_login(world.local_viewer)
    pdf = download_pdf(client, signed, django_capture_on_commit_callbacks)
    client.logout()
    response = client.post(VERIFY, {"pdf": SimpleUploadedFile("mou.pdf", pdf)})
    page = response.content.decode()
    assert 'data-found="yes"' in page
    assert "This PDF is the signed document, unchanged." in page
    assert signed.title in page and f'<dd class="col-sm-8">{signed.version}</dd>' in page
    for user in (world.local_admin, world.international_admin):
        assert user.full_name in page
    assert "Sauti Local" in page and "Signed on" in page

    changed = bytearray(pdf)
    middle = len(changed) // 2
    changed[middle] = (changed[middle] + 1) % 256
    response = client.post(VERIFY, {"pdf": SimpleUploadedFile("mou.pdf", bytes(changed))})
    page = response.content.decode()
    assert 'data-found="no"' in page and "No signed MoU matches." in page
    assert signed.title not in page


def test_item7_a_pasted_hash_is_matched(client, world, signed, django_capture_on_commit_callbacks):
    client.force_login(world.local_viewer)
    pdf = download_pdf(client, signed, django_capture_on_commit_callbacks)
    client.logout()
    stored = MouDocument.objects.get(mou=signed)
    assert stored.sha256 == hashlib.sha256(pdf).hexdigest()
    for value in (stored.sha256.upper(), f"  {signed.content_hash}\n"):
        page = client.post(VERIFY, {"sha256": value}).content.decode()
        assert 'data-found="yes"' in page and signed.title in page
    page = client.post(VERIFY, {"sha256": "0" * 64}).content.decode()
    assert 'data-found="no"' in page


def test_item7_a_draft_is_not_verifiable_and_bad_input_is_explained(client, world):
    draft = make_mou(world.partnership)
    page = client.post(VERIFY, {"sha256": draft.content_hash}).content.decode()
    assert 'data-found="no"' in page
    page = client.post(VERIFY, {"sha256": "not a hash"}).content.decode()
    assert "A SHA-256 hash is 64 characters" in page and "data-found" not in page
    page = client.post(VERIFY, {}).content.decode()
    assert "Choose the PDF file or paste a hash." in page
