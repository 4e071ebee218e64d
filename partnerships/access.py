"""The one way views reach partnership data.

Every object that belongs to a partnership is fetched through `partnerships_for(user)` or
`scoped(...)`, so a user who is not a member of one of the partnership's organisations gets a
404 (we do not reveal that the object exists) and a viewer who tries to change it gets a 403.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from .models import Membership, Organisation, Partnership, PartnershipMember
from .people import editing, memberships_in


def organisations_for(user) -> QuerySet[Organisation]:
    """Organisations the user belongs to."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user)


def partnerships_for(user) -> QuerySet[Partnership]:
    if not user.is_authenticated:
        return Partnership.objects.none()
    # Through the membership table alone: joining organisations as well made PostgreSQL plan
    # every page's scope query several times longer for the same rows.
    own = Membership.objects.filter(user=user).values("organisation_id")
    member_of = PartnershipMember.objects.filter(organisation_id__in=own)
    return Partnership.objects.filter(pk__in=member_of.values("partnership_id"))


def scoped(queryset: QuerySet, user, partnership_field: str = "partnership") -> QuerySet:
    """Restrict any partnership-owned queryset to the partnerships the user may see."""
    return queryset.filter(**{f"{partnership_field}__in": partnerships_for(user)})


def visible_organisations_for(user) -> QuerySet[Organisation]:
    """The user's organisations and those they work with in a partnership."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    partner_orgs = PartnershipMember.objects.filter(partnership__in=partnerships_for(user)).values(
        "organisation_id"
    )
    own_orgs = Membership.objects.filter(user=user).values("organisation_id")
    return Organisation.objects.filter(Q(pk__in=partner_orgs) | Q(pk__in=own_orgs))


@dataclass
class PartnershipAccess:
    """What one user may do in one partnership, worked out once per request."""

    partnership: Partnership
    memberships: list[Membership] = field(default_factory=list)

    @property
    def organisations(self) -> list[Organisation]:
        return [m.organisation for m in self.memberships]

    @property
    def organisation_ids(self) -> set[int]:
        return {m.organisation_id for m in self.memberships}

    @property
    def editable_organisations(self) -> list[Organisation]:
        """The member organisations this user edits for (the rule: partnerships.people)."""
        return editing(self.memberships)

    @property
    def can_edit(self) -> bool:
        return bool(self.editable_organisations)

    @property
    def is_admin(self) -> bool:
        return any(m.role == Membership.Role.ADMIN for m in self.memberships)

    def signatory_for(self) -> list[Organisation]:
        return [m.organisation for m in self.memberships if m.is_signatory]

    def require_edit(self) -> None:
        if not self.can_edit:
            raise PermissionDenied


def access_for(user, partnership_id, *, edit: bool = False) -> PartnershipAccess:
    """The partnership (404 if out of the user's scope) and the user's standing in it."""
    partnership = get_object_or_404(partnerships_for(user), pk=partnership_id)
    memberships = list(memberships_in(user, partnership))
    access = PartnershipAccess(partnership=partnership, memberships=memberships)
    if edit:
        access.require_edit()
    return access
