"""Nothing is public until every credited organisation approved how it is named; a withdrawal
unpublishes at once, cached copies included."""

import io
import re

import pytest
from django.core.cache import cache
from pypdf import PdfReader

from visibility.models import Credit, PublicProfile, Result
from visibility.services import cache as public_cache
from visibility.services import results

from .helpers import approve_all, credit_of, make_result, open_page, publish_profile

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.fixture
def public_world(world):
    page = open_page(world)
    local_profile = publish_profile(world.local_org)
    international_profile = publish_profile(world.international_org)
    return world, page, local_profile, international_profile


def _public_texts(client, page, *profiles):
    texts = [client.get(page.get_absolute_url()).content.decode()]
    for profile in profiles:
        texts.append(client.get(profile.get_absolute_url()).content.decode())
        pdf = client.get(f"/visibility/public/organisations/{profile.slug}/capability.pdf")
        texts.append(pdf_text(pdf.content))
    return texts


def test_a_result_is_public_only_once_every_credited_organisation_approved(client, public_world):
    world, page, local_profile, international_profile = public_world
    result = make_result(world, title="Youth proposals adopted")
    assert not any(
        "Youth proposals adopted" in text
        for text in _public_texts(client, page, local_profile, international_profile)
    )

    results.credit_approve(
        credit=credit_of(result, world.international_org), user=world.international_admin
    )
    result.refresh_from_db()
    assert not result.is_published
    assert not any(
        "Youth proposals adopted" in text
        for text in _public_texts(client, page, local_profile, international_profile)
    )

    results.credit_approve(credit=credit_of(result, world.local_org), user=world.local_admin)
    result.refresh_from_db()
    assert result.is_published
    assert all(
        "Youth proposals adopted" in text
        for text in _public_texts(client, page, local_profile, international_profile)
    )


def test_withdrawal_unpublishes_at_once_and_clears_the_cached_pages(client, public_world):
    world, page, local_profile, _international = public_world
    approve_all(world, make_result(world, title="Youth proposals adopted"))
    assert "Youth proposals adopted" in client.get(page.get_absolute_url()).content.decode()
    assert (
        "Youth proposals adopted" in client.get(local_profile.get_absolute_url()).content.decode()
    )
    page.refresh_from_db()
    local_profile.refresh_from_db()
    cached_page = public_cache.page_key(page.pk, page.version, "en")
    cached_profile = public_cache.profile_key(world.local_org.pk, local_profile.version, "en")
    assert "Youth proposals adopted" in cache.get(cached_page)
    assert cache.get(cached_profile)

    client.force_login(world.local_staff)  # any editor of the organisation may withdraw
    result = Result.objects.get()
    credit = credit_of(result, world.local_org)
    response = client.post(
        f"/visibility/partnership/{world.partnership.pk}/results/"
        f"{result.pk}/credits/{credit.pk}/withdraw/"
    )
    assert response.status_code == 302
    client.logout()

    result.refresh_from_db()
    assert not result.is_published
    assert cache.get(cached_page) is None and cache.get(cached_profile) is None
    assert "Youth proposals adopted" not in client.get(page.get_absolute_url()).content.decode()
    assert (
        "Youth proposals adopted"
        not in client.get(local_profile.get_absolute_url()).content.decode()
    )


def test_a_stale_cached_copy_is_never_served_even_if_the_delete_was_lost(client, public_world):
    world, page, *_ = public_world
    approve_all(world, make_result(world, title="Youth proposals adopted"))
    client.get(page.get_absolute_url())
    page.refresh_from_db()
    stale = cache.get(public_cache.page_key(page.pk, page.version, "en"))
    results.credit_withdraw(
        credit=credit_of(Result.objects.get(), world.local_org), user=world.local_admin
    )
    # Redis was down during the withdrawal and kept the old copy under the old key.
    cache.set(public_cache.page_key(page.pk, page.version, "en"), stale)
    assert "Youth proposals adopted" not in client.get(page.get_absolute_url()).content.decode()


def test_changing_the_story_asks_every_organisation_again(client, public_world):
    world, page, *_ = public_world
    result = approve_all(world, make_result(world))
    results.result_update(
        result=result,
        user=world.international_admin,
        title="A new title",
        text="A new story",
        figures="",
    )
    result.refresh_from_db()
    assert not result.is_published
    assert not Credit.objects.filter(approved_at__isnull=False).exists()
    assert "A new title" not in client.get(page.get_absolute_url()).content.decode()


def test_changing_how_one_is_named_asks_that_organisation_again(public_world):
    world, *_ = public_world
    result = approve_all(world, make_result(world))
    results.credit_update(
        credit=credit_of(result, world.local_org),
        user=world.local_admin,
        name_as="Sauti (Kisumu)",
        anonymous=False,
        anonymous_label="",
    )
    result.refresh_from_db()
    assert not result.is_published
    assert credit_of(result, world.international_org).is_approved
    assert not credit_of(result, world.local_org).is_approved


