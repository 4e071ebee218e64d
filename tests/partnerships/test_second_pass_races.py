"""Rules that two people acting at the same moment must not get around."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from partnerships.models import Membership, PartnershipInvitation
from partnerships.services.membership import invitation_answer
from partnerships.services.organisations import membership_update
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db(transaction=True)


def race(*functions):
    barrier, outcomes = threading.Barrier(len(functions)), []

    def run(function):
        barrier.wait()
        try:
            function()
            outcomes.append("ok")
        except ValidationError as error:
            outcomes.append(error.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(f,)) for f in functions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(outcomes)


def test_two_admins_demoting_each_other_at_once_leave_one_admin(world, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent transactions (PostgreSQL)")
    import time

    from partnerships.services import organisations

    record = organisations.organisation_event_record

    def slow_record(**kwargs):
        # Widen the window between the check and the commit, as a slow server would.
        time.sleep(0.5)
        return record(**kwargs)

    monkeypatch.setattr(organisations, "organisation_event_record", slow_record)
    org = world.local_org
    first = Membership.objects.get(user=world.local_admin, organisation=org)
    second = MembershipFactory(organisation=org, role=Membership.Role.ADMIN)

    def demote(membership, actor):
        return lambda: membership_update(
            membership_id=membership.pk,
            organisation=org,
            actor=actor,
            role="staff",
            is_signatory=False,
            is_safeguarding_focal_point=False,
        )

    outcomes = race(demote(first, second.user), demote(second, world.local_admin))
    assert outcomes == ["last_admin", "ok"]
    assert Membership.objects.filter(organisation=org, role="admin").count() == 1


def test_two_admins_accepting_one_invitation_at_once_add_one_member(world):
    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent transactions (PostgreSQL)")
    outsider_org = world.outsider.memberships.get().organisation
    other_admin = MembershipFactory(organisation=outsider_org, role=Membership.Role.ADMIN).user
    invitation = PartnershipInvitation.objects.create(
        partnership=world.partnership,
        organisation=outsider_org,
        role="donor",
        invited_by_organisation=world.local_org,
    )

    def accept(user):
        return lambda: invitation_answer(invitation_id=invitation.pk, actor=user, accept=True)

    assert race(accept(world.outsider), accept(other_admin)) == ["closed", "ok"]
    assert world.partnership.members.filter(organisation=outsider_org).count() == 1
    assert world.partnership.events.filter(action="joined").count() == 1
