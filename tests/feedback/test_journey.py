"""Journeys in a real browser at 360 px; the public part with JavaScript switched off."""

import pytest
from django.db import connections
from playwright.sync_api import expect

from feedback.models import Case
from tests.browser import log_in, log_out

pytestmark = pytest.mark.browser


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 360, "height": 740}, java_script_enabled=False
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
    connections.close_all()


def test_an_anonymous_complaint_is_answered_and_read_with_the_code(phone, fb):
    phone.goto(fb.channel.get_public_url())
    expect(phone.locator("h1")).to_have_text("Tell us what you think")
    phone.get_by_label("A complaint").check()
    phone.get_by_label("Your message").fill("The water point near the school is broken.")
    phone.get_by_role("button", name="Send").click()
    expect(phone.locator("h1")).to_contain_text("we received your message")
    reference = phone.locator("#reference").inner_text()
    code = phone.locator("#code").inner_text()
    case = Case.objects.get(reference=reference)
    assert case.is_anonymous and case.kind == "complaint"

    log_in(phone, fb.local_admin)
    phone.goto(case.get_absolute_url())
    expect(phone.locator("#case-text")).to_contain_text("water point near the school")
    phone.get_by_role("button", name="Mark as Acknowledged").click()
    expect(phone.locator("#case-status")).to_have_text("Acknowledged")
    phone.get_by_label("Response the person will see").fill("A technician repairs it on Monday.")
    phone.get_by_role("button", name="Save the response").click()
    expect(phone.locator("#case-status")).to_have_text("Responded")
    log_out(phone)

    phone.goto(fb.channel.get_public_url())
    phone.get_by_role("link", name="Follow up with your code").click()
    phone.get_by_label("Case reference").fill(reference)
    phone.get_by_label("Follow-up code").fill(code)
    phone.get_by_role("button", name="Open").click()
    expect(phone.locator("#response")).to_contain_text("A technician repairs it on Monday.")
    expect(phone.locator("#status")).to_have_text("Responded")
    # Nothing overflows the phone's width.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360


def test_a_wrong_code_is_refused_in_the_browser(phone, fb):
    phone.goto(fb.channel.get_public_url() + "case/")
    phone.get_by_label("Case reference").fill("FB-AAAAAAAA")
    phone.get_by_label("Follow-up code").fill("WRONG-CODE-1")
    phone.get_by_role("button", name="Open").click()
    expect(phone.locator(".error")).to_contain_text("No case matches")


def test_a_sensitive_report_is_invisible_to_staff_and_visible_to_a_focal_point(phone, fb):
    phone.goto(fb.channel.get_public_url())
    phone.get_by_label("A complaint").check()
    phone.get_by_label("Misconduct of staff").check()
    phone.get_by_label("Your message").fill("A guard asked me for money.")
    phone.get_by_role("button", name="Send").click()
    reference = phone.locator("#reference").inner_text()
    case = Case.objects.get(reference=reference)
    assert case.is_sensitive

    log_in(phone, fb.local_admin)
    phone.goto(f"/partnerships/{fb.partnership.pk}/feedback/")
    expect(phone.locator("#case-table")).not_to_contain_text(reference)
    response = phone.goto(case.get_absolute_url())
    assert response.status == 404
    log_out(phone)

    log_in(phone, fb.local_focal)
    phone.goto(f"/partnerships/{fb.partnership.pk}/feedback/")
    phone.get_by_role("link", name=reference).click()
    expect(phone.locator("#case-text")).to_contain_text("A guard asked me for money.")
    expect(phone.locator("h1")).to_contain_text("focal points only")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360


def test_every_feedback_page_fits_a_phone_in_arabic(browser, live_server):
    from django.core.management import call_command

    from partnerships.models import Partnership, User

    from .main_pages import pages, public_pages

    call_command("seed_demo", stdout=open("/dev/null", "w"))
    partnership = Partnership.objects.get(title="Youth voices in county budgeting")
    user = User.objects.get(email="amina@sautiyajamii.example")
    user.language = "ar"
    user.save()
    context = browser.new_context(
        base_url=live_server.url,
        locale="ar",
        extra_http_headers={"Accept-Language": "ar"},
        viewport={"width": 360, "height": 740},
    )
    page = context.new_page()
    try:
        for label, url in public_pages(partnership):
            page.goto(url + "?lang=ar")
            assert page.evaluate("document.documentElement.dir") == "rtl", label
            assert page.evaluate("document.documentElement.scrollWidth") <= 360, label
        log_in(page, user, "demo-partners-2026")
        for label, url in pages(partnership):
            response = page.goto(url)
            assert response.status == 200, label
            assert page.evaluate("document.documentElement.dir") == "rtl", label
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 360, (label, width)
    finally:
        context.close()
        connections.close_all()
