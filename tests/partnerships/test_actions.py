"""Agreed actions, reflection comparison, interventions, symmetry of reporting and the rule
that a partnership is active only with an MoU in force."""

import datetime

import pytest
from django.urls import reverse

from partnerships.models import (
    AgreedAction,
    JointIntervention,
    PartnershipEvent,
    ReflectionRound,
    ReportingSchedule,
)
from partnerships.reminder_sources import action_step
from partnerships.reminders import send_due_reminders
from partnerships.services.reflection import reflection_answers_submit

from .mou_support import ensure_questions, make_mou, sign_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def finished_round(world):
    round_ = ReflectionRound.objects.create(
        partnership=world.partnership,
        title="Round one",
        agreed_actions="- Share the full budget\n- Co-chair the steering committee\n",
    )
    round_.questions.set(ensure_questions())
    questions = list(round_.questions.all())
    reflection_answers_submit(
        round_id=round_.pk,
        organisation=world.local_org,
        user=world.local_admin,
        answers=[(q, 2, "") for q in questions],
    )
    reflection_answers_submit(
        round_id=round_.pk,
        organisation=world.international_org,
        user=world.international_admin,
        answers=[(q, 5, "") for q in questions],
    )
    return round_


def _action_data(world, **overrides):
    return {
        "title": "Share the full budget",
        "owner_organisation": world.international_org.pk,
        "owner": world.international_admin.pk,
        "due_date": "2026-09-30",
        "notes": "",
        **overrides,
    }


def test_an_action_is_created_from_the_reflection_and_marked_done(client, world, finished_round):
    client.force_login(world.local_staff)
    url = reverse("partnerships:action_create", args=[world.partnership.pk])
    page = client.get(f"{url}?round={finished_round.pk}").content.decode()
    assert "Share the full budget" in page and "Co-chair the steering committee" in page
    response = client.post(f"{url}?round={finished_round.pk}", _action_data(world))
    assert response.status_code == 302
    action = AgreedAction.objects.get()
    assert (action.source, action.reflection_round, action.status) == (
        "reflection",
        finished_round,
        "open",
    )
    client.post(reverse("partnerships:action_done", args=[world.partnership.pk, action.pk]))
    action.refresh_from_db()
    assert action.status == "done" and action.closed_at


def test_a_due_date_before_the_partnership_starts_is_refused(client, world):
    world.partnership.start_date = datetime.date(2026, 1, 1)
    world.partnership.save()
    client.force_login(world.local_staff)
    response = client.post(
        reverse("partnerships:action_create", args=[world.partnership.pk]),
        _action_data(world, due_date="2025-12-31"),
    )
    assert response.status_code == 200
    assert (
        "The due date cannot be before the partnership starts (2026-01-01)."
        in response.content.decode()
    )
    assert not AgreedAction.objects.exists()


def test_the_owner_must_belong_to_the_organisation_responsible(client, world):
    client.force_login(world.local_staff)
    response = client.post(
        reverse("partnerships:action_create", args=[world.partnership.pk]),
        _action_data(world, owner=world.local_viewer.pk),
    )
    assert "does not work for" in response.content.decode()
    assert not AgreedAction.objects.exists()


def test_an_action_from_a_reports_requests(client, world):
    from .reporting_helpers import make_schedule

    make_schedule(world.partnership, datetime.date(2026, 1, 1), today=datetime.date(2026, 5, 1))
    report = world.partnership.report_periods.first().reports.get(organisation=world.local_org)
    report.requests = "Pay the second tranche on time"
    report.status, report.submitted_at = (
        "submitted",
        datetime.datetime(2026, 4, 1, tzinfo=datetime.UTC),
    )
    report.save()
    client.force_login(world.international_admin)
    url = reverse("partnerships:action_create", args=[world.partnership.pk])
    page = client.get(f"{url}?report={report.pk}").content.decode()
    assert "Pay the second tranche on time" in page
    client.post(f"{url}?report={report.pk}", _action_data(world, title="Pay the tranche"))
    assert AgreedAction.objects.get().report == report


