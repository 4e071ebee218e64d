"""Issue 9, item 8: uploads are reachable only through views that check access."""

import datetime
import importlib
import re
import subprocess
import sys

import pytest
from django.core.files.base import ContentFile
from django.urls import Resolver404, clear_url_caches, resolve, reverse

import config.urls
from partnerships.models import ReportAttachment
from partnerships.uploads import random_upload_to, serve_file
from tests.partnerships.reporting_helpers import make_schedule, report_for

from .conftest import ROOT

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def debug_urls(settings):
    """config.urls as `make run` builds it: with DEBUG on at import time."""
    settings.DEBUG = True
    importlib.reload(config.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(config.urls)
    clear_url_caches()


def _attachment(world):
    make_schedule(world.partnership, datetime.date.today() - datetime.timedelta(days=100))
    report = report_for(world, world.local_org)
    return ReportAttachment.objects.create(
        report=report,
        file=ContentFile(b"%PDF-1.7 draft", name="Draft budget.pdf"),
        name="Draft budget.pdf",
        size=14,
    )


def test_item8_no_media_route_even_with_debug_on(world, debug_urls, client):
    attachment = _attachment(world)
    path = f"/media/{attachment.file.name}"
    with pytest.raises(Resolver404):
        resolve(path)
    assert client.get(path).status_code == 404


def test_item8_uploads_get_random_names(world):
    attachment = _attachment(world)
    assert re.fullmatch(r"reports/[0-9a-f]{32}\.pdf", attachment.file.name)
    assert "Draft" not in attachment.file.name
    upload_to = random_upload_to("feedback")
    first, second = upload_to(None, "a.PNG"), upload_to(None, "a.PNG")
    assert first != second and re.fullmatch(r"feedback/[0-9a-f]{32}\.png", first)
    assert re.fullmatch(r"feedback/[0-9a-f]{32}", upload_to(None, "../../etc/passwd"))
    # Deconstructible, so a model using it can be migrated.
    assert upload_to.deconstruct()[2] == {} and upload_to.deconstruct()[1] == ("feedback",)


def test_item8_draft_attachment_served_only_to_its_authors(world, client):
    attachment = _attachment(world)
    url = reverse("partnerships:report_attachment", args=[world.partnership.pk, attachment.pk])
    client.force_login(world.outsider)
    assert client.get(url).status_code == 404
    client.force_login(world.international_admin)
    assert client.get(url).status_code == 404
    client.force_login(world.local_staff)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.7 draft"
    assert response["Cache-Control"] == "private, no-store"
    assert "sandbox" in response["Content-Security-Policy"]
    assert 'filename="Draft budget.pdf"' in response["Content-Disposition"]


def test_item8_serve_file_answers_404_for_a_missing_file(world):
    from django.http import Http404

    attachment = _attachment(world)
    attachment.file.storage.delete(attachment.file.name)
    with pytest.raises(Http404):
        serve_file(attachment.file, "x.pdf")


def test_item8_s3_storage_is_selected_by_the_environment():
    code = (
        "import django; django.setup(); from django.core.files.storage import storages; "
        "s = storages['default']; print(type(s).__name__, s.bucket_name, s.default_acl)"
    )
    env = {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "FILE_STORAGE": "s3",
        "AWS_STORAGE_BUCKET_NAME": "partner-uploads",
        "PATH": "/usr/bin:/bin",
        "AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9000",
        "VAR_DIR": "/tmp/s3-check-var",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.split() == ["S3Storage", "partner-uploads", "private"], result.stderr
    env["FILE_STORAGE"] = "ftp"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert "FILE_STORAGE='ftp' must be filesystem or s3" in result.stderr
