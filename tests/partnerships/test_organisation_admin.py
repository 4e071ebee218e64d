"""Issue 13: an organisation's admins manage it in the app, and every change is recorded."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partnerships.models import Membership, OrganisationEvent

from .mou_support import make_mou
from .organisation_support import TINY_PNG

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _membership(world, user):
    return Membership.objects.get(user=user, organisation=world.local_org)


def _edit(client, world, user, **data):
    membership = _membership(world, user)
    return client.post(
        reverse("partnerships:membership_edit", args=[world.local_org.pk, membership.pk]),
        {"role": membership.role, **data},
    )


def test_an_org_admin_names_a_signatory_who_can_then_sign(client, world):
    mou = make_mou(world.partnership, status="awaiting")
    client.force_login(world.local_staff)
    sign_url = reverse("partnerships:mou_sign", args=[world.partnership.pk, mou.pk])
    assert client.get(sign_url).status_code == 403

    client.force_login(world.local_admin)
    response = _edit(client, world, world.local_staff, role="staff", is_signatory="on")
    assert response.status_code == 302
    assert _membership(world, world.local_staff).is_signatory
    assert world.local_staff.notifications.filter(message__contains="authorised signatory")

    client.force_login(world.local_staff)
    assert client.get(sign_url).status_code == 200
    client.post(
        sign_url,
        {
            "organisation": world.local_org.pk,
            "full_name": "Staff Person",
            "title": "Programme lead",
            "content_hash": mou.content_hash,
            "confirm": "on",
        },
    )
    assert mou.signatures.get().user == world.local_staff
    event = world.local_org.events.get()
    assert (event.action, event.actor, event.subject_name) == (
        OrganisationEvent.Action.SIGNATORY_ON,
        world.local_admin,
        world.local_staff.display_name,
    )


def test_removing_or_demoting_the_last_admin_is_refused(client, world):
    client.force_login(world.local_admin)
    admin = _membership(world, world.local_admin)
    response = _edit(client, world, world.local_admin, role="staff")
    assert "at least one admin" in response.content.decode()
    response = client.post(
        reverse("partnerships:membership_remove", args=[world.local_org.pk, admin.pk]), follow=True
    )
    assert "at least one admin" in response.content.decode()
    admin.refresh_from_db()
    assert admin.role == "admin"
    assert not world.local_org.events.exists()


def test_an_admin_removes_a_member_once_another_admin_exists(client, world):
    client.force_login(world.local_admin)
    _edit(client, world, world.local_staff, role="admin")
    admin = _membership(world, world.local_admin)
    client.post(reverse("partnerships:membership_remove", args=[world.local_org.pk, admin.pk]))
    assert not Membership.objects.filter(pk=admin.pk).exists()
    assert list(world.local_org.events.values_list("action", flat=True)) == ["removed", "role"]


def test_a_viewer_or_staff_cannot_change_roles(client, world):
    for user in (world.local_viewer, world.local_staff):
        client.force_login(user)
        response = _edit(client, world, world.local_viewer, role="admin")
        assert response.status_code == 403
    assert _membership(world, world.local_viewer).role == "viewer"


def test_role_changes_are_recorded_and_shown_on_the_organisation_page(client, world):
    client.force_login(world.local_admin)
    _edit(client, world, world.local_viewer, role="staff", is_safeguarding_focal_point="on")
    events = list(world.local_org.events.order_by("pk"))
    assert [(e.action, e.detail) for e in events] == [("role", "Viewer → Staff"), ("focal_on", "")]
    page = client.get(world.local_org.get_absolute_url()).content.decode()
    assert "Viewer → Staff" in page and "Safeguarding focal point named" in page
    assert world.local_admin.display_name in page


def test_an_unknown_role_is_refused_with_a_clear_message(client, world):
    client.force_login(world.local_admin)
    response = _edit(client, world, world.local_viewer, role="overlord")
    assert "“overlord” is not a role" in response.content.decode()
    assert _membership(world, world.local_viewer).role == "viewer"
    assert not world.local_org.events.exists()


def _profile(world, **overrides):
    org = world.local_org
    return {
        "name": org.name,
        "country": org.country.code,
        "kind": "national_cso",
        "website": "",
        "description": "",
        "mission": "Youth in budgets",
        "expertise": "Budget tracking",
        "languages": "Swahili, English",
        **overrides,
    }


def test_the_admin_edits_the_profile_with_a_logo(client, world):
    client.force_login(world.local_admin)
    logo = SimpleUploadedFile("logo.png", TINY_PNG, content_type="image/png")
    response = client.post(
        reverse("partnerships:organisation_edit", args=[world.local_org.pk]),
        {**_profile(world), "logo": logo},
    )
    assert response.status_code == 302
    world.local_org.refresh_from_db()
    assert (world.local_org.kind, world.local_org.mission) == ("national_cso", "Youth in budgets")
    assert world.local_org.logo.name.startswith("logos/")
    assert "logo" not in world.local_org.logo.name.split("/")[-1]  # random name
    served = client.get(reverse("partnerships:organisation_logo", args=[world.local_org.pk]))
    assert served["Content-Type"] == "image/png"
    event = world.local_org.events.get()
    assert event.action == "profile" and "mission" in event.detail


def test_a_logo_that_is_not_an_image_is_refused_and_nothing_saved(client, world):
    client.force_login(world.local_admin)
    fake = SimpleUploadedFile("logo.png", b"<svg onload=alert(1)>", content_type="image/png")
    response = client.post(
        reverse("partnerships:organisation_edit", args=[world.local_org.pk]),
        {**_profile(world), "logo": fake},
    )
    assert response.status_code == 200
    assert "Upload a valid image" in response.content.decode()
    world.local_org.refresh_from_db()
    assert world.local_org.mission == "" and not world.local_org.logo
    assert not world.local_org.events.exists()


def test_staff_cannot_edit_the_profile(client, world):
    client.force_login(world.local_staff)
    response = client.post(
        reverse("partnerships:organisation_edit", args=[world.local_org.pk]), _profile(world)
    )
    assert response.status_code == 403


def test_django_admin_refuses_to_demote_the_last_admin(admin_client, world):
    admin = _membership(world, world.local_admin)
    response = admin_client.post(
        reverse("admin:partnerships_membership_change", args=[admin.pk]),
        {"user": admin.user_id, "organisation": admin.organisation_id, "role": "staff"},
    )
    assert response.status_code == 200
    admin.refresh_from_db()
    assert admin.role == "admin"


def test_the_admin_removes_the_logo(client, world):
    from django.core.files.base import ContentFile

    world.local_org.logo.save("logo.png", ContentFile(TINY_PNG))
    client.force_login(world.local_admin)
    client.post(
        reverse("partnerships:organisation_edit", args=[world.local_org.pk]),
        {**_profile(world), "remove_logo": "on"},
    )
    world.local_org.refresh_from_db()
    assert not world.local_org.logo