def test_the_list_shows_each_sides_open_and_overdue_actions(
    client, world, django_assert_max_num_queries
):
    for i in range(3):
        AgreedAction.objects.create(
            partnership=world.partnership,
            title=f"Late {i}",
            owner_organisation=world.international_org,
            due_date=datetime.date(2020, 1, 1),
        )
    AgreedAction.objects.create(
        partnership=world.partnership,
        title="Upcoming",
        owner_organisation=world.local_org,
        due_date=datetime.date(2099, 1, 1),
    )
    client.force_login(world.local_viewer)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("partnerships:actions", args=[world.partnership.pk]))
    sides = {
        row["organisation"].name: (row["open"], row["overdue"]) for row in page.context["sides"]
    }
    assert sides == {world.local_org.name: (1, 0), world.international_org.name: (3, 3)}


def test_action_reminder_steps():
    due = datetime.date(2026, 6, 30)
    day = datetime.timedelta(days=1)
    assert action_step(due, due - 8 * day) is None
    assert action_step(due, due - 7 * day) == "soon"
    assert action_step(due, due) == "due"
    assert action_step(due, due + day) == "overdue:0"
    assert action_step(due, due + 8 * day) == "overdue:1"
    assert action_step(due, due + 22 * day) is None


def test_an_action_is_reminded_once_per_step(world, django_capture_on_commit_callbacks):
    due = datetime.date(2026, 6, 30)
    AgreedAction.objects.create(
        partnership=world.partnership,
        title="Share the budget",
        owner_organisation=world.local_org,
        owner=world.local_staff,
        due_date=due,
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert send_due_reminders(due) == 1
        assert send_due_reminders(due) == 0
        assert send_due_reminders(due + datetime.timedelta(days=1)) == 1
    assert world.local_staff.notifications.count() == 2


def test_rounds_are_compared_per_dimension_and_question(client, world, finished_round):
    later = ReflectionRound.objects.create(partnership=world.partnership, title="Round two")
    later.questions.set(ensure_questions())
    questions = list(later.questions.all())
    reflection_answers_submit(
        round_id=later.pk,
        organisation=world.local_org,
        user=world.local_admin,
        answers=[(q, 4, "") for q in questions],
    )
    reflection_answers_submit(
        round_id=later.pk,
        organisation=world.international_org,
        user=world.international_admin,
        answers=[(q, 5, "") for q in questions],
    )
    client.force_login(world.local_viewer)
    response = client.get(
        reverse("partnerships:reflection_compare", args=[world.partnership.pk, later.pk])
    )
    rows = response.context["comparison"]["dimensions"]
    assert rows and all((r.before, r.now, r.change) == (3, 1, -2) for r in rows)
    assert len(response.context["comparison"]["questions"]) == len(questions)


def test_a_schedule_leaving_out_an_organisation_without_its_agreement_is_refused(client, world):
    client.force_login(world.local_admin)
    url = reverse("partnerships:reporting_schedule", args=[world.partnership.pk])
    data = {
        "interval_months": 3,
        "first_period_start": datetime.date.today().isoformat(),
        "due_days": 30,
        "notice_days": 14,
        "reporting_organisations": [world.local_org.pk],
    }
    response = client.post(url, data)
    assert (
        f"{world.international_org.name} has not agreed to stop reporting"
        in response.content.decode()
    )
    assert not ReportingSchedule.objects.exists()
    # The local admin cannot agree for the international partner: the page records only
    # the agreement of the admin's own organisation.
    client.post(
        reverse("partnerships:reporting_exemption", args=[world.partnership.pk]),
        {"reason": "We agree"},
    )
    assert client.post(url, data).status_code == 200
    client.force_login(world.international_admin)
    client.post(
        reverse("partnerships:reporting_exemption", args=[world.partnership.pk]),
        {"reason": "Our donor reports for us"},
    )
    client.force_login(world.local_admin)
    assert client.post(url, data).status_code == 302
    assert world.partnership.events.filter(action=PartnershipEvent.Action.EXEMPTION).count() == 2


def _edit(p, **overrides):
    return {"title": p.title, "status": p.status, "local_needs": p.local_needs, **overrides}


def test_a_partnership_becomes_active_only_with_an_mou_in_force_or_a_recorded_reason(client, world):
    p = world.partnership
    p.status = "negotiating"
    p.save()
    url = reverse("partnerships:edit", args=[p.pk])
    client.force_login(world.local_staff)
    response = client.post(url, _edit(p, status="active", active_without_mou_reason="Urgent"))
    assert "only an organisation admin" in response.content.decode()
    client.force_login(world.local_admin)
    response = client.post(url, _edit(p, status="active"))
    assert "Record why" in response.content.decode()
    p.refresh_from_db()
    assert p.status == "negotiating"
    response = client.post(
        url, _edit(p, status="active", active_without_mou_reason="Flood response cannot wait")
    )
    assert response.status_code == 302
    event = p.events.get(action=PartnershipEvent.Action.ACTIVE_WITHOUT_MOU)
    assert (event.actor, event.detail) == (world.local_admin, "Flood response cannot wait")


def test_with_an_mou_in_force_no_reason_is_needed(client, world):
    p = world.partnership
    sign_all(make_mou(p, status="awaiting"), world)
    p.status = "negotiating"
    p.save()
    client.force_login(world.local_staff)
    assert (
        client.post(
            reverse("partnerships:edit", args=[p.pk]), _edit(p, status="active")
        ).status_code
        == 302
    )


def test_interventions_are_listed_and_optional(client, world):
    client.force_login(world.local_staff)
    response = client.post(
        reverse("partnerships:interventions", args=[world.partnership.pk]),
        {
            "title": "Radio shows",
            "start_date": "2026-01-01",
            "end_date": "2025-01-01",
            "status": "planned",
            "local_needs": "Youth are not heard",
            "target_groups": "Youth",
        },
    )
    assert response.status_code == 200 and not JointIntervention.objects.exists()
    client.post(
        reverse("partnerships:interventions", args=[world.partnership.pk]),
        {
            "title": "Radio shows",
            "start_date": "2026-01-01",
            "end_date": "",
            "status": "planned",
            "local_needs": "Youth are not heard",
            "target_groups": "Youth",
        },
    )
    assert "Radio shows" in client.get(world.partnership.get_absolute_url()).content.decode()


def test_suggestions_drop_the_bullets_and_numbers_they_were_typed_with():
    from partnerships.services.actions import suggested_titles

    assert suggested_titles("1. Share the budget\n2) Co-chair\n- Visit\n\n• Train\n") == [
        "Share the budget",
        "Co-chair",
        "Visit",
        "Train",
    ]


def test_the_partnership_page_shows_reporting_figures_per_organisation(client, world):
    from .reporting_helpers import make_schedule

    make_schedule(world.partnership, datetime.date(2026, 1, 1), today=datetime.date(2026, 5, 1))
    report = world.partnership.report_periods.first().reports.get(organisation=world.local_org)
    report.status, report.submitted_at = (
        "submitted",
        datetime.datetime(2026, 4, 1, tzinfo=datetime.UTC),
    )
    report.save()
    client.force_login(world.local_viewer)
    rows = client.get(world.partnership.get_absolute_url()).context["reporting"]["by_organisation"]
    on_time = {row["organisation__name"]: row["on_time"] for row in rows}
    assert on_time == {world.local_org.name: 1, world.international_org.name: 0}


def test_a_schedule_can_point_at_one_of_the_partnerships_interventions(client, world):
    intervention = JointIntervention.objects.create(
        partnership=world.partnership,
        title="Radio",
        start_date=datetime.date(2026, 1, 1),
        local_needs="n",
        target_groups="g",
    )
    client.force_login(world.local_admin)
    client.post(
        reverse("partnerships:reporting_schedule", args=[world.partnership.pk]),
        {
            "interval_months": 3,
            "first_period_start": datetime.date.today().isoformat(),
            "due_days": 30,
            "notice_days": 14,
            "intervention": intervention.pk,
        },
    )
    assert ReportingSchedule.objects.get().intervention == intervention


def test_django_admin_keeps_the_mou_rule_and_records_the_reason(admin_client, world):
    p = world.partnership
    p.status = "negotiating"
    p.save()
    url = reverse("admin:partnerships_partnership_change", args=[p.pk])
    data = {
        "title": p.title,
        "status": "active",
        "local_needs": p.local_needs,
        "members-TOTAL_FORMS": "0",
        "members-INITIAL_FORMS": "0",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 200 and "Record why" in response.content.decode()
    p.refresh_from_db()
    assert p.status == "negotiating"
    admin_client.post(url, {**data, "active_without_mou_reason": "Emergency response"})
    p.refresh_from_db()
    assert p.status == "active"
    assert (
        p.events.get(action=PartnershipEvent.Action.ACTIVE_WITHOUT_MOU).detail
        == "Emergency response"
    )
