"""#8: budget addresses nest under their partnership; the old ones redirect."""

import pytest

from tests.factories import PartnershipFactory, PartnershipMemberFactory

from .helpers import make_budget, make_pending_change

pytestmark = pytest.mark.django_db


def test_budget_urls_nest_under_their_partnership(world):
    budget = make_budget(world)
    change = make_pending_change(world, budget)
    p = world.partnership.pk
    assert budget.get_absolute_url() == f"/partnerships/{p}/budgets/{budget.pk}/"
    assert change.get_absolute_url() == (
        f"/partnerships/{p}/budgets/{budget.pk}/changes/{change.pk}/"
    )


def test_a_budget_under_another_partnership_is_not_found(client, world):
    budget = make_budget(world)
    other = make_budget(world)
    elsewhere = PartnershipFactory()
    PartnershipMemberFactory(partnership=elsewhere, organisation=world.local_org)
    other.partnership = elsewhere
    other.save()
    client.force_login(world.local_admin)
    # Both partnerships are the user's, but a budget is only reached through its own.
    assert client.get(f"/partnerships/{elsewhere.pk}/budgets/{budget.pk}/").status_code == 404
    assert client.get(f"/partnerships/{elsewhere.pk}/budgets/{other.pk}/").status_code == 200


@pytest.mark.parametrize(
    "old, new",
    [
        ("/budgets/partnership/{p}/", "/partnerships/{p}/budgets/"),
        ("/budgets/{b}/", "/partnerships/{p}/budgets/{b}/"),
        ("/budgets/{b}/lines/export.csv", "/partnerships/{p}/budgets/{b}/lines/export.csv"),
        ("/budgets/{b}/changes/{c}/", "/partnerships/{p}/budgets/{b}/changes/{c}/"),
    ],
)
def test_old_budget_urls_redirect_to_the_nested_ones(client, world, old, new):
    budget = make_budget(world)
    change = make_pending_change(world, budget)
    ids = {"p": world.partnership.pk, "b": budget.pk, "c": change.pk}
    client.force_login(world.local_viewer)
    response = client.get(old.format(**ids))
    assert response.status_code == 301
    assert response["Location"] == new.format(**ids)
    assert client.get(response["Location"]).status_code == 200
    client.force_login(world.outsider)
    assert client.get(old.format(**ids)).status_code == 404  # existence is not revealed


def test_an_old_form_address_repeats_the_post_at_the_new_one(client, world):
    budget = make_budget(world)
    client.force_login(world.local_admin)
    response = client.post(f"/budgets/{budget.pk}/comments/", {"body": "Still works"})
    assert response.status_code == 308
    assert response["Location"] == f"{budget.get_absolute_url()}comments/"
