"""Admin keeps the app's rules: submitted scores are read-only, rounds start through the
service, actions obey the plan's rules."""

import datetime

import pytest
from django.urls import reverse

from capacity.models import Assessment, AssessmentRound, CapacityAction, Score

from .helpers import capacity_line, score, small_framework, start_round


@pytest.fixture
def site_admin(db, django_user_model):
    return django_user_model.objects.create_superuser(email="root@example.org", password="x")


def test_submitted_scores_cannot_be_edited_or_deleted_in_admin(client, world, site_admin):
    fw = small_framework()
    round_ = start_round(world, fw)
    assessment = score(
        round_,
        world.local_org,
        world.local_org,
        world.local_admin,
        {fw.item["a"]: 2, fw.item["b"]: 2, fw.item["c"]: 2},
    )
    client.force_login(site_admin)
    url = reverse("admin:capacity_assessment_change", args=[assessment.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="scores-0-score"' not in page.content.decode()  # shown, not editable
    client.post(
        url,
        {
            "scores-TOTAL_FORMS": "1",
            "scores-INITIAL_FORMS": "1",
            "scores-0-id": Score.objects.first().pk,
            "scores-0-score": "4",
        },
    )
    assert set(Score.objects.values_list("score", flat=True)) == {2}
    delete = client.post(
        reverse("admin:capacity_assessment_delete", args=[assessment.pk]), {"post": "yes"}
    )
    assert delete.status_code == 403
    assert Assessment.objects.filter(pk=assessment.pk).exists()


def test_a_round_started_in_admin_takes_the_framework_items(client, world, site_admin):
    fw = small_framework()
    client.force_login(site_admin)
    response = client.post(
        reverse("admin:capacity_assessmentround_add"),
        {
            "partnership": world.partnership.pk,
            "framework": fw.pk,
            "title": "Admin round",
            "opened_on": "2026-01-01",
            "assessments-TOTAL_FORMS": "0",
            "assessments-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    round_ = AssessmentRound.objects.get(title="Admin round")
    assert round_.items.count() == 4 and round_.created_by == site_admin


def test_admin_refuses_a_budget_line_of_another_partnership(client, world, site_admin):
    from tests.factories import OrganisationFactory, PartnershipFactory, PartnershipMemberFactory

    fw = small_framework()
    other = PartnershipFactory()
    org = OrganisationFactory()
    PartnershipMemberFactory(partnership=other, organisation=org)
    line = capacity_line(other, org)
    client.force_login(site_admin)
    response = client.post(
        reverse("admin:capacity_capacityaction_add"),
        {
            "partnership": world.partnership.pk,
            "title": "x",
            "domain": fw.domain["d1"].pk,
            "receiving": world.local_org.pk,
            "providing": world.international_org.pk,
            "kind": "training",
            "days": "1",
            "cost": "0",
            "budget_line": line.pk,
            "due_date": datetime.date(2026, 6, 1).isoformat(),
            "status": "planned",
        },
    )
    assert response.status_code == 200
    assert "Choose a budget line of this partnership." in response.content.decode()
    assert not CapacityAction.objects.exists()
