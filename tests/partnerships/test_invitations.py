import pytest
from django.core import mail
from django.urls import reverse

from partnerships.models import Invitation, Membership, User

pytestmark = pytest.mark.django_db


def _invite(client, world, email, role="staff"):
    return client.post(
        reverse("partnerships:organisation", args=[world.local_org.pk]),
        {"email": email, "role": role},
    )


def test_an_admin_invites_a_colleague_who_joins(client, world, django_capture_on_commit_callbacks):
    client.force_login(world.local_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(client, world, "New.Person@Example.org")
    assert response.status_code == 302
    invitation = Invitation.objects.get(email="new.person@example.org")
    assert len(mail.outbox) == 1
    assert invitation.get_accept_url() in mail.outbox[0].body
    assert world.local_org.name in mail.outbox[0].subject

    client.logout()
    response = client.post(
        invitation.get_accept_url(),
        {
            "full_name": "New Person",
            "password1": "a-long-unusual-passphrase",
            "password2": "a-long-unusual-passphrase",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="new.person@example.org")
    assert Membership.objects.get(user=user).organisation == world.local_org
    # The link works once.
    assert client.get(invitation.get_accept_url()).status_code == 410


def test_inviting_an_existing_member_is_refused(client, world, django_capture_on_commit_callbacks):
    client.force_login(world.local_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(client, world, world.local_staff.email.upper())
    assert response.status_code == 200
    assert "is already a member of" in response.content.decode()
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_only_an_admin_can_invite(client, world):
    client.force_login(world.local_staff)
    assert _invite(client, world, "someone@example.org").status_code == 403
    assert not Invitation.objects.exists()


def test_an_invitation_for_an_existing_account_needs_that_account(client, world):
    invitation = Invitation.objects.create(
        organisation=world.international_org, email=world.local_staff.email
    )
    client.force_login(world.local_viewer)
    response = client.get(invitation.get_accept_url())
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(world.local_staff)
    client.post(invitation.get_accept_url())
    assert Membership.objects.filter(
        user=world.local_staff, organisation=world.international_org
    ).exists()


def test_a_weak_password_is_refused(client, world):
    invitation = Invitation.objects.create(organisation=world.local_org, email="x@example.org")
    response = client.post(
        invitation.get_accept_url(),
        {
            "full_name": "X",
            "password1": "123",
            "password2": "123",
        },
    )
    assert response.status_code == 200
    assert not User.objects.filter(email="x@example.org").exists()
