"""The local partner opens the health page on a phone, follows a "needs attention" link, fixes
it and sees the status change; then reads the page in Arabic."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser import log_in

from .helpers import make_reflection

pytestmark = pytest.mark.browser


def test_local_partner_fixes_what_needs_attention(page, world):
    # The international partner answered the latest reflection round; the local one has not.
    round_ = make_reflection(world, {world.international_org: [4]})
    question = round_.responses.get().answers.get().question
    health = reverse("health:partnership", args=[world.partnership.pk])
    log_in(page, world.local_admin)

    page.goto(world.partnership.get_absolute_url())
    page.locator("#health-link").click()
    indicator = page.locator('[data-key="foundation.reflection_done"]')
    expect(indicator.locator(".health-status")).to_have_text("Needs attention")
    indicator.get_by_role("link", name="Needs attention: improve it").click()

    page.get_by_role("link", name=round_.title).click()
    page.get_by_role("link", name=f"Answer for {world.local_org.name}").click()
    page.check(f"input[name=score_{question.pk}][value='3']")
    page.get_by_role("button", name="Submit our answers").click()
    page.wait_for_load_state()

    page.goto(health)
    expect(indicator).to_have_attribute("data-status", "on_track")
    expect(indicator.locator(".health-status")).to_have_text("On track")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    page.get_by_role("button", name="Menu").click()  # the navigation folds away on a phone
    page.select_option("#language-select", "ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    page.goto(health)
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(indicator.locator(".health-status")).not_to_have_text("On track")
    expect(page.locator("#symmetry h2")).not_to_contain_text("Symmetry")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert page.locator("canvas#health-chart-foundation").is_visible()
