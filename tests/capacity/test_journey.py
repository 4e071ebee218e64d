"""Both organisations assess themselves and each other on a phone; the gap chart appears;
an action funded by a capacity budget line is added; the page reads right to left in Arabic."""

import pytest
from playwright.sync_api import expect

from capacity.models import AssessmentRound, CapacityAction
from tests.browser import log_in, log_out

from .helpers import capacity_line, small_framework

pytestmark = pytest.mark.browser


def _assess(page, round_, subject, values, button="Submit the assessment"):
    page.locator("#my-assessments li", has_text=subject).get_by_role("link").click()
    for item, value in values.items():
        page.check(f"input[name=score_{item.pk}][value='{value}']")
    page.get_by_role("button", name=button).click()
    expect(page.locator(".alert-success")).to_contain_text("submitted")


def test_mutual_assessment_gap_chart_and_a_funded_action_on_a_phone(page, world):
    page.set_viewport_size({"width": 360, "height": 780})
    fw = small_framework()
    i = fw.item
    line = capacity_line(
        world.partnership, world.international_org, "Mentoring on financial management", "6000"
    )

    log_in(page, world.local_admin)
    page.goto(f"/capacity/{world.partnership.pk}/")
    page.get_by_role("link", name="Start a round").click()
    page.fill("#id_title", "Baseline")
    page.select_option("#id_framework", label="Worked example")
    page.fill("#id_opened_on", "2026-03-01")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("h1")).to_have_text("Baseline")
    round_ = AssessmentRound.objects.get()
    # The local partner's view of the international partner, then its own assessment.
    _assess(
        page, round_, "view of Nordic International", {i["a"]: 2, i["b"]: 3, i["c"]: 3, i["d"]: 1}
    )
    _assess(page, round_, "Sauti Local assesses itself", {i["a"]: 2, i["b"]: 3, i["c"]: 1})
    expect(page.locator(".subject-result")).to_have_count(0)
    # No horizontal scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    log_out(page)
    log_in(page, world.international_admin)
    page.goto(round_.get_absolute_url())
    expect(page.locator(".subject-result")).to_have_count(0)
    _assess(page, round_, "view of Sauti Local", {i["a"]: 3, i["b"]: 4, i["c"]: 2})
    _assess(
        page,
        round_,
        "Nordic International assesses itself",
        {i["a"]: 4, i["b"]: 4, i["c"]: 3, i["d"]: 4},
    )
    # Every organisation has assessed itself: the results appear, side by side, with charts
    # drawn by the static script under the CSP.
    expect(page.locator(".subject-result")).to_have_count(2)
    page.wait_for_function(
        "() => window.Chart && [...document.querySelectorAll('canvas.capacity-gap-chart')]"
        ".every((c) => Chart.getChart(c))"
    )
    local_finance = page.locator(f"#subject-{world.local_org.pk} .domain-gaps tbody tr").first
    expect(local_finance).to_contain_text("-1.0")  # self 2.5, partner 3.5

    page.get_by_role("link", name="Add an action to the capacity plan").click()
    page.fill("#id_title", "Mentoring on grant financial reporting")
    page.select_option("#id_domain", label="Finance")
    page.select_option("#id_receiving", str(world.local_org.pk))
    page.select_option("#id_providing", str(world.international_org.pk))
    page.select_option("#id_kind", "mentoring")
    page.fill("#id_days", "5")
    page.fill("#id_cost", "2400")
    page.select_option("#id_budget_line", str(line.pk))
    page.fill("#id_due_date", "2026-09-30")
    page.get_by_role("button", name="Save").click()
    action = CapacityAction.objects.get()
    expect(page.locator(f"#action-{action.pk}")).to_contain_text(
        "Mentoring on financial management"
    )
    assert action.budget_line == line and action.round == round_
    expect(page.locator("#symmetry-warning")).to_be_visible()

    # The same results page in Arabic reads right to left and still draws its charts.
    page.locator(".navbar-toggler").click()  # the menu is folded on a phone
    page.select_option("#language-select", "ar")  # app.js submits the choice
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    page.goto(round_.get_absolute_url())
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    page.wait_for_function(
        "() => window.Chart && Chart.getChart(document.querySelector('canvas.capacity-gap-chart'))"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
