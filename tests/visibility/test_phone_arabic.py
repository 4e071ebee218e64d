import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connections
from playwright.sync_api import expect

from partnerships.management.commands.seed_demo import DEMO_PASSWORD
from partnerships.models import Partnership, User
from tests.browser import log_in

from .main_pages import pages, public_pages

pytestmark = pytest.mark.browser


@pytest.fixture
def arabic_phone(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 360, "height": 740})
    context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "ar", "url": live_server.url}]
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
    connections.close_all()


def test_every_visibility_page_fits_a_phone_in_arabic(arabic_phone):
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    page = arabic_phone
    partnership = Partnership.objects.order_by("pk").first()
    amina = User.objects.get(email="amina@sautiyajamii.example")
    User.objects.filter(pk=amina.pk).update(language="ar")
    log_in(page, amina, DEMO_PASSWORD)
    listed = pages(partnership)
    assert len(listed) >= 6
    for label, url in listed:
        response = page.goto(url)
        assert response.status == 200, label
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, (label, width)
    page.context.clear_cookies()
    published = public_pages(partnership)
    assert len(published) == 3
    right_to_left = 0
    for label, url in published:
        response = page.goto(url + "?lang=ar")
        assert response.status == 200, label
        # The Nordic partner chose English only: its page stays in a language it chose.
        right_to_left += page.locator("html").get_attribute("dir") == "rtl"
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, label
    assert right_to_left == 2
