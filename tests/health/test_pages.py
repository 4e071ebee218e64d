import re

import pytest
from django.urls import reverse
from django.utils import timezone

from health.models import HealthSnapshot
from health.portfolio import Filters, portfolio_for
from health.views import PORTFOLIO_PAGE_SIZE
from tests.budgets.helpers import make_budget
from tests.factories import ChangeRequestFactory

from .conftest import make_portfolio
from .helpers import make_mou_in_force

pytestmark = pytest.mark.django_db

HEALTH_PAGE_QUERIES = 45
PORTFOLIO_QUERIES = 28


def test_the_partnership_page_links_to_its_health_page(client, world):
    client.force_login(world.local_staff)
    html = client.get(world.partnership.get_absolute_url()).content.decode()
    url = reverse("health:partnership", args=[world.partnership.pk])
    assert re.search(rf'id="health-link" href="{url}"', html)


def test_health_page_shows_every_dimension_status_and_link(client, world):
    make_budget(world)
    make_mou_in_force(world)
    client.force_login(world.local_staff)
    response = client.get(reverse("health:partnership", args=[world.partnership.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-key="budgets.overhead_shared" data-status="attention"' in html
    assert 'data-key="foundation.mou_in_force" data-status="on_track"' in html
    assert 'data-key="foundation.reflection_done" data-status="no_data"' in html
    assert reverse("budgets:list", args=[world.partnership.pk]) in html
    assert 'id="health-chart-data"' in html and "js/health.js" in html
    assert "<script>" not in html  # no inline script (CSP)


def test_symmetry_table_shows_what_each_side_did(client, world):
    budget = make_budget(world, rule=False)
    ChangeRequestFactory(
        budget=budget, requested_by=world.local_admin, requesting_organisation=world.local_org
    )
    client.force_login(world.international_admin)
    html = client.get(reverse("health:partnership", args=[world.partnership.pk])).content
    table = html.decode().split('id="symmetry"')[1].split("</table>")[0]
    assert "Sauti Local" in table and "Nordic International" in table
    assert "Asked for 1 changes" in table


@pytest.mark.parametrize("count", [5, 200])
def test_health_page_query_count_does_not_grow(
    client, portfolio_user, django_assert_max_num_queries, count
):
    user, organisation = portfolio_user
    partnerships = make_portfolio(count, organisation)
    client.force_login(user)
    with django_assert_max_num_queries(HEALTH_PAGE_QUERIES):
        response = client.get(reverse("health:partnership", args=[partnerships[0].pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("count", [5, 200])
def test_portfolio_query_count_does_not_grow(
    client, portfolio_user, django_assert_max_num_queries, count
):
    user, organisation = portfolio_user
    make_portfolio(count, organisation)
    client.force_login(user)
    with django_assert_max_num_queries(PORTFOLIO_QUERIES):
        response = client.get(reverse("health:portfolio"))
    html = response.content.decode()
    assert html.count('href="/partnerships/') >= min(count, PORTFOLIO_PAGE_SIZE)
    assert f"{count} partnerships" in html


def test_a_portfolio_page_shows_its_rows_with_every_indicator_and_totals_of_all(rf, portfolio_user):
    """Only the rows shown get every indicator (#16); what they show, and the totals, are
    those of the whole portfolio computed in full."""
    user, organisation = portfolio_user
    make_portfolio(PORTFOLIO_PAGE_SIZE + 7, organisation)
    today = timezone.localdate()
    full = portfolio_for(organisation, filters=Filters(), today=today)
    second_page = slice(PORTFOLIO_PAGE_SIZE, 2 * PORTFOLIO_PAGE_SIZE)
    paged = portfolio_for(organisation, filters=Filters(), today=today, shown=second_page)
    assert len(paged.rows) == len(full.rows) == PORTFOLIO_PAGE_SIZE + 7
    for shown, whole in zip(paged.rows[second_page], full.rows[second_page], strict=True):
        assert [(r.indicator.key, r.value) for r in shown.readings] == [
            (r.indicator.key, r.value) for r in whole.readings
        ]
    assert paged.totals == full.totals


def test_trend_shows_the_monthly_snapshots(client, world):
    HealthSnapshot.objects.create(
        partnership=world.partnership,
        month="2026-06-01",
        readings={"budgets.local_share": {"value": "12.5", "status": "attention"}},
    )
    HealthSnapshot.objects.create(
        partnership=world.partnership,
        month="2026-07-01",
        readings={"budgets.local_share": {"value": "31.0", "status": "on_track"}},
    )
    client.force_login(world.local_staff)
    html = client.get(reverse("health:partnership", args=[world.partnership.pk])).content
    trend = html.decode().split('id="trend"')[1]
    assert trend.index("12.5%") < trend.index("31.0%")
