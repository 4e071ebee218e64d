import re

import pytest
from playwright.sync_api import expect

from partnerships.models import Partnership
from tests.browser import log_in

pytestmark = pytest.mark.browser


def test_admin_creates_a_partnership_and_reads_it_in_arabic(page, world):
    log_in(page, world.local_admin)
    page.get_by_role("link", name="New partnership").click()
    page.fill("#id_title", "Clean water for Kibera schools")
    page.fill("#id_local_needs", "Schools in Kibera lack safe drinking water.")
    page.select_option("#id_own_role", value="local_partner")
    page.select_option("#id_partner", label=world.international_org.name)
    page.select_option("#id_partner_role", value="international_partner")
    page.click("main form button[type=submit]")
    expect(page.locator("h1")).to_have_text("Clean water for Kibera schools")
    created = Partnership.objects.get(title="Clean water for Kibera schools")
    # The international organisation is invited, not made a member behind its back.
    assert list(created.members.values_list("organisation", flat=True)) == [world.local_org.pk]
    assert created.invitations.get().organisation == world.international_org

    page.goto("/partnerships/")
    expect(page.locator("#partnership-list")).to_contain_text("Clean water for Kibera schools")

    page.get_by_role("button", name="Menu").click()  # the navigation folds away on a phone
    page.select_option("#language-select", "ar")
    page.wait_for_load_state()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    expect(page.locator("link[rel=stylesheet]").first).to_have_attribute(
        "href", re.compile("bootstrap.rtl")
    )
