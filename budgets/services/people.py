"""Who works for which organisation of a partnership (read-only), and telling them."""

from partnerships.models import Membership
from partnerships.notify import notify


def editable_organisations(user, partnership) -> list:
    """The member organisations the user edits for in this partnership."""
    return [
        m.organisation for m in Membership.objects.filter(
            user=user, role__in=Membership.EDITOR_ROLES,
            organisation__partnership_memberships__partnership=partnership,
        ).select_related("organisation")
    ]


def partnership_people(partnership, *, exclude_org_ids=(), only_org_ids=None,
                       editors_only=False) -> list:
    memberships = Membership.objects.filter(
        organisation__partnership_memberships__partnership=partnership, user__is_active=True,
    ).exclude(organisation_id__in=exclude_org_ids).select_related("user")
    if only_org_ids is not None:
        memberships = memberships.filter(organisation_id__in=only_org_ids)
    if editors_only:
        memberships = memberships.filter(role__in=Membership.EDITOR_ROLES)
    return [m.user for m in memberships]


def notify_budget_change(users, *, budget, message, params: dict, status: str, url: str) -> None:
    """In-app and email notice about a change request; `status` picks the email's wording."""
    notify(
        users, message=message, params=params, url=url, partnership=budget.partnership,
        email_template="emails/budget_change",
        email_context={"budget": budget.title, "partnership": budget.partnership.title,
                       "status": status, **{k: str(v) for k, v in params.items()}},
    )
