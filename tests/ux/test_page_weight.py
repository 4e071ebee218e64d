"""Page weight on a first visit, guarded in the test suite (bench/page_weight.py measures it in
a browser): every main page's HTML plus the static files it loads stays under 200 KB once
compressed, Chart.js loads only where a chart is drawn, and the compressed static files can be
built at all (a vendored file pointing at a missing source map breaks collectstatic)."""

import re
from pathlib import Path

import brotli
import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import override_settings

from partnerships.models import Partnership, User
from tests.main_pages import collect

BUDGET = 200 * 1024
ASSET = re.compile(r'<(?:script[^>]+src|link[^>]+href)="/static/([^"?]+)"')


@pytest.fixture
def demo_partnership(db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return Partnership.objects.order_by("pk").first()


def _compressed(path: str, cache={}) -> int:  # noqa: B006 - a per-run cache on purpose
    if path not in cache:
        cache[path] = len(brotli.compress(Path(finders.find(path)).read_bytes()))
    return cache[path]


def test_every_main_page_is_light_and_loads_charts_only_where_it_draws_one(
    client, demo_partnership
):
    client.force_login(User.objects.get(email="amina@sautiyajamii.example"))
    heavy, stray_charts = [], []
    for label, url in collect(demo_partnership):
        response = client.get(url)
        if response.status_code != 200:
            continue
        html = response.content.decode()
        assets = set(ASSET.findall(html))
        weight = len(brotli.compress(response.content)) + sum(map(_compressed, assets))
        if weight > BUDGET:
            heavy.append((label, weight))
        if any("chart" in a for a in assets) != ("<canvas" in html):
            stray_charts.append(label)
        assert "favicon" in html, label
    assert not heavy
    assert not stray_charts


def test_hashed_static_files_build(tmp_path):
    """The manifest step that fails on a dangling source map, without the slow compression."""
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=storages):
        call_command("collectstatic", interactive=False, verbosity=0)
    assert list(tmp_path.glob("css/app.*.css")), "no hashed copy of the app stylesheet"
