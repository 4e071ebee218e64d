"""Every main page, as every demo role, in every language, on a 360 px phone: nothing wider
than the screen, no serious or critical accessibility violation (axe-core), and a visible
focus indicator on the first keyboard stops."""

import time

import pytest
from django.core.management import call_command

from partnerships.models import Partnership
from tests.main_pages import collect

from .sweep import sweep

pytestmark = pytest.mark.browser

# One person in each demo role, on both sides of the first demo partnership.
ROLES = [
    ("local admin", "amina@sautiyajamii.example"),
    ("local staff", "otieno@sautiyajamii.example"),
    ("international admin", "lars@nordic-solidarity.example"),
    ("international staff", "mette@nordic-solidarity.example"),
    ("international viewer", "viewer@nordic-solidarity.example"),
]


@pytest.fixture
def demo_partnership(transactional_db, monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return Partnership.objects.order_by("pk").first()


def test_every_main_page_fits_a_phone_and_passes_axe(live_server, chromium_path, demo_partnership):
    pages = collect(demo_partnership)
    started = time.monotonic()
    findings = sweep(live_server.url, chromium_path, ROLES, pages)
    print(f"\nSweep in {time.monotonic() - started:.0f} s\n{findings.summary()}")
    # No page silently skipped: each opens for some role (a role may get 403 or 404).
    assert findings.opened == {label for label, _url in pages}, findings.summary()
    assert not findings.errors, findings.summary()
    assert not findings.too_wide, findings.summary()
    assert not findings.axe, findings.summary()
    assert not findings.no_focus_ring, findings.summary()
