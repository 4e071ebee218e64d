import pytest
from playwright.sync_api import expect

from budgets.models import ChangeRequest
from tests.browser import log_in, log_out

from .helpers import make_budget

pytestmark = pytest.mark.browser


def test_local_partner_asks_international_partner_approves_and_the_indicator_moves(page, world):
    budget = make_budget(world)
    log_in(page, world.local_admin)
    page.goto(budget.get_absolute_url())
    expect(page.locator("#indicator-local_share")).to_have_text("31.0%")
    # The chart is drawn by the static script under the CSP, not by inline code.
    page.wait_for_function(
        "() => window.Chart && Chart.getChart(document.getElementById('indicator-chart'))"
    )

    page.get_by_role("link", name="Request a change").click()
    # One move row to start; the static script adds another in place, without a reload.
    expect(page.locator("#move-rows .move-row")).to_have_count(1)
    page.fill("#id_justification", "The community asked us to open two more water points.")
    page.get_by_role("button", name="Add a row").click()
    expect(page.locator("#move-rows .move-row")).to_have_count(2)
    expect(page.locator("#id_moves-TOTAL_FORMS")).to_have_value("2")
    expect(page.locator("#id_moves-1-from_line")).to_be_focused()
    expect(page.locator("#id_justification")).to_have_value(
        "The community asked us to open two more water points."
    )
    page.select_option("#id_moves-0-from_line", str(budget.line["International programme"].pk))
    page.select_option("#id_moves-0-to_line", str(budget.line["Local programme"].pk))
    page.fill("#id_moves-0-amount", "10000")
    page.get_by_role("button", name="Send the request").click()
    expect(page.locator("main")).to_contain_text("waits for the other party")
    expect(page.locator("#indicator-local_share")).to_have_text("31.0%")
    change = ChangeRequest.objects.get()
    assert change.is_pending

    log_out(page)
    log_in(page, world.international_admin)
    expect(page.locator("#nav-notifications .badge")).to_have_text("1")
    page.goto(budget.get_absolute_url())
    page.locator("#pending").get_by_role("link", name=f"#{change.number} from Sauti Local").click()
    page.fill("#id_comment", "Agreed: the local team knows where the need is.")
    page.get_by_role("button", name="Approve").click()
    expect(page.locator("#indicator-local_share")).to_have_text("41.0%")
    expect(page.locator("#history")).to_contain_text("Change approved and applied")
    expect(page.locator("#budget-total")).to_have_text("100,000.00 EUR")
