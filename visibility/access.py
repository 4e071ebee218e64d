"""Who may act for an organisation on its own visibility (profile, fora roles, approvals).

Partnership data goes through `partnerships.access.access_for`; this is the organisation-level
twin: 404 for users who are not in the organisation, 403 when their role is not enough.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404

from partnerships.models import Membership, Organisation


@dataclass
class OrganisationAccess:
    organisation: Organisation
    membership: Membership

    @property
    def can_edit(self) -> bool:
        return self.membership.can_edit

    @property
    def is_admin(self) -> bool:
        return self.membership.role == Membership.Role.ADMIN


def organisation_access(user, organisation_id, *, edit=False, admin=False) -> OrganisationAccess:
    if not user.is_authenticated:
        raise Http404
    membership = (
        Membership.objects.filter(user=user, organisation_id=organisation_id)
        .select_related("organisation")
        .first()
    )
    if membership is None:
        raise Http404
    access = OrganisationAccess(membership.organisation, membership)
    if (edit and not access.can_edit) or (admin and not access.is_admin):
        raise PermissionDenied
    return access


def admin_of(memberships, organisation_id) -> bool:
    """Whether one of the user's memberships (from PartnershipAccess) is admin of the org."""
    return any(
        m.organisation_id == organisation_id and m.role == Membership.Role.ADMIN
        for m in memberships
    )


def editor_of(memberships, organisation_id) -> bool:
    return any(m.organisation_id == organisation_id and m.can_edit for m in memberships)