@pytest.mark.parametrize("who", ["international_admin", "local_staff"])
def test_only_the_credited_organisations_own_admin_approves(client, world, who):
    result = make_result(world)
    credit = credit_of(result, world.local_org)
    client.force_login(getattr(world, who))
    response = client.post(
        f"/visibility/partnership/{world.partnership.pk}/results/"
        f"{result.pk}/credits/{credit.pk}/approve/"
    )
    assert response.status_code == 403
    assert not credit_of(result, world.local_org).is_approved


def test_the_international_partner_cannot_rename_the_local_partner(client, world):
    result = make_result(world)
    credit = credit_of(result, world.local_org)
    client.force_login(world.international_admin)
    response = client.post(
        f"/visibility/partnership/{world.partnership.pk}/results/{result.pk}/credits/{credit.pk}/",
        {"name_as": "Our implementing partner"},
    )
    assert response.status_code == 403
    assert credit_of(result, world.local_org).name_as == ""


def test_a_result_of_a_partnership_without_a_public_page_is_nowhere_public(client, world):
    profile = publish_profile(world.local_org)
    approve_all(world, make_result(world, title="Youth proposals adopted"))
    assert Result.objects.get().is_published
    assert "Youth proposals adopted" not in client.get(profile.get_absolute_url()).content.decode()
    pdf = client.get(f"/visibility/public/organisations/{profile.slug}/capability.pdf")
    assert "Youth proposals adopted" not in pdf_text(pdf.content)


def test_the_public_page_needs_every_members_agreement_and_a_withdrawal_closes_it(client, world):
    page = open_page(world)
    assert client.get(page.get_absolute_url()).status_code == 200
    from visibility.services import public

    public.page_withdraw(partnership=world.partnership, organisation=world.international_org)
    assert client.get(page.get_absolute_url()).status_code == 404
    public.page_approve(
        partnership=world.partnership,
        organisation=world.international_org,
        user=world.international_admin,
    )
    assert client.get(page.get_absolute_url()).status_code == 200
    # a new text is a new page: everyone agrees again
    public.page_save(
        partnership=world.partnership, title="Another title", summary="", languages=["en"]
    )
    assert client.get(page.get_absolute_url()).status_code == 404


def test_opting_out_makes_the_profile_404_at_once(client, world):
    profile = publish_profile(world.local_org)
    assert client.get(profile.get_absolute_url()).status_code == 200
    client.force_login(world.local_admin)
    response = client.post(
        f"/visibility/organisations/{world.local_org.pk}/",
        {"slug": profile.slug, "languages": ["en"], "mission": "m"},
    )
    assert response.status_code == 302
    assert not PublicProfile.objects.get().is_public
    client.logout()
    assert client.get(profile.get_absolute_url()).status_code == 404
    assert (
        client.get(f"/visibility/public/organisations/{profile.slug}/capability.pdf").status_code
        == 404
    )


def test_a_staff_member_cannot_publish_the_profile(client, world):
    client.force_login(world.local_staff)
    response = client.post(
        f"/visibility/organisations/{world.local_org.pk}/",
        {"is_public": "on", "slug": "sauti", "languages": ["en"]},
    )
    assert response.status_code == 403
    assert not PublicProfile.objects.filter(is_public=True).exists()


def test_public_pages_show_no_private_field(client, world, settings):
    from budgets.models import Budget, BudgetLine
    from visibility.models import Endorsement, Forum, ForumRole

    page = open_page(world)
    world.local_org.website = "https://sauti.example"
    world.local_org.save()
    profile = publish_profile(world.local_org, show_website=False)
    shown = Forum.objects.create(name="Shown forum", kind="policy", level="local")
    hidden = Forum.objects.create(name="Hidden forum", kind="policy", level="local")
    ForumRole.objects.create(
        organisation=world.local_org,
        forum=shown,
        role="chair",
        representative="Secret Representative",
        show_publicly=True,
    )
    ForumRole.objects.create(organisation=world.local_org, forum=hidden, role="member")
    Endorsement.objects.create(
        organisation=world.local_org,
        partnership=world.partnership,
        author_organisation=world.international_org,
        text="Hidden endorsement",
    )
    budget = Budget.objects.create(partnership=world.partnership, title="Secret budget")
    BudgetLine.objects.create(
        budget=budget,
        category="core",
        organisation=world.local_org,
        description="Rent",
        amount=98765,
    )
    result = make_result(world, title="Public result")
    results.result_update(
        result=result,
        user=world.local_admin,
        title="Public result",
        text="The story",
        figures="",
        photo_consent="internal note",
    )
    approve_all(world, result)
    texts = _public_texts(client, page, profile)
    assert "Public result" in texts[0] and "Shown forum" in texts[1]
    private = [
        world.local_admin.email,
        world.local_staff.email,
        world.local_admin.full_name,
        "Secret Representative",
        "Hidden forum",
        "Hidden endorsement",
        "Secret budget",
        "98765",
        "98,765",
        "sauti.example",
        "internal note",
        world.partnership.title,
    ]
    for text in texts:
        leaked = [value for value in private if value in text]
        assert not leaked


