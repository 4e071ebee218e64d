"""The second pass's main pages on a 360 px phone, in Arabic: right to left, nothing wider
than the screen, no script refused by the content security policy."""

import datetime

import pytest
from django.conf import settings as dj_settings
from django.core.files.base import ContentFile
from django.db import connections

from partnerships.models import AgreedAction, JointIntervention, ReflectionRound
from partnerships.services.membership import partnership_invite
from partnerships.services.reflection import reflection_answers_submit
from tests.browser import log_in

from .main_pages import _organisations_actions_and_more as pages
from .mou_support import ensure_questions
from .organisation_support import TINY_PNG

pytestmark = pytest.mark.browser


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
    connections.close_all()


def test_main_pages_fit_a_phone_in_arabic(phone, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    p = world.partnership
    p.start_date = datetime.date(2026, 1, 1)
    p.save()
    world.local_org.mission = "مهمتنا " * 30
    world.local_org.logo.save("logo.png", ContentFile(TINY_PNG))
    for title in ("Round one", "Round two"):
        round_ = ReflectionRound.objects.create(
            partnership=p, title=title, agreed_actions="1. شارك الميزانية كاملة"
        )
        round_.questions.set(ensure_questions())
        questions = list(round_.questions.all())
        reflection_answers_submit(
            round_id=round_.pk,
            organisation=world.local_org,
            user=world.local_admin,
            answers=[(q, 2, "") for q in questions],
        )
        reflection_answers_submit(
            round_id=round_.pk,
            organisation=world.international_org,
            user=world.international_admin,
            answers=[(q, 4, "") for q in questions],
        )
    AgreedAction.objects.create(
        partnership=p,
        title="A very long action title " * 8,
        owner_organisation=world.local_org,
        due_date=datetime.date(2026, 2, 1),
    )
    JointIntervention.objects.create(
        partnership=p,
        title="Radio",
        start_date=p.start_date,
        local_needs="n " * 200,
        target_groups="g",
    )
    partnership_invite(
        partnership=p,
        organisation=world.outsider.memberships.get().organisation,
        role="donor",
        actor=world.local_admin,
    )
    errors = []
    phone.on("pageerror", lambda error: errors.append(str(error)))
    # A CSP refusal is a console error; a missing file is caught by URL below.
    phone.on(
        "console",
        lambda m: (
            errors.append(m.text)
            if m.type == "error" and not m.text.startswith("Failed to load resource")
            else None
        ),
    )
    missing = []
    phone.on("response", lambda r: missing.append(r.url) if r.status >= 400 else None)
    log_in(phone, world.local_admin)
    phone.context.add_cookies(
        [{"name": dj_settings.LANGUAGE_COOKIE_NAME, "value": "ar", "url": phone.url}]
    )
    too_wide = []
    for label, url in pages(p):
        response = phone.goto(url)
        assert response.status == 200, label
        assert phone.locator("html").get_attribute("dir") == "rtl", label
        width = phone.evaluate("document.documentElement.scrollWidth")
        if width > 360:
            too_wide.append((label, width))
    assert not too_wide
    assert not errors
    assert not [url for url in missing if "favicon" not in url], missing
