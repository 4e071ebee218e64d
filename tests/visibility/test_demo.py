import pytest
from django.core.management import call_command

from visibility.models import Credit, PartnershipPage, PublicProfile, Result

pytestmark = pytest.mark.django_db


def test_the_demo_seeds_visibility_that_keeps_the_consent_rules(client):
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    published = Result.objects.filter(published_at__isnull=False)
    assert published.count() == 2
    for result in published:
        assert all(c.is_approved for c in result.credits.all())
    assert Result.objects.filter(published_at__isnull=True).count() == 1
    page = PartnershipPage.objects.get()
    assert page.is_public
    profile = PublicProfile.objects.get(organisation__name="Sauti ya Jamii")
    response = client.get(profile.get_absolute_url())
    assert response.status_code == 200
    body = response.content.decode()
    assert "Sauti ya Jamii (Kisumu)" in body and "Budget literacy sessions" not in body
    anonymous = Credit.objects.get(anonymous=True)
    # its partnership has no public page, so the result is nowhere public
    assert client.get(page.get_absolute_url()).status_code == 200
    assert anonymous.organisation.name not in client.get(page.get_absolute_url()).content.decode()
