"""Races on PostgreSQL, with threads: #9 item 3 (a submitted report cannot change) and
item 11 (parallel clicks end in one row and a clear message, never a 500)."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from partnerships.models import Invitation, Membership, Mou, MutualReport, ReportingSchedule, User
from partnerships.services.reporting import schedule_save
from partnerships.views import reporting as reporting_views

from ..parallel import in_parallel, logged_in
from .mou_support import make_mou, sign_all
from .reporting_helpers import make_schedule, report_for

pytestmark = pytest.mark.django_db(transaction=True)

PARALLEL = 6


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_item3_a_submitted_report_never_takes_a_concurrent_edit(world):
    """The submitter saves and submits its text while a colleague saves another text: the
    submitted report holds the submitter's text, never the colleague's (15 trials)."""
    make_schedule(
        world.partnership,
        datetime.date(2026, 1, 1),
        interval_months=1,
        today=datetime.date(2027, 6, 1),
    )
    reports = list(
        MutualReport.objects.filter(
            period__partnership=world.partnership,
            organisation=world.local_org,
        ).order_by("period__start")[:15]
    )
    assert len(reports) == 15
    submitter, editor = logged_in(world.local_admin), logged_in(world.local_staff)
    changed = []
    for report in reports:
        url = reverse("partnerships:report_edit", args=[world.partnership.pk, report.pk])
        posts = [
            (submitter, {"progress": "What we submit", "submit": "1"}),
            (editor, {"progress": "A later edit"}),
        ]
        responses = in_parallel(
            2, lambda i, url=url, posts=posts: posts[i][0].post(url, posts[i][1])
        )
        assert [r.status_code for r in responses] == [302, 302]
        report.refresh_from_db()
        assert report.is_submitted
        if report.progress != "What we submit":
            changed.append(report.pk)
    assert changed == []


def test_item3_editing_a_report_submitted_meanwhile_says_so(client, world):
    make_schedule(world.partnership, datetime.date(2026, 1, 1), today=datetime.date(2026, 5, 10))
    report = report_for(world, world.local_org)
    client.force_login(world.local_staff)
    url = reverse("partnerships:report_edit", args=[world.partnership.pk, report.pk])
    MutualReport.objects.filter(pk=report.pk).update(
        status="submitted", progress="Final", submitted_at=timezone.now()
    )
    response = client.post(url, {"progress": "Too late"}, follow=True)
    assert "A submitted report is read-only" in response.content.decode()
    report.refresh_from_db()
    assert report.progress == "Final"


def test_item11_a_nul_byte_in_an_invitation_token_is_a_404(client, world):
    assert client.get("/invitations/abc%00def/").status_code == 404
    assert client.post("/invitations/abc%00def/", {}).status_code == 404


def test_item11_six_parallel_accepts_of_one_invitation(world):
    invitation = Invitation.objects.create(
        organisation=world.local_org, email="new.person@example.org", invited_by=world.local_admin
    )
    data = {
        "full_name": "New Person",
        "password1": "a-long-unusual-passphrase",
        "password2": "a-long-unusual-passphrase",
    }
    responses = in_parallel(
        PARALLEL,
        lambda i: Client(raise_request_exception=False).post(invitation.get_accept_url(), data),
    )
    assert sorted(r.status_code for r in responses) == [302] + [410] * (PARALLEL - 1)
    assert User.objects.filter(email="new.person@example.org").count() == 1
    assert Membership.objects.filter(user__email="new.person@example.org").count() == 1
    closed = [r for r in responses if r.status_code == 410]
    assert all("already used" in r.content.decode() for r in closed)


def test_item11_six_parallel_accepts_by_an_existing_account(world):
    person = User.objects.create_user(email="existing@example.org", password="x-long-pass-1")
    invitation = Invitation.objects.create(
        organisation=world.local_org, email=person.email, invited_by=world.local_admin
    )
    responses = in_parallel(PARALLEL, lambda i: logged_in(person).post(invitation.get_accept_url()))
    assert sorted(r.status_code for r in responses) == [302] + [410] * (PARALLEL - 1)
    assert Membership.objects.filter(user=person).count() == 1


def test_item11_six_parallel_new_version_clicks_on_one_mou(world):
    mou = sign_all(make_mou(world.partnership, status=Mou.Status.AWAITING_SIGNATURES), world)
    assert mou.status == Mou.Status.IN_FORCE
    url = reverse("partnerships:mou_new_version", args=[world.partnership.pk, mou.pk])
    responses = in_parallel(PARALLEL, lambda i: logged_in(world.local_staff).post(url))
    assert [r.status_code for r in responses] == [302] * PARALLEL
    drafts = Mou.objects.filter(partnership=world.partnership, status=Mou.Status.DRAFT)
    assert drafts.count() == 1
    assert {r["Location"] for r in responses} == {
        reverse("partnerships:mou_edit", args=[world.partnership.pk, drafts.get().pk])
    }
    said = [m for r in responses for m in _messages(r)]
    assert sum("is a draft" in m for m in said) == 1
    assert sum("already being prepared" in m for m in said) == PARALLEL - 1


def test_item11_six_parallel_first_saves_of_a_reporting_schedule(world):
    url = reverse("partnerships:reporting_schedule", args=[world.partnership.pk])
    data = {
        "interval_months": 3,
        "first_period_start": datetime.date.today().isoformat(),
        "due_days": 30,
        "notice_days": 14,
        "schedule_id": "",
    }
    responses = in_parallel(PARALLEL, lambda i: logged_in(world.local_admin).post(url, data))
    assert [r.status_code for r in responses] == [302] * PARALLEL
    assert ReportingSchedule.objects.filter(partnership=world.partnership).count() == 1
    said = [m for r in responses for m in _messages(r)]
    assert sum("schedule was saved" in m for m in said) == 1, said
    assert sum("saved a schedule first" in m for m in said) == PARALLEL - 1


def test_a_first_save_racing_a_saved_schedule_gets_the_saved_first_message(world, monkeypatch):
    """The interleaving the parallel test above hits now and then, made certain: this request
    read "no schedule yet" just before another one saved the first schedule and its periods."""
    today = timezone.localdate()
    schedule_save(
        partnership=world.partnership,
        schedule_id=None,
        interval_months=3,
        first_period_start=today,
        due_days=30,
        notice_days=14,
        reporting_organisation_ids=[],
    )

    class NotYetSeen:
        class objects:
            @staticmethod
            def filter(**kwargs):
                return ReportingSchedule.objects.none()

    monkeypatch.setattr(reporting_views, "ReportingSchedule", NotYetSeen)
    url = reverse("partnerships:reporting_schedule", args=[world.partnership.pk])
    data = {
        "interval_months": 3,
        "first_period_start": today.isoformat(),
        "due_days": 30,
        "notice_days": 14,
        "schedule_id": "",
    }
    response = logged_in(world.local_admin).post(url, data)
    assert response.status_code == 302
    assert any("saved a schedule first" in m for m in _messages(response))
