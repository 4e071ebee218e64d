"""Capacity and visibility indicators worked out by hand, including "no data"."""

import datetime
from decimal import Decimal

import pytest

from capacity.models import CapacityAction
from capacity.services import plan as plan_services
from partnerships.health_registry import readings_for
from partnerships.health_thresholds import Status
from tests.capacity.helpers import score, small_framework, start_round
from tests.factories import OrganisationFactory
from tests.visibility.helpers import approve_all, credit_of, make_result
from visibility.models import Forum, ForumRole, PartnershipForum
from visibility.services import results as result_services

from .helpers import TODAY

pytestmark = pytest.mark.django_db


def reading(world, key):
    found = readings_for([world.partnership], today=TODAY)[world.partnership.pk]
    return next(r for r in found if r.indicator.key == key)


def test_capacity_and_visibility_have_no_data_without_records(world):
    for key in [
        "capacity.both_sides_assessed",
        "capacity.actions_received",
        "visibility.fora_led_locally",
        "visibility.results_credited",
    ]:
        assert reading(world, key).status == Status.NO_DATA, key


def test_both_sides_assessed_counts_submitted_assessments_of_each_member(world):
    fw = small_framework()
    round_ = start_round(world, fw)
    # The local partner assesses itself (submitted) and the international partner (draft).
    every = {fw.item[k]: 2 for k in "abc"}
    score(round_, world.local_org, world.local_org, world.local_admin, every)
    score(
        round_,
        world.local_org,
        world.international_org,
        world.local_admin,
        {fw.item["a"]: 3},
        submit=False,
    )
    r = reading(world, "capacity.both_sides_assessed")
    assert (r.value, r.status) == (Decimal("50.0"), Status.NEEDS_ATTENTION)
    score(
        round_,
        world.international_org,
        world.international_org,
        world.international_admin,
        {**every, fw.item["d"]: 3},
    )
    r = reading(world, "capacity.both_sides_assessed")
    assert (r.value, r.status) == (Decimal("100.0"), Status.ON_TRACK)


def test_actions_received_by_every_member_ignoring_cancelled_ones(world):
    fw = small_framework()

    def action(receiving, providing, **extra):
        return plan_services.action_save(
            partnership=world.partnership,
            user=world.local_admin,
            title="Action",
            domain=fw.domain["d1"],
            receiving=receiving,
            providing=providing,
            kind="training",
            due_date=datetime.date(2026, 9, 1),
            **extra,
        )

    action(world.local_org, world.international_org)
    cancelled = action(world.international_org, world.local_org)
    CapacityAction.objects.filter(pk=cancelled.pk).update(status=CapacityAction.Status.CANCELLED)
    r = reading(world, "capacity.actions_received")
    assert (r.value, r.status) == (Decimal("50.0"), Status.NEEDS_ATTENTION)
    CapacityAction.objects.filter(pk=cancelled.pk).update(status=CapacityAction.Status.PLANNED)
    assert reading(world, "capacity.actions_received").status == Status.ON_TRACK


def test_fora_led_locally(world):
    def forum(name, leader=None, role=ForumRole.Role.CHAIR):
        f = Forum.objects.create(name=name, kind=Forum.Kind.NETWORK, level=Forum.Level.NATIONAL)
        PartnershipForum.objects.create(partnership=world.partnership, forum=f, local_aim="Lead")
        if leader:
            ForumRole.objects.create(organisation=leader, forum=f, role=role)

    forum("Led by the local partner", world.local_org)
    forum("Led by the international partner", world.international_org)
    forum("Local partner only a member", world.local_org, ForumRole.Role.MEMBER)
    forum("Led by an outsider", OrganisationFactory())
    r = reading(world, "visibility.fora_led_locally")
    assert (r.value, r.status) == (Decimal("25.0"), Status.NEEDS_ATTENTION)
    forum("Co-chaired locally", world.local_org, ForumRole.Role.CO_CHAIR)
    forum("Lead locally", world.local_org, ForumRole.Role.LEAD)
    r = reading(world, "visibility.fora_led_locally")
    assert (r.value, r.status) == (Decimal("50.0"), Status.ON_TRACK)  # 3 of 6


def test_results_credited_to_a_local_partner_with_its_approval(world):
    approve_all(world, make_result(world, title="Both credited, approved"))
    make_result(world, title="Credited, not yet approved")
    withdrawn = approve_all(world, make_result(world, title="Approval withdrawn"))
    result_services.credit_withdraw(
        credit=credit_of(withdrawn, world.local_org), user=world.local_admin
    )
    r = reading(world, "visibility.results_credited")
    assert (r.value, r.status) == (Decimal("33.3"), Status.NEEDS_ATTENTION)
