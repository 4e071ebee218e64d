"""Issue 13's journey in a real browser at phone width: the local partner's admin makes a
colleague signatory, the colleague signs the MoU; an agreed action is created from the
reflection and marked done."""

import pytest
from playwright.sync_api import expect

from partnerships.models import AgreedAction, Membership, ReflectionRound
from partnerships.services.reflection import reflection_answers_submit
from tests.browser import log_in, log_out

from .mou_support import ensure_questions, make_mou

pytestmark = pytest.mark.browser


def test_admin_names_a_signatory_who_signs_then_an_action_is_tracked_to_done(page, world):
    mou = make_mou(world.partnership, status="awaiting")
    round_ = ReflectionRound.objects.create(
        partnership=world.partnership,
        title="Round one",
        agreed_actions="1. Share the full budget\n2. Co-chair the steering committee",
    )
    round_.questions.set(ensure_questions())
    questions = list(round_.questions.all())
    reflection_answers_submit(
        round_id=round_.pk,
        organisation=world.local_org,
        user=world.local_admin,
        answers=[(q, 3, "") for q in questions],
    )
    reflection_answers_submit(
        round_id=round_.pk,
        organisation=world.international_org,
        user=world.international_admin,
        answers=[(q, 4, "") for q in questions],
    )
    colleague = world.local_staff

    log_in(page, world.local_admin)
    page.goto(world.local_org.get_absolute_url())
    page.get_by_role("link", name=f"Change the role of {colleague.display_name}").click()
    page.check("#id_is_signatory")
    page.locator("#membership-form button[type=submit]").click()
    expect(page.locator("#org-changes")).to_contain_text("Signatory named")
    assert Membership.objects.get(user=colleague, organisation=world.local_org).is_signatory
    log_out(page)

    log_in(page, colleague)
    page.goto(mou.get_absolute_url())
    page.get_by_role("link", name="Sign", exact=True).click()
    page.fill("#id_title", "Programme lead")
    page.check("#id_confirm")
    page.locator("#sign-form button[type=submit]").click()
    expect(page.locator("#signatures")).to_contain_text("Programme lead")
    assert mou.signatures.get().user == colleague

    page.goto(round_.get_absolute_url())
    page.locator("#track-actions").click()
    page.locator("#action-suggestions a", has_text="Share the full budget").click()
    expect(page.locator("#id_title")).to_have_value("Share the full budget")
    page.select_option("#id_owner_organisation", label=world.international_org.name)
    page.fill("#id_due_date", "2027-03-31")
    page.locator("#action-form button[type=submit]").click()
    expect(page.locator("#actions")).to_contain_text("Share the full budget")
    action = AgreedAction.objects.get()
    assert (action.reflection_round, action.owner_organisation) == (round_, world.international_org)
    page.get_by_role("button", name="Mark done").click()
    expect(page.locator("#actions")).to_contain_text("No actions here.")
    page.get_by_role("link", name="Done", exact=True).click()
    expect(page.locator("#actions")).to_contain_text("Share the full budget")
    action.refresh_from_db()
    assert action.status == AgreedAction.Status.DONE
    # The page fits a phone: nothing wider than the viewport.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
