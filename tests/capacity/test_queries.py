"""Each page's query count stays fixed as items, organisations' scores and actions grow."""

import datetime

import pytest
from django.urls import reverse

from capacity.models import Item
from capacity.services.plan import action_save
from capacity.templatetags.capacity_tags import capacity_summary

from .helpers import capacity_line, score, small_framework, start_round


def _grow(fw, per_domain):
    for domain in fw.domain.values():
        Item.objects.bulk_create(
            Item(domain=domain, text=f"Extra {n}", order=10 + n) for n in range(per_domain)
        )


def _complete_round(world, fw, opened_on, title):
    round_ = start_round(world, fw, opened_on, title)
    local_items = [i for i in round_.items.select_related("domain") if i.domain.applies_to == "all"]
    all_items = list(round_.items.all())
    local, intl = world.local_org, world.international_org
    score(round_, intl, local, world.international_admin, {i: 3 for i in local_items})
    score(round_, local, intl, world.local_admin, {i: 2 for i in all_items})
    score(round_, local, local, world.local_admin, {i: 2 for i in local_items})
    score(round_, intl, intl, world.international_admin, {i: 4 for i in all_items})
    return round_


@pytest.mark.parametrize("per_domain", [1, 30])
def test_assessment_page_queries_do_not_grow_with_items(
    client, world, django_assert_max_num_queries, per_domain
):
    fw = small_framework()
    _grow(fw, per_domain)
    round_ = start_round(world, fw)
    score(
        round_,
        world.local_org,
        world.local_org,
        world.local_admin,
        {i: 2 for i in round_.items.all() if i.domain.applies_to == "all"},
        submit=False,
    )
    client.force_login(world.local_admin)
    url = reverse("capacity:assess", args=[world.partnership.pk, round_.pk, world.local_org.pk])
    with django_assert_max_num_queries(13):
        response = client.get(url)
    assert response.status_code == 200
    assert (
        response.content.decode().count('class="mb-3 border-bottom pb-2 assessment-item"')
        == 3 + 2 * per_domain
    )  # d1 and d2: the local partner is not asked d3


@pytest.mark.parametrize("per_domain", [1, 30])
def test_results_page_queries_do_not_grow_with_items_or_rounds(
    client, world, django_assert_max_num_queries, per_domain
):
    fw = small_framework()
    _grow(fw, per_domain)
    _complete_round(world, fw, datetime.date(2025, 1, 1), "First")
    latest = _complete_round(world, fw, datetime.date(2026, 1, 1), "Second")
    client.force_login(world.local_admin)
    with django_assert_max_num_queries(15):
        response = client.get(latest.get_absolute_url())
    assert response.status_code == 200
    assert response.content.decode().count("subject-result") == 2


@pytest.mark.parametrize("count", [1, 40])
def test_plan_and_capacity_pages_queries_do_not_grow_with_actions(
    client, world, django_assert_max_num_queries, count
):
    fw = small_framework()
    _complete_round(world, fw, datetime.date(2025, 1, 1), "First")
    round_ = _complete_round(world, fw, datetime.date(2026, 1, 1), "Second")
    line = capacity_line(world.partnership, world.international_org)
    for n in range(count):
        action_save(
            partnership=world.partnership,
            user=world.local_admin,
            title=f"Action {n}",
            round=round_,
            domain=fw.domain["d1"],
            receiving=world.local_org if n % 2 else world.international_org,
            providing=world.international_org,
            kind="training",
            budget_line=line,
            due_date=datetime.date(2026, 6, 1),
            status="done" if n % 3 else "planned",
            completed_on=datetime.date(2026, 5, 1) if n % 3 else None,
        )
    client.force_login(world.local_admin)
    for name, limit in (("plan", 8), ("home", 16)):
        with django_assert_max_num_queries(limit):
            response = client.get(reverse(f"capacity:{name}", args=[world.partnership.pk]))
        assert response.status_code == 200
    assert 'id="score-change"' in response.content.decode()  # the round-to-round table


@pytest.mark.parametrize("count", [1, 40])
def test_the_partnership_section_has_a_fixed_query_count(world, django_assert_num_queries, count):
    fw = small_framework()
    round_ = start_round(world, fw)
    for n in range(count):
        action_save(
            partnership=world.partnership,
            user=world.local_admin,
            title=f"Action {n}",
            round=round_,
            domain=fw.domain["d1"],
            receiving=world.local_org,
            providing=world.international_org,
            kind="training",
            due_date=datetime.date(2026, 6, 1),
        )
    # members with organisations (one list, also the local actors), latest round, its
    # assessments, actions, people reached
    with django_assert_num_queries(5):
        summary = capacity_summary(world.partnership)
    assert summary["open_actions"] == count and summary["one_sided"] == "local"
