import pytest
from django.core.management import call_command
from django.test import override_settings

from capacity.models import AssessmentRound, CapacityAction
from capacity.services.assessment import results
from capacity.services.indicators import indicators
from partnerships.models import Partnership, User

from .main_pages import pages

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    return Partnership.objects.order_by("pk").first()


def test_the_demo_shows_a_change_between_two_complete_rounds(demo):
    rounds = list(AssessmentRound.objects.filter(partnership=demo))
    assert len(rounds) == 2 and all(r.is_complete for r in rounds)
    latest = results(rounds[0])
    assert latest["previous_id"] == rounds[1].pk
    changes = [d.change for s in latest["subjects"] for d in s.domains if d.change]
    assert changes  # something moved between the rounds
    figures = indicators(demo)
    assert figures["change"] and figures["symmetry"]
    # The plan draws on the partnership's own capacity line.
    funded = CapacityAction.objects.filter(partnership=demo, budget_line__isnull=False)
    assert funded and all(a.budget_line.budget.partnership_id == demo.pk for a in funded)
    assert all(a.budget_line.category == "capacity" for a in funded)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_every_main_page_renders(client, demo, language, settings):
    client.force_login(User.objects.get(email="amina@sautiyajamii.example"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    for label, url in pages(demo):
        response = client.get(url)
        assert response.status_code == 200, (label, url)
        html = response.content.decode()
        if language == "ar":
            assert 'dir="rtl"' in html
        assert "<script>" not in html  # charts come from static files (CSP)


@override_settings(DEBUG=False)
def test_partnership_page_shows_the_capacity_section(client, demo):
    client.force_login(User.objects.get(email="amina@sautiyajamii.example"))
    html = client.get(demo.get_absolute_url()).content.decode()
    assert 'id="capacity-section"' in html and "Repeat assessment 2026" in html


def test_the_demo_also_shows_a_round_waiting_and_a_one_sided_plan(client, demo):
    waiting = Partnership.objects.order_by("pk")[2]
    round_ = AssessmentRound.objects.get(partnership=waiting)
    assert not round_.is_complete
    client.force_login(User.objects.get(email="celia@rede-beira.example"))
    assert "subject-result" not in client.get(round_.get_absolute_url()).content.decode()
    plan = client.get(f"/capacity/{waiting.pk}/plan/").content.decode()
    assert 'id="symmetry-warning"' in plan
