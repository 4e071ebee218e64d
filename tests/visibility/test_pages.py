import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from visibility.models import (
    Communication,
    EventAttendance,
    Forum,
    ForumEvent,
    ForumRole,
    ForumSupport,
    Introduction,
    PartnershipForum,
)

from .helpers import approve_all, make_result, open_page, publish_profile

pytestmark = pytest.mark.django_db


def grow(world, n):
    today = timezone.localdate()
    start = Forum.objects.count()
    for i in range(n):
        forum = Forum.objects.create(name=f"Forum {start + i}", kind="network", level="national")
        link = PartnershipForum.objects.create(
            partnership=world.partnership, forum=forum, local_aim="Lead"
        )
        ForumSupport.objects.create(
            partnership_forum=link,
            kind="travel",
            description="Bus",
            provided_by=world.international_org,
            cost=10,
        )
        ForumRole.objects.create(
            organisation=world.local_org,
            forum=forum,
            role="chair" if i % 2 else "member",
            show_publicly=True,
        )
        event = ForumEvent.objects.create(
            partnership=world.partnership,
            forum=forum,
            title=f"Event {i}",
            date=today - datetime.timedelta(days=i),
        )
        EventAttendance.objects.create(
            event=event, organisation=world.international_org, people="Lars"
        )
        if i % 2:
            EventAttendance.objects.create(
                event=event, organisation=world.local_org, people="Amina"
            )
        communication = Communication.objects.create(
            partnership=world.partnership, kind="post", title=f"Post {i}", date=today
        )
        communication.named_organisations.set(
            [world.local_org] if i % 2 else [world.international_org]
        )
        Introduction.objects.create(
            partnership=world.partnership,
            introduced_by=world.international_org,
            introduced=world.local_org,
            introduced_to="Fund",
            target_kind="donor",
            date=today,
            outcome="meeting",
        )
        approve_all(world, make_result(world, title=f"Result {i}"))


@pytest.mark.parametrize("n", [1, 12])
def test_the_visibility_page_query_count_does_not_grow(
    client, world, django_assert_max_num_queries, n
):
    grow(world, n)
    open_page(world)
    client.force_login(world.local_admin)
    # session, user, access (2), members, fora + supports, roles, events + attendances,
    # results + credits, communications + named, introductions, page + approvals,
    # leadership roles, unread notifications
    with django_assert_max_num_queries(19):
        response = client.get(f"/visibility/partnership/{world.partnership.pk}/")
    assert response.status_code == 200
    assert len(response.context["results"]) == n


@pytest.mark.parametrize("n", [1, 12])
def test_the_public_profile_query_count_does_not_grow(
    client, world, django_assert_max_num_queries, n
):
    grow(world, n)
    open_page(world)
    profile = publish_profile(world.local_org)
    publish_profile(world.international_org)
    # profile, roles, results, credits with organisations and profiles, endorsements
    with django_assert_max_num_queries(5):
        response = client.get(profile.get_absolute_url())
    assert response.status_code == 200
    assert response.content.decode().count('class="card result"') == n
    with django_assert_max_num_queries(1):  # then from the cache
        assert client.get(profile.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("n", [1, 12])
def test_the_public_partnership_page_query_count_does_not_grow(
    client, world, django_assert_max_num_queries, n
):
    grow(world, n)
    page = open_page(world)
    with django_assert_max_num_queries(3):
        response = client.get(page.get_absolute_url())
    assert response.content.decode().count('class="card result"') == n


def test_the_visibility_page_shows_the_indicators_and_flags_speaking_for(client, world):
    grow(world, 4)
    client.force_login(world.local_viewer)
    body = client.get(f"/visibility/partnership/{world.partnership.pk}/").content.decode()
    # roles: chair in forums 1 and 3; events: the local partner attended 1 and 3 only
    assert 'id="indicator-leadership">2<' in body
    assert "Local partners: <strong>2</strong>" in body
    assert "2 events where others spoke for the local partner, not with it" in body
    assert body.count("Speaking for, not with") == 2
    assert 'id="indicator-credit-share">50.0%<' in body
    assert 'id="indicator-introductions">4<' in body and "Meeting: 4" in body
    assert "Share a result" not in body  # a viewer cannot


def test_the_partnership_page_shows_the_section_in_a_fixed_number_of_queries(client, world):
    client.force_login(world.local_admin)
    url = world.partnership.get_absolute_url()

    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        return len(captured), response.content.decode()

    none, body = queries()
    assert 'id="visibility-section"' in body and "0 events logged" in body
    grow(world, 3)
    open_page(world)
    few, body = queries()
    assert "Results: 3 published of 3" in body and "Public results page" in body
    grow(world, 10)
    many, _body = queries()
    assert none == few == many


def test_the_capability_statement_renders_arabic_and_only_public_content(client, world):
    from .test_consent import pdf_text

    open_page(world)
    publish_profile(world.local_org, mission="نعمل مع الشباب في كيسومو")
    approve_all(world, make_result(world, title="Youth proposals adopted"))
    make_result(world, title="Draft not approved")
    client.force_login(world.local_staff)
    response = client.get(f"/visibility/organisations/{world.local_org.pk}/capability.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Youth proposals adopted" in text and "Draft not approved" not in text
    assert "الشباب" in text


def test_the_forms_render_for_an_editor(client, world):
    link = PartnershipForum.objects.create(
        partnership=world.partnership,
        local_aim="x",
        forum=Forum.objects.create(name="F", kind="network", level="local"),
    )
    result = make_result(world)
    client.force_login(world.local_admin)
    base = f"/visibility/partnership/{world.partnership.pk}/"
    for tail in (
        "fora/new/",
        f"fora/{link.pk}/support/",
        "events/new/",
        "communications/new/",
        "introductions/new/",
        "endorsements/new/",
        "public-page/",
        "results/new/",
        f"results/{result.pk}/",
        f"results/{result.pk}/edit/",
    ):
        assert client.get(base + tail).status_code == 200, tail
    assert client.get(f"/visibility/organisations/{world.local_org.pk}/").status_code == 200


def test_user_text_in_the_pdf_gets_the_direction_of_its_first_strong_letter():
    from visibility.templatetags.visibility_tags import text_dir

    assert text_dir("1,200 young people") == "ltr"
    assert text_dir("1,200 شاب") == "rtl"
    assert text_dir("") == "ltr"
