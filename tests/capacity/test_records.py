"""Learning needs, peer learning and target-group activities through their pages."""

from django.urls import reverse

from capacity.models import LearningExchange, Mentorship, MentorshipSession, TargetGroupActivity
from capacity.services.assessment import Cell
from capacity.templatetags.capacity_tags import score_cell


def _url(world, name, *args):
    return reverse(f"capacity:{name}", args=[world.partnership.pk, *args])


def test_a_mentor_from_one_organisation_mentors_someone_from_the_other(client, world):
    client.force_login(world.local_admin)
    response = client.post(
        _url(world, "mentorship_new"),
        {
            "mentor": world.local_admin.pk,
            "mentee": world.international_admin.pk,
            "focus": "Working with county officials",
            "started_on": "2026-01-10",
            "is_active": "on",
        },
    )
    mentorship = Mentorship.objects.get()
    assert response.status_code == 302
    client.post(
        _url(world, "mentorship", mentorship.pk),
        {"held_on": "2026-02-01", "notes": "Prepared the hearing together."},
    )
    assert MentorshipSession.objects.get().logged_by == world.local_admin
    assert (
        "Prepared the hearing together."
        in client.get(_url(world, "mentorship", mentorship.pk)).content.decode()
    )


def test_mentors_are_people_of_the_partnership_and_not_their_own_mentee(client, world):
    client.force_login(world.local_admin)
    for mentor, mentee in (
        (world.local_admin, world.local_admin),
        (world.outsider, world.local_staff),
    ):
        response = client.post(
            _url(world, "mentorship_new"),
            {"mentor": mentor.pk, "mentee": mentee.pk, "focus": "x", "started_on": "2026-01-10"},
        )
        assert response.status_code == 200
    assert not Mentorship.objects.exists()


def test_an_exchange_with_a_peer_organisation(client, world):
    client.force_login(world.local_staff)
    client.post(
        _url(world, "peer_new"),
        {"name": "Youth Budget Network", "country": "KE", "expertise": "Budget hearings"},
    )
    peer = world.partnership.peer_organisations.get()
    response = client.post(
        _url(world, "exchange_new"),
        {
            "held_on": "2026-03-03",
            "topic": "Memoranda",
            "organisations": [world.local_org.pk],
            "peers": [peer.pk],
            "learned": "Cite the county's own figures.",
        },
    )
    assert response.status_code == 302
    exchange = LearningExchange.objects.get()
    assert list(exchange.peers.all()) == [peer]
    assert "Youth Budget Network" in client.get(_url(world, "peers")).content.decode()


def test_target_group_participants_add_up(client, world):
    client.force_login(world.local_staff)
    base = {
        "organisation": world.local_org.pk,
        "held_on": "2026-03-11",
        "topic": "Public hearings",
        "girls": "3",
        "boys": "2",
        "women": "4",
        "men": "1",
        "older_women": "0",
        "older_men": "0",
        "other": "0",
    }
    response = client.post(_url(world, "target_new"), {**base, "with_disability": "11"})
    assert response.status_code == 200 and not TargetGroupActivity.objects.exists()
    response = client.post(
        _url(world, "target_new"), {**base, "girls": "-1", "with_disability": "0"}
    )
    assert response.status_code == 200 and not TargetGroupActivity.objects.exists()
    client.post(_url(world, "target_new"), {**base, "with_disability": "2"})
    assert TargetGroupActivity.objects.get().total == 10
    html = client.get(_url(world, "targets")).content.decode()
    assert 'id="target-total"><strong>10</strong>' in html


def test_score_cells_escape_what_partners_write():
    html = score_cell(Cell(3, "<script>alert(1)</script>", "fine & dandy"))
    assert "<script>" not in html and "&lt;script&gt;" in html and "&amp;" in html
    assert score_cell(None) == "–" and score_cell(Cell(None, "", "")) == "–"
