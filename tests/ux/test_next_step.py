"""The next step in view: a "Write our report" button wherever the user's organisation owes a
report, the user's own organisation first in the reporting overview, distinct status badges."""

import datetime

from django.core.management import call_command
from django.urls import reverse

from partnerships.models import MutualReport, Partnership, User
from partnerships.templatetags.badges import TONES, status_badge
from tests.partnerships.reporting_helpers import make_schedule, report_for


def _owed(world):
    today = datetime.date.today()
    make_schedule(world.partnership, today - datetime.timedelta(days=100))
    return report_for(world, world.local_org, 0)


def test_write_our_report_on_the_partnership_and_reporting_pages(client, world):
    report = _owed(world)
    edit_url = reverse("partnerships:report_edit", args=[world.partnership.pk, report.pk])
    client.force_login(world.local_staff)
    for page in (
        world.partnership.get_absolute_url(),
        reverse("partnerships:reporting", args=[world.partnership.pk]),
    ):
        html = client.get(page).content.decode()
        assert "Write our report" in html and edit_url in html, page


def test_no_button_for_a_viewer_or_once_submitted(client, world):
    report = _owed(world)
    client.force_login(world.local_viewer)
    page = client.get(world.partnership.get_absolute_url()).content.decode()
    assert "Write our report" not in page
    MutualReport.objects.filter(organisation=world.local_org).update(
        status=MutualReport.Status.SUBMITTED, submitted_at=datetime.datetime.now(datetime.UTC)
    )
    client.force_login(world.local_staff)
    html = client.get(world.partnership.get_absolute_url()).content.decode()
    assert "Write our report" not in html, report


def test_each_side_sees_its_own_organisation_first(client, world):
    _owed(world)
    url = reverse("partnerships:reporting", args=[world.partnership.pk])
    for user, own in (
        (world.local_admin, world.local_org),
        (world.international_admin, world.international_org),
    ):
        client.force_login(user)
        overview = client.get(url).context["overview"]
        assert overview.organisations[0] == own
        assert overview.punctuality[0]["organisation"] == own


def test_statuses_get_distinct_colours_and_say_their_state():
    states = ["on_time", "late", "missing", "open", "not_due"]
    assert len({TONES[s] for s in states}) == len(states)
    assert len({TONES[s] for s in ["exploring", "negotiating", "active", "closed"]}) == 4
    html = status_badge("late", "Late")
    assert 'data-status="late"' in html and ">Late<" in html


def test_demo_partners_write_different_reports(db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    partnership = Partnership.objects.order_by("pk").first()
    texts = {}
    for report in MutualReport.objects.filter(
        period__partnership=partnership, status="submitted", amends__isnull=True
    ):
        texts.setdefault(report.organisation_id, set()).add(report.progress)
    assert len(texts) == 2
    first, second = texts.values()
    assert not first & second
    assert all(o.address for m in partnership.members.all() for o in [m.organisation])
    assert User.objects.get(email="amina@sautiyajamii.example").timezone == "Africa/Nairobi"


def test_password_changed_page_links_back(client, world):
    client.force_login(world.local_admin)
    html = client.get(reverse("password_change_done")).content.decode()
    assert reverse("partnerships:list") in html.split("<main", 1)[1]
