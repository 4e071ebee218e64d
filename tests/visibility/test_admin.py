"""The admin keeps the consent rules: no approving or publishing on an organisation's behalf."""

import pytest

from partnerships.models import User
from visibility.models import Credit, PublicProfile, Result

from .helpers import approve_all, credit_of, make_result, open_page, publish_profile

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, db):
    user = User.objects.create_superuser(email="site@example.org", password="x")
    client.force_login(user)
    return client


def test_every_visibility_model_has_an_admin(admin_client):
    from django.apps import apps
    from django.contrib import admin

    for model in apps.get_app_config("visibility").get_models():
        if model.__name__.startswith("Historical"):
            continue
        assert admin.site.is_registered(model), model.__name__


def test_the_admin_cannot_approve_or_name_on_an_organisations_behalf(admin_client, world):
    result = make_result(world)
    url = f"/admin/visibility/result/{result.pk}/change/"
    page = admin_client.get(url).content.decode()
    assert 'name="credits-0-approved_at"' not in page
    assert 'name="credits-0-name_as"' not in page
    assert 'name="published_at"' not in page
    admin_client.post(
        url,
        {
            "title": result.title,
            "text": result.text,
            "figures": "",
            "photo_consent": "",
            "published_at": "2026-01-01 00:00:00",
            "credits-TOTAL_FORMS": "2",
            "credits-INITIAL_FORMS": "2",
            "credits-0-id": credit_of(result, world.local_org).pk,
            "credits-0-result": result.pk,
            "credits-0-approved_at": "2026-01-01 00:00:00",
            "credits-1-id": credit_of(result, world.international_org).pk,
            "credits-1-result": result.pk,
            "credits-1-approved_at": "2026-01-01 00:00:00",
        },
    )
    assert not Result.objects.get().is_published
    assert not Credit.objects.filter(approved_at__isnull=False).exists()


def test_a_story_corrected_in_the_admin_needs_every_approval_again(admin_client, world):
    open_page(world)
    result = approve_all(world, make_result(world))
    response = admin_client.post(
        f"/admin/visibility/result/{result.pk}/change/",
        {
            "title": "Corrected title",
            "text": result.text,
            "figures": "",
            "photo_consent": "",
            "credits-TOTAL_FORMS": "0",
            "credits-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    result.refresh_from_db()
    assert result.title == "Corrected title" and not result.is_published


def test_the_admin_can_take_a_result_down_but_not_put_it_up(admin_client, world):
    page = open_page(world)
    result = approve_all(world, make_result(world, title="Taken down"))
    admin_client.post(
        "/admin/visibility/result/", {"action": "take_down", "_selected_action": [result.pk]}
    )
    result.refresh_from_db()
    assert not result.is_published
    admin_client.logout()
    assert "Taken down" not in admin_client.get(page.get_absolute_url()).content.decode()


def test_the_admin_cannot_publish_a_profile(admin_client, world):
    profile = publish_profile(world.local_org)
    from visibility.services import public

    public.profile_save(organisation=world.local_org, is_public=False, slug=profile.slug)
    admin_client.post(
        f"/admin/visibility/publicprofile/{profile.pk}/change/",
        {
            "is_public": "on",
            "slug": profile.slug,
            "languages": '["en"]',
            "mission": "m",
            "expertise": "",
            "show_website": "on",
            "public_email": "",
        },
    )
    assert not PublicProfile.objects.get().is_public
