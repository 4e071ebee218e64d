"""Assessment rounds: hidden until every self-assessment is in, then gaps and change."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from capacity.models import Assessment, Score
from capacity.services.assessment import results

from .helpers import ensure_framework, score, small_framework, start_round


@pytest.fixture
def fw(world):
    return small_framework()


def _two_rounds(world, fw):
    local, intl = world.local_org, world.international_org
    i = fw.item
    first = start_round(world, fw, datetime.date(2026, 1, 10), "Baseline")
    score(first, local, local, world.local_admin, {i["a"]: 2, i["b"]: 3, i["c"]: 1})
    score(first, intl, local, world.international_admin, {i["a"]: 3, i["b"]: 4, i["c"]: None})
    score(first, local, intl, world.local_admin, {i["a"]: 2, i["b"]: 3, i["c"]: 3, i["d"]: 1})
    score(
        first, intl, intl, world.international_admin, {i["a"]: 4, i["b"]: 4, i["c"]: 3, i["d"]: 4}
    )
    second = start_round(world, fw, datetime.date(2027, 1, 10), "Repeat")
    score(second, local, local, world.local_admin, {i["a"]: 3, i["b"]: 4, i["c"]: 2})
    score(
        second, intl, intl, world.international_admin, {i["a"]: 3, i["b"]: 4, i["c"]: 3, i["d"]: 4}
    )
    return first, second


def _domains(subject):
    return {d.domain.code: d for d in subject.domains}


def test_worked_example_gaps_by_hand(world, fw):
    first, _second = _two_rounds(world, fw)
    local, intl = results(first)["subjects"]
    assert local.organisation == world.local_org  # local partner first
    # Local partner, Finance: self (2+3)/2 = 2.5; partner view (3+4)/2 = 3.5; gap -1.0.
    finance = _domains(local)["d1"]
    assert (finance.self_mean, finance.partner_mean, finance.gap) == (2.5, 3.5, -1.0)
    assert [(r.own.score, r.partner_mean, r.gap) for r in finance.items] == [
        (2, 3.0, -1.0),
        (3, 4.0, -1.0),
    ]
    # People: the partner could not tell, so no partner mean and no gap.
    people = _domains(local)["d2"]
    assert (people.self_mean, people.partner_mean, people.gap) == (1.0, None, None)
    # The "as a partner" domain is asked about the international organisation only.
    assert "d3" not in _domains(local)
    # International partner: Finance self 4.0 vs 2.5 → +1.5; People 3 vs 3 → 0;
    # as a partner 4 vs 1 → +3.
    domains = _domains(intl)
    assert [
        (domains[c].self_mean, domains[c].partner_mean, domains[c].gap) for c in ("d1", "d2", "d3")
    ] == [(4.0, 2.5, 1.5), (3.0, 3.0, 0.0), (4.0, 1.0, 3.0)]
    # The first round has nothing to compare with.
    assert all(d.change is None for d in domains.values())


def test_worked_example_change_between_rounds_by_hand(world, fw):
    first, second = _two_rounds(world, fw)
    local, intl = results(second)["subjects"]
    # Local Finance: 3.5 now, 2.5 before → +1.0; People 2 vs 1 → +1.0.
    assert [(d.self_mean, d.previous, d.change) for d in local.domains] == [
        (3.5, 2.5, 1.0),
        (2.0, 1.0, 1.0),
    ]
    # International Finance: 3.5 vs 4.0 → -0.5; People 3 vs 3 → 0; as a partner 4 vs 4 → 0.
    assert [(d.self_mean, d.previous, d.change) for d in intl.domains] == [
        (3.5, 4.0, -0.5),
        (3.0, 3.0, 0.0),
        (4.0, 4.0, 0.0),
    ]
    # No partner view in the second round.
    assert all(d.partner_mean is None for d in local.domains)


def test_scores_are_hidden_until_every_organisation_has_assessed_itself(client, world, fw):
    i = fw.item
    round_ = start_round(world, fw)
    score(
        round_,
        world.international_org,
        world.international_org,
        world.international_admin,
        {i["a"]: 1, i["b"]: 1, i["c"]: 1, i["d"]: 1},
    )
    Score.objects.filter(assessment__assessor=world.international_org).update(
        comment="SECRET-INTL-COMMENT"
    )
    score(
        round_,
        world.international_org,
        world.local_org,
        world.international_admin,
        {i["a"]: 4, i["b"]: 4, i["c"]: 4},
    )
    Score.objects.filter(assessment__subject=world.local_org).update(
        evidence="SECRET-VIEW-EVIDENCE"
    )
    client.force_login(world.local_admin)
    url = round_.get_absolute_url()
    html = client.get(url).content.decode()
    assert "SECRET" not in html and "subject-result" not in html
    # Nor through the scoring page of the other organisation, by URL.
    for subject in (world.international_org, world.local_org):
        page = client.get(
            reverse("capacity:assess", args=[world.partnership.pk, round_.pk, subject.pk])
            + f"?as={world.international_org.pk}"
        )
        assert "SECRET" not in page.content.decode()
    # The last self-assessment reveals everything, side by side.
    score(
        round_,
        world.local_org,
        world.local_org,
        world.local_admin,
        {i["a"]: 2, i["b"]: 2, i["c"]: 2},
    )
    html = client.get(url).content.decode()
    assert "SECRET-INTL-COMMENT" in html and "SECRET-VIEW-EVIDENCE" in html
    assert html.count("subject-result") == 2
    assert 'id="capacity-gap-data"' in html


def test_a_closed_round_and_a_submitted_assessment_do_not_change(world, fw):
    i = fw.item
    round_ = start_round(world, fw)
    score(
        round_,
        world.local_org,
        world.local_org,
        world.local_admin,
        {i["a"]: 2, i["b"]: 2, i["c"]: 2},
    )
    with pytest.raises(ValidationError):
        score(
            round_,
            world.local_org,
            world.local_org,
            world.local_admin,
            {i["a"]: 4, i["b"]: 4, i["c"]: 4},
        )
    score(
        round_,
        world.international_org,
        world.international_org,
        world.international_admin,
        {i["a"]: 1, i["b"]: 1, i["c"]: 1, i["d"]: 1},
    )
    with pytest.raises(ValidationError, match="closed"):
        score(
            round_, world.international_org, world.local_org, world.international_admin, {i["a"]: 1}
        )
    assert not Assessment.objects.filter(
        assessor=world.international_org, subject=world.local_org
    ).exists()


def test_a_self_assessment_needs_every_item_to_be_submitted(world, fw):
    i = fw.item
    round_ = start_round(world, fw)
    with pytest.raises(ValidationError, match="score every item"):
        score(round_, world.local_org, world.local_org, world.local_admin, {i["a"]: 2})
    # A draft may be partial.
    draft = score(
        round_, world.local_org, world.local_org, world.local_admin, {i["a"]: 2}, submit=False
    )
    assert draft.status == Assessment.Status.DRAFT and not round_.is_complete


def test_a_score_outside_the_scale_is_refused_and_nothing_is_saved(client, world, fw):
    i = fw.item
    round_ = start_round(world, fw)
    client.force_login(world.local_admin)
    url = reverse("capacity:assess", args=[world.partnership.pk, round_.pk, world.local_org.pk])
    data = {
        f"score_{i['a'].pk}": "5",
        f"score_{i['b'].pk}": "2",
        f"score_{i['c'].pk}": "0",
        "submit": "1",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "A score must be between 1 and 4." in response.content.decode()
    assert not Assessment.objects.exists() and not Score.objects.exists()
    # The service refuses it too, whatever calls it.
    with pytest.raises(ValidationError, match="between 1 and 4"):
        score(
            round_,
            world.local_org,
            world.local_org,
            world.local_admin,
            {i["a"]: 5, i["b"]: 2, i["c"]: 2},
        )
    assert not Score.objects.exists()


def test_both_sides_assess_through_the_pages(client, world, fw):
    i = fw.item
    round_ = start_round(world, fw)
    p = world.partnership.pk

    def post(user, assessor, subject, values):
        client.force_login(user)
        data = {f"score_{item.pk}": str(v) for item, v in values.items()}
        data["submit"] = "1"
        return client.post(
            reverse("capacity:assess", args=[p, round_.pk, subject.pk]) + f"?as={assessor.pk}", data
        )

    assert (
        post(
            world.local_admin,
            world.local_org,
            world.international_org,
            {i["a"]: 2, i["b"]: 2, i["c"]: 2, i["d"]: 1},
        ).status_code
        == 302
    )
    assert (
        post(
            world.local_admin, world.local_org, world.local_org, {i["a"]: 3, i["b"]: 3, i["c"]: 3}
        ).status_code
        == 302
    )
    # Someone cannot score as an organisation they do not belong to: it falls back to theirs.
    assert (
        post(
            world.international_admin,
            world.local_org,
            world.international_org,
            {i["a"]: 4, i["b"]: 4, i["c"]: 4, i["d"]: 4},
        ).status_code
        == 302
    )
    assessment = Assessment.objects.get(
        subject=world.international_org, assessor=world.international_org
    )
    assert assessment.is_submitted
    assert round_.is_complete


def test_the_seeded_framework_has_ten_domains_and_translated_texts(world):
    from django.utils import translation

    framework = ensure_framework()
    domains = list(framework.domains.all())
    assert len([d for d in domains if d.applies_to == "all"]) == 10
    assert framework.levels.count() == 4
    safeguarding = next(d for d in domains if d.code == "safeguarding")
    for language in ("fr", "es", "pt", "ar"):
        with translation.override(language):
            assert safeguarding.display_name != safeguarding.name, language
            item = safeguarding.items.first()
            assert item.display_text != item.text, language


def test_every_seeded_text_is_marked_for_translation(world):
    from capacity.framework_texts import TEXTS

    framework = ensure_framework()
    seeded = {framework.name, framework.description}
    seeded |= {t for level in framework.levels.all() for t in (level.name, level.descriptor)}
    seeded |= {d.name for d in framework.domains.all()}
    seeded |= {i.text for d in framework.domains.all() for i in d.items.all()}
    assert seeded <= set(TEXTS)


def test_a_self_assessment_submitted_with_gaps_marks_each_missing_item(client, world, fw):
    i = fw.item
    round_ = start_round(world, fw)
    client.force_login(world.local_admin)
    url = reverse("capacity:assess", args=[world.partnership.pk, round_.pk, world.local_org.pk])
    response = client.post(
        url, {f"score_{i['a'].pk}": "2", f"evidence_{i['b'].pk}": "Audit", "submit": "1"}
    )
    html = response.content.decode()
    assert response.status_code == 200 and 'id="assessment-errors"' in html
    assert html.count("score every item of your self-assessment") == 2  # items b and c
    assert not Assessment.objects.exists()
    # The same answers saved as a draft keep the evidence for later.
    client.post(url, {f"score_{i['a'].pk}": "2", f"evidence_{i['b'].pk}": "Audit", "save": "1"})
    draft = Assessment.objects.get()
    assert not draft.is_submitted
    assert draft.scores.get(item=i["b"]).evidence == "Audit"
