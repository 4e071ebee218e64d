import pytest
from django.core.management import call_command

from feedback.models import Adaptation, Case, Channel
from partnerships.models import Partnership

from .main_pages import pages, public_pages

pytestmark = pytest.mark.django_db


def test_the_demo_seeds_feedback_and_every_main_page_opens(client):
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    assert Channel.objects.exists() and Adaptation.objects.exists()
    assert Case.objects.filter(kind="sensitive").exists()
    assert Case.objects.filter(status="closed").exists()
    partnership = Partnership.objects.get(title="Youth voices in county budgeting")
    from partnerships.models import User

    client.force_login(User.objects.get(email="amina@sautiyajamii.example"))
    for label, url in pages(partnership):
        assert client.get(url).status_code == 200, label
    response = client.get(partnership.get_absolute_url())
    assert b"feedback-section" in response.content
    client.logout()
    for label, url in public_pages(partnership):
        assert client.get(url).status_code == 200, label
