import pytest
from django.urls import reverse

from partnerships.models import Partnership, PartnershipMember

pytestmark = pytest.mark.django_db


def _post_data(world, **overrides):
    data = {
        "title": "New work",
        "status": "exploring",
        "start_date": "",
        "end_date": "",
        "local_needs": "Needs named by the community",
        "context": "",
        "co_creation_notes": "",
        "members-TOTAL_FORMS": "2",
        "members-INITIAL_FORMS": "0",
        "members-MIN_NUM_FORMS": "0",
        "members-MAX_NUM_FORMS": "1000",
        "members-0-organisation": str(world.local_org.pk),
        "members-0-role": "local_partner",
        "members-1-organisation": str(world.international_org.pk),
        "members-1-role": "international_partner",
    }
    data.update(overrides)
    return data


def test_an_org_admin_creates_a_partnership_with_members(client, world):
    client.force_login(world.local_admin)
    response = client.post(reverse("partnerships:create"), _post_data(world))
    partnership = Partnership.objects.get(title="New work")
    assert response.status_code == 302
    assert response["Location"] == partnership.get_absolute_url()
    assert set(partnership.members.values_list("organisation__name", "role")) == {
        (world.local_org.name, "local_partner"),
        (world.international_org.name, "international_partner"),
    }


def test_a_partnership_without_a_local_partner_is_refused(client, world):
    client.force_login(world.international_admin)
    before = Partnership.objects.count()
    response = client.post(reverse("partnerships:create"), _post_data(
        world, **{"members-0-role": "donor"}
    ))
    assert response.status_code == 200
    assert "at least one local partner" in response.content.decode()
    assert Partnership.objects.count() == before


def test_an_international_org_cannot_be_named_the_local_partner(client, world):
    client.force_login(world.international_admin)
    response = client.post(reverse("partnerships:create"), _post_data(
        world, **{"members-0-role": "donor", "members-1-role": "local_partner"}
    ))
    assert "is not registered as a local actor" in response.content.decode()
    assert not Partnership.objects.filter(title="New work").exists()


def test_an_end_date_before_the_start_date_is_refused(client, world):
    client.force_login(world.local_admin)
    response = client.post(reverse("partnerships:create"), _post_data(
        world, start_date="2026-05-01", end_date="2026-04-30"
    ))
    assert response.status_code == 200
    assert "The end date cannot be before the start date." in response.content.decode()
    assert not Partnership.objects.filter(title="New work").exists()


def test_the_needs_are_required(client, world):
    client.force_login(world.local_admin)
    response = client.post(reverse("partnerships:create"), _post_data(world, local_needs=""))
    assert response.status_code == 200
    assert not Partnership.objects.filter(title="New work").exists()
    assert response.context["form"].errors["local_needs"]


def test_the_creator_must_keep_their_own_organisation(client, world):
    client.force_login(world.outsider)  # admin of an organisation that is not listed
    response = client.post(reverse("partnerships:create"), _post_data(world))
    assert "Your own organisation must be one of the members" in response.content.decode()
    assert not Partnership.objects.filter(title="New work").exists()


def test_staff_who_are_not_admins_cannot_create(client, world):
    client.force_login(world.local_staff)
    assert client.get(reverse("partnerships:create")).status_code == 403


def test_removing_the_last_local_partner_is_refused_and_changes_nothing(client, world):
    p = world.partnership
    members = list(p.members.order_by("pk"))
    client.force_login(world.local_admin)
    data = {
        "title": p.title, "status": p.status, "local_needs": p.local_needs,
        "members-TOTAL_FORMS": "2", "members-INITIAL_FORMS": "2",
        "members-MIN_NUM_FORMS": "0", "members-MAX_NUM_FORMS": "1000",
    }
    for i, m in enumerate(members):
        data.update({f"members-{i}-id": m.pk, f"members-{i}-organisation": m.organisation_id,
                     f"members-{i}-role": m.role, f"members-{i}-partnership": p.pk})
    data["members-0-DELETE"] = "on"
    data["title"] = "Renamed"
    response = client.post(reverse("partnerships:edit", args=[p.pk]), data)
    assert "at least one local partner" in response.content.decode()
    p.refresh_from_db()
    assert p.title == "Shared work"
    assert p.members.count() == 2


def test_status_moves_one_step_at_a_time(client, world):
    p = world.partnership  # active
    client.force_login(world.local_admin)
    members = list(p.members.order_by("pk"))
    data = {
        "title": p.title, "status": "exploring", "local_needs": p.local_needs,
        "members-TOTAL_FORMS": "2", "members-INITIAL_FORMS": "2",
        "members-MIN_NUM_FORMS": "0", "members-MAX_NUM_FORMS": "1000",
    }
    for i, m in enumerate(members):
        data.update({f"members-{i}-id": m.pk, f"members-{i}-organisation": m.organisation_id,
                     f"members-{i}-role": m.role, f"members-{i}-partnership": p.pk})
    response = client.post(reverse("partnerships:edit", args=[p.pk]), data)
    assert "cannot move from" in response.content.decode()
    data["status"] = "closing"
    response = client.post(reverse("partnerships:edit", args=[p.pk]), data)
    assert response.status_code == 302
    p.refresh_from_db()
    assert p.status == "closing"


def test_the_database_refuses_an_end_before_the_start(world):
    from django.db import IntegrityError, transaction

    p = world.partnership
    p.start_date, p.end_date = "2026-05-01", "2026-01-01"
    with pytest.raises(IntegrityError), transaction.atomic():
        p.save()


def test_admin_inline_enforces_a_local_partner(admin_client, world):
    p = world.partnership
    members = list(PartnershipMember.objects.filter(partnership=p).order_by("pk"))
    data = {
        "title": p.title, "status": p.status, "local_needs": p.local_needs,
        "members-TOTAL_FORMS": "2", "members-INITIAL_FORMS": "2",
        "members-MIN_NUM_FORMS": "0", "members-MAX_NUM_FORMS": "1000",
    }
    for i, m in enumerate(members):
        data.update({f"members-{i}-id": m.pk, f"members-{i}-organisation": m.organisation_id,
                     f"members-{i}-role": "donor", f"members-{i}-partnership": p.pk})
    response = admin_client.post(reverse("admin:partnerships_partnership_change",
                                         args=[p.pk]), data)
    assert response.status_code == 200
    assert "at least one local partner" in response.content.decode()
    assert p.members.filter(role="local_partner").count() == 1