def test_public_pages_work_for_anonymous_users_without_scripts_and_with_open_graph(client, world):
    page = open_page(world)
    approve_all(world, make_result(world, title="Youth proposals adopted"))
    response = client.get(page.get_absolute_url())
    assert response.status_code == 200
    body = response.content.decode()
    assert "<script" not in body and "csrfmiddlewaretoken" not in body
    assert 'property="og:title" content="Youth voices in budgets"' in body
    assert 'property="og:url"' in body
    arabic = client.get(page.get_absolute_url() + "?lang=ar").content.decode()
    assert 'dir="rtl"' in arabic and 'lang="ar"' in arabic
    # a language the partners did not choose falls back to the first one they did
    spanish = client.get(page.get_absolute_url() + "?lang=es")
    assert spanish["Content-Language"] == "en"


def test_public_pages_serve_when_the_cache_is_down(client, world, monkeypatch):
    page = open_page(world)

    def broken(*args, **kwargs):
        raise ConnectionError("redis down")

    monkeypatch.setattr(public_cache.cache, "get", broken)
    monkeypatch.setattr(public_cache.cache, "set", broken)
    assert client.get(page.get_absolute_url()).status_code == 200


def _og(body: str) -> str:
    return " ".join(re.findall(r"<meta [^>]*>|<title>[^<]*</title>", body))


def test_a_public_photo_is_served_only_while_its_result_is_published(client, world):
    from visibility.uploads import PHOTO_MAX_BYTES, clean_image

    from .conftest import image_upload

    open_page(world)
    result = results.result_create(
        partnership=world.partnership,
        user=world.international_admin,
        title="With a photo",
        text="Story",
        photo=clean_image(image_upload(), max_bytes=PHOTO_MAX_BYTES),
        photo_consent="Written consent of the people shown",
        credited=[world.local_org, world.international_org],
    )
    url = f"/visibility/public/results/{result.pk}/photo/"
    assert client.get(url).status_code == 404
    approve_all(world, result)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    results.credit_withdraw(credit=credit_of(result, world.local_org), user=world.local_admin)
    assert client.get(url).status_code == 404


def test_the_credited_organisations_admins_are_asked_to_approve(world):
    from partnerships.models import Notification

    make_result(world, title="Youth proposals adopted")
    notified = set(Notification.objects.values_list("recipient_id", flat=True))
    assert notified == {world.local_admin.pk}  # not the author, not staff or viewers


def test_only_the_organisations_admin_puts_a_forum_role_on_the_public_profile(client, world):
    from visibility.models import Forum, ForumRole

    profile = publish_profile(world.local_org)
    forum = Forum.objects.create(name="County forum", kind="policy", level="local")
    client.force_login(world.local_staff)
    client.post(
        f"/visibility/organisations/{world.local_org.pk}/fora/",
        {"forum": forum.pk, "role": "chair", "show_publicly": "on"},
    )
    assert ForumRole.objects.get().show_publicly is False
    client.logout()
    assert "County forum" not in client.get(profile.get_absolute_url()).content.decode()
    client.force_login(world.local_admin)
    client.post(
        f"/visibility/organisations/{world.local_org.pk}/fora/",
        {"forum": forum.pk, "role": "chair", "show_publicly": "on"},
    )
    client.logout()
    assert "County forum" in client.get(profile.get_absolute_url()).content.decode()


def test_an_endorsement_is_written_by_an_admin_and_shown_only_if_the_endorsed_choose(client, world):
    from visibility.models import Endorsement

    profile = publish_profile(world.local_org)
    url = f"/visibility/partnership/{world.partnership.pk}/endorsements/new/"
    client.force_login(world.local_staff)
    assert client.get(url).status_code == 403
    client.force_login(world.international_admin)
    response = client.post(
        url,
        {
            "author": world.international_org.pk,
            "organisation": world.local_org.pk,
            "text": "They lead.",
        },
    )
    assert response.status_code == 302
    client.logout()
    assert "They lead." not in client.get(profile.get_absolute_url()).content.decode()
    endorsement = Endorsement.objects.get()
    client.force_login(world.local_admin)
    client.post(
        f"/visibility/organisations/{world.local_org.pk}/endorsements/{endorsement.pk}/",
        {"show": "1"},
    )
    client.logout()
    assert "They lead." in client.get(profile.get_absolute_url()).content.decode()


def test_renaming_an_organisation_refreshes_the_cached_public_pages(client, world):
    page = open_page(world)
    profile = publish_profile(world.international_org)
    approve_all(world, make_result(world))
    assert "Sauti Local" in client.get(page.get_absolute_url()).content.decode()
    assert "Sauti Local" in client.get(profile.get_absolute_url()).content.decode()
    world.local_org.name = "Sauti Renamed"
    world.local_org.save()
    assert "Sauti Renamed" in client.get(page.get_absolute_url()).content.decode()
    assert "Sauti Renamed" in client.get(profile.get_absolute_url()).content.decode()
