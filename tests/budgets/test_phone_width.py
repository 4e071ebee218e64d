"""#14: budget pages fit a 360 px phone in French and Arabic (a status badge that did not
wrap made the French budget page 514 px wide)."""

from decimal import Decimal

import pytest

from budgets.services import changes
from budgets.services.rules import Move
from tests.browser import log_in

from .helpers import make_budget

pytestmark = pytest.mark.browser

WIDTH = 360


def _pages(world):
    budget = make_budget(world)
    draft = make_budget(world, status="draft")
    waiting = changes.change_request_create(
        budget=budget,
        user=world.local_admin,
        organisation=world.local_org,
        justification="Rent went up; the monitoring visits can be done by the local team.",
        moves=[
            Move(
                budget.line["International programme"],
                budget.line["Office rent and internet"],
                Decimal("9000"),
            )
        ],
    )
    lapsing = changes.change_request_create(
        budget=budget,
        user=world.international_admin,
        organisation=world.international_org,
        justification="Reserve to mentoring",
        moves=[
            Move(
                budget.line["Flexible reserve"],
                budget.line["Financial management mentoring"],
                Decimal("5000"),
            )
        ],
    )
    changes.change_request_create(
        budget=budget,
        user=world.local_admin,
        organisation=world.local_org,
        justification="Reserve used for the office",
        moves=[
            Move(
                budget.line["Flexible reserve"],
                budget.line["Office rent and internet"],
                Decimal("300"),
            )
        ],
    )
    base = f"/partnerships/{world.partnership.pk}/budgets/"
    return [
        base,
        budget.get_absolute_url(),
        draft.get_absolute_url(),
        f"{budget.get_absolute_url()}changes/new/",
        f"{draft.get_absolute_url()}edit/",
        f"{budget.get_absolute_url()}rule/",
        waiting.get_absolute_url(),
        lapsing.get_absolute_url(),
    ]


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_budget_pages_fit_a_360_px_phone(page, live_server, world, language):
    urls = _pages(world)
    page.set_viewport_size({"width": WIDTH, "height": 800})
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    log_in(page, world.local_admin)
    too_wide = {}
    for url in urls:
        page.goto(url)
        assert page.evaluate("document.documentElement.lang") == language
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > WIDTH:
            too_wide[url] = width
    # The budget section of the partnership page (the rest of that page is checked with it).
    page.goto(world.partnership.get_absolute_url())
    section = page.evaluate("""() => {
        const el = document.getElementById("budgets-section");
        const box = el.getBoundingClientRect();
        return {right: box.right, left: box.left, scroll: el.scrollWidth, client: el.clientWidth};
    }""")
    assert section["left"] >= 0 and section["right"] <= WIDTH
    assert section["scroll"] <= section["client"]
    assert not too_wide
