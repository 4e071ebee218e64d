import json

import pytest
from django.urls import reverse

from partnerships.models import ReflectionQuestion, ReflectionRound
from partnerships.models.reflection import Dimension

from .mou_support import ensure_questions


@pytest.fixture
def round_(world):
    round_ = ReflectionRound.objects.create(partnership=world.partnership, title="Round one")
    round_.questions.set(ensure_questions().filter(is_active=True))
    return round_


def answers(round_, score, comment=""):
    data = {}
    for question in round_.questions.all():
        data[f"score_{question.pk}"] = score(question) if callable(score) else score
        data[f"comment_{question.pk}"] = comment
    return data


def url(name, round_):
    return reverse(f"partnerships:{name}", args=[round_.partnership_id, round_.pk])


def test_the_questions_are_seeded_for_every_dimension(db):
    for dimension in Dimension.values:
        assert ReflectionQuestion.objects.filter(dimension=dimension).count() >= 3


def test_answers_stay_hidden_until_every_member_has_answered(client, world, round_):
    client.force_login(world.local_staff)
    response = client.post(
        url("reflection_answer", round_), answers(round_, 5, comment="LOCAL-SECRET-COMMENT")
    )
    assert response.status_code == 302

    # The other partner sees that the local partner answered, but not what.
    client.force_login(world.international_admin)
    page = client.get(url("reflection_detail", round_))
    assert b"LOCAL-SECRET-COMMENT" not in page.content
    assert "results" not in page.context
    form_page = client.get(url("reflection_answer", round_))
    assert b"LOCAL-SECRET-COMMENT" not in form_page.content
    # Nor do the local partner's own colleagues see more than their own answers.
    client.force_login(world.local_viewer)
    assert "results" not in client.get(url("reflection_detail", round_)).context

    client.force_login(world.international_admin)
    client.post(url("reflection_answer", round_), answers(round_, 2, comment="INTL-COMMENT"))
    page = client.get(url("reflection_detail", round_))
    assert b"LOCAL-SECRET-COMMENT" in page.content and b"INTL-COMMENT" in page.content
    results = page.context["results"]
    assert all(row.gap == 3 for dim in results["dimensions"] for row in dim.questions)
    assert all(dim.gap == 3 for dim in results["dimensions"])
    chart = json.loads(
        page.content.decode()
        .split('id="reflection-chart-data"')[1]
        .split(">", 1)[1]
        .split("</script>")[0]
    )
    assert len(chart["labels"]) == 5
    assert sorted(d["data"][0] for d in chart["datasets"]) == [2, 5]
    assert b"<script>" not in page.content  # the chart is drawn by static/js/reflection.js


def test_gap_per_question_and_dimension(client, world, round_):
    foundation = list(round_.questions.filter(dimension="foundation").order_by("order"))
    client.force_login(world.local_admin)
    client.post(
        url("reflection_answer", round_), answers(round_, lambda q: 1 if q == foundation[0] else 4)
    )
    client.force_login(world.international_admin)
    client.post(url("reflection_answer", round_), answers(round_, 4))
    results = client.get(url("reflection_detail", round_)).context["results"]
    dim = next(d for d in results["dimensions"] if d.code == "foundation")
    assert [row.gap for row in dim.questions] == [3, 0, 0]
    assert dim.gap == 1.0  # means 3.0 and 4.0
    other = next(d for d in results["dimensions"] if d.code == "capacity")
    assert other.gap == 0


def test_answers_are_closed_once_everyone_answered_and_actions_open(client, world, round_):
    client.force_login(world.local_admin)
    assert client.get(url("reflection_actions", round_)).status_code == 403
    client.post(url("reflection_answer", round_), answers(round_, 3))
    client.force_login(world.international_admin)
    client.post(url("reflection_answer", round_), answers(round_, 3))
    client.force_login(world.local_admin)
    client.post(url("reflection_answer", round_), answers(round_, 1))
    assert {a.score for a in round_.responses.get(organisation=world.local_org).answers.all()} == {
        3
    }
    response = client.post(
        url("reflection_actions", round_),
        {
            "held_on": "2026-11-20",
            "participants": "Both directors",
            "agreed_actions": "The local partner chairs the steering committee.",
        },
    )
    assert response.status_code == 302
    round_.refresh_from_db()
    assert round_.agreed_actions.startswith("The local partner chairs")


def test_a_score_outside_1_to_5_is_refused(client, world, round_):
    client.force_login(world.local_admin)
    response = client.post(url("reflection_answer", round_), answers(round_, 6))
    assert response.status_code == 200
    assert not round_.responses.exists()


def test_starting_a_round_takes_the_active_questions(client, world):
    ensure_questions()
    ReflectionQuestion.objects.filter(pk=ReflectionQuestion.objects.first().pk).update(
        is_active=False
    )
    client.force_login(world.local_staff)
    response = client.post(
        reverse("partnerships:reflection_create", args=[world.partnership.pk]), {"title": "Annual"}
    )
    round_ = ReflectionRound.objects.get(title="Annual")
    assert response.status_code == 302
    assert round_.questions.count() == ReflectionQuestion.objects.filter(is_active=True).count()


def test_the_detail_page_summarises_the_foundation(client, world, round_):
    client.force_login(world.local_viewer)
    page = client.get(world.partnership.get_absolute_url())
    assert b"Round one" in page.content
    assert reverse("partnerships:mou_list", args=[world.partnership.pk]).encode() in page.content
