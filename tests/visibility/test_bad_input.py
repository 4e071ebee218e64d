"""Bad input gets a clear message and saves nothing."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from budgets.models import Budget, BudgetLine
from partnerships.models import Partnership
from tests.factories import PartnershipFactory
from visibility.models import EventAttendance, Forum, ForumEvent, ForumSupport, Result
from visibility.services import fora
from visibility.uploads import PHOTO_MAX_BYTES

from .conftest import image_upload
from .helpers import make_result

pytestmark = pytest.mark.django_db


def _url(world, tail):
    return f"/visibility/partnership/{world.partnership.pk}/{tail}"


def test_an_event_in_the_future_cannot_have_been_attended(client, world):
    client.force_login(world.local_staff)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(
        _url(world, "events/new/"),
        {
            "title": "Budget hearing",
            "date": tomorrow.isoformat(),
            f"attended_{world.local_org.pk}": "Amina",
        },
    )
    assert response.status_code == 400
    assert "still to come" in response.content.decode()
    assert not ForumEvent.objects.exists() and not EventAttendance.objects.exists()
    # planned, with nobody marked as there yet, is fine
    response = client.post(
        _url(world, "events/new/"), {"title": "Budget hearing", "date": tomorrow.isoformat()}
    )
    assert response.status_code == 302 and ForumEvent.objects.count() == 1


@pytest.fixture
def link(world):
    forum = Forum.objects.create(name="County forum", kind="policy", level="local")
    return fora.forum_link(partnership=world.partnership, forum=forum, local_aim="Be heard")


def test_a_negative_support_cost_is_refused(client, world, link):
    client.force_login(world.local_staff)
    response = client.post(
        _url(world, f"fora/{link.pk}/support/"),
        {
            "kind": "travel",
            "description": "Bus",
            "provided_by": world.international_org.pk,
            "cost": "-50",
        },
    )
    assert response.status_code == 400
    assert "cannot be negative" in response.content.decode()
    assert not ForumSupport.objects.exists()


def test_a_budget_line_of_another_partnership_is_refused(client, world, link):
    other = PartnershipFactory(status=Partnership.Status.ACTIVE)
    budget = Budget.objects.create(partnership=other, title="Other budget")
    line = BudgetLine.objects.create(
        budget=budget,
        category="programme",
        organisation=world.local_org,
        description="Travel",
        amount=1000,
    )
    client.force_login(world.local_staff)
    response = client.post(
        _url(world, f"fora/{link.pk}/support/"),
        {
            "kind": "travel",
            "description": "Bus",
            "provided_by": world.international_org.pk,
            "cost": "50",
            "budget_line": line.pk,
        },
    )
    assert response.status_code == 400
    assert not ForumSupport.objects.exists()
    # the service refuses it too, whoever calls it
    with pytest.raises(Exception, match="another partnership"):
        fora.support_add(
            link=link,
            kind="travel",
            description="Bus",
            provided_by=world.international_org,
            cost=50,
            budget_line=line,
        )
    own = Budget.objects.create(partnership=world.partnership, title="Our budget")
    own_line = BudgetLine.objects.create(
        budget=own,
        category="programme",
        organisation=world.local_org,
        description="Travel",
        amount=1000,
    )
    response = client.post(
        _url(world, f"fora/{link.pk}/support/"),
        {
            "kind": "travel",
            "description": "Bus",
            "provided_by": world.international_org.pk,
            "cost": "50",
            "budget_line": own_line.pk,
        },
    )
    assert response.status_code == 302
    assert ForumSupport.objects.get().budget_line == own_line


def _result_post(world, photo, **extra):
    return {
        "title": "Proposals adopted",
        "text": "Story",
        "photo": photo,
        "photo_consent": "The people shown agreed in writing on 3 May.",
        "credited": [world.local_org.pk, world.international_org.pk],
        **extra,
    }


def test_a_file_that_is_not_an_image_is_refused(client, world):
    client.force_login(world.local_staff)
    fake = SimpleUploadedFile(
        "photo.jpg", b"%PDF-1.4 not an image at all", content_type="image/jpeg"
    )
    response = client.post(_url(world, "results/new/"), _result_post(world, fake))
    assert response.status_code == 400
    assert "is not a JPEG, PNG or WebP image" in response.content.decode()
    assert not Result.objects.exists()


def test_an_image_over_the_size_limit_is_refused(client, world):
    client.force_login(world.local_staff)
    big = SimpleUploadedFile(
        "big.png", b"\x89PNG" + b"0" * (PHOTO_MAX_BYTES + 1), content_type="image/png"
    )
    response = client.post(_url(world, "results/new/"), _result_post(world, big))
    assert response.status_code == 400
    assert "images can be at most" in response.content.decode()
    assert not Result.objects.exists()


def test_a_photo_needs_a_recorded_consent(client, world):
    client.force_login(world.local_staff)
    response = client.post(
        _url(world, "results/new/"), _result_post(world, image_upload(), photo_consent="")
    )
    assert response.status_code == 400
    assert not Result.objects.exists()


def test_a_photo_is_stored_under_a_random_name_without_its_location(client, world):
    client.force_login(world.local_staff)
    response = client.post(
        _url(world, "results/new/"),
        _result_post(world, image_upload("kisumu-safe-house.jpg", fmt="JPEG", exif_gps=True)),
    )
    assert response.status_code == 302
    result = Result.objects.get()
    assert "kisumu" not in result.photo.name and result.photo.name.endswith(".jpg")
    with result.photo.open("rb") as file:
        stored = Image.open(io.BytesIO(file.read()))
        assert not stored.getexif().get(0x8825)
    photo = client.get(_url(world, f"results/{result.pk}/photo/"))
    assert photo.status_code == 200 and photo["Content-Type"] == "image/jpeg"


def test_a_result_must_credit_a_local_partner(client, world):
    client.force_login(world.international_admin)
    response = client.post(
        _url(world, "results/new/"),
        {"title": "Our result", "text": "Story", "credited": [world.international_org.pk]},
    )
    assert response.status_code == 400
    assert "local partner" in response.content.decode()
    assert not Result.objects.exists()


def test_an_organisation_cannot_be_introduced_to_itself_or_in_the_future(client, world):
    client.force_login(world.local_staff)
    response = client.post(
        _url(world, "introductions/new/"),
        {
            "introduced_by": world.local_org.pk,
            "introduced": world.local_org.pk,
            "introduced_to": "Fund",
            "target_kind": "donor",
            "date": (timezone.localdate() + datetime.timedelta(days=3)).isoformat(),
            "outcome": "pending",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "cannot introduce itself" in body and "once it has happened" in body


def test_a_result_edit_without_consent_for_an_existing_photo_is_refused(client, world):
    result = make_result(world)
    client.force_login(world.local_staff)
    response = client.post(
        _url(world, f"results/{result.pk}/edit/"),
        {"title": "T", "text": "S", "photo": image_upload(), "photo_consent": ""},
    )
    assert response.status_code == 400
    result.refresh_from_db()
    assert not result.photo
