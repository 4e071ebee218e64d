import pytest
from django.db import connections
from playwright.sync_api import expect

from tests.browser import log_in, log_out
from visibility.models import Result

from .helpers import open_page

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
    connections.close_all()


def _fits(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_result_is_credited_approved_published_and_withdrawn_on_a_phone(phone, world):
    page = phone
    public_page = open_page(world)

    log_in(page, world.international_admin)
    page.goto(f"/visibility/partnership/{world.partnership.pk}/")
    _fits(page)
    page.get_by_role("link", name="Share a result").click()
    page.fill("#id_title", "Youth proposals adopted by the county")
    page.fill("#id_text", "After a year of hearings, three youth proposals were adopted.")
    page.fill("#id_figures", "3 proposals adopted")
    expect(page.get_by_label("Sauti Local")).to_be_checked()
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#publication-state")).to_contain_text("Not public")
    _fits(page)
    # The international partner approves how it is named itself; it cannot rename the other.
    own = page.locator("#credits li", has_text="Nordic International")
    own.get_by_role("button", name="Approve how we are named").click()
    local = page.locator("#credits li", has_text="Sauti Local")
    expect(local.get_by_role("link", name="Change how we are named")).to_have_count(0)
    expect(page.locator("#publication-state")).to_contain_text("Not public")
    result_url = page.url

    log_out(page)
    log_in(page, world.local_admin)
    page.goto(result_url)
    page.locator("#credits li", has_text="Sauti Local").get_by_role(
        "link", name="Change how we are named"
    ).click()
    page.fill("#id_name_as", "Sauti ya Jamii youth movement")
    page.get_by_role("button", name="Save").click()
    local = page.locator("#credits li", has_text="Sauti Local")
    expect(local.locator(".public-name")).to_have_text("Sauti ya Jamii youth movement")
    local.get_by_role("button", name="Approve how we are named").click()
    expect(page.locator("#publication-state")).to_contain_text("Published")

    log_out(page)
    page.goto(public_page.get_absolute_url())
    result = page.locator("#public-results article")
    expect(result).to_contain_text("Youth proposals adopted by the county")
    expect(result.locator(".credits")).to_contain_text(
        "Sauti ya Jamii youth movement, Nordic International"
    )
    _fits(page)
    page.locator("header a[lang=ar]").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(result).to_contain_text("Youth proposals adopted by the county")

    log_in(page, world.local_admin)
    page.goto(result_url)
    page.locator("#credits li", has_text="Sauti Local").get_by_role(
        "button", name="Withdraw our approval"
    ).click()
    expect(page.locator("#publication-state")).to_contain_text("Not public")
    assert not Result.objects.get().is_published

    log_out(page)
    page.goto(public_page.get_absolute_url())
    expect(page.locator("main")).to_contain_text("No result published yet.")
    expect(page.locator("main")).not_to_contain_text("Youth proposals adopted")
