"""The extended access matrix: every feedback URL, every kind of user, and the seal on
sensitive cases (focal points only; a case about organisation A is not shown first to A)."""

import pytest
from django.urls import reverse

from feedback.models import Case, SensitiveAccess
from feedback.services import cases as services

from . import access_cases
from .conftest import submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def users(fb):
    return {
        "viewer": fb.local_viewer,
        "staff": fb.local_staff,
        "org admin": fb.local_admin,
        "other org admin": fb.international_admin,
        "local focal point": fb.local_focal,
        "international focal point": fb.international_focal,
        "superuser": fb.superuser,
        "outsider": fb.outsider,
    }


def _get(client, user, url):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.get(url).status_code


def test_every_feedback_url_by_every_user(client, fb, users):
    cases = access_cases.cases(fb.world)
    sensitive_url = next(c.url for c in cases if c.name == "feedback:case" and not c.member_ok)
    failures = []
    for case in cases:
        if case.method != "get":
            continue
        for label, user in [("anonymous", None), *users.items()]:
            status = _get(client, user, case.url)
            if case.public:
                expected = {200}
            elif user is None:
                expected = {302}
            elif label in {"outsider", "superuser"}:
                expected = {404}  # not a member: a superuser gets no way in through the app
            elif case.edit and label in {"viewer", "international focal point"}:
                expected = {403}  # both are viewers in their organisation
            elif case.url == sensitive_url:
                expected = {200} if "focal point" in label else {404}
            else:
                expected = {200}
            if status not in expected:
                failures.append((label, case.url, status))
    assert not failures


def test_a_viewer_reads_but_cannot_handle(client, fb):
    case, _ = submit(fb)
    client.force_login(fb.local_viewer)
    assert client.get(case.get_absolute_url()).status_code == 200
    response = client.post(
        reverse("feedback:case_action", args=[case.pk]),
        {"action": "move", "status": "acknowledged"},
    )
    assert response.status_code == 403
    assert Case.objects.get(pk=case.pk).status == Case.Status.NEW


def test_a_sensitive_case_about_an_organisation_goes_first_to_the_others(client, fb, users):
    case, _ = submit(
        fb,
        kind=Case.Kind.SENSITIVE,
        sensitive_category="sea",
        concerns_organisation_id=fb.local_org.pk,
        text="About a local driver.",
    )
    url = case.get_absolute_url()
    seen = {label: _get(client, user, url) for label, user in users.items()}
    assert seen == {label: 200 if label == "international focal point" else 404 for label in users}
    # The international focal point handles it although a viewer there: safeguarding role.
    client.force_login(fb.international_focal)
    response = client.post(
        reverse("feedback:case_action", args=[case.pk]),
        {"action": "move", "status": "acknowledged"},
    )
    assert response.status_code == 302
    client.post(reverse("feedback:case_action", args=[case.pk]), {"action": "share"})
    assert _get(client, fb.local_focal, url) == 200
    assert _get(client, fb.local_admin, url) == 404  # still focal points only


def test_the_concerned_organisation_cannot_share_it_with_itself(client, fb):
    case, _ = submit(
        fb,
        kind=Case.Kind.SENSITIVE,
        sensitive_category="fraud",
        concerns_organisation_id=fb.international_org.pk,
    )
    client.force_login(fb.international_focal)
    response = client.post(reverse("feedback:case_action", args=[case.pk]), {"action": "share"})
    assert response.status_code == 404
    assert Case.objects.get(pk=case.pk).shared_with_concerned_at is None


def test_lists_dashboards_and_exports_leave_sealed_cases_out(client, fb):
    ordinary, _ = submit(fb)
    sealed, _ = submit(fb, kind=Case.Kind.SENSITIVE, sensitive_category="safety")
    p = fb.partnership.pk
    for user, sees in (
        (fb.local_admin, False),
        (fb.local_staff, False),
        (fb.local_focal, True),
        (fb.international_focal, True),
    ):
        client.force_login(user)
        listing = client.get(reverse("feedback:cases", args=[p])).content.decode()
        export = client.get(reverse("feedback:export", args=[p])).content.decode()
        assert ordinary.reference in listing and ordinary.reference in export
        assert (sealed.reference in listing) is sees
        assert (sealed.reference in export) is sees
        assert "The water point is broken." not in export
    # Each view and export of the sensitive case is on record: who and when.
    client.force_login(fb.local_focal)
    client.get(sealed.get_absolute_url())
    log = list(SensitiveAccess.objects.filter(case=sealed).values_list("user_id", "action"))
    assert sorted(log) == sorted(
        [
            (fb.local_focal.pk, "export"),
            (fb.international_focal.pk, "export"),
            (fb.local_focal.pk, "view"),
        ]
    )


def test_superusers_see_metadata_only_in_django_admin(client, fb):
    case, _ = submit(
        fb,
        kind=Case.Kind.SENSITIVE,
        sensitive_category="sea",
        text="Sealed words here",
        contact="+254 788",
        contact_consent=True,
    )
    services.case_note(case_id=case.pk, text="Noted words", by=fb.local_focal)
    client.force_login(fb.superuser)
    for url in (
        reverse("admin:feedback_case_changelist"),
        reverse("admin:feedback_case_change", args=[case.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200
        body = response.content.decode()
        assert case.reference in body
        assert "Sealed words" not in body and "+254 788" not in body and "Noted" not in body
    # And admin cannot change a case's state around the app's rules.
    response = client.post(
        reverse("admin:feedback_case_change", args=[case.pk]), {"status": "closed"}
    )
    assert response.status_code == 403
    assert Case.objects.get(pk=case.pk).status == Case.Status.NEW


def test_the_public_pages_are_public_and_reveal_no_case(client, fb):
    case, _ = submit(fb)
    for name in ("form", "follow_up", "results"):
        response = client.get(reverse(f"feedback_public:{name}", args=[fb.channel.slug]))
        assert response.status_code == 200
        assert case.reference.encode() not in response.content
    fb.channel.results_public = False
    fb.channel.save()
    assert client.get(reverse("feedback_public:results", args=[fb.channel.slug])).status_code == 404
