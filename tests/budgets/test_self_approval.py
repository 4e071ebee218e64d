"""An organisation never approves its own budget change, even when the service is called
directly: it cannot ask on another member's behalf (whose request it could then approve), and
the requester's own organisation cannot decide its request."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from budgets import services
from budgets.models import ChangeRequest
from partnerships.models import Membership

from ..factories import MembershipFactory
from .helpers import make_budget

pytestmark = pytest.mark.django_db


# The budgets service is being renamed (<entity>_<action>) on another branch; these helpers
# call whichever name this checkout has.
def _request(budget, user, organisation):
    move = services.Move(
        budget.line["International programme"], budget.line["Local programme"], Decimal("15000")
    )
    if hasattr(services, "change_request_create"):
        return services.change_request_create(
            budget=budget,
            user=user,
            organisation=organisation,
            justification="The needs changed.",
            moves=[move],
        )
    return services.request_change(budget, user, organisation, "The needs changed.", [move])


def _decide(change, user):
    if hasattr(services, "change_request_decide"):
        return services.change_request_decide(
            change_request_id=change.pk, user=user, approve=True, comment="Fine by us."
        )
    return services.decide(change.pk, user, approve=True, comment="Fine by us.")


def test_a_user_cannot_ask_on_behalf_of_the_partner_organisation(world):
    budget = make_budget(world)
    # The international admin asks "as" the local partner, to approve it as the international
    # partner afterwards: refused at the request.
    with pytest.raises(ValidationError, match="your own organisation"):
        _request(budget, world.international_admin, world.local_org)
    assert not ChangeRequest.objects.exists()


def test_a_colleague_of_the_requester_cannot_approve(world):
    budget = make_budget(world)
    change = _request(budget, world.local_admin, world.local_org)
    assert change.status == ChangeRequest.Status.PENDING
    colleague = MembershipFactory(organisation=world.local_org, role=Membership.Role.ADMIN).user
    for user in (world.local_admin, colleague):
        with pytest.raises(ValidationError, match="Only the other party"):
            _decide(change, user)
    change.refresh_from_db()
    assert change.status == ChangeRequest.Status.PENDING
    assert _decide(change, world.international_admin).status == ChangeRequest.Status.APPROVED
