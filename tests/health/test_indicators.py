"""Each indicator worked out by hand on a small example, including "no data"."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from budgets.models import ChangeRequest
from partnerships.health_registry import indicators, missing_thresholds, readings_for
from partnerships.health_thresholds import Status
from tests.budgets.helpers import make_budget
from tests.factories import (
    BudgetFactory,
    BudgetLineFactory,
    ChangeRequestFactory,
    PartnershipFactory,
)

from .helpers import TODAY, aware, make_mou_in_force, make_reflection, make_reports

pytestmark = pytest.mark.django_db


def reading(world, key, today=TODAY):
    found = readings_for([world.partnership], today=today)[world.partnership.pk]
    return next(r for r in found if r.indicator.key == key)


def test_every_indicator_has_a_threshold_and_a_dimension():
    assert indicators(), "no indicator registered"
    assert missing_thresholds() == []


def test_a_partnership_without_records_has_no_data_except_the_mou(world):
    found = readings_for([world.partnership], today=TODAY)[world.partnership.pk]
    statuses = {r.indicator.key: r.status for r in found}
    assert statuses.pop("foundation.mou_in_force") == Status.NEEDS_ATTENTION
    assert set(statuses.values()) == {Status.NO_DATA}


def test_reflection_done_counts_members_who_answered_the_latest_round(world):
    # An older round answered by both, then the latest answered by the local partner only.
    make_reflection(
        world,
        {world.local_org: [3], world.international_org: [3]},
        created=TODAY - datetime.timedelta(days=40),
    )
    make_reflection(world, {world.local_org: [4]}, created=TODAY)
    r = reading(world, "foundation.reflection_done")
    assert (r.value, r.status) == (Decimal("50.0"), Status.NEEDS_ATTENTION)
    assert r.measure.by_organisation == {world.local_org.pk: 1, world.international_org.pk: 0}


def test_reflection_done_by_all_is_on_track_and_a_round_over_a_year_old_is_no_data(world):
    make_reflection(world, {world.local_org: [4], world.international_org: [2]})
    assert reading(world, "foundation.reflection_done").status == Status.ON_TRACK
    later = TODAY + datetime.timedelta(days=366)
    assert reading(world, "foundation.reflection_done", later).status == Status.NO_DATA


def test_reflection_gap_is_the_largest_difference_on_one_statement(world):
    # Statement 1: 4 vs 2 (gap 2); statement 2: 3 vs 3 (gap 0).
    make_reflection(world, {world.local_org: [2, 3], world.international_org: [4, 3]})
    r = reading(world, "foundation.reflection_gap")
    assert (r.value, r.status) == (Decimal(2), Status.NEEDS_ATTENTION)
    assert "Statement 1" in r.measure.text


def test_reflection_gap_of_one_point_is_on_track_and_one_answer_is_no_data(world):
    make_reflection(world, {world.local_org: [2, 5], world.international_org: [3, 4]})
    assert reading(world, "foundation.reflection_gap").value == 1
    assert reading(world, "foundation.reflection_gap").status == Status.ON_TRACK
    make_reflection(world, {world.local_org: [1]})  # the latest round: one organisation
    assert reading(world, "foundation.reflection_gap").status == Status.NO_DATA


def test_mou_in_force_until_its_term_ends(world):
    make_mou_in_force(world, term_end=datetime.date(2026, 12, 31))
    r = reading(world, "foundation.mou_in_force")
    assert (r.value, r.status) == (1, Status.ON_TRACK)
    after = reading(world, "foundation.mou_in_force", datetime.date(2027, 1, 1))
    assert (after.value, after.status) == (0, Status.NEEDS_ATTENTION)


def test_reporting_punctuality_is_the_lowest_side(world):
    # On 15 August Q1 (due 30 April) and Q2 (due 30 July) are due; Q3 is not yet.
    make_reports(
        world,
        {
            world.local_org: [datetime.date(2026, 4, 20), datetime.date(2026, 8, 5)],  # 1 of 2
            world.international_org: [datetime.date(2026, 4, 30), datetime.date(2026, 7, 29)],
        },
    )
    r = reading(world, "foundation.reporting_punctuality")
    assert (r.value, r.status) == (Decimal("50.0"), Status.NEEDS_ATTENTION)
    assert r.measure.by_organisation == {
        world.local_org.pk: Decimal("50.0"),
        world.international_org.pk: Decimal("100.0"),
    }
    assert r.measure.parts == {world.local_org.pk: (1, 2), world.international_org.pk: (2, 2)}


def test_reporting_punctuality_counts_a_missing_report_as_late_and_none_due_as_no_data(world):
    make_reports(
        world,
        {
            world.local_org: [datetime.date(2026, 4, 1)],
            world.international_org: [datetime.date(2026, 4, 1)],
        },
        today=datetime.date(2026, 4, 10),
    )
    assert (
        reading(world, "foundation.reporting_punctuality", datetime.date(2026, 4, 10)).status
        == Status.NO_DATA
    )  # Q1 due 30 April
    r = reading(world, "foundation.reporting_punctuality", datetime.date(2026, 5, 10))
    assert (r.value, r.status) == (Decimal("100.0"), Status.ON_TRACK)


def test_local_share_and_overhead_shared_from_the_budget_lines(world):
    make_budget(world)  # local: 20,000 + 5,000 + 1,000 + 5,000 of 100,000; overhead 1,000/4,000
    share = reading(world, "budgets.local_share")
    assert (share.value, share.status) == (Decimal("31.0"), Status.ON_TRACK)
    assert share.measure.parts == {"EUR": (Decimal(31000), Decimal(100000))}
    overhead = reading(world, "budgets.overhead_shared")
    assert (overhead.value, overhead.status) == (Decimal("25.0"), Status.NEEDS_ATTENTION)


def test_budget_parts_and_text_are_per_currency_when_a_partnership_has_two(world):
    make_budget(world)  # EUR, local 31,000 of 100,000
    usd = BudgetFactory(partnership=world.partnership, title="Year two", currency="USD")
    BudgetLineFactory(budget=usd, organisation=world.local_org, amount=Decimal("900"))
    BudgetLineFactory(budget=usd, organisation=world.international_org, amount=Decimal("100"))
    share = reading(world, "budgets.local_share")
    assert share.measure.parts == {
        "EUR": (Decimal(31000), Decimal(100000)),
        "USD": (Decimal(900), Decimal(1000)),
    }
    assert str(share.measure.text) == "31,000.00 of 100,000.00 EUR; 900.00 of 1,000.00 USD"
    with translation.override("fr"):  # the words and figures of the language it is shown in
        assert "EUR" in str(share.measure.text)
        assert "31,000.00" not in str(share.measure.text)


def test_budget_indicators_have_no_data_without_lines_elsewhere(world):
    make_budget(world)
    other = PartnershipFactory()
    found = readings_for([other], today=TODAY)[other.pk]
    assert {r.status for r in found if r.indicator.key.startswith("budgets.")} == {Status.NO_DATA}


def test_change_requests_decided_within_a_week(world):
    budget = make_budget(world, rule=False)
    S = ChangeRequest.Status

    def request(status, created, decided=None):
        change = ChangeRequestFactory(
            budget=budget,
            requested_by=world.local_admin,
            requesting_organisation=world.local_org,
            status=status,
        )
        ChangeRequest.objects.filter(pk=change.pk).update(
            created_at=aware(created), decided_at=decided and aware(decided)
        )

    request(S.APPROVED, datetime.date(2026, 3, 1), datetime.date(2026, 3, 6))  # in a week
    request(S.DECLINED, datetime.date(2026, 3, 1), datetime.date(2026, 3, 20))  # late
    request(S.PENDING, TODAY - datetime.timedelta(days=10))  # overdue: late
    request(S.PENDING, TODAY - datetime.timedelta(days=2))  # still has time: not counted
    request(S.WITHDRAWN, datetime.date(2026, 3, 1))  # never needed a decision
    r = reading(world, "budgets.changes_decided_in_week")
    assert (r.value, r.status) == (Decimal("33.3"), Status.NEEDS_ATTENTION)
    assert r.measure.parts == {"": (1, 3)}
