from dataclasses import dataclass

import pytest
from django.core.cache import cache

from feedback.models import Case, Channel
from feedback.services.cases import case_submit
from partnerships.models import Membership, User
from tests.factories import MembershipFactory, UserFactory

MARKER = "ZEBRA-MARKER-7731"


@dataclass
class FeedbackWorld:
    world: object
    channel: Channel
    local_focal: User
    international_focal: User
    superuser: User

    def __getattr__(self, name):
        return getattr(self.world, name)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()  # the shared cache keeps counts between tests otherwise
    yield
    cache.clear()


@pytest.fixture
def fb(world) -> FeedbackWorld:
    channel = Channel.objects.create(
        partnership=world.partnership,
        public_name="Water points project",
        languages=["en", "ar"],
        web_form_open=True,
        phone="+254 700 000 111",
        rights_text="You may tell us anything, without your name.",
        wants_sensitive=True,
        results_public=True,
    )
    local_focal = MembershipFactory(
        organisation=world.local_org, role=Membership.Role.STAFF, is_safeguarding_focal_point=True
    ).user
    international_focal = MembershipFactory(
        organisation=world.international_org,
        role=Membership.Role.VIEWER,
        is_safeguarding_focal_point=True,
    ).user
    superuser = UserFactory(is_superuser=True, is_staff=True)
    return FeedbackWorld(world, channel, local_focal, international_focal, superuser)


def submit(fb, kind=Case.Kind.COMPLAINT, text="The water point is broken.", **extra):
    return case_submit(partnership_id=fb.partnership.pk, kind=kind, text=text, **extra)
