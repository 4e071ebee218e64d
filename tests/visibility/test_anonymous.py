"""An organisation credited anonymously is named nowhere public: not on pages, not in their
metadata or Open Graph tags, not in PDFs, and its logo is never shown with the result."""

import pytest
from django.core.exceptions import ValidationError

from visibility.models import Result
from visibility.services import results

from .conftest import image_upload
from .helpers import approve_all, credit_of, make_result, open_page, publish_profile
from .test_consent import pdf_text

pytestmark = pytest.mark.django_db

LABEL = "a local women's rights organisation"


def _anonymous_result(world, **kwargs):
    result = make_result(
        world, title="Safe houses opened", text="Two safe houses opened.", **kwargs
    )
    results.credit_update(
        credit=credit_of(result, world.local_org),
        user=world.local_admin,
        name_as="",
        anonymous=True,
        anonymous_label=LABEL,
    )
    return approve_all(world, result)


def test_the_name_and_logo_appear_nowhere_public(client, world):
    from visibility.forms import ProfileForm  # noqa: F401  (the upload path of the logo)
    from visibility.uploads import LOGO_MAX_BYTES, clean_image

    page = open_page(world)
    local_profile = publish_profile(
        world.local_org, logo=clean_image(image_upload("logo.png"), max_bytes=LOGO_MAX_BYTES)
    )
    other_profile = publish_profile(world.international_org)
    result = _anonymous_result(world)
    assert result.is_published
    name = world.local_org.name
    logo_url = f"/visibility/public/organisations/{local_profile.slug}/logo/"

    page_body = client.get(page.get_absolute_url()).content.decode()
    other_body = client.get(other_profile.get_absolute_url()).content.decode()
    for body in (page_body, other_body):
        assert "Safe houses opened" in body
        assert "local women&#x27;s rights organisation" in body
        assert name not in body and logo_url not in body and local_profile.slug not in body
    for language in ("fr", "ar"):
        body = client.get(page.get_absolute_url() + f"?lang={language}").content.decode()
        assert "Safe houses opened" in body and name not in body

    pdf = client.get(f"/visibility/public/organisations/{other_profile.slug}/capability.pdf")
    text = pdf_text(pdf.content)
    assert "Safe houses opened" in text and "women" in text and name not in text
    # The organisation's own profile and statement never point at the result either.
    own = client.get(local_profile.get_absolute_url()).content.decode()
    assert "Safe houses opened" not in own
    own_pdf = client.get(f"/visibility/public/organisations/{local_profile.slug}/capability.pdf")
    assert "Safe houses opened" not in pdf_text(own_pdf.content)


def test_the_open_graph_tags_and_title_do_not_name_it(client, world):
    page = open_page(world)
    publish_profile(world.local_org)
    other = publish_profile(world.international_org)
    _anonymous_result(world)
    for url in (page.get_absolute_url(), other.get_absolute_url()):
        body = client.get(url).content.decode()
        head = body.split("</head>")[0]
        assert "og:title" in head and world.local_org.name not in head


def test_a_story_that_names_the_anonymous_partner_is_not_published(world):
    result = make_result(
        world, title="Safe houses", text=f"{world.local_org.name} opened two safe houses."
    )
    results.credit_update(
        credit=credit_of(result, world.local_org),
        user=world.local_admin,
        name_as="",
        anonymous=True,
        anonymous_label=LABEL,
    )
    with pytest.raises(ValidationError):
        results.credit_approve(credit=credit_of(result, world.local_org), user=world.local_admin)
    assert not Result.objects.get().is_published


def test_an_anonymous_credit_needs_a_description(client, world):
    result = make_result(world)
    credit = credit_of(result, world.local_org)
    client.force_login(world.local_admin)
    response = client.post(
        f"/visibility/partnership/{world.partnership.pk}/results/{result.pk}/credits/{credit.pk}/",
        {"anonymous": "on", "anonymous_label": ""},
    )
    assert response.status_code == 400
    assert "without naming it" in response.content.decode()
    assert not credit_of(result, world.local_org).anonymous


def test_a_public_page_that_names_the_anonymous_partner_does_not_show_its_results(client, world):
    page = open_page(world, title=f"{world.local_org.name} and its partner")
    other = publish_profile(world.international_org)
    _anonymous_result(world)
    assert "Safe houses opened" not in client.get(page.get_absolute_url()).content.decode()
    assert "Safe houses opened" not in client.get(other.get_absolute_url()).content.decode()
    pdf = client.get(f"/visibility/public/organisations/{other.slug}/capability.pdf")
    assert "Safe houses opened" not in pdf_text(pdf.content)
