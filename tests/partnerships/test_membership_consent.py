"""Issue 9, item 2: joining and leaving a partnership only with consent."""

import pytest
from django.core import mail
from django.urls import reverse

from partnerships.models import (
    Membership,
    Notification,
    Partnership,
    PartnershipEvent,
    PartnershipInvitation,
)
from tests.factories import MembershipFactory, OrganisationFactory, PartnershipMemberFactory

pytestmark = pytest.mark.django_db

SECRET_TEXT = "Click http://evil.example to claim your grant"


def _create_data(world, **overrides):
    return {
        "title": SECRET_TEXT,
        "start_date": "",
        "end_date": "",
        "local_needs": SECRET_TEXT,
        "context": "",
        "co_creation_notes": "",
        "own_organisation": str(world.local_org.pk),
        "own_role": "local_partner",
        "partner": "",
        "partner_name": "",
        "partner_role": "",
        **overrides,
    }


def _members(partnership):
    return set(partnership.members.values_list("organisation__name", flat=True))


def test_item2_editing_the_partnership_cannot_change_its_members(client, world):
    """The old form let any staff editor drop the partner and add any organisation."""
    p = world.partnership
    members = list(p.members.order_by("pk"))
    outsider_org = world.outsider.memberships.get().organisation
    data = {
        "title": p.title,
        "status": p.status,
        "local_needs": p.local_needs,
        "members-TOTAL_FORMS": "3",
        "members-INITIAL_FORMS": "2",
        "members-MIN_NUM_FORMS": "0",
        "members-MAX_NUM_FORMS": "1000",
        "members-2-organisation": str(outsider_org.pk),
        "members-2-role": "donor",
    }
    for i, m in enumerate(members):
        data.update(
            {
                f"members-{i}-id": m.pk,
                f"members-{i}-organisation": m.organisation_id,
                f"members-{i}-role": m.role,
                f"members-{i}-partnership": p.pk,
            }
        )
    data["members-1-DELETE"] = "on"
    client.force_login(world.local_staff)
    client.post(reverse("partnerships:edit", args=[p.pk]), data)
    assert _members(p) == {world.local_org.name, world.international_org.name}


def test_item2_creating_invites_the_partner_and_emails_none_of_the_creators_text(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.local_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("partnerships:create"),
            _create_data(
                world,
                partner=world.outsider.memberships.get().organisation_id,
                partner_role="donor",
            ),
        )
    # The outsider's organisation is not one the creator works with: the picker refuses it.
    assert response.status_code == 200
    assert not Partnership.objects.filter(title=SECRET_TEXT).exists()

    outsider_org = world.outsider.memberships.get().organisation
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("partnerships:create"),
            _create_data(world, partner_name=outsider_org.name.upper(), partner_role="donor"),
        )
    assert response.status_code == 302
    partnership = Partnership.objects.get(title=SECRET_TEXT)
    assert _members(partnership) == {world.local_org.name}
    invitation = partnership.invitations.get()
    assert (invitation.organisation, invitation.status) == (outsider_org, "pending")
    to_outsider = [m for m in mail.outbox if m.to == [world.outsider.email]]
    assert len(to_outsider) == 1
    assert world.local_org.name in to_outsider[0].body
    assert SECRET_TEXT not in to_outsider[0].body + to_outsider[0].subject
    # The invited organisation is not a member: it sees nothing of the partnership yet.
    client.force_login(world.outsider)
    assert client.get(partnership.get_absolute_url()).status_code == 404


def test_item2_the_picker_lists_only_organisations_the_user_works_with(client, world):
    client.force_login(world.local_admin)
    page = client.get(reverse("partnerships:create")).content.decode()
    assert world.international_org.name in page
    assert "Unrelated Org" not in page
    response = client.post(
        reverse("partnerships:members", args=[world.partnership.pk]),
        {"organisation_name": "Unrelated", "role": "donor"},
    )
    assert "No organisation has exactly this name." in response.content.decode()
    assert not PartnershipInvitation.objects.exists()


def _invite_outsider(client, world):
    client.force_login(world.local_admin)
    response = client.post(
        reverse("partnerships:members", args=[world.partnership.pk]),
        {"organisation_name": "Unrelated Org", "role": "donor"},
    )
    assert response.status_code == 302
    return PartnershipInvitation.objects.get()


def test_item2_an_organisation_joins_only_when_its_own_admin_accepts(client, world):
    invitation = _invite_outsider(client, world)
    assert "Unrelated Org" not in _members(world.partnership)
    outsider_org = invitation.organisation
    staff = MembershipFactory(organisation=outsider_org, role=Membership.Role.STAFF).user
    accept = reverse("partnerships:invitation_accept", args=[invitation.pk])

    client.force_login(world.international_admin)  # a member, but not of the invited org
    assert client.post(accept).status_code == 404
    client.force_login(staff)
    assert client.post(accept).status_code == 403
    assert "Unrelated Org" not in _members(world.partnership)

    client.force_login(world.outsider)
    listing = client.get(reverse("partnerships:partnership_invitations")).content.decode()
    assert world.partnership.title in listing
    assert client.post(accept).status_code == 302
    assert "Unrelated Org" in _members(world.partnership)
    assert world.partnership.members.get(organisation=outsider_org).role == "donor"
    assert Notification.objects.filter(
        recipient=world.international_admin, message__contains="Unrelated Org joined"
    ).exists()
    actions = list(world.partnership.events.values_list("action", flat=True))
    assert actions == [PartnershipEvent.Action.JOINED, PartnershipEvent.Action.INVITED]


