"""Recording changes, and telling people about them in their own language."""

from django.utils.translation import override

from ..models import Membership, OrganisationEvent, PartnershipEvent
from ..notify import notify


def _name(user) -> str:
    return user.display_name if user is not None else ""


def organisation_event_record(*, organisation, action, actor, subject_name="", detail=""):
    return OrganisationEvent.objects.create(
        organisation=organisation,
        action=action,
        actor=actor,
        actor_name=_name(actor),
        subject_name=subject_name[:200],
        detail=detail[:500],
    )


def partnership_event_record(*, partnership, action, actor, organisation_name="", detail=""):
    return PartnershipEvent.objects.create(
        partnership=partnership,
        action=action,
        actor=actor,
        actor_name=_name(actor),
        organisation_name=organisation_name[:200],
        detail=detail[:2000],
    )


def admins_of(organisation_ids):
    return [
        m.user
        for m in Membership.objects.filter(
            organisation_id__in=list(organisation_ids),
            role=Membership.Role.ADMIN,
            user__is_active=True,
        ).select_related("user")
    ]


def tell(users, *, message, params, url="", partnership=None, email=True):
    """In-app and (by default) email, both rendered in each recipient's language by the
    shared `emails/reminder` template; `params` must be plain text values."""
    with override(None):
        msgid = str(message)
    notify(
        users,
        message=message,
        params=params,
        url=url,
        partnership=partnership,
        email_template="emails/reminder" if email else None,
        email_context={"message": msgid, "params": params},
    )
