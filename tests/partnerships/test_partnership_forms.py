"""Starting and editing a partnership. Members join only by invitation (see
test_membership_consent.py); these tests keep the rules the form always had."""

import pytest
from django.urls import reverse

from partnerships.models import Partnership, PartnershipMember
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _post_data(world, **overrides):
    data = {
        "title": "New work",
        "start_date": "",
        "end_date": "",
        "local_needs": "Needs named by the community",
        "context": "",
        "co_creation_notes": "",
        "own_organisation": str(world.local_org.pk),
        "own_role": "local_partner",
        "partner": str(world.international_org.pk),
        "partner_name": "",
        "partner_role": "international_partner",
    }
    data.update(overrides)
    return data


def _edit_data(p, **overrides):
    return {"title": p.title, "status": p.status, "local_needs": p.local_needs, **overrides}


def test_an_org_admin_creates_a_partnership_and_invites_the_partner(client, world):
    client.force_login(world.local_admin)
    response = client.post(reverse("partnerships:create"), _post_data(world))
    partnership = Partnership.objects.get(title="New work")
    assert response.status_code == 302
    assert response["Location"] == partnership.get_absolute_url()
    assert set(partnership.members.values_list("organisation__name", "role")) == {
        (world.local_org.name, "local_partner"),
    }
    invitation = partnership.invitations.get()
    assert (invitation.organisation, invitation.role, invitation.status) == (
        world.international_org,
        "international_partner",
        "pending",
    )
    assert partnership.status == "exploring"


def test_a_partnership_without_a_local_partner_is_refused(client, world):
    client.force_login(world.international_admin)
    before = Partnership.objects.count()
    response = client.post(
        reverse("partnerships:create"),
        _post_data(
            world,
            own_organisation=world.international_org.pk,
            own_role="international_partner",
            partner=world.local_org.pk,
            partner_role="donor",
        ),
    )
    assert response.status_code == 200
    assert "at least one local partner" in response.content.decode()
    assert Partnership.objects.count() == before


def test_a_local_partner_still_invited_counts_at_creation(client, world):
    """The rule while the partner has not answered: the local partner may be the invited
    organisation; the partnership stays exploring until it joins."""
    client.force_login(world.international_admin)
    response = client.post(
        reverse("partnerships:create"),
        _post_data(
            world,
            own_organisation=world.international_org.pk,
            own_role="international_partner",
            partner=world.local_org.pk,
            partner_role="local_partner",
        ),
    )
    assert response.status_code == 302
    partnership = Partnership.objects.get(title="New work")
    assert not partnership.members.filter(role="local_partner").exists()
    response = client.post(
        reverse("partnerships:edit", args=[partnership.pk]),
        _edit_data(partnership, status="negotiating"),
    )
    assert "The local partner has not joined yet" in response.content.decode()
    partnership.refresh_from_db()
    assert partnership.status == "exploring"


def test_an_international_org_cannot_be_named_the_local_partner(client, world):
    client.force_login(world.international_admin)
    response = client.post(
        reverse("partnerships:create"),
        _post_data(
            world,
            own_organisation=world.international_org.pk,
            own_role="local_partner",
            partner="",
            partner_role="",
        ),
    )
    assert "is not registered as a local actor" in response.content.decode()
    assert not Partnership.objects.filter(title="New work").exists()


def test_an_end_date_before_the_start_date_is_refused(client, world):
    client.force_login(world.local_admin)
    response = client.post(
        reverse("partnerships:create"),
        _post_data(world, start_date="2026-05-01", end_date="2026-04-30"),
    )
    assert response.status_code == 200
    assert "The end date cannot be before the start date." in response.content.decode()
    assert not Partnership.objects.filter(title="New work").exists()


def test_the_needs_are_required(client, world):
    client.force_login(world.local_admin)
    response = client.post(reverse("partnerships:create"), _post_data(world, local_needs=""))
    assert response.status_code == 200
    assert not Partnership.objects.filter(title="New work").exists()
    assert response.context["form"].errors["local_needs"]


def test_the_creator_can_only_start_for_their_own_organisation(client, world):
    client.force_login(world.outsider)  # admin of an organisation that is not listed
    response = client.post(reverse("partnerships:create"), _post_data(world))
    assert response.status_code == 200
    assert response.context["form"].errors["own_organisation"]
    assert not Partnership.objects.filter(title="New work").exists()


def test_staff_who_are_not_admins_cannot_create(client, world):
    client.force_login(world.local_staff)
    assert client.get(reverse("partnerships:create")).status_code == 403


def test_status_moves_one_step_at_a_time(client, world):
    p = world.partnership  # active
    client.force_login(world.local_admin)
    response = client.post(
        reverse("partnerships:edit", args=[p.pk]), _edit_data(p, status="exploring")
    )
    assert "cannot move from" in response.content.decode()
    response = client.post(
        reverse("partnerships:edit", args=[p.pk]), _edit_data(p, status="closing")
    )
    assert response.status_code == 302
    p.refresh_from_db()
    assert p.status == "closing"


def test_the_database_refuses_an_end_before_the_start(world):
    from django.db import IntegrityError, transaction

    p = world.partnership
    p.start_date, p.end_date = "2026-05-01", "2026-01-01"
    with pytest.raises(IntegrityError), transaction.atomic():
        p.save()


def test_admin_shows_members_but_changes_them_only_through_consent(admin_client, world):
    """Django admin is no way around consent: its member inline is read-only."""
    p = world.partnership
    members = list(PartnershipMember.objects.filter(partnership=p).order_by("pk"))
    third = OrganisationFactory(name="Third Org")
    # What the old inline allowed: drop the international partner, add another organisation.
    data = {
        "title": p.title,
        "status": p.status,
        "local_needs": p.local_needs,
        "members-TOTAL_FORMS": "3",
        "members-INITIAL_FORMS": "2",
        "members-MIN_NUM_FORMS": "0",
        "members-MAX_NUM_FORMS": "1000",
        "members-2-organisation": str(third.pk),
        "members-2-role": "consortium_member",
    }
    for i, m in enumerate(members):
        data.update(
            {
                f"members-{i}-id": m.pk,
                f"members-{i}-partnership": p.pk,
                f"members-{i}-organisation": m.organisation_id,
                f"members-{i}-role": m.role,
            }
        )
    data["members-1-DELETE"] = "on"
    page = admin_client.get(reverse("admin:partnerships_partnership_change", args=[p.pk]))
    assert world.international_org.name in page.content.decode()
    admin_client.post(reverse("admin:partnerships_partnership_change", args=[p.pk]), data)
    assert sorted(p.members.values_list("pk", flat=True)) == [m.pk for m in members]
