from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language

from ..models import Invitation, Membership
from ..queue import enqueue
from ..tasks import render_email, send_email


@transaction.atomic
def invite(form, invited_by) -> Invitation:
    """Save the invitation, then email it; the invitee has no account, so no language is
    known: the email goes out in the language the inviting admin is using."""
    invitation = form.save(commit=False)
    invitation.invited_by = invited_by
    invitation.save()
    context = {
        "organisation": invitation.organisation.name,
        "inviter": invited_by.display_name,
        "role": invitation.get_role_display(),
        "url": f"{settings.SITE_URL}{invitation.get_accept_url()}",
        "valid_days": settings.INVITATION_VALID_DAYS,
    }
    subject, text, html = render_email("emails/invitation", context, get_language() or "en")
    enqueue(send_email, [invitation.email], subject, text, html)
    return invitation


@transaction.atomic
def accept_invitation(invitation: Invitation, user) -> Membership:
    membership, _ = Membership.objects.get_or_create(
        user=user, organisation=invitation.organisation, defaults={"role": invitation.role}
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return membership


@transaction.atomic
def accept_invitation_as_new_user(invitation: Invitation, form):
    user = get_user_model().objects.create_user(
        email=invitation.email,
        password=form.cleaned_data["password1"],
        full_name=form.cleaned_data["full_name"],
        language=get_language() or "en",
    )
    accept_invitation(invitation, user)
    return user
