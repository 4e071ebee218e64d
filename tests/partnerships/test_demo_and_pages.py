import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from partnerships.models import (
    AgreedAction,
    JointIntervention,
    Organisation,
    Partnership,
    PartnershipInvitation,
)
from partnerships.services.events import partnership_event_record

from .main_pages import pages


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_the_demo_seeds_profiles_actions_interventions_and_an_invitation(client, db):
    call_command("seed_demo", stdout=io.StringIO())
    first = Partnership.objects.order_by("pk").first()
    sauti = Organisation.objects.get(name="Sauti ya Jamii")
    assert sauti.mission and sauti.logo
    assert sauti.events.filter(action="signatory_on").exists()
    assert AgreedAction.objects.filter(partnership=first, source="reflection").count() == 3
    assert AgreedAction.objects.filter(
        partnership=first, status="open", due_date__lt=datetime.date.today()
    ).exists()
    assert JointIntervention.objects.filter(partnership=first).exists()
    assert PartnershipInvitation.objects.get(partnership=first).status == "pending"
    client.force_login(sauti.memberships.get(role="admin").user)
    for label, url in pages(first):
        assert client.get(url).status_code == 200, label


def _grow(world, n):
    for i in range(n):
        AgreedAction.objects.create(
            partnership=world.partnership,
            title=f"Action {i}",
            owner_organisation=world.local_org,
            due_date=datetime.date(2027, 1, 1),
        )
        JointIntervention.objects.create(
            partnership=world.partnership,
            title=f"Work {i}",
            start_date=datetime.date(2026, 1, 1),
            local_needs="n",
            target_groups="g",
        )
        partnership_event_record(
            partnership=world.partnership,
            action="invited",
            actor=world.local_admin,
            organisation_name=f"Org {i}",
        )


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", ["detail", "actions", "members", "interventions"])
def test_page_queries_do_not_grow_with_the_data(client, world, name):
    client.force_login(world.local_admin)
    url = reverse(f"partnerships:{name}", args=[world.partnership.pk])
    _grow(world, 1)
    few = _queries(client, url)
    _grow(world, 15)
    assert _queries(client, url) == few
    print(f"{name}: {few} queries")  # noqa: T201 (figure for the report, shown with -s)


def test_the_organisation_page_queries_do_not_grow(client, world):
    from partnerships.services.organisations import membership_update

    client.force_login(world.local_admin)
    url = world.local_org.get_absolute_url()
    staff = world.local_staff.memberships.get()
    membership_update(
        membership_id=staff.pk,
        organisation=world.local_org,
        actor=world.local_admin,
        role="staff",
        is_signatory=True,
        is_safeguarding_focal_point=False,
    )
    few = _queries(client, url)
    for flag in (False, True, False, True):
        membership_update(
            membership_id=staff.pk,
            organisation=world.local_org,
            actor=world.local_admin,
            role="staff",
            is_signatory=flag,
            is_safeguarding_focal_point=flag,
        )
    assert _queries(client, url) == few