def test_item2_a_declined_invitation_adds_nobody(client, world):
    invitation = _invite_outsider(client, world)
    client.force_login(world.outsider)
    client.post(reverse("partnerships:invitation_decline", args=[invitation.pk]))
    assert "Unrelated Org" not in _members(world.partnership)
    assert client.post(reverse("partnerships:invitation_accept", args=[invitation.pk]))
    assert "Unrelated Org" not in _members(world.partnership)


def test_item2_a_member_leaves_when_its_own_admin_says_so(client, world):
    client.force_login(world.international_admin)
    response = client.post(
        reverse(
            "partnerships:member_remove", args=[world.partnership.pk, world.international_org.pk]
        ),
        {"reason": "Our mandate ends"},
    )
    assert response.status_code == 302
    assert _members(world.partnership) == {world.local_org.name}
    assert Notification.objects.filter(
        recipient=world.local_admin, message__contains="left"
    ).exists()
    event = world.partnership.events.get(action=PartnershipEvent.Action.LEFT)
    assert (event.organisation_name, event.detail) == (
        world.international_org.name,
        "Our mandate ends",
    )


def test_item2_removing_another_member_needs_every_other_member(client, world):
    donor = OrganisationFactory(name="Donor Org", is_local_actor=False, kind="donor")
    donor_admin = MembershipFactory(organisation=donor, role=Membership.Role.ADMIN).user
    PartnershipMemberFactory(partnership=world.partnership, organisation=donor, role="donor")
    remove_url = reverse(
        "partnerships:member_remove", args=[world.partnership.pk, world.international_org.pk]
    )

    client.force_login(world.local_staff)  # an editor, not an admin
    assert client.post(remove_url, {"reason": "x"}).status_code == 403
    client.force_login(world.local_admin)
    client.post(remove_url, {"reason": "Never answers"})
    assert world.international_org.name in _members(world.partnership)
    assert Notification.objects.filter(
        recipient=world.international_admin, message__contains="proposes to remove"
    ).exists()

    removal = world.partnership.removals.get()
    client.force_login(donor_admin)
    client.post(reverse("partnerships:removal_agree", args=[world.partnership.pk, removal.pk]))
    assert _members(world.partnership) == {world.local_org.name, "Donor Org"}
    assert list(world.partnership.events.values_list("action", flat=True)) == [
        "removed",
        "removal_agreed",
        "removal_asked",
    ]


def test_item2_with_two_members_the_other_members_agreement_is_the_proposers(client, world):
    """The rule as the issue states it: every *other* member agrees. With two members that is
    the proposer alone; the member removed is told and the change recorded."""
    client.force_login(world.local_admin)
    client.post(
        reverse(
            "partnerships:member_remove", args=[world.partnership.pk, world.international_org.pk]
        ),
        {"reason": "Never answers"},
    )
    assert _members(world.partnership) == {world.local_org.name}
    assert Notification.objects.filter(
        recipient=world.international_admin, message__contains="was removed"
    ).exists()


def test_item2_any_member_can_stop_a_proposal(client, world):
    donor = OrganisationFactory(name="Donor Org", is_local_actor=False, kind="donor")
    PartnershipMemberFactory(partnership=world.partnership, organisation=donor, role="donor")
    client.force_login(world.local_admin)
    client.post(
        reverse("partnerships:member_remove", args=[world.partnership.pk, donor.pk]),
        {"reason": "Not needed"},
    )
    removal = world.partnership.removals.get()
    client.force_login(world.international_admin)
    client.post(reverse("partnerships:removal_refuse", args=[world.partnership.pk, removal.pk]))
    removal.refresh_from_db()
    assert removal.status == "refused"
    client.post(reverse("partnerships:removal_agree", args=[world.partnership.pk, removal.pk]))
    assert "Donor Org" in _members(world.partnership)


def test_item2_the_last_local_partner_cannot_leave(client, world):
    client.force_login(world.local_admin)
    response = client.post(
        reverse("partnerships:member_remove", args=[world.partnership.pk, world.local_org.pk]),
        {"reason": "Leaving"},
    )
    assert "at least one local partner" in response.content.decode()
    assert world.local_org.name in _members(world.partnership)


def test_item2_an_mou_being_signed_names_the_new_parties(client, world):
    from partnerships.models import Mou
    from partnerships.services import mou as mou_services

    from .mou_support import make_mou

    mou = make_mou(world.partnership, status="awaiting")
    mou_services.mou_sign(
        mou_id=mou.pk,
        user=world.local_admin,
        organisation=world.local_org,
        full_name="A",
        title="B",
        content_hash=mou.content_hash,
    )
    invitation = _invite_outsider(client, world)
    client.force_login(world.outsider)
    client.post(reverse("partnerships:invitation_accept", args=[invitation.pk]))
    assert Mou.objects.get(pk=mou.pk).status == "superseded"
    current = Mou.objects.get(partnership=world.partnership, status="awaiting")
    assert invitation.organisation_id in current.party_ids
    assert not current.signatures.exists()
