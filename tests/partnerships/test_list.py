import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerships.models import Membership
from tests.factories import (
    InternationalOrganisationFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    PartnershipMemberFactory,
)

pytestmark = pytest.mark.django_db


def _partnerships_for(org, count, partner=None, **fields):
    partner = partner or InternationalOrganisationFactory()
    made = []
    for _ in range(count):
        p = PartnershipFactory(**fields)
        PartnershipMemberFactory(partnership=p, organisation=org)
        PartnershipMemberFactory(partnership=p, organisation=partner, role="international_partner")
        made.append(p)
    return made


def test_the_list_shows_only_the_users_partnerships(client, world):
    other = _partnerships_for(OrganisationFactory(), 1, title="Secret elsewhere")
    client.force_login(world.local_viewer)
    content = client.get(reverse("partnerships:list")).content.decode()
    assert world.partnership.title in content
    assert other[0].title not in content


def test_search_and_filters(client, world):
    org = world.local_org
    _partnerships_for(org, 1, title="Water for schools", status="exploring")
    _partnerships_for(
        org,
        1,
        title="Budget hearings",
        status="active",
        partner=InternationalOrganisationFactory(country="ES"),
    )
    client.force_login(world.local_staff)
    url = reverse("partnerships:list")

    def titles(**params):
        page = client.get(url, params).context["page"]
        return {p.title for p in page.object_list}

    assert titles(q="water") == {"Water for schools"}
    assert titles(status="exploring") == {"Water for schools"}
    assert titles(country="ES") == {"Budget hearings"}
    assert titles(status="closed") == set()


def test_the_list_paginates(client, world):
    _partnerships_for(world.local_org, 25)
    client.force_login(world.local_staff)
    first = client.get(reverse("partnerships:list"))
    second = client.get(reverse("partnerships:list"), {"page": 2})
    assert len(first.context["page"].object_list) == 20
    assert len(second.context["page"].object_list) == 6  # 25 + the world's own


@pytest.mark.parametrize("count", [5, 200])
def test_the_list_query_count_does_not_grow(client, django_assert_num_queries, count):
    org = OrganisationFactory()
    user = MembershipFactory(organisation=org, role=Membership.Role.ADMIN).user
    _partnerships_for(org, count)
    client.force_login(user)
    # user with its unread count (the session comes from the cache), countries, count, page,
    # members+orgs, can_create
    with django_assert_num_queries(6):
        response = client.get(reverse("partnerships:list"))
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == min(count, 20)


def _detail_queries(client, member_count):
    p = PartnershipFactory()
    org = OrganisationFactory()
    PartnershipMemberFactory(partnership=p, organisation=org)
    for _ in range(member_count):
        PartnershipMemberFactory(
            partnership=p, organisation=InternationalOrganisationFactory(), role="donor"
        )
    client.force_login(MembershipFactory(organisation=org).user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(p.get_absolute_url()).status_code == 200
    return len(queries)


def test_the_detail_query_count_does_not_grow_with_members(client):
    assert _detail_queries(client, 2) == _detail_queries(client, 30)
