import datetime

import pytest
from django.utils import translation
from playwright.sync_api import expect

from partnerships.dates import local_date
from partnerships.models import MutualReport
from partnerships.models.reporting import add_months
from tests.browser import log_in

pytestmark = pytest.mark.browser


def test_set_up_reporting_write_and_submit_on_a_phone(page, world):
    # Real dates: the browser's clock decides whether the session cookie has expired.
    today = datetime.date.today()
    first = add_months(datetime.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1), -6)
    log_in(page, world.local_admin)
    page.goto(world.partnership.get_absolute_url())
    page.get_by_role("link", name="Set up mutual reporting").click()
    page.select_option("#id_interval_months", "3")
    page.fill("#id_first_period_start", first.isoformat())
    page.click("main form button[type=submit]")
    with translation.override("en"):
        expect(page.locator("#reporting-timeline")).to_contain_text(local_date(first))
    # The timeline scrolls inside its own box; the page itself fits a 390 px screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.locator("#reporting-timeline tbody tr").last.locator("a").first.click()
    page.get_by_role("link", name="Write our report").click()
    page.fill("#id_progress", "Two trainings held for 40 volunteers.")
    page.set_input_files(
        "#id_attachment",
        files=[
            {
                "name": "photo.png",
                "mimeType": "image/png",
                "buffer": b"\x89PNG\r\n\x1a\n" + b"\x00" * 32,
            }
        ],
    )
    page.get_by_role("button", name="Save and submit to partners").click()
    expect(page.locator("#report-status")).to_contain_text("Submitted")
    expect(page.locator("main")).to_contain_text("photo.png")
    report = MutualReport.objects.get(organisation=world.local_org, period__start=first.isoformat())
    assert report.is_submitted and report.attachments.count() == 1
