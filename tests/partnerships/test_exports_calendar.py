"""CSV exports (formula injection neutralised) and the per-user calendar feed."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from icalendar import Calendar

from partnerships.csv_export import csv_cell
from partnerships.models import AgreedAction, CalendarFeed

from .mou_support import make_mou, sign_all
from .reporting_helpers import make_schedule

pytestmark = pytest.mark.django_db


def _rows(response):
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))


@pytest.mark.parametrize(
    "value, expected",
    [
        ('=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'),
        ("+1+1", "'+1+1"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("plain", "plain"),
        (42, 42),
        (None, ""),
    ],
)
def test_cells_that_start_a_formula_are_escaped(value, expected):
    assert csv_cell(value) == expected


def test_every_list_exports_with_escaped_cells(client, world):
    world.partnership.title = "=cmd|' /C calc'!A0"
    world.partnership.save()
    AgreedAction.objects.create(
        partnership=world.partnership,
        title="=1+1",
        owner_organisation=world.local_org,
        due_date=datetime.date(2027, 1, 1),
    )
    make_schedule(world.partnership, datetime.date(2026, 1, 1), today=datetime.date(2026, 5, 1))
    report = world.partnership.report_periods.first().reports.get(organisation=world.local_org)
    report.requests = "@attack"
    report.save()
    world.local_staff.full_name = "-Mallory"
    world.local_staff.save()
    client.force_login(world.local_staff)

    partnerships = _rows(client.get(reverse("partnerships:export_partnerships")))
    assert partnerships[1][1] == "'=cmd|' /C calc'!A0"
    actions = _rows(client.get(reverse("partnerships:export_actions", args=[world.partnership.pk])))
    assert actions[1][1] == "'=1+1"
    reports = _rows(client.get(reverse("partnerships:export_reports", args=[world.partnership.pk])))
    assert "'@attack" in [row[-1] for row in reports[1:]]
    members = _rows(client.get(reverse("partnerships:export_members", args=[world.local_org.pk])))
    assert ["'-Mallory", world.local_staff.email, "Staff", "False", "False"] in members


def test_an_export_shows_only_what_the_user_sees(client, world):
    client.force_login(world.outsider)
    rows = _rows(client.get(reverse("partnerships:export_partnerships")))
    assert rows[1:] == []
    assert (
        client.get(
            reverse("partnerships:export_members", args=[world.international_org.pk])
        ).status_code
        == 404
    )


def test_the_calendar_feed_parses_and_a_revoked_token_is_404(client, world):
    mou = sign_all(make_mou(world.partnership, status="awaiting"), world)
    AgreedAction.objects.create(
        partnership=world.partnership,
        title="Share the budget",
        owner_organisation=world.local_org,
        due_date=datetime.date(2027, 2, 1),
    )
    make_schedule(world.partnership, datetime.date(2026, 1, 1), today=datetime.date(2026, 5, 1))
    client.force_login(world.local_staff)
    client.post(reverse("partnerships:calendar_renew"))
    feed_url = CalendarFeed.objects.get(user=world.local_staff).get_absolute_url()
    client.logout()

    response = client.get(feed_url)  # no session: the token is the credential
    assert response["Content-Type"].startswith("text/calendar")
    events = {str(e["uid"]): e for e in Calendar.from_ical(response.content).walk("VEVENT")}
    action = events[f"action-{AgreedAction.objects.get().pk}@locally-led-partnerships"]
    assert action.decoded("dtstart") == datetime.date(2027, 2, 1)
    assert "Share the budget" in str(action["summary"])
    assert events[f"mou-{mou.pk}@locally-led-partnerships"].decoded("dtstart") == mou.term_end
    assert any(uid.startswith("report-") for uid in events)
    # Reports of the other organisation are its own business, not the local staff's deadlines.
    own_reports = {r.pk for r in world.local_org.mutual_reports.all()}
    assert {
        int(uid.split("-")[1].split("@")[0]) for uid in events if uid.startswith("report-")
    } <= own_reports

    client.force_login(world.local_staff)
    client.post(reverse("partnerships:calendar_renew"))
    client.logout()
    assert client.get(feed_url).status_code == 404  # replaced
    new_url = CalendarFeed.objects.get(user=world.local_staff).get_absolute_url()
    assert client.get(new_url).status_code == 200
    client.force_login(world.local_staff)
    client.post(reverse("partnerships:calendar_revoke"))
    client.logout()
    assert client.get(new_url).status_code == 404


def test_the_feed_stops_when_the_user_leaves_the_partnership(client, world):
    feed = CalendarFeed.objects.create(user=world.local_staff)
    AgreedAction.objects.create(
        partnership=world.partnership,
        title="Secret plan",
        owner_organisation=world.local_org,
        due_date=datetime.date(2027, 2, 1),
    )
    assert b"Secret plan" in client.get(feed.get_absolute_url()).content
    world.local_staff.memberships.all().delete()
    assert b"Secret plan" not in client.get(feed.get_absolute_url()).content
