from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ..emails import queue_email
from ..models import Invitation, Membership, Organisation, User


class InvitationClosed(ValidationError):
    """The invitation was used (perhaps a moment ago, by a parallel click) or has expired."""


@transaction.atomic
def invitation_create(
    *, organisation: Organisation, email: str, role: str, invited_by: User
) -> Invitation:
    """Save the invitation and queue its email; the invitee has no account, so no language is
    known: the email goes out in the language the inviting admin is using."""
    invitation = Invitation.objects.create(
        organisation=organisation, email=email, role=role, invited_by=invited_by
    )
    context = {
        "organisation": organisation.name,
        "inviter": invited_by.display_name,
        "role": invitation.get_role_display(),
        "url": f"{settings.SITE_URL}{invitation.get_accept_url()}",
        "valid_days": settings.INVITATION_VALID_DAYS,
    }
    queue_email(
        to=invitation.email,
        language=get_language() or "en",
        template="emails/invitation",
        context=context,
    )
    return invitation


def _open_invitation(invitation_id: int) -> Invitation:
    """The invitation, locked: parallel accepts wait here, and all but the first find it
    closed."""
    invitation = (
        Invitation.objects.select_for_update().select_related("organisation").get(pk=invitation_id)
    )
    if not invitation.is_open:
        raise InvitationClosed(_("This invitation was already used or has expired."))
    return invitation


@transaction.atomic
def invitation_accept(*, invitation_id: int, user: User) -> Membership:
    invitation = _open_invitation(invitation_id)
    membership, _created = Membership.objects.get_or_create(
        user=user, organisation=invitation.organisation, defaults={"role": invitation.role}
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return membership


@transaction.atomic
def invitation_accept_as_new_user(
    *, invitation_id: int, full_name: str, password: str, language: str
) -> User:
    invitation = _open_invitation(invitation_id)
    if User.objects.filter(email=invitation.email).exists():
        raise InvitationClosed(_("This invitation was already used or has expired."))
    user = User.objects.create_user(
        email=invitation.email, password=password, full_name=full_name, language=language
    )
    invitation_accept(invitation_id=invitation.pk, user=user)
    return user
